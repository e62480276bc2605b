// A minimal incident view: facts, the timeline (downloaded on demand when the replica holds
// only part of it) and an "add note" form.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IncidentStatus } from '../../../shared/model/entities';
import { INCIDENT_TRANSITIONS } from '../../../shared/mutations';
import { newId } from '../../../shared/sync/ids';
import { rowKey } from '../../replica/db';
import { mutate, useCustomer, useIncident, usePendingRowKeys, useReplica, useTimeline } from '../../replica/hooks';
import { formatDateTime } from '../../session/format';
import '../sync/sync.css';
import { BASIC_PATH } from './paths';

export function IncidentDetailPage() {
  const { t, i18n } = useTranslation('incidentsBasic');
  const { incidentId } = useParams();
  const db = useReplica();
  const incident = useIncident(incidentId);
  const customer = useCustomer(incident?.customerId);
  const { events, complete } = useTimeline(incident ? incidentId : undefined);
  const pendingRows = usePendingRowKeys();

  if (!db) return <p>{t('signInFirst')}</p>;
  if (incident === undefined) {
    return (
      <section>
        <p>{t('detail.notFound')}</p>
        <Link to={BASIC_PATH}>{t('detail.back')}</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="incident-title">
      <p>
        <Link to={BASIC_PATH}>{t('detail.back')}</Link>
      </p>
      <h2 id="incident-title">{incident.title}</h2>
      <dl>
        <dt>{t('detail.customer')}</dt>
        <dd>{customer ? (i18n.language === 'ja' ? customer.nameJa : customer.nameLatin) : ''}</dd>
        <dt>{t('status.label')}</dt>
        <dd data-testid="incident-status">{t(`status.${incident.status}`)}</dd>
        <dt>{t('severity.label')}</dt>
        <dd>{t(`severity.${incident.severity}`)}</dd>
        <dt>{t('channel.label')}</dt>
        <dd>{t(`channel.${incident.channel}`)}</dd>
      </dl>
      {incident.description && <p>{incident.description}</p>}
      <h3>{t('detail.timeline')}</h3>
      {complete === false && <p className="muted">{t('detail.partial')}</p>}
      {events === undefined ? (
        <p>{t('loading')}</p>
      ) : events.length === 0 ? (
        <p>{t('detail.noEvents')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((e) => (
            <li key={e.id} data-testid="timeline-event">
              <strong>{t(`kind.${e.kind}`)}</strong> <span className="muted">{formatDateTime(e.at, i18n.language)}</span>
              {pendingRows?.has(rowKey('timelineEvent', e.id)) && <span className="badge pending">{t('unsynced')}</span>}
              {e.body && <div>{e.body}</div>}
            </li>
          ))}
        </ol>
      )}
      <StatusForm incidentId={incident.id} status={incident.status} />
      <AddNoteForm incidentId={incident.id} />
    </section>
  );
}

function AddNoteForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation('incidentsBasic');
  const id = useId();
  const [body, setBody] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await mutate('timeline.append', {
      id: newId(),
      incidentId,
      kind: 'note',
      at: new Date().toISOString(),
      body,
      visibility: 'internal',
    });
    if (result.ok) {
      setBody('');
      setMessage({ ok: true, text: t('note.added') });
    } else setMessage({ ok: false, text: t('error', { message: result.error.message }) });
  };

  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)} aria-labelledby="add-note-title">
      <h3 id="add-note-title">{t('note.title')}</h3>
      <div className="field">
        <label htmlFor={id}>{t('note.body')}</label>
        <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={3} required />
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'form-ok' : 'form-error'}>
          {message.text}
        </p>
      )}
      <button type="submit">{t('note.submit')}</button>
    </form>
  );
}

function StatusForm({ incidentId, status }: { incidentId: string; status: IncidentStatus }) {
  const { t } = useTranslation('incidentsBasic');
  const id = useId();
  const options = INCIDENT_TRANSITIONS[status];
  const [to, setTo] = useState<IncidentStatus | ''>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = to && options.includes(to) ? to : (options[0] ?? '');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    // `from` is the status the user saw: a change made meanwhile elsewhere makes the server refuse it.
    const result = await mutate('incident.setStatus', { incidentId, from: status, to: chosen, eventId: newId() });
    if (result.ok) {
      setTo('');
      setMessage({ ok: true, text: t('detail.statusChanged') });
    } else setMessage({ ok: false, text: t('error', { message: result.error.message }) });
  };

  if (options.length === 0) return null;
  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)}>
      <div className="field">
        <label htmlFor={id}>{t('detail.newStatus')}</label>
        <select id={id} value={chosen} onChange={(e) => setTo(e.target.value as IncidentStatus)}>
          {options.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'form-ok' : 'form-error'}>
          {message.text}
        </p>
      )}
      <button type="submit">{t('detail.setStatus')}</button>
    </form>
  );
}
