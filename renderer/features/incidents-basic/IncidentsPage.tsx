// A minimal incident list and "new incident" form on the replica (to be replaced by the full
// TAM workspace views, which use the same queries and mutate()).
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChannelSchema, type Channel, type Severity } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { rowKey } from '../../replica/db';
import { mutate, useCustomers, useOpenIncidents, usePendingRowKeys, useReplica } from '../../replica/hooks';
import { formatDateTime } from '../../session/format';
import '../sync/sync.css';
import { BASIC_PATH } from './paths';

const SEVERITIES: Severity[] = [1, 2, 3, 4];

export function IncidentsPage() {
  const { t, i18n } = useTranslation('incidentsBasic');
  const db = useReplica();
  const incidents = useOpenIncidents(200);
  const customers = useCustomers();
  const pendingRows = usePendingRowKeys();
  if (!db) {
    return (
      <section aria-labelledby="incidents-title">
        <h2 id="incidents-title">{t('title')}</h2>
        <p>{t('signInFirst')}</p>
      </section>
    );
  }
  const nameOf = new Map((customers ?? []).map((c) => [c.id, i18n.language === 'ja' ? c.nameJa : c.nameLatin]));
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">{t('title')}</h2>
      <NewIncidentForm />
      <h3>{t('openList')}</h3>
      {incidents === undefined ? (
        <p>{t('loading')}</p>
      ) : incidents.length === 0 ? (
        <p>{t('noOpen')}</p>
      ) : (
        <ul className="incident-list" data-testid="incident-list">
          {incidents.map((incident) => (
            <li key={incident.id} data-testid="incident-row">
              <Link to={`${BASIC_PATH}/${incident.id}`}>{incident.title}</Link>
              <span className="badge">{t(`severity.${incident.severity}`)}</span>
              <span className="badge">{t(`status.${incident.status}`)}</span>
              {pendingRows?.has(rowKey('incident', incident.id)) && <span className="badge pending">{t('unsynced')}</span>}
              <div className="muted">
                {nameOf.get(incident.customerId) ?? ''} · {t('received', { time: formatDateTime(incident.receivedAt, i18n.language) })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NewIncidentForm() {
  const { t, i18n } = useTranslation('incidentsBasic');
  const customers = useCustomers();
  const ids = { customer: useId(), title: useId(), severity: useId(), channel: useId(), description: useId() };
  const [customerId, setCustomerId] = useState('');
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>(3);
  const [channel, setChannel] = useState<Channel>('phone');
  const [description, setDescription] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const chosen = customerId || customers?.[0]?.id || '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await mutate('incident.create', {
      id: newId(),
      customerId: chosen,
      title,
      severity,
      channel,
      receivedAt: new Date().toISOString(),
      ...(description.trim() ? { description } : {}),
    });
    if (result.ok) {
      setMessage({ ok: true, text: t('create.created', { title: title.trim() }) });
      setTitle('');
      setDescription('');
    } else {
      // The input stays as typed: nothing is lost.
      setMessage({ ok: false, text: t('error', { message: result.error.message }) });
    }
  };

  return (
    <form className="panel" onSubmit={(e) => void onSubmit(e)} aria-labelledby="new-incident-title">
      <h3 id="new-incident-title">{t('create.title')}</h3>
      {customers && customers.length === 0 ? (
        <p>{t('create.noCustomers')}</p>
      ) : (
        <div className="field">
          <label htmlFor={ids.customer}>{t('create.customer')}</label>
          <select id={ids.customer} value={chosen} onChange={(e) => setCustomerId(e.target.value)} required>
            {(customers ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {i18n.language === 'ja' ? c.nameJa : c.nameLatin}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.title}>{t('create.incidentTitle')}</label>
        <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      </div>
      <div className="field">
        <label htmlFor={ids.severity}>{t('severity.label')}</label>
        <select id={ids.severity} value={severity} onChange={(e) => setSeverity(Number(e.target.value) as Severity)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.channel}>{t('channel.label')}</label>
        <select id={ids.channel} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {ChannelSchema.options.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('create.description')}</label>
        <textarea id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'form-ok' : 'form-error'} data-testid="incident-form-message">
          {message.text}
        </p>
      )}
      <button type="submit" disabled={!chosen}>
        {t('create.submit')}
      </button>
    </form>
  );
}
