// /reports/daily-critical/:incidentId/print: the daily critical-incident report alone, for
// the browser's print path (print stylesheet, window.print → "Save as PDF"); ?print=1 opens
// the print dialog once the report and its fonts are ready (data-report-ready).
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isLocale } from '../../i18n/locale';
import { useReplica } from '../../replica';
import { useReportPrintView } from './print-ready';
import { DailyCriticalDocument } from './DailyCriticalDocument';
import { dailyFileStem } from './DailyCriticalPage';
import { useDailyCriticalReport } from './use-daily-critical';
import '../../ui/report-page.css';

export function DailyCriticalPrintPage() {
  const { incidentId } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation('reportPdf');
  const db = useReplica();
  const lang = params.get('lang');
  const autoPrint = params.get('print') === '1';
  const state = useDailyCriticalReport(incidentId, isLocale(lang) ? lang : null);
  const report = state.status === 'ready' ? state.report : null;
  const { docRef, ready } = useReportPrintView(report, report ? dailyFileStem(report) : null, autoPrint);

  return (
    <div className="qr-print" data-report-ready={ready ? 'true' : 'false'} data-testid="daily-print-view">
      <nav className="qr-print-toolbar rpt-no-print" aria-label={t('print.toolbar')}>
        <Link to={`/reports/daily-critical/${incidentId ?? ''}`}>{t('print.back')}</Link>
        <button type="button" onClick={() => window.print()} disabled={!ready}>
          {t('print.print')}
        </button>
      </nav>
      <main ref={docRef}>
        {report ? (
          <DailyCriticalDocument report={report} headingLevel={1} />
        ) : !db ? (
          <p>{t('signIn')}</p>
        ) : state.status === 'missing' ? (
          <p role="alert">{t('notFound')}</p>
        ) : state.status === 'not-critical' ? (
          <p role="alert">{t('notCritical')}</p>
        ) : state.status === 'error' ? (
          <p role="alert">{state.message}</p>
        ) : (
          <p aria-busy="true">{t('print.loading')}</p>
        )}
      </main>
    </div>
  );
}
