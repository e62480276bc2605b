// /customers/:id: one customer account: contract, business calendar, contacts, deployed
// products with their support status, incidents, requests, health checks and a timeline
// across everything.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Customer, Incident } from '../../../shared/model/entities';
import { contractYearOf } from '../../../shared/sla';
import { mergeCustomerTimeline } from '../../../shared/customers/timeline';
import { isOpenIncident } from '../../../shared/incidents/open';
import { policyOfCustomer } from '../../../shared/sla/policy';
import { localToday } from '../../../shared/products/support';
import { formatDateTime, formatLocalDate, formatZone, userTimeZone } from '../../format/datetime';
import {
  useContacts,
  useCustomer,
  useDeployedProducts,
  useHealthChecks,
  useIncidentsByCustomer,
  useReplica,
  useReplicaQuery,
  useReportLog,
  useRequests,
  useUsers,
} from '../../replica';
import { HealthCheckSection } from '../health-checks';
import { CustomerAdminBar, CalendarEditor, ContactsEditor, ProductsEditor } from '../admin';
import { CustomerRequests } from '../requests';
import { calendarView } from './calendar-view';
import { customerName, Loading, NoReplica, otherName, useLocale, useMinuteNow } from '../../ui/common';
import { CustomerTimeline } from './CustomerTimeline';
import { timelineEventsOfCustomer } from './queries';

const SECTIONS = [
  'contract',
  'calendar',
  'contacts',
  'products',
  'incidents',
  'requests',
  'healthChecks',
  'timeline',
] as const;

export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['customers', 'glossary']);
  const db = useReplica();
  const customer = useCustomer(id);
  const locale = useLocale();

  if (!db) return <NoReplica titleId="customer-title" title={t('list.title')} />;
  if (customer === undefined) {
    // Loading, or not in this replica: tell which once the lookup has settled.
    return <CustomerMissing id={id} />;
  }
  return (
    <article aria-labelledby="customer-title" className="ws-page" data-testid="customer-page">
      <p className="ws-breadcrumb">
        <Link to="/customers">{t('list.title')}</Link>
      </p>
      <h2 id="customer-title">
        {customerName(customer, locale)}{' '}
        <span className="ws-subtitle" lang={locale === 'ja' ? 'en' : 'ja'}>
          {otherName(customer, locale)}
        </span>
      </h2>
      <p>
        <span
          className={customer.contractTier === 'msa_enterprise' ? 'ws-badge ws-badge-accent' : 'ws-badge'}
        >
          {t(`glossary:tier.${customer.contractTier}`)}
        </span>
      </p>
      <CustomerAdminBar customer={customer} />
      <nav aria-label={t('page.sectionsNav')} className="ws-toc">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a
                href={`#customer-${s}`}
                onClick={(e) => {
                  // Hash routing owns the URL fragment: scroll and focus the section instead.
                  e.preventDefault();
                  const el = document.getElementById(`customer-${s}`);
                  el?.scrollIntoView({ block: 'start' });
                  el?.focus();
                }}
              >
                {t(`page.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ContractSection customer={customer} />
      <CalendarSection customer={customer} />
      <ContactsSection customer={customer} />
      <ProductsSection customer={customer} />
      <IncidentsSection customer={customer} />
      <Section id="requests" title={t('page.requests')}>
        <CustomerRequests customer={customer} />
      </Section>
      <Section id="healthChecks" title={t('page.healthChecks')}>
        <HealthCheckSection customer={customer} headingLevel={4} />
      </Section>
      <TimelineSection customer={customer} />
    </article>
  );
}

function CustomerMissing({ id }: { id: string }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const known = useReplicaQuery(
    (db) => db.customers.get(id).then((c) => (c && !c.deleted ? 'yes' : 'no')),
    [id],
  );
  if (known === undefined || known === 'yes') return <Loading />;
  return (
    <section aria-labelledby="customer-title" className="ws-page">
      <h2 id="customer-title">{t('page.notFound')}</h2>
      <p>{t('page.notFoundHint')}</p>
      <Link to="/customers">{t('page.backToList')}</Link>
    </section>
  );
}

function Section({
  id,
  title,
  children,
}: {
  id: (typeof SECTIONS)[number];
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section
      id={`customer-${id}`}
      aria-labelledby={`customer-${id}-title`}
      className="ws-section"
      tabIndex={-1}
    >
      <h3 id={`customer-${id}-title`}>{title}</h3>
      {children}
    </section>
  );
}

function ContractSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const locale = useLocale();
  const users = useUsers();
  const now = useMinuteNow();
  const nameOf = (id: string | null) =>
    id === null ? t('contract.none') : (users?.find((u) => u.id === id)?.name ?? t('contract.unknownUser'));
  const today = localToday(new Date(now), customer.calendar.timeZone);
  const year = contractYearOf(customer.contractStart, today);
  const policy = policyOfCustomer(customer);
  return (
    <Section id="contract" title={t('page.contract')}>
      <dl className="ws-dl">
        <dt>{t('contract.tier')}</dt>
        <dd>{t(`glossary:tier.${customer.contractTier}`)}</dd>
        <dt>{t('contract.policy')}</dt>
        <dd>
          {policy.id === customer.supportPolicyId
            ? t(`policy.${policy.id === 'standard' ? 'standard' : 'msaEnterprise'}`)
            : customer.supportPolicyId}
        </dd>
        <dt>{t('contract.period')}</dt>
        <dd>
          {t('contract.range', {
            start: formatLocalDate(customer.contractStart, locale),
            end: formatLocalDate(customer.contractEnd, locale),
          })}
        </dd>
        <dt>{t('contract.year')}</dt>
        <dd>{year > 0 ? t('contract.yearN', { n: year }) : t('contract.notStarted')}</dd>
        <dt>{t('contract.tam')}</dt>
        <dd>{nameOf(customer.tamId)}</dd>
        <dt>{t('contract.backupTam')}</dt>
        <dd>{nameOf(customer.backupTamId)}</dd>
        <dt>{t('contract.team')}</dt>
        <dd>{customer.team}</dd>
      </dl>
    </Section>
  );
}

function CalendarSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const locale = useLocale();
  const now = useMinuteNow();
  const view = useMemo(() => calendarView(customer.calendar, now, locale), [customer.calendar, now, locale]);
  const nowIso = new Date(now).toISOString();
  return (
    <Section id="calendar" title={t('page.calendar')}>
      <dl className="ws-dl">
        <dt>{t('calendar.zone')}</dt>
        <dd>
          <span title={view.timeZone}>{formatZone(view.timeZone, nowIso, locale)}</span>
        </dd>
        <dt>{t('calendar.myZone')}</dt>
        <dd>{formatZone(userTimeZone(), nowIso, locale)}</dd>
        <dt>{t('calendar.country')}</dt>
        <dd>{view.region ? `${view.country} / ${view.region}` : view.country}</dd>
        <dt>{t('calendar.localNow')}</dt>
        <dd>{formatDateTime(nowIso, view.timeZone, locale)}</dd>
      </dl>
      <div className="ws-columns">
        <table className="ws-table ws-compact">
          <caption>{view.defaultWeek ? t('calendar.hoursDefault') : t('calendar.hours')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.day')}</th>
              <th scope="col">{t('calendar.open')}</th>
            </tr>
          </thead>
          <tbody>
            {view.weekly.map((d) => (
              <tr key={d.day}>
                <th scope="row">{t(`weekday.${d.day}`)}</th>
                <td>
                  {d.windows.length === 0
                    ? t('calendar.closed')
                    : d.windows.map((w) => `${w.start}–${w.end}`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h4 id="customer-holidays">{t('calendar.holidays', { year: view.year })}</h4>
          {view.holidays.length === 0 ? (
            <p className="muted">{t('calendar.noHolidays')}</p>
          ) : (
            <ul className="ws-date-list" aria-labelledby="customer-holidays" data-testid="customer-holidays">
              {view.holidays.map((d) => (
                <li key={d}>
                  <time dateTime={d}>{formatLocalDate(d, locale)}</time>
                  {view.holidayNames[d] !== undefined && (
                    <span className="muted"> {view.holidayNames[d]}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4 id="customer-closures">{t('calendar.closures')}</h4>
          {view.closures.length === 0 ? (
            <p className="muted">{t('calendar.noClosures')}</p>
          ) : (
            <ul className="ws-date-list" aria-labelledby="customer-closures">
              {view.closures.map((d) => (
                <li key={d}>
                  <time dateTime={d}>{formatLocalDate(d, locale)}</time>
                </li>
              ))}
            </ul>
          )}
          {(customer.calendar.yearlyClosures ?? []).length > 0 && (
            <ul
              className="ws-date-list"
              aria-label={t('calendar.closures')}
              data-testid="customer-yearly-closures"
            >
              {(customer.calendar.yearlyClosures ?? []).map((y) => (
                <li key={`${y.from}-${y.to}`}>{y.from === y.to ? y.from : `${y.from} – ${y.to}`} ↻</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <CalendarEditor customer={customer} />
    </Section>
  );
}

function ContactsSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const contacts = useContacts(customer.id);
  return (
    <Section id="contacts" title={t('page.contacts')}>
      {contacts === undefined ? <Loading /> : <ContactsEditor customer={customer} contacts={contacts} />}
    </Section>
  );
}

function ProductsSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const products = useDeployedProducts(customer.id);
  const now = useMinuteNow();
  const today = localToday(new Date(now), customer.calendar.timeZone);
  return (
    <Section id="products" title={t('page.products')}>
      {products === undefined ? (
        <Loading />
      ) : (
        <ProductsEditor customer={customer} products={products} today={today} />
      )}
    </Section>
  );
}

function IncidentsSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const locale = useLocale();
  const incidents = useIncidentsByCustomer(customer.id);
  return (
    <Section id="incidents" title={t('page.incidents')}>
      {incidents === undefined ? (
        <Loading />
      ) : incidents.length === 0 ? (
        <p className="muted">{t('incidents.none')}</p>
      ) : (
        <table className="ws-table" data-testid="customer-incidents">
          <thead>
            <tr>
              <th scope="col">{t('incidents.title')}</th>
              <th scope="col">{t('incidents.severity')}</th>
              <th scope="col">{t('incidents.status')}</th>
              <th scope="col">{t('incidents.received')}</th>
              <th scope="col">{t('incidents.dailyReport')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i: Incident) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                </th>
                <td>
                  <span className={`ws-badge ws-sev-${i.severity}`}>
                    {t(`glossary:severityLevel.${i.severity}`)}
                  </span>
                </td>
                <td>{t(`glossary:status.${i.status}`)}</td>
                <td>{formatDateTime(i.receivedAt, customer.calendar.timeZone, locale)}</td>
                <td>
                  {i.severity === 1 && isOpenIncident(i) ? (
                    <Link
                      to={`/reports/daily/${i.id}`}
                      aria-label={t('incidents.dailyReportFor', { title: i.title })}
                    >
                      {t('incidents.writeDailyReport')}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function TimelineSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation(['customers', 'glossary']);
  const incidents = useIncidentsByCustomer(customer.id);
  const events = useReplicaQuery((db) => timelineEventsOfCustomer(db, customer.id), [customer.id]);
  const requests = useRequests({ customerId: customer.id });
  const healthChecks = useHealthChecks({ customerId: customer.id });
  const reports = useReportLog({ customerId: customer.id });
  const loaded = incidents && events && requests && healthChecks && reports;
  const entries = useMemo(
    () =>
      loaded
        ? mergeCustomerTimeline({
            incidents,
            events,
            requests,
            healthChecks,
            reports,
            timeZone: customer.calendar.timeZone,
          })
        : [],
    [loaded, incidents, events, requests, healthChecks, reports, customer.calendar.timeZone],
  );
  return (
    <Section id="timeline" title={t('page.timeline')}>
      {loaded ? <CustomerTimeline entries={entries} timeZone={customer.calendar.timeZone} /> : <Loading />}
    </Section>
  );
}
