// Level and status controls, and their history (from the timeline's system events).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentStatus, Severity, TimelineEvent } from '../../../shared/model/entities';
import { INCIDENT_TRANSITIONS } from '../../../shared/mutations';
import { mutate } from '../../replica';
import { newId } from '../../../shared/sync/ids';
import { formatDateTime } from '../../format/datetime';
import { useLocale } from '../../ui/common';
import { errorText } from '../../i18n/describe-error';
import { ErrorDetails } from '../../layout/ErrorDetails';

const LEVELS: readonly Severity[] = [1, 2, 3, 4];

type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; message: string; detail: string } | null;

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return outcome.kind === 'error' ? (
    <>
      <p className="ws-error-text" role="alert">
        {outcome.message}
      </p>
      <ErrorDetails message={outcome.detail} />
    </>
  ) : (
    <p className="ws-ok-text" role="status">
      {outcome.message}
    </p>
  );
}

export function SeverityControl({ incident }: { incident: Incident }) {
  const { t } = useTranslation(['incident', 'glossary']);
  const id = useId();
  const options = LEVELS.filter((l) => l !== incident.severity);
  const [level, setLevel] = useState<Severity | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const closed = incident.status === 'closed';
  const chosen = level !== '' && level !== incident.severity ? level : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (chosen === null) return;
    setBusy(true);
    const result = await mutate('incident.setSeverity', {
      incidentId: incident.id,
      severity: chosen,
      eventId: newId(),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({
        kind: 'ok',
        message: t('severityControl.done', {
          level: `${t('glossary:levelShort', { level: chosen })} ${t(`glossary:severity.${chosen}`)}`,
        }),
      });
      setLevel('');
      setReason('');
    } else setOutcome({ kind: 'error', message: errorText(result.error), detail: result.error.message });
  }

  return (
    <form className="ws-panel ws-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('severityControl.title')}</h3>
      <p className="muted ws-small">
        {closed
          ? t('severityControl.closedNote')
          : incident.firstResponseAt
            ? t('severityControl.settledNote')
            : t('severityControl.recomputeNote')}
      </p>
      <div className="ws-field">
        <label htmlFor={`${id}-level`}>{t('severityControl.newLevel')}</label>
        <select
          id={`${id}-level`}
          data-testid="severity-select"
          value={level}
          disabled={closed}
          onChange={(e) => setLevel(e.target.value === '' ? '' : (Number(e.target.value) as Severity))}
        >
          <option value="">—</option>
          {options.map((l) => (
            <option key={l} value={l}>
              {t('glossary:levelShort', { level: l })} {t(`glossary:severity.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-field">
        <label htmlFor={`${id}-reason`}>{t('severityControl.reason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          disabled={closed}
          onChange={(e) => setReason(e.target.value)}
          maxLength={5000}
        />
      </div>
      <button type="submit" disabled={closed || chosen === null || busy}>
        {t('severityControl.submit')}
      </button>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

export function StatusControl({ incident }: { incident: Incident }) {
  const { t } = useTranslation(['incident', 'glossary']);
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const next = INCIDENT_TRANSITIONS[incident.status];

  async function go(to: Incident['status']) {
    setBusy(true);
    const result = await mutate('incident.setStatus', {
      incidentId: incident.id,
      from: incident.status,
      to,
      eventId: newId(),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'ok', message: t('statusControl.done', { status: t(`glossary:status.${to}`) }) });
      setNote('');
    } else setOutcome({ kind: 'error', message: errorText(result.error), detail: result.error.message });
  }

  return (
    <section className="ws-panel ws-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('statusControl.title')}</h3>
      <p>
        {t('glossary:term.status')}:{' '}
        <strong data-testid="incident-status">{t(`glossary:status.${incident.status}`)}</strong>
      </p>
      <div className="ws-field">
        <label htmlFor={`${id}-note`}>{t('statusControl.note')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} />
      </div>
      {next.length === 0 ? (
        <p className="muted">{t('statusControl.none')}</p>
      ) : (
        <div className="ws-button-row">
          {next.map((to) => (
            <button
              key={to}
              type="button"
              disabled={busy}
              title={
                to === 'resolved' && !incident.firstResponseAt ? t('statusControl.needsAnswer') : undefined
              }
              onClick={() => void go(to)}
            >
              {t('statusControl.to', { status: t(`glossary:status.${to}`) })}
            </button>
          ))}
        </div>
      )}
      <OutcomeLine outcome={outcome} />
    </section>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function ChangeHistory({
  incident,
  events,
  zone,
}: {
  incident: Incident;
  events: readonly TimelineEvent[] | undefined;
  zone: string;
}) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const initial = incident.severityHistory[0];
  const changes = (events ?? []).filter((e) => e.kind === 'severity_change' || e.kind === 'status_change');
  return (
    <section className="ws-panel" aria-labelledby="history-title">
      <h3 id="history-title">{t('history.title')}</h3>
      <ol className="ws-plain-list" data-testid="change-history">
        {initial && (
          <li>
            <time dateTime={incident.receivedAt}>{formatDateTime(incident.receivedAt, zone, locale)}</time> —{' '}
            {t('history.receivedAs', { level: initial.severity })}
          </li>
        )}
        {changes.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatDateTime(e.at, zone, locale)}</time> —{' '}
            {e.kind === 'severity_change'
              ? t(e.meta?.countsForSla === false ? 'history.severityNotCounted' : 'history.severity', {
                  from: str(e.meta?.from),
                  to: str(e.meta?.to),
                })
              : t('history.status', {
                  from: t(`glossary:status.${str(e.meta?.from) as IncidentStatus}`),
                  to: t(`glossary:status.${str(e.meta?.to) as IncidentStatus}`),
                })}
            {e.body && <span className="muted"> — {e.body}</span>}
          </li>
        ))}
      </ol>
      {changes.length === 0 && <p className="muted">{t('history.empty')}</p>}
    </section>
  );
}
