// /reports/quarterly/:customerId: the customer's quarterly report, customised for this
// customer (sections and their order, period, language; remembered per customer), previewed
// as the customer will get it, and exported: a PDF saved by the desktop app, or the browser's
// print path (the report-only view and window.print). Logging the report as sent to the
// customer (report.logSent) is a separate act once the PDF exists (MarkSent.tsx): after the
// desktop has saved the file, or after the browser's print dialog. The page opens on the
// quarter the charts show (the charts link passes it), says which report is owed next, and
// lists the customer's report log.
import { ReportAddressees } from '../admin';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { QUARTERLY_SECTIONS } from '../../../shared/reports/index';
import type { QuarterlyReport, QuarterlySectionKey } from '../../../shared/reports/index';
import { nextQuarterlyReport } from '../../../shared/analytics/schedule';
import type { Locale, Report } from '../../../shared/model/entities';
import { getBridge, isDesktop } from '../../bridge';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import { useReplica } from '../../replica';
import { customerName, otherName, useLocale } from '../../ui/common';
import { ExportPanel } from '../exports';
import {
  HistoryArriving,
  PeriodPicker,
  useQuarterName,
  customerToday,
  currentQuarterChoice,
} from '../manager';
import { downloadBlob, lastDayOf, renderStandaloneReport, reportFormat } from '../report-pdf';
import { exportQuarterlyPptx, exportQuarterlyXlsx } from '../../exports/quarterly';
import { quarterlyFileName, quarterlyTitle } from './files';
import { MarkSentPanel } from './MarkSent';
import { QuarterlyReportDocument } from './QuarterlyReportDocument';
import { moveSection, STANDARD_SETTINGS, toggleSection, type ReportSettings } from './settings';
import { useQuarterlyReport } from './use-quarterly-report';
import '../../ui/report-page.css';
import { reportT } from '../../i18n/fixed';
import { ReviewMeetingInvitation } from '../invitations';

type ExportStatus =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'ok'; text: string }
  | { state: 'error'; text: string };

/** The report-only view of exactly this report's period (sections and language are the saved ones). */
export function printViewPath(customerId: string, report: QuarterlyReport, print: boolean): string {
  const query = new URLSearchParams({
    from: report.period.from,
    to: lastDayOf(report.period),
    lang: report.locale,
  });
  if (print) query.set('print', '1');
  return `/reports/quarterly/${customerId}/print?${query.toString()}`;
}

export function QuarterlyReportPage() {
  const { customerId } = useParams();
  const { t } = useTranslation('quarterlyReport');
  const db = useReplica();
  const [params] = useSearchParams();
  // The charts page links here with the quarter it shows: the page opens on that one.
  const linked = Number(params.get('quarter'));
  const { state, settings, setSettings } = useQuarterlyReport(customerId, {
    initialQuarter: Number.isInteger(linked) && linked >= 1 ? linked : undefined,
  });
  const uiLocale = useLocale();

  if (!db) return <p>{t('page.signIn')}</p>;
  if (state.status === 'loading') return <p aria-busy="true">{t('page.loading')}</p>;
  if (state.status === 'arriving') return <HistoryArriving percent={state.percent} />;
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
            <Settings settings={settings} onChange={setSettings} state={state} uiLocale={uiLocale} />
            <div>
              <OwedReport
                state={state}
                onShow={(index) => setSettings({ ...settings, period: { kind: 'quarter', index } })}
              />
              <ExportActions
                report={state.report}
                customerId={customer.id}
                reportLog={state.data.reportLog}
                today={customerToday(customer, new Date().toISOString())}
              />
              {state.report && (
                <ReviewMeetingInvitation
                  customer={customer}
                  periodStart={state.report.period.from}
                  periodLabel={(l) =>
                    reportFormat(l, customer.calendar.timeZone).period(state.report!.period)
                  }
                />
              )}
            </div>
          </div>
          {state.report && state.resolved.ok && (
            <ExportPanel
              customer={customer}
              incidents={state.data.incidents}
              events={state.data.events}
              period={state.resolved.period}
              locale={uiLocale}
            />
          )}
          <section aria-labelledby="qr-preview-title" className="qr-preview">
            <h3 id="qr-preview-title">
              {t('preview.title')}{' '}
              <span className="qr-sub">
                {t('preview.language', { language: t(`settings.${state.locale}`) })}
              </span>
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
  const rows: Array<{ key: QuarterlySectionKey; on: boolean }> = [
    ...settings.sections.map((key) => ({ key, on: true })),
    ...hidden.map((key) => ({ key, on: false })),
  ];

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
            <input
              type="radio"
              name={langName}
              value={l}
              checked={state.locale === l}
              onChange={() => set({ locale: l })}
              data-testid={`report-locale-${l}`}
            />
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
                    <button
                      type="button"
                      onClick={() => set({ sections: moveSection(settings.sections, key, -1) })}
                      disabled={i === 0}
                      aria-label={t('settings.moveUp', { section: label })}
                    >
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

/** The report owed first (the same date as on Today and the manager table), and a way to show its period. */
function OwedReport({
  state,
  onShow,
}: {
  state: Extract<ReturnType<typeof useQuarterlyReport>['state'], { status: 'ready' }>;
  onShow: (index: number) => void;
}) {
  const { t } = useTranslation('quarterlyReport');
  const locale = useLocale();
  const quarterName = useQuarterName(locale);
  const owed = nextQuarterlyReport(state.schedule);
  if (owed.dueDate === null || owed.period === null) {
    return (
      <p className="qr-hint" data-testid="quarterly-owed">
        {t('page.noneOwed')}
      </p>
    );
  }
  const shown = state.choice.kind === 'quarter' && state.choice.index === owed.period.index;
  const date = formatLocalDate(owed.dueDate, locale);
  const period = quarterName(owed.period);
  const index = owed.period.index;
  return (
    <p className={owed.overdue ? 'qr-error' : 'qr-status'} data-testid="quarterly-owed">
      <span data-testid="quarterly-due" data-due-date={owed.dueDate}>
        {owed.overdue
          ? t('page.dueOverdue', { date, period, count: owed.overdueCount })
          : t('page.due', { date, period })}
      </span>{' '}
      {!shown && (
        <button
          type="button"
          className="qr-link-button"
          onClick={() => onShow(index)}
          data-testid="quarterly-owed-show"
        >
          {t('page.showDue')}
        </button>
      )}
    </p>
  );
}

function ExportActions({
  report,
  customerId,
  reportLog,
  today,
}: {
  report: QuarterlyReport | null;
  customerId: string;
  reportLog: readonly Report[];
  today: string;
}) {
  const { t } = useTranslation('quarterlyReport');
  const navigate = useNavigate();
  const [status, setStatus] = useState<ExportStatus>({ state: 'idle' });
  /** The PDF the desktop saved: what the "mark as sent" confirmation is about. */
  const [saved, setSaved] = useState<{ report: QuarterlyReport; fileName: string } | null>(null);
  const titleId = useId();
  const desktop = isDesktop();

  const exportPdf = async () => {
    if (!report) return;
    const fileName = quarterlyFileName(report);
    setSaved(null);
    if (!desktop) {
      // The browser's print path: the print view offers "mark as sent" after its print dialog.
      void navigate(printViewPath(customerId, report, true));
      return;
    }
    setStatus({ state: 'working' });
    try {
      const html = await renderStandaloneReport(<QuarterlyReportDocument report={report} />, {
        lang: report.locale,
        title: quarterlyTitle(report),
      });
      const result = await getBridge().savePdf({ html, fileName });
      if (!result.ok) {
        setStatus({ state: 'error', text: t('export.failed', { message: result.error.message }) });
        return;
      }
      if (!result.saved) {
        setStatus({ state: 'ok', text: t('export.cancelled') });
        return;
      }
      setStatus({ state: 'ok', text: t('export.saved', { file: result.fileName }) });
      setSaved({ report, fileName: result.fileName });
    } catch (err) {
      setStatus({
        state: 'error',
        text: t('export.failed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };

  /** The editable Office files, downloaded (the desktop window downloads too). */
  const exportOffice = async (kind: 'xlsx' | 'pptx') => {
    if (!report) return;
    setStatus({ state: 'working' });
    try {
      const blob =
        kind === 'xlsx' ? await exportQuarterlyXlsx(report) : (await exportQuarterlyPptx(report)).blob;
      const fileName = quarterlyFileName(report, kind);
      downloadBlob(fileName, blob);
      setStatus({ state: 'ok', text: t('export.office', { file: fileName }) });
    } catch (err) {
      setStatus({
        state: 'error',
        text: t('export.officeFailed', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };

  return (
    <section aria-labelledby={titleId} className="qr-export">
      <h3 id={titleId}>{t('export.title')}</h3>
      <p className="qr-hint">{desktop ? t('export.desktopHint') : t('export.browserHint')}</p>
      {report && <ReportAddressees customerId={customerId} subject={quarterlyTitle(report)} />}
      <div className="qr-actions">
        <button
          type="button"
          className="qr-primary"
          onClick={() => void exportPdf()}
          disabled={!report || status.state === 'working'}
          data-testid="export-pdf"
        >
          {t('export.pdf')}
        </button>
        <Link
          to={report ? printViewPath(customerId, report, false) : `/reports/quarterly/${customerId}/print`}
          className="qr-link-button"
          data-testid="open-print-view"
        >
          {t('export.print')}
        </Link>
        <button
          type="button"
          onClick={() => void exportOffice('xlsx')}
          disabled={!report || status.state === 'working'}
          data-testid="export-quarterly-xlsx"
        >
          {t('export.xlsx')}
        </button>
        <button
          type="button"
          onClick={() => void exportOffice('pptx')}
          disabled={!report || status.state === 'working'}
          data-testid="export-quarterly-pptx"
        >
          {t('export.pptx')}
        </button>
      </div>
      <p
        role="status"
        className={status.state === 'error' ? 'qr-error' : status.state === 'ok' ? 'qr-ok' : 'qr-status'}
        data-testid="export-pdf-status"
      >
        {status.state === 'working'
          ? t('export.working')
          : status.state === 'ok' || status.state === 'error'
            ? status.text
            : ''}
      </p>
      {saved && (
        <MarkSentPanel
          key={saved.fileName}
          report={saved.report}
          reportLog={reportLog}
          today={today}
          note={t('export.logNote', { file: saved.fileName })}
        />
      )}
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
        <table className="ws-table qr-table" data-testid="customer-report-log">
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
