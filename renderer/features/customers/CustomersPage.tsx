// /customers: the customers in the user's scope, searchable by Japanese or Latin name.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchCustomers } from '../../../shared/customers/search';
import { formatLocalDate, formatZone } from '../../format/datetime';
import { useAllCustomers, useCustomers, useReplica } from '../../replica';
import { CustomersAdminLinks } from '../admin';
import { customerName, Loading, NoReplica, otherName, useLocale } from '../../ui/common';

export function CustomersPage() {
  const { t } = useTranslation(['customers', 'glossary']);
  const locale = useLocale();
  const db = useReplica();
  const [showArchived, setShowArchived] = useState(false);
  const active = useCustomers();
  const all = useAllCustomers();
  const customers = showArchived ? all : active;
  const [query, setQuery] = useState('');
  const searchId = useId();
  const hintId = useId();
  const found = useMemo(() => searchCustomers(customers ?? [], query), [customers, query]);

  if (!db) return <NoReplica titleId="customers-title" title={t('list.title')} />;
  return (
    <section aria-labelledby="customers-title" className="ws-page">
      <h2 id="customers-title">{t('list.title')}</h2>
      <CustomersAdminLinks showArchived={showArchived} onShowArchived={setShowArchived} />
      <div className="ws-field ws-search">
        <label htmlFor={searchId}>{t('list.search')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
          data-testid="customer-search"
        />
        <span id={hintId} className="muted">
          {t('list.searchHint')}
        </span>
      </div>
      {customers === undefined ? (
        <Loading />
      ) : (
        <>
          <p role="status" className="muted" data-testid="customer-count">
            {query.trim() ? t('list.found', { n: found.length }) : t('list.total', { n: customers.length })}
          </p>
          {found.length > 0 && (
            <table className="ws-table" data-testid="customer-list">
              <caption className="visually-hidden">{t('list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.name')}</th>
                  <th scope="col">{t('list.otherName')}</th>
                  <th scope="col">{t('list.tier')}</th>
                  <th scope="col">{t('list.contractEnd')}</th>
                  <th scope="col">{t('list.zone')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/customers/${c.id}`}>{customerName(c, locale)}</Link>
                    </th>
                    <td lang={locale === 'ja' ? 'en' : 'ja'}>{otherName(c, locale)}</td>
                    <td>
                      <span
                        className={
                          c.contractTier === 'msa_enterprise' ? 'ws-badge ws-badge-accent' : 'ws-badge'
                        }
                      >
                        {t(`glossary:tier.${c.contractTier}`)}
                      </span>
                    </td>
                    <td>{formatLocalDate(c.contractEnd, locale)}</td>
                    <td title={c.calendar.timeZone}>{formatZone(c.calendar.timeZone, undefined, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
