// /reports/quarterly/:customerId/print: the report and nothing else, outside the app's frame,
// for the browser's print path (print stylesheet, window.print → "Save as PDF"). The period
// and language come from the URL (what the report page showed), the sections from the
// customer's saved choice. With ?print=1 the print dialog opens once the report and its fonts
// are ready; data-report-ready marks that moment. Once the print dialog has closed, the view
// asks whether the report for the period was sent (MarkSent.tsx): printing, or cancelling the
// dialog, logs nothing by itself.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isLocale } from '../../i18n/locale';
import { useReplica } from '../../replica';
import { useReportPrintView } from '../report-pdf';
import { HistoryArriving, customerToday, type PeriodChoice } from '../manager';
import { quarterlyFileName } from './files';
import { MarkSentPanel } from './MarkSent';
import { QuarterlyReportDocument } from './QuarterlyReportDocument';
import { useQuarterlyReport } from './use-quarterly-report';
import '../../ui/report-page.css';

export function QuarterlyPrintPage() {
  const { customerId } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation('quarterlyReport');
  const from = params.get('from');
  const to = params.get('to');
  const lang = params.get('lang');
  const autoPrint = params.get('print') === '1';
  const period = useMemo<PeriodChoice | undefined>(
    () => (from && to ? { kind: 'custom', from, to } : undefined),
    [from, to],
  );
  const db = useReplica();
  const { state } = useQuarterlyReport(customerId, { period, locale: isLocale(lang) ? lang : undefined });
  const report = state.status === 'ready' ? state.report : null;
  // The saved PDF's suggested name is the page title.
  const fileName = report ? quarterlyFileName(report) : null;
  const { docRef, ready, print, printed } = useReportPrintView(
    report,
    fileName ? fileName.replace(/\.pdf$/, '') : null,
    autoPrint,
  );

  return (
    <div className="qr-print" data-report-ready={ready ? 'true' : 'false'} data-testid="quarterly-print-view">
      <nav className="qr-print-toolbar rpt-no-print" aria-label={t('print.toolbar')}>
        <Link to={`/reports/quarterly/${customerId ?? ''}`}>{t('print.back')}</Link>
        <button type="button" onClick={print} disabled={!ready}>
          {t('print.print')}
        </button>
      </nav>
      {printed && report && fileName && state.status === 'ready' && (
        <div className="qr-print-confirm rpt-no-print">
          <MarkSentPanel
            report={report}
            reportLog={state.data.reportLog}
            today={customerToday(state.data.customer, new Date().toISOString())}
            note={t('export.logNotePrint', { file: fileName })}
          />
        </div>
      )}
      <main ref={docRef}>
        {report ? (
          <QuarterlyReportDocument report={report} headingLevel={1} />
        ) : state.status === 'missing' ? (
          <p role="alert">{t('page.notFound')}</p>
        ) : state.status === 'error' ? (
          <p role="alert">{t('page.calendarError', { message: state.message })}</p>
        ) : state.status === 'ready' ? (
          <p role="alert">{t('print.invalidPeriod')}</p>
        ) : state.status === 'arriving' ? (
          <HistoryArriving percent={state.percent} />
        ) : !db ? (
          <p>
            {t('page.signIn')} <Link to="/sign-in">{t('print.signIn')}</Link>
          </p>
        ) : (
          <p aria-busy="true">{t('print.loading')}</p>
        )}
      </main>
    </div>
  );
}
