// /reports/quarterly/:customerId: the customer's quarterly report, customised for this
// customer (sections and their order, period, language; remembered per customer), previewed
// as the customer will get it, and exported: a PDF saved by the desktop app, or the browser's
// print path (the report-only view and window.print). Exporting logs the report on the
// customer's record (report.logSent); the customer's report log is listed below.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { QUARTERLY_SECTIONS } from '../../../shared/analytics/index';
import type { QuarterlyReport, QuarterlySectionKey } from '../../../shared/analytics/index';
import type { Locale, Report } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { getBridge, isDesktop } from '../../bridge';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import { mutate, useReplica } from '../../replica/hooks';
import { customerName, otherName, useLocale } from '../customers/common';
import { ExportPanel } from '../exports/ExportPanel';
import { PeriodPicker } from '../manager/PeriodPicker';
import { customerToday, currentQuarterChoice } from '../manager/period';
import { lastDayOf } from '../report-pdf/format';
import { renderStandaloneReport } from '../report-pdf/standalone';
import { quarterlyFileName, quarterlyTitle } from './files';
import { QuarterlyReportDocument } from './QuarterlyReportDocument';
import { moveSection, STANDARD_SETTINGS, toggleSection, type ReportSettings } from './settings';
import { useQuarterlyReport } from './use-quarterly-report';
import './quarterly-report.css';
import { reportT } from '../../i18n/fixed';

type ExportStatus =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'ok'; text: string }
  | { state: 'error'; text: string };

/** The report log entry of an exported quarterly (or custom-period) report. */
export function quarterlyLogArgs(report: QuarterlyReport, sentAt: string, note: string) {
  return {
    id: newId(),
    customerId: report.customer.id,
    kind: report.quarterIndex !== null ? ('quarterly' as const) : ('custom' as const),
    periodStart: report.period.from,
    periodEnd: lastDayOf(report.period),
    sentAt,
    // The log can only say email or phone (shared/model ReportViaSchema): an exported PDF is
    // sent to the customer as a file, so 'email' is the closest; the note says it was a PDF.
    via: 'email' as const,
    note: note.slice(0, 5000),
  };
}

/** The report-only view of exactly this report's period (sections and language are the saved ones). */
export function printViewPath(customerId: string, report: QuarterlyReport, print: boolean): string {
  const query = new URLSearchParams({ from: report.period.from, to: lastDayOf(report.period), lang: report.locale });
  if (print) query.set('print', '1');
  return `/reports/quarterly/${customerId}/print?${query.toString()}`;
}

export function QuarterlyReportPage() {
  const { customerId } = useParams();
  const { t } = useTranslation('quarterlyReport');
  const db = useReplica();
  const { state, settings, setSettings } = useQuarterlyReport(customerId);
  const uiLocale = useLocale();

  if (!db) return <p>{t('page.signIn')}</p>;
  if (state.status === 'loading') return <p aria-busy="true">{t('page.loading')}</p>;
  if (state.status === 'missing') {
    return (
      <section aria-labelledby="qr-title" className="qr-page">
        <p className="qr-breadcrumb">
          <Link to="/reports/quarterly">{t('index.title')}</Link>
        </p>
        <h2 id="qr-title">{t('index.title')}</h2>
        <p role="alert">{t('page.notFound')}</p>
      </section>
    );
  }
  const customer = state.data.customer;
  const name = customerName(customer, uiLocale);
  return (
    <section aria-labelledby="qr-title" className="qr-page">
      <p className="qr-breadcrumb">
        <Link to="/reports">{t('page.back')}</Link> › <Link to="/reports/quarterly">{t('index.title')}</Link>
      </p>
      <h2 id="qr-title">
        {t('page.title', { name })} <span className="qr-sub">{otherName(customer, uiLocale)}</span>
      </h2>
      <p>
        <Link to={`/manager/customers/${customer.id}`}>{t('page.charts')}</Link>
      </p>
      {state.status === 'error' ? (
        <p role="alert" className="qr-error">
          {t('page.calendarError', { message: state.message })}
        </p>
      ) : (
        <>
          <div className="qr-layout">
            <Settings
              settings={settings}
              onChange={setSettings}
              state={state}
              uiLocale={uiLocale}
            />
            <ExportActions report={state.report} customerId={customer.id} />
          </div>
          {state.report && state.resolved.ok && (
            <ExportPanel customer={customer} incidents={state.data.incidents} events={state.data.events} period={state.resolved.period} locale={uiLocale} />
          )}
          <section aria-labelledby="qr-preview-title" className="qr-preview">
            <h3 id="qr-preview-title">
              {t('preview.title')} <span className="qr-sub">{t('preview.language', { language: t(`settings.${state.locale}`) })}</span>
            </h3>
            <div className="qr-paper" data-testid="quarterly-preview">
              {state.report && <QuarterlyReportDocument report={state.report} headingLevel={4} />}
            </div>
          </section>
        </>
      )}
      <ReportLog reports={state.data.reportLog} timeZone={customer.calendar.timeZone} />
    </section>
  );
}

function Settings({
  settings,
  onChange,
  state,
  uiLocale,
}: {
  settings: ReportSettings;
  onChange: (s: ReportSettings) => void;
  state: Extract<ReturnType<typeof useQuarterlyReport>['state'], { status: 'ready' }>;
  uiLocale: Locale;
}) {
  const { t } = useTranslation('quarterlyReport');
  const titleId = useId();
  const langName = useId();
  const reportLabel = reportT(uiLocale);
  const now = new Date().toISOString();
  const current = currentQuarterChoice(state.schedule, customerToday(state.data.customer, now));
  const set = (patch: Partial<ReportSettings>) => onChange({ ...settings, ...patch });
  const hidden = QUARTERLY_SECTIONS.filter((s) => !settings.sections.includes(s));
  const rows: Array<{ key: QuarterlySectionKey; on: boolean }> = [...settings.sections.map((key) => ({ key, on: true })), ...hidden.map((key) => ({ key, on: false }))];

  return (
    <section aria-labelledby={titleId} className="qr-settings" data-testid="report-settings">
      <h3 id={titleId}>{t('settings.title')}</h3>
      <p className="qr-hint">{t('settings.saved')}</p>
      <PeriodPicker
        quarters={state.schedule.periods}
        currentIndex={current.kind === 'quarter' ? current.index : null}
        value={state.choice}
        resolved={state.resolved}
        onChange={(period) => set({ period })}
        locale={uiLocale}
      />
      <fieldset className="qr-fieldset">
        <legend>{t('settings.language')}</legend>
        {(['ja', 'en'] as const).map((l) => (
          <label key={l} className="qr-radio">
            <input type="radio" name={langName} value={l} checked={state.locale === l} onChange={() => set({ locale: l })} data-testid={`report-locale-${l}`} />
            {t(`settings.${l}`)}
          </label>
        ))}
        {settings.locale === null && <p className="qr-hint">{t('settings.languageDefault')}</p>}
      </fieldset>
      <fieldset className="qr-fieldset">
        <legend>{t('settings.sections')}</legend>
        <ol className="qr-sections">
          {rows.map(({ key, on }) => {
            const i = settings.sections.indexOf(key);
            const label = reportLabel(`sections.${key}`);
            return (
              <li key={key} className={on ? undefined : 'qr-off'}>
                <label className="qr-check">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={on && settings.sections.length === 1}
                    onChange={() => set({ sections: toggleSection(settings.sections, key) })}
                    data-testid={`report-section-${key}`}
                  />
                  {label}
                </label>
                {on && (
                  <span className="qr-move">
                    <button type="button" onClick={() => set({ sections: moveSection(settings.sections, key, -1) })} disabled={i === 0} aria-label={t('settings.moveUp', { section: label })}>
                      ↑
                    </button>
                    <button
                      type="button"
                      onClick={() => set({ sections: moveSection(settings.sections, key, 1) })}
                      disabled={i === settings.sections.length - 1}
                      aria-label={t('settings.moveDown', { section: label })}
                    >
                      ↓
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        {settings.sections.length === 1 && <p className="qr-hint">{t('settings.lastSection')}</p>}
      </fieldset>
      <button type="button" onClick={() => onChange(STANDARD_SETTINGS)} data-testid="report-reset">
        {t('settings.reset')}
      </button>
    </section>
  );
}

function ExportActions({ report, customerId }: { report: QuarterlyReport | null; customerId: string }) {
  const { t } = useTranslation('quarterlyReport');
  const navigate = useNavigate();
  const [status, setStatus] = useState<ExportStatus>({ state: 'idle' });
  const titleId = useId();
  const desktop = isDesktop();

  const log = async (r: QuarterlyReport, note: string): Promise<string | null> => {
    const result = await mutate('report.logSent', quarterlyLogArgs(r, new Date().toISOString(), note));
    return result.ok ? null : result.error.message;
  };

  const exportPdf = async () => {
    if (!report) return;
    const fileName = quarterlyFileName(report);
    setStatus({ state: 'working' });
    if (!desktop) {
      const failed = await log(report, t('export.logNotePrint', { file: fileName }));
      if (failed) {
        setStatus({ state: 'error', text: t('export.logFailed', { message: failed }) });
        return;
      }
      setStatus({ state: 'ok', text: t('export.printing') });
      void navigate(printViewPath(customerId, report, true));
      return;
    }
    try {
      const html = await renderStandaloneReport(<QuarterlyReportDocument report={report} />, { lang: report.locale, title: quarterlyTitle(report) });
      const result = await getBridge().savePdf({ html, fileName });
      if (!result.ok) {
        setStatus({ state: 'error', text: t('export.failed', { message: result.error.message }) });
        return;
      }
      if (!result.saved) {
        setStatus({ state: 'ok', text: t('export.cancelled') });
        return;
      }
      const failed = await log(report, t('export.logNote', { file: result.fileName }));
      setStatus(failed ? { state: 'error', text: t('export.logFailed', { message: failed }) } : { state: 'ok', text: t('export.saved', { file: result.fileName }) });
    } catch (err) {
      setStatus({ state: 'error', text: t('export.failed', { message: err instanceof Error ? err.message : String(err) }) });
    }
  };

  return (
    <section aria-labelledby={titleId} className="qr-export">
      <h3 id={titleId}>{t('export.title')}</h3>
      <p className="qr-hint">{desktop ? t('export.desktopHint') : t('export.browserHint')}</p>
      <div className="qr-actions">
        <button type="button" className="qr-primary" onClick={() => void exportPdf()} disabled={!report || status.state === 'working'} data-testid="export-pdf">
          {t('export.pdf')}
        </button>
        <Link to={report ? printViewPath(customerId, report, false) : `/reports/quarterly/${customerId}/print`} className="qr-link-button" data-testid="open-print-view">
          {t('export.print')}
        </Link>
      </div>
      <p role="status" className={status.state === 'error' ? 'qr-error' : status.state === 'ok' ? 'qr-ok' : 'qr-status'} data-testid="export-pdf-status">
        {status.state === 'working' ? t('export.working') : status.state === 'ok' || status.state === 'error' ? status.text : ''}
      </p>
    </section>
  );
}

function ReportLog({ reports, timeZone }: { reports: readonly Report[]; timeZone: string }) {
  const { t } = useTranslation('quarterlyReport');
  const locale = useLocale();
  return (
    <section aria-labelledby="qr-log-title" className="qr-log">
      <h3 id="qr-log-title">{t('log.title')}</h3>
      {reports.length === 0 ? (
        <p className="muted">{t('log.none')}</p>
      ) : (
        <table className="qr-table" data-testid="customer-report-log">
          <thead>
            <tr>
              <th scope="col">{t('log.sentAt')}</th>
              <th scope="col">{t('log.kind')}</th>
              <th scope="col">{t('log.period')}</th>
              <th scope="col">{t('log.via')}</th>
              <th scope="col">{t('log.note')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} data-testid="customer-report-log-row" data-kind={r.kind}>
                <th scope="row">{formatDateTime(r.sentAt, timeZone, locale)}</th>
                <td>{t(`log.kinds.${r.kind}`)}</td>
                <td>
                  {formatLocalDate(r.periodStart, locale)} – {formatLocalDate(r.periodEnd, locale)}
                </td>
                <td>{t(`log.vias.${r.via}`)}</td>
                <td>{r.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
