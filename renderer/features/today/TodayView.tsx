// The Today view (route /today): my open incidents by urgency with live countdowns, who
// answers each customer now, daily reports owed, what is coming up, requests waiting.
import { useTranslation } from 'react-i18next';
import { useCurrentReplica } from '../../replica/current';
import { useReplicaQuery, useSyncMeta } from '../../replica/hooks';
import { useNowSelector } from '../../format/ticker';
import { loadToday } from './data';
import { TodayIncidents } from './TodayIncidents';
import { CoveragePanel, DailyReportsPanel, RequestsPanel, UpcomingPanel } from './TodayAgenda';

const HOUR = 3_600_000;

export function TodayView() {
  const { t } = useTranslation('today');
  const actor = useCurrentReplica((s) => s.actor);
  // Daily reports are re-evaluated each minute (their cut-off); coverage when it changes hands
  // (and hourly); the dates coming up hourly. The data window moves each hour.
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const hour = Math.floor((minute * 60_000) / HOUR);
  // While the whole replica downloads (first sign-in, server reset), Today waits: re-reading
  // everything on each downloaded page would slow the download itself.
  const bootstrapping = useSyncMeta()?.progress?.bootstrap === true;
  const data = useReplicaQuery(
    (db) => (actor && !bootstrapping ? loadToday(db, actor, hour * HOUR) : Promise.resolve(null)),
    [actor?.id, actor?.role, hour, bootstrapping],
  );

  return (
    <section aria-labelledby="area-title" className="ws-today">
      <h2 id="area-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!actor ? (
        <p>{t('notSignedIn')}</p>
      ) : bootstrapping ? (
        <p role="status">{t('downloading')}</p>
      ) : !data ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <div className="ws-today-grid">
          <TodayIncidents incidents={data.openIncidents} customers={data.customers} />
          <div className="ws-today-side">
            <CoveragePanel data={data} hour={hour} />
            <DailyReportsPanel data={data} minute={minute} />
            <UpcomingPanel data={data} hour={hour} />
            <RequestsPanel data={data} minute={minute} />
          </div>
        </div>
      )}
    </section>
  );
}
