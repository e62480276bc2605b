// /manager: the portfolio of every customer in the user's data (a manager's replica holds
// the whole team), computed by shared/analytics portfolioRows at the current minute.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { portfolioRows } from '../../../shared/analytics/index';
import { useReplica } from '../../replica';
import { useLocale, useMinuteNow } from '../../ui/common';
import { EscalationsPanel } from '../alerts';
import { usePortfolioData } from './data';
import { PortfolioTable } from './PortfolioTable';
import './manager.css';

export function ManagerPage() {
  const { t } = useTranslation('manager');
  const locale = useLocale();
  const db = useReplica();
  const data = usePortfolioData();
  const now = useMinuteNow();
  const result = useMemo(() => {
    if (!data) return undefined;
    try {
      return { rows: portfolioRows({ ...data, now: new Date(now).toISOString() }) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [data, now]);

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
        <PortfolioTable rows={result.rows} locale={locale} />
      )}
    </section>
  );
}
