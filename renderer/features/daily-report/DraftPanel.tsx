// The daily report of one open level-1 incident: a draft in Japanese or English (default:
// the customer's primary contact's language) made from the timeline since the last daily
// report; copy it, open it as an e-mail, save it as an .eml, and log it as sent by e-mail
// or phone (report.logSent, which also records it on the incident's timeline).
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer, Incident, Locale, Report } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { reportRecipients } from '../../../shared/reports/recipients';
import {
  dailyReportLogArgs,
  defaultDraftLocale,
  draftFileName,
  mailtoUrl,
} from '../../../shared/reports/daily/draft';
import { buildDailyDraft } from './draft';
import { getBridge, isDesktop } from '../../bridge';
import { formatDateTime } from '../../format/datetime';
import { mutate, useContacts, useCurrentReplica, useRequests, useTimeline, useUsers } from '../../replica';
import {
  customerName,
  Heading,
  OutcomeMessage,
  useLocale,
  type HeadingLevel,
  type Outcome,
} from '../../ui/common';
import { buildDraftEml, downloadText } from './eml';
import { attachmentsOf } from '../../attachments/files';
import { attachmentTransport } from '../../attachments/runner';
import { fetchAttachment } from '../../attachments/uploader';
import { displayFileName, formatBytes } from '../../../shared/attachments/file-name';
import { useReplicaQuery } from '../../replica';
import { errorText } from '../../i18n/describe-error';

const LOCALES: readonly Locale[] = ['ja', 'en'];

export function DraftPanel({
  incident,
  customer,
  reports,
  now,
  headingLevel,
}: {
  incident: Incident;
  customer: Customer;
  reports: readonly Report[];
  now: number;
  headingLevel: HeadingLevel;
}) {
  const { t } = useTranslation('dailyReport');
  const uiLocale = useLocale();
  const contacts = useContacts(customer.id);
  const { events } = useTimeline(incident.id);
  const requests = useRequests({ incidentId: incident.id });
  const users = useUsers();
  const actor = useCurrentReplica((s) => s.actor);
  const me = users?.find((u) => u.id === actor?.id);
  const ids = {
    lang: useId(),
    subject: useId(),
    body: useId(),
    note: useId(),
    heading: useId(),
    logHeading: useId(),
  };

  const [chosenLocale, setChosenLocale] = useState<Locale | null>(null);
  const locale = chosenLocale ?? defaultDraftLocale(contacts ?? [], uiLocale);
  const addressed = reportRecipients(contacts ?? []);
  const primary = addressed[0];
  const draft = useMemo(
    () =>
      buildDailyDraft({
        locale,
        customer,
        incident,
        events: events ?? [],
        reports,
        requests: requests ?? [],
        now: new Date(now).toISOString(),
        contact: primary ?? null,
        author: me?.name ?? null,
      }),
    [locale, customer, incident, events, reports, requests, now, primary, me?.name],
  );
  // The TAM may edit the text; a new language or "regenerate" starts from the draft again.
  const [edited, setEdited] = useState<{ subject: string; body: string } | null>(null);
  const subject = edited?.subject ?? draft.subject;
  const body = edited?.body ?? draft.body;
  const [action, setAction] = useState<Outcome>(null);
  const files = useReplicaQuery((d) => attachmentsOf(d, { incidentId: incident.id }), [incident.id]);
  const uploaded = files?.filter((f) => f.state === 'uploaded' && f.row) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const recipients = (addressed.some((c) => c.email) ? addressed : (contacts ?? []))
    .filter((c) => c.email)
    .map((c) => ({ name: c.name, addr: c.email ?? '' }));
  const mailto = mailtoUrl({ to: recipients.map((r) => r.addr), subject, body });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${subject}\n\n${body}`);
      setAction({ ok: true, text: t('draft.copied') });
    } catch (err) {
      setAction({
        ok: false,
        text: t('draft.copyFailed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };
  const openMail = async () => {
    const result = await getBridge().openExternal(mailto);
    setAction(
      result.ok
        ? { ok: true, text: t('draft.mailOpened') }
        : { ok: false, text: t('draft.mailFailed', { message: result.error.message }) },
    );
  };
  const saveEml = async () => {
    try {
      const attachments: { fileName: string; bytes: Uint8Array }[] = [];
      const db = useCurrentReplica.getState().db;
      for (const f of uploaded.filter((u) => selected.has(u.id))) {
        const got = db ? await fetchAttachment(db, attachmentTransport(), f.row!) : null;
        if (!got?.ok) throw new Error(got ? errorText(got.error) : 'not signed in');
        attachments.push({ fileName: f.fileName, bytes: new Uint8Array(await got.blob.arrayBuffer()) });
      }
      const eml = buildDraftEml({
        from: { name: me?.name ?? '', addr: me?.email ?? 'tam@example.invalid' },
        to: recipients,
        subject,
        body,
        attachments,
      });
      downloadText(draftFileName(draft, incident), eml, 'message/rfc822');
      setAction({ ok: true, text: t('draft.emlSaved') });
    } catch (err) {
      setAction({
        ok: false,
        text: t('draft.emlFailed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };

  return (
    <section aria-labelledby={ids.heading} className="ws-section" data-testid="daily-draft">
      <Heading level={headingLevel} id={ids.heading}>
        {t('draft.title', { title: incident.title })}
      </Heading>
      <p className="muted">
        <Link to={`/customers/${customer.id}`}>{customerName(customer, uiLocale)}</Link> ·{' '}
        <Link to={`/incidents/${incident.id}`}>{t('draft.openIncident')}</Link> ·{' '}
        {draft.sinceLastReport
          ? t('draft.sinceLast', { time: formatDateTime(draft.since, customer.calendar.timeZone, uiLocale) })
          : t('draft.sinceReceipt', {
              time: formatDateTime(draft.since, customer.calendar.timeZone, uiLocale),
            })}
      </p>
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={ids.lang}>{t('draft.language')}</label>
          <select
            id={ids.lang}
            value={locale}
            onChange={(e) => {
              setChosenLocale(e.target.value as Locale);
              setEdited(null);
            }}
            data-testid="draft-language"
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="ws-field">
        <label htmlFor={ids.subject}>{t('draft.subject')}</label>
        <input
          id={ids.subject}
          value={subject}
          onChange={(e) => setEdited({ subject: e.target.value, body })}
          lang={locale}
          data-testid="draft-subject"
        />
      </div>
      <div className="ws-field">
        <label htmlFor={ids.body}>{t('draft.body')}</label>
        <textarea
          id={ids.body}
          value={body}
          onChange={(e) => setEdited({ subject, body: e.target.value })}
          rows={24}
          lang={locale}
          className="ws-draft-body"
          data-testid="draft-body"
        />
      </div>
      {uploaded.length > 0 && (
        <fieldset className="ws-draft-attachments" data-testid="draft-attachments">
          <legend>{t('draft.attachFiles')}</legend>
          {uploaded.map((f) => (
            <label key={f.id} title={f.fileName}>
              <input
                type="checkbox"
                checked={selected.has(f.id)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(f.id);
                  else next.delete(f.id);
                  setSelected(next);
                }}
              />{' '}
              <span dir="auto">{displayFileName(f.fileName, 60)}</span> ({formatBytes(f.size)})
            </label>
          ))}
        </fieldset>
      )}
      <div className="ws-actions">
        <button type="button" onClick={() => void copy()}>
          {t('draft.copy')}
        </button>
        <a
          className="ws-button-link"
          href={mailto}
          onClick={(e) => {
            // The desktop opens links only through the bridge; a browser hands mailto: to the mail program itself.
            if (isDesktop()) {
              e.preventDefault();
              void openMail();
            }
          }}
        >
          {t('draft.openMail')}
        </a>
        <button type="button" onClick={() => void saveEml()}>
          {t('draft.saveEml')}
        </button>
        {edited && (
          <button type="button" onClick={() => setEdited(null)}>
            {t('draft.regenerate')}
          </button>
        )}
      </div>
      <OutcomeMessage outcome={action} testId="draft-action-message" />
      <LogSentForm
        incident={incident}
        customer={customer}
        headingLevel={Math.min(headingLevel + 1, 6) as HeadingLevel}
        headingId={ids.logHeading}
      />
    </section>
  );
}

function LogSentForm({
  incident,
  customer,
  headingLevel,
  headingId,
}: {
  incident: Incident;
  customer: Customer;
  headingLevel: HeadingLevel;
  headingId: string;
}) {
  const { t } = useTranslation('dailyReport');
  const uiLocale = useLocale();
  const [via, setVia] = useState<'email' | 'phone'>('email');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const submitRef = useRef<HTMLButtonElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const sentAt = new Date().toISOString();
    const result = await mutate('report.logSent', {
      id: newId(),
      eventId: newId(),
      ...dailyReportLogArgs({ customer, incident, via, sentAt, note }),
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({
        ok: true,
        text: t('log.logged', {
          via: t(`via.${via}`),
          time: formatDateTime(sentAt, customer.calendar.timeZone, uiLocale),
        }),
      });
      setNote('');
    } else {
      setOutcome({
        ok: false,
        text: t('error', { message: errorText(result.error) }),
        detail: result.error.message,
      });
    }
  };

  return (
    <form
      className="ws-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={headingId}
      data-testid="log-sent-form"
    >
      <Heading level={headingLevel} id={headingId}>
        {t('log.title')}
      </Heading>
      <fieldset>
        <legend>{t('log.via')}</legend>
        {(['email', 'phone'] as const).map((v) => (
          <label key={v} className="ws-radio">
            <input
              type="radio"
              name={`via-${incident.id}`}
              value={v}
              checked={via === v}
              onChange={() => setVia(v)}
            />
            {t(`via.${v}`)}
          </label>
        ))}
      </fieldset>
      <div className="ws-field">
        <label htmlFor={noteId}>{t('log.note')}</label>
        <textarea
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={5000}
        />
      </div>
      <OutcomeMessage outcome={outcome} testId="log-sent-message" />
      <button type="submit" ref={submitRef} disabled={busy} data-testid="log-sent-submit">
        {t('log.submit')}
      </button>
    </form>
  );
}
