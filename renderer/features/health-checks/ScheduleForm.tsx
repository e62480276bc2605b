// Schedule a health check (or move a scheduled one): the date the customer agreed the
// arrangements and the proposed business day. The date rule is checked live and every
// reason it is refused for is shown; a valid date shows that day's window in the
// customer's zone and mine. The mutation checks again (and so does the server).
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, HealthCheck } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { localToday } from '../../../shared/products/support';
import { formatLocalDate } from '../../format/datetime';
import { mutate } from '../../replica';
import {
  Heading,
  OutcomeMessage,
  useLocale,
  useMinuteNow,
  type HeadingLevel,
  type Outcome,
} from '../../ui/common';
import { reasonText } from './reasons';
import { scheduleVerdict } from './schedule-model';
import { WindowTimes } from './WindowTimes';
import { is } from '../../shortcuts/registry';
import { errorText } from '../../i18n/describe-error';

export interface ScheduleFormProps {
  customer: Customer;
  /** The customer's health checks (for the one-per-contract-year rule). */
  checks: readonly HealthCheck[];
  /** A scheduled check to move instead of scheduling a new one. */
  rescheduling?: HealthCheck;
  headingLevel: HeadingLevel;
  onDone?: (scheduledDate: string | null) => void;
}

export function ScheduleForm({ customer, checks, rescheduling, headingLevel, onDone }: ScheduleFormProps) {
  const { t } = useTranslation('healthChecks');
  const locale = useLocale();
  const now = useMinuteNow();
  const ids = { heading: useId(), agreed: useId(), date: useId(), verdict: useId() };
  const [agreedOn, setAgreedOn] = useState(() => localToday(new Date(now), customer.calendar.timeZone));
  const [date, setDate] = useState(rescheduling?.scheduledDate ?? '');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const reasonsRef = useRef<HTMLDivElement>(null);
  const verdict = scheduleVerdict({
    customer,
    checks,
    agreedOn,
    date,
    ...(rescheduling ? { rescheduling: rescheduling.id } : {}),
  });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    if (verdict.state === 'incomplete') {
      setOutcome({ ok: false, text: t('schedule.incomplete') });
      return;
    }
    if (verdict.state === 'refused') {
      reasonsRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await mutate('healthCheck.schedule', {
      id: rescheduling?.id ?? newId(),
      customerId: customer.id,
      agreedOn,
      scheduledDate: date,
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({
        ok: true,
        text: t(rescheduling ? 'schedule.moved' : 'schedule.scheduled', {
          date: formatLocalDate(date, locale),
        }),
      });
      onDone?.(date);
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
      aria-labelledby={ids.heading}
      data-testid="health-check-schedule-form"
      onKeyDown={(e) => {
        if (is(e, 'cancel') && onDone) onDone(null); // not while an IME is composing
      }}
    >
      <Heading level={headingLevel} id={ids.heading}>
        {rescheduling
          ? t('schedule.moveTitle', { date: formatLocalDate(rescheduling.scheduledDate, locale) })
          : t('schedule.title')}
      </Heading>
      <p className="muted">{t('schedule.rules')}</p>
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={ids.agreed}>{t('schedule.agreedOn')}</label>
          <input
            id={ids.agreed}
            type="date"
            value={agreedOn}
            onChange={(e) => setAgreedOn(e.target.value)}
            required
            data-testid="health-check-agreed-on"
          />
        </div>
        <div className="ws-field">
          <label htmlFor={ids.date}>{t('schedule.date')}</label>
          <input
            id={ids.date}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
            aria-describedby={ids.verdict}
            data-testid="health-check-date"
          />
        </div>
      </div>
      <div id={ids.verdict} aria-live="polite">
        {verdict.state === 'refused' && (
          <div ref={reasonsRef} tabIndex={-1} className="ws-error" data-testid="health-check-reasons">
            <p>{t('schedule.refused', { date: formatLocalDate(date, locale) })}</p>
            <ul>
              {verdict.reasons.map((r) => (
                <li key={r.code} data-reason={r.code}>
                  {reasonText(r, t, locale)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {verdict.state === 'ok' && (
          <div className="ws-ok" data-testid="health-check-ok">
            <p>{t('schedule.possible', { date: formatLocalDate(date, locale) })}</p>
            <WindowTimes window={verdict.window} customerZone={customer.calendar.timeZone} />
          </div>
        )}
      </div>
      <OutcomeMessage outcome={outcome} testId="health-check-schedule-message" />
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {rescheduling ? t('schedule.submitMove') : t('schedule.submit')}
        </button>
        {onDone && (
          <button type="button" onClick={() => onDone(null)}>
            {t('schedule.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
