// The calendar invitation actions: a health check's (download the .ics, or an .eml draft with
// it attached) and a quarterly review meeting's (its date, start and length, then the same).
// The invitation's language defaults to the customer's primary contact's; times are the
// customer's zone's. The organizer is the customer's TAM; the attendees the report recipients.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, HealthCheck, Locale } from '../../../shared/model/entities';
import { defaultDraftLocale } from '../../../shared/reports/daily/draft';
import { useContacts, useUsers } from '../../replica';
import { formatLocalDate, formatZone } from '../../format/datetime';
import { OutcomeMessage, useLocale, type Outcome } from '../../ui/common';
import { buildDraftEml, downloadText } from '../daily-report';
import { invitationAttendees } from '../../../shared/calendar/attendees';
import { healthCheckInvitation, quarterlyReviewInvitation, type InvitationMail } from './words';

const LOCALES: readonly Locale[] = ['ja', 'en'];

function useInvitationContext(customer: Customer) {
  const contacts = useContacts(customer.id);
  const users = useUsers();
  const uiLocale = useLocale();
  const [chosen, setChosen] = useState<Locale | null>(null);
  const locale = chosen ?? defaultDraftLocale(contacts ?? [], uiLocale);
  const tamUser = users?.find((u) => u.id === customer.tamId);
  const tam = tamUser ? { name: tamUser.name, email: tamUser.email } : null;
  return { contacts: contacts ?? [], tam, locale, setLocale: setChosen };
}

/** Saves the invitation alone (.ics) or in an e-mail draft (.eml); says what happened. */
function save(mail: InvitationMail, as: 'ics' | 'eml'): string {
  if (as === 'ics') {
    downloadText(mail.fileName, mail.ics, 'text/calendar;charset=utf-8;method=REQUEST');
    return mail.fileName;
  }
  const eml = buildDraftEml({
    from: { name: mail.organizer.name, addr: mail.organizer.email },
    to: mail.attendees.map((a) => ({ name: a.name, addr: a.email })),
    subject: mail.subject,
    body: mail.body,
    invitation: { fileName: mail.fileName, ics: mail.ics },
  });
  const fileName = mail.fileName.replace(/\.ics$/, '.eml');
  downloadText(fileName, eml, 'message/rfc822');
  return fileName;
}

function LanguagePicker({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  const { t } = useTranslation('invitation');
  const id = useId();
  return (
    <div className="ws-field">
      <label htmlFor={id}>{t('ui.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => onChange(e.target.value as Locale)}
        data-testid="invitation-language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`ui.languages.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function HealthCheckInvitationActions({
  check,
  customer,
  window,
}: {
  check: HealthCheck;
  customer: Customer;
  window: { start: string; end: string };
}) {
  const { t } = useTranslation('invitation');
  const uiLocale = useLocale();
  const ctx = useInvitationContext(customer);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const date = formatLocalDate(check.scheduledDate, uiLocale);
  const moves = check.rescheduleCount ?? 0;
  const act = (as: 'ics' | 'eml') => {
    if (!ctx.tam) {
      setOutcome({ ok: false, text: t('ui.noTam') });
      return;
    }
    try {
      const mail = healthCheckInvitation({
        check,
        customer,
        tam: ctx.tam,
        contacts: ctx.contacts,
        locale: ctx.locale,
        now: new Date().toISOString(),
        window,
      });
      setOutcome({ ok: true, text: t('ui.saved', { file: save(mail, as) }) });
    } catch (err) {
      setOutcome({
        ok: false,
        text: t('ui.failed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };
  return (
    <div className="ws-invitation" data-testid="health-check-invitation" data-sequence={moves}>
      <LanguagePicker locale={ctx.locale} onChange={ctx.setLocale} />
      {moves > 0 && <p className="muted">{t('ui.revision', { sequence: moves, count: moves })}</p>}
      {invitationAttendees(ctx.contacts).length === 0 && <p className="muted">{t('ui.noRecipients')}</p>}
      <div className="ws-actions">
        <button
          type="button"
          onClick={() => act('ics')}
          aria-label={t('ui.downloadLabel', { date })}
          data-testid="health-check-ics"
        >
          {t('ui.download')}
        </button>
        <button
          type="button"
          onClick={() => act('eml')}
          aria-label={t('ui.emlLabel', { date })}
          data-testid="health-check-invitation-eml"
        >
          {t('ui.eml')}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} testId="health-check-invitation-message" />
    </div>
  );
}

export function ReviewMeetingInvitation({
  customer,
  periodStart,
  periodLabel,
}: {
  customer: Customer;
  periodStart: string;
  /** The report's period in each language (the invitation may be in either). */
  periodLabel: (locale: Locale) => string;
}) {
  const { t } = useTranslation('invitation');
  const uiLocale = useLocale();
  const ctx = useInvitationContext(customer);
  const ids = { title: useId(), date: useId(), start: useId(), minutes: useId() };
  const [date, setDate] = useState('');
  const [startTime, setStartTime] = useState('10:00');
  const [minutes, setMinutes] = useState('60');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const zone = customer.calendar.timeZone;
  const act = (as: 'ics' | 'eml') => {
    const length = Number(minutes);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      !/^\d{2}:\d{2}$/.test(startTime) ||
      !(length >= 15 && length <= 480)
    ) {
      setOutcome({ ok: false, text: t('ui.reviewIncomplete') });
      return;
    }
    if (!ctx.tam) {
      setOutcome({ ok: false, text: t('ui.noTam') });
      return;
    }
    try {
      const mail = quarterlyReviewInvitation({
        customer,
        tam: ctx.tam,
        contacts: ctx.contacts,
        locale: ctx.locale,
        now: new Date().toISOString(),
        periodStart,
        periodLabel: periodLabel(ctx.locale),
        date,
        startTime,
        minutes: Math.round(length),
      });
      setOutcome({ ok: true, text: t('ui.saved', { file: save(mail, as) }) });
    } catch (err) {
      setOutcome({
        ok: false,
        text: t('ui.failed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };
  return (
    <section aria-labelledby={ids.title} className="qr-export" data-testid="review-meeting">
      <h3 id={ids.title}>{t('ui.reviewTitle')}</h3>
      <p className="qr-hint">{t('ui.reviewHint', { zone: formatZone(zone, undefined, uiLocale) })}</p>
      {invitationAttendees(ctx.contacts).length === 0 && <p className="qr-hint">{t('ui.noRecipients')}</p>}
      <div className="ws-row">
        <LanguagePicker locale={ctx.locale} onChange={ctx.setLocale} />
        <div className="ws-field">
          <label htmlFor={ids.date}>{t('ui.reviewDate')}</label>
          <input
            id={ids.date}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="review-date"
          />
        </div>
        <div className="ws-field">
          <label htmlFor={ids.start}>{t('ui.reviewStart')}</label>
          <input
            id={ids.start}
            type="time"
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
            data-testid="review-start"
          />
        </div>
        <div className="ws-field">
          <label htmlFor={ids.minutes}>{t('ui.reviewMinutes')}</label>
          <input
            id={ids.minutes}
            type="number"
            min={15}
            max={480}
            step={15}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            data-testid="review-minutes"
          />
        </div>
      </div>
      <div className="qr-actions">
        <button type="button" onClick={() => act('ics')} data-testid="review-ics">
          {t('ui.reviewDownload')}
        </button>
        <button type="button" onClick={() => act('eml')} data-testid="review-eml">
          {t('ui.reviewEml')}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} testId="review-message" />
    </section>
  );
}
