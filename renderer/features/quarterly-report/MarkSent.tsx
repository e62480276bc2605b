// Logging a report as sent is its own act, after the PDF exists: the desktop offers it once the
// file is saved, the browser's print view once the print dialog has closed (the browser cannot
// tell a printed report from a cancelled dialog, so the user confirms). The confirmation names
// the period. A contract quarter still running is never offered: its report cannot have been
// sent yet (report.logSent rejects it with period_not_ended).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarterlyReport } from '../../../shared/reports/index';
import type { Report } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { quarterHasEnded } from '../../../shared/sla/index';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import { mutate } from '../../replica';
import { useLocale } from '../../ui/common';
import { lastDayOf } from '../report-pdf';

/** The report log entry of a quarterly (or custom-period) report sent as a PDF. */
export function quarterlyLogArgs(report: QuarterlyReport, sentAt: string, note: string) {
  return {
    id: newId(),
    customerId: report.customer.id,
    kind: report.quarterIndex !== null ? ('quarterly' as const) : ('custom' as const),
    periodStart: report.period.from,
    periodEnd: lastDayOf(report.period),
    sentAt,
    // The log can only say email or phone (shared/model ReportViaSchema): a PDF goes to the
    // customer as a file, so 'email' is the closest; the note says it was a PDF.
    via: 'email' as const,
    note: note.slice(0, 5000),
  };
}

export type MarkSentState =
  /** A contract quarter that has not ended for the customer: nothing to log yet. */
  | { kind: 'running'; lastDay: string }
  /** This period's quarterly report is already in the log. */
  | { kind: 'logged'; sentAt: string }
  | { kind: 'ready' };

/** Whether the report of this period may be logged as sent now (customer's local `today`). */
export function markSentState(
  report: QuarterlyReport,
  reportLog: readonly Report[],
  today: string,
): MarkSentState {
  const lastDay = lastDayOf(report.period);
  if (report.quarterIndex !== null && !quarterHasEnded({ end: lastDay }, today))
    return { kind: 'running', lastDay };
  const logged = reportLog.find(
    (r) =>
      !r.deleted &&
      r.customerId === report.customer.id &&
      r.kind === 'quarterly' &&
      r.periodStart === report.period.from,
  );
  if (report.quarterIndex !== null && logged) return { kind: 'logged', sentAt: logged.sentAt };
  return { kind: 'ready' };
}

type Outcome =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done' }
  | { state: 'dismissed' }
  | { state: 'error'; text: string };

/**
 * The confirmation "the report for <period> was sent to the customer", with the note to log.
 * Shows why it cannot be logged instead, for a running quarter or one already logged.
 */
export function MarkSentPanel({
  report,
  reportLog,
  today,
  note,
}: {
  report: QuarterlyReport;
  reportLog: readonly Report[];
  today: string;
  note: string;
}) {
  const { t } = useTranslation('quarterlyReport');
  const locale = useLocale();
  const titleId = useId();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const period = t('markSent.period', {
    from: formatLocalDate(report.period.from, locale),
    to: formatLocalDate(lastDayOf(report.period), locale),
  });
  const state = markSentState(report, reportLog, today);

  if (outcome.state === 'dismissed') {
    return (
      <p role="status" className="qr-status" data-testid="mark-sent-dismissed">
        {t('markSent.dismissed', { period })}
      </p>
    );
  }
  if (outcome.state === 'done') {
    return (
      <p role="status" className="qr-ok" data-testid="mark-sent-done">
        {t('markSent.done', { period })}
      </p>
    );
  }

  const confirm = async () => {
    setOutcome({ state: 'working' });
    const result = await mutate('report.logSent', quarterlyLogArgs(report, new Date().toISOString(), note));
    if (result.ok) setOutcome({ state: 'done' });
    else
      setOutcome({
        state: 'error',
        text: t('markSent.failed', {
          reason: t(`sync:reasons.${result.error.code}`, { defaultValue: result.error.message }),
        }),
      });
  };

  return (
    <section
      aria-labelledby={titleId}
      className="qr-mark-sent"
      data-testid="mark-sent"
      data-state={state.kind}
    >
      <h3 id={titleId}>{t('markSent.title')}</h3>
      {state.kind === 'running' ? (
        <p data-testid="mark-sent-running">
          {t('markSent.running', { period, lastDay: formatLocalDate(state.lastDay, locale) })}
        </p>
      ) : state.kind === 'logged' ? (
        <p data-testid="mark-sent-logged">
          {t('markSent.logged', {
            period,
            sentAt: formatDateTime(state.sentAt, report.customer.timeZone, locale),
          })}
        </p>
      ) : (
        <>
          <p>{t('markSent.question', { period })}</p>
          <div className="qr-actions">
            <button
              type="button"
              className="qr-primary"
              onClick={() => void confirm()}
              disabled={outcome.state === 'working'}
              data-testid="mark-sent-confirm"
            >
              {t('markSent.confirm')}
            </button>
            <button
              type="button"
              onClick={() => setOutcome({ state: 'dismissed' })}
              disabled={outcome.state === 'working'}
              data-testid="mark-sent-dismiss"
            >
              {t('markSent.dismiss')}
            </button>
          </div>
        </>
      )}
      {outcome.state === 'error' && (
        <p role="alert" className="qr-error">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
