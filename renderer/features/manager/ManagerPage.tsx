// /manager: the portfolio of every customer in the user's data (a manager's replica holds
// the whole team), computed by shared/analytics portfolioRows at the current minute.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { portfolioComparison, portfolioRows } from '../../../shared/analytics/index';
import { customerHealth, healthTrend } from '../../../shared/health/index';
import type { PortfolioHealth } from './PortfolioTable';
import { useHealthSnapshots } from './health';
import { useReplica } from '../../replica/hooks';
import { useLocale, useMinuteNow } from '../customers/common';
import { EscalationsPanel } from '../alerts/EscalationsPanel';
import { usePortfolioData } from './data';
import { PortfolioTable } from './PortfolioTable';
import './manager.css';

export function ManagerPage() {
  const { t } = useTranslation('manager');
  const locale = useLocale();
  const db = useReplica();
  const data = usePortfolioData();
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
      ) : result === undefined ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : 'error' in result ? (
        <p role="alert" className="mgr-error">
          {t('customer.calendarError', { message: result.error })}
        </p>
      ) : (
        <PortfolioTable
          rows={result.rows}
          locale={locale}
          {...(health ? { health } : {})}
          {...(comparison ? { comparison } : {})}
        />
      )}
    </section>
  );
}
