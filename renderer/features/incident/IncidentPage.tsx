// The incident page (route /incidents/:id): SLA header, level and status with their history,
// the timeline, and adding to it.
import { IncidentAlerts } from '../alerts';
import { AttachmentsPanel } from '../attachments';
import { useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { dutyManagerAt } from '../../../shared/today/agenda';
import { useNowSelector } from '../../format/ticker';
import { useReplicaQuery, useTimeline } from '../../replica';
import * as q from '../../replica';
import { AddEventForm, type AddEventFormHandle } from './AddEventForm';
import { ChangeHistory, SeverityControl, StatusControl } from './Controls';
import { loadIncident, usersById } from './data';
import { customerName, useLocale } from '../../ui/common';
import { DualTime, SeverityBadge } from './parts';
import { SlaHeader } from './SlaHeader';
import { Timeline } from './Timeline';

const HOUR = 3_600_000;

export function IncidentPage() {
  const { id } = useParams();
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const data = useReplicaQuery((db) => (id ? loadIncident(db, id) : Promise.resolve(null)), [id]);
  const { events, complete } = useTimeline(id);
  const users = useReplicaQuery(usersById, []);
  // Who is on duty changes with the roster's shifts: re-read it once an hour, re-evaluate each minute.
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const hour = Math.floor(minute / 60);
  const roster = useReplicaQuery(
    (db) =>
      q.dutyRoster(db, {
        from: new Date(hour * HOUR - 24 * HOUR).toISOString(),
        to: new Date(hour * HOUR + 2 * HOUR).toISOString(),
      }),
    [hour],
  );
  const dutyId = useMemo(() => (roster ? dutyManagerAt(roster, minute * 60_000) : null), [roster, minute]);
  const dutyName = dutyId ? (users?.get(dutyId)?.name ?? null) : null;
  const formRef = useRef<AddEventFormHandle>(null);

  if (data === undefined) {
    return <p role="status">{t('page.loading')}</p>;
  }
  if (data === null || data.incident === null || data.customer === null) {
    return (
      <section aria-labelledby="area-title">
        <h2 id="area-title">{t('list.title')}</h2>
        <p>{t('page.notFound')}</p>
        <Link to="/incidents">{t('page.back')}</Link>
      </section>
    );
  }
  const { incident, customer } = data;
  const zone = customer.calendar.timeZone;

  return (
    <article
      className="ws-incident"
      aria-labelledby="area-title"
      data-testid="incident-page"
      data-incident-id={incident.id}
    >
      <p>
        <Link to="/incidents">← {t('page.back')}</Link>
      </p>
      <h2 id="area-title">{incident.title}</h2>
      <IncidentAlerts incidentId={incident.id} customer={customer} />
      <dl className="ws-facts ws-incident-facts">
        <div>
          <dt>{t('page.customer')}</dt>
          <dd>
            {customerName(customer, locale)}{' '}
            <span className="muted">({t(`glossary:tier.${customer.contractTier}`)})</span>
          </dd>
        </div>
        <div>
          <dt>{t('glossary:term.severity')}</dt>
          <dd data-testid="incident-severity">
            <SeverityBadge level={incident.severity} />
          </dd>
        </div>
        <div>
          <dt>{t('glossary:term.status')}</dt>
          <dd>{t(`glossary:status.${incident.status}`)}</dd>
        </div>
        <div>
          <dt>{t('glossary:term.channel')}</dt>
          <dd>{t(`glossary:channel.${incident.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('page.received')}</dt>
          <dd>
            <DualTime iso={incident.receivedAt} zone={zone} />
          </dd>
        </div>
        {data.pending && (
          <div>
            <dt className="ws-visually-hidden">{t('page.pending')}</dt>
            <dd>
              <span className="ws-badge">{t('page.pending')}</span>
            </dd>
          </div>
        )}
      </dl>
      {incident.description && (
        <section aria-label={t('page.description')}>
          <p className="ws-description">{incident.description}</p>
        </section>
      )}
      <SlaHeader
        incident={incident}
        customer={customer}
        dutyManagerName={dutyName}
        onEscalate={(state) =>
          formRef.current?.prefillEscalation(
            dutyName
              ? t('addEvent.escalationTemplate', { name: dutyName, state: t(`glossary:slaState.${state}`) })
              : t('addEvent.escalationTemplateNobody', { state: t(`glossary:slaState.${state}`) }),
          )
        }
      />
      <div className="ws-incident-grid">
        <div className="ws-incident-main">
          <AddEventForm ref={formRef} incident={incident} customer={customer} />
          <Timeline events={events} complete={complete} zone={zone} users={users} />
          <AttachmentsPanel target={{ customerId: incident.customerId, incidentId: incident.id }} />
        </div>
        <div className="ws-incident-side">
          <SeverityControl incident={incident} />
          <StatusControl incident={incident} />
          <ChangeHistory incident={incident} events={events} zone={zone} />
        </div>
      </div>
    </article>
  );
}
