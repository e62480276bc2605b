// /requests: signature releases and private patches by stage (one lane per type, one
// column per stage), filters by customer and type, creating a request and advancing one.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestType } from '../../../shared/model/entities';
import { useCustomers, useReplica, useRequests } from '../../replica';
import { customerName, Loading, NoReplica, useLocale } from '../../ui/common';
import { REQUEST_TYPES, requestBoard } from './model';
import { NewRequestForm } from './NewRequestForm';
import { RequestCard } from './RequestCard';

export function RequestsPage() {
  const { t } = useTranslation(['requests', 'glossary']);
  const locale = useLocale();
  const db = useReplica();
  const customers = useCustomers();
  const requests = useRequests();
  const [customerId, setCustomerId] = useState('');
  const [type, setType] = useState<RequestType | ''>('');
  const [creating, setCreating] = useState(false);
  const ids = { customer: useId(), type: useId() };
  const board = useMemo(
    () => requestBoard(requests ?? [], { ...(customerId ? { customerId } : {}), ...(type ? { type } : {}) }),
    [requests, customerId, type],
  );
  const byId = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);

  if (!db) return <NoReplica titleId="requests-title" title={t('title')} />;
  return (
    <section aria-labelledby="requests-title" className="ws-page">
      <h2 id="requests-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="ws-row ws-filters" role="group" aria-label={t('filters')}>
        <div className="ws-field">
          <label htmlFor={ids.customer}>{t('filterCustomer')}</label>
          <select id={ids.customer} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
            <option value="">{t('allCustomers')}</option>
            {(customers ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {customerName(c, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.type}>{t('filterType')}</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as RequestType | '')}>
            <option value="">{t('allTypes')}</option>
            {REQUEST_TYPES.map((rt) => (
              <option key={rt} value={rt}>
                {t(`glossary:requestType.${rt}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button
        type="button"
        aria-expanded={creating}
        onClick={() => setCreating((v) => !v)}
        data-testid="toggle-new-request"
      >
        {creating ? t('create.hide') : t('create.open')}
      </button>
      {creating && customers && <NewRequestForm customers={customers} headingLevel={3} />}
      {requests === undefined ? (
        <Loading />
      ) : (
        board.map((lane) => (
          <section key={lane.type} aria-labelledby={`lane-${lane.type}`} className="ws-lane">
            <h3 id={`lane-${lane.type}`}>
              {t(`glossary:requestType.${lane.type}`)} <span className="muted">({lane.total})</span>
            </h3>
            <div className="ws-board" data-testid={`board-${lane.type}`}>
              {lane.columns.map((col) => (
                <section
                  key={col.stage}
                  aria-labelledby={`col-${lane.type}-${col.stage}`}
                  className="ws-column"
                >
                  <h4 id={`col-${lane.type}-${col.stage}`}>
                    {t(`glossary:requestStage.${col.stage}`)}{' '}
                    <span className="muted">({col.requests.length})</span>
                  </h4>
                  {col.requests.length === 0 ? (
                    <p className="muted">{t('emptyStage')}</p>
                  ) : (
                    col.requests.map((r) => (
                      <RequestCard key={r.id} request={r} customer={byId.get(r.customerId)} showCustomer />
                    ))
                  )}
                </section>
              ))}
            </div>
          </section>
        ))
      )}
    </section>
  );
}
