// The Today view (route /today): my open incidents by urgency with live countdowns, who
// answers each customer now, daily reports owed, what is coming up, requests waiting.
import { useTranslation } from 'react-i18next';
import { useCurrentReplica } from '../../replica/current';
import { useReplicaQuery } from '../../replica/hooks';
import { useNowSelector } from '../../format/ticker';
import { loadToday } from './data';
import { TodayIncidents } from './TodayIncidents';
import { CoveragePanel, DailyReportsPanel, RequestsPanel, UpcomingPanel } from './TodayAgenda';

const HOUR = 3_600_000;

export function TodayView() {
  const { t } = useTranslation('today');
  const actor = useCurrentReplica((s) => s.actor);
  // The agenda is recomputed each minute (cut-offs, dates); the data window moves each hour.
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const hour = Math.floor((minute * 60_000) / HOUR);
  const data = useReplicaQuery((db) => (actor ? loadToday(db, actor, hour * HOUR) : Promise.resolve(null)), [actor?.id, actor?.role, hour]);

  return (
    <section aria-labelledby="area-title" className="ws-today">
      <h2 id="area-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!actor ? (
        <p>{t('notSignedIn')}</p>
      ) : !data ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <div className="ws-today-grid">
          <TodayIncidents incidents={data.openIncidents} customers={data.customers} />
          <div className="ws-today-side">
            <CoveragePanel data={data} minute={minute} />
            <DailyReportsPanel data={data} minute={minute} />
            <UpcomingPanel data={data} minute={minute} />
            <RequestsPanel data={data} minute={minute} />
          </div>
        </div>
      )}
    </section>
  );
}
