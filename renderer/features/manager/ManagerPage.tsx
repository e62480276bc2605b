// /manager: the portfolio of every customer in the user's data (a manager's replica holds
// the whole team), computed by shared/analytics portfolioRows at the current minute.
import { useMemo, useState } from 'react';
import type { PortfolioComparisonRow, PortfolioRow } from '../../../shared/analytics/index';
import type { Locale } from '../../../shared/model/entities';
import { exportPortfolioCsv, exportPortfolioXlsx } from '../../exports/portfolio';
import { downloadBlob, safeFileName } from '../report-pdf';
import { useTranslation } from 'react-i18next';
import { portfolioComparison, portfolioRows } from '../../../shared/analytics/index';
import { customerHealth, healthTrend } from '../../../shared/health/index';
import type { PortfolioHealth } from './PortfolioTable';
import { useHealthSnapshots } from './health';
import { useReplica } from '../../replica';
import { useLocale, useMinuteNow } from '../../ui/common';
import { EscalationsPanel } from '../alerts';
import { usePortfolioData } from './data';
import { HistoryArriving } from './HistoryArriving';
import { PortfolioTable } from './PortfolioTable';
import './manager.css';

export function ManagerPage() {
  const { t } = useTranslation('manager');
  const locale = useLocale();
  const db = useReplica();
  const state = usePortfolioData();
  const data = state.status === 'ready' ? state.data : undefined;
  const now = useMinuteNow();
  const snapshots = useHealthSnapshots();
  const result = useMemo(() => {
    if (!data) return undefined;
    try {
      return { rows: portfolioRows({ ...data, now: new Date(now).toISOString() }) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [data, now]);
  const comparison = useMemo(
    () => (data ? portfolioComparison({ ...data, now: new Date(now).toISOString() }) : undefined),
    [data, now],
  );
  const health = useMemo(() => {
    if (!data || !snapshots) return undefined;
    const current = customerHealth({ ...data, now: new Date(now).toISOString() });
    const out = new Map<string, PortfolioHealth>();
    for (const customer of data.customers) {
      const h = current.get(customer.id);
      if (!h) continue;
      out.set(customer.id, {
        rating: h.rating,
        score: h.score,
        reasons: h.reasons,
        trend: healthTrend(customer, snapshots, now),
      });
    }
    return out;
  }, [data, snapshots, now]);

  return (
    <section aria-labelledby="manager-title" className="mgr-page">
      <h2 id="manager-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {db && <EscalationsPanel />}
      {!db ? (
        <p>{t('signIn')}</p>
      ) : state.status === 'arriving' ? (
        <HistoryArriving percent={state.percent} />
      ) : result === undefined ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : 'error' in result ? (
        <p role="alert" className="mgr-error">
          {t('customer.calendarError', { message: result.error })}
        </p>
      ) : (
        <>
          <PortfolioExport rows={result.rows} comparison={comparison} health={health} locale={locale} />
          <PortfolioTable
            rows={result.rows}
            locale={locale}
            {...(health ? { health } : {})}
            {...(comparison ? { comparison } : {})}
          />
        </>
      )}
    </section>
  );
}

/** The portfolio to XLSX or CSV: every customer, as the table shows it, sorted by name. */
function PortfolioExport({
  rows,
  comparison,
  health,
  locale,
}: {
  rows: readonly PortfolioRow[];
  comparison: ReadonlyMap<string, PortfolioComparisonRow> | undefined;
  health: ReadonlyMap<string, PortfolioHealth> | undefined;
  locale: Locale;
}) {
  const { t } = useTranslation('manager');
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [working, setWorking] = useState(false);
  const run = async (kind: 'xlsx' | 'csv') => {
    setWorking(true);
    try {
      const exportRows = [...rows]
        .sort((a, b) =>
          (locale === 'ja' ? a.customerNameJa : a.customerNameLatin).localeCompare(
            locale === 'ja' ? b.customerNameJa : b.customerNameLatin,
            locale,
          ),
        )
        .map((row) => ({
          row,
          comparison: comparison?.get(row.customerId) ?? null,
          health: health?.get(row.customerId) ?? null,
        }));
      const blob =
        kind === 'xlsx'
          ? await exportPortfolioXlsx(exportRows, locale)
          : await exportPortfolioCsv(exportRows, locale);
      const fileName = `${safeFileName(`${t('exports.fileName')}_${new Date().toISOString().slice(0, 10)}`)}.${kind}`;
      downloadBlob(fileName, blob);
      setStatus({ error: false, text: t('exports.done', { file: fileName }) });
    } catch (err) {
      setStatus({
        error: true,
        text: t('exports.failed', { message: err instanceof Error ? err.message : String(err) }),
      });
    } finally {
      setWorking(false);
    }
  };
  return (
    <div className="mgr-exports">
      <button
        type="button"
        onClick={() => void run('xlsx')}
        disabled={working}
        data-testid="portfolio-export-xlsx"
      >
        {t('exports.xlsx')}
      </button>
      <button
        type="button"
        onClick={() => void run('csv')}
        disabled={working}
        data-testid="portfolio-export-csv"
      >
        {t('exports.csv')}
      </button>
      <p
        role="status"
        className={status?.error ? 'mgr-error' : undefined}
        data-testid="portfolio-export-status"
      >
        {status?.text ?? ''}
      </p>
    </div>
  );
}
