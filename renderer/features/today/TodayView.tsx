// The Today view (route /today): my open incidents by urgency with live countdowns, who
// answers each customer now, daily reports owed, what is coming up, requests waiting.
//
// Cold start (a manager's replica: hundreds of customers, tens of thousands of open
// incidents): the view reads in steps so that the most urgent rows show at once:
//   1. the most urgent rows: the oldest open incidents through an index, of which those that
//      certainly begin the list (loadUrgentFirst; skipped for a few customers);
//   2. once those are painted, the whole list (it replaces them: same first rows);
//   3. once the list is there, the side panels' rows (users, roster, reports, ...).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentReplica, useReplicaQuery, useSyncMeta, isReplicaUsable } from '../../replica';
import { getNow, useNowSelector } from '../../format/ticker';
import { loadTodayAgenda, loadTodayIncidents, loadUrgentFirst, type TodayData } from './data';
import { RESORT_GRID_MS, TodayIncidents } from './TodayIncidents';
import { CoveragePanel, DailyReportsPanel, RequestsPanel, UpcomingPanel } from './TodayAgenda';
import { ProductSupportPanel } from '../admin';
import { holidayYearsOf, rememberHolidayYears, warmHolidayYears } from './warm-up';

const HOUR = 3_600_000;

/** The customer ids joined by idsKey below (UUIDs: no commas). */
const idsOfKey = (key: string): string[] => (key === '' ? [] : key.split(','));

/** Runs `fn` once the frame now being prepared has been painted. */
function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

export function TodayView() {
  const { t } = useTranslation('today');
  const actor = useCurrentReplica((s) => s.actor);
  // Daily reports are re-evaluated each minute (their cut-off); coverage when it changes hands
  // (and hourly); the dates coming up hourly. The data window moves each hour.
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const hour = Math.floor((minute * 60_000) / HOUR);
  // While a first sync (first sign-in, server reset) writes its first stage, Today waits:
  // re-reading everything on each downloaded page would slow the download itself. Once that
  // stage is written (the replica is usable) Today reads: the timeline events that follow
  // are not read here.
  const meta = useSyncMeta();
  const bootstrapping = meta?.progress?.bootstrap === true && !isReplicaUsable(meta);
  const ready = actor !== null && !bootstrapping;
  // While the replica opens: the public holidays the previous start needed (see warm-up.ts).
  useEffect(() => warmHolidayYears(), []);

  // 2. The whole list, once the urgent rows (if any) are painted.
  const [wantAll, setWantAll] = useState(false);
  // The reads depend on who the user is (id, role), not on the actor object: it is replaced when
  // the team arrives, which must not re-read a manager's whole list.
  const actorId = actor?.id;
  const actorRole = actor?.role;
  const viewer = useMemo(
    () => (actorId !== undefined && actorRole !== undefined ? { id: actorId, role: actorRole } : null),
    [actorId, actorRole],
  );
  const all = useReplicaQuery(
    (db) => (viewer && ready && wantAll ? loadTodayIncidents(db, viewer) : Promise.resolve(null)),
    [viewer, ready, wantAll],
  );
  const haveAll = all !== undefined && all !== null;
  // 1. The most urgent rows, until the whole list is there.
  const urgent = useReplicaQuery(
    (db) => {
      if (!viewer || !ready || haveAll) return Promise.resolve(null);
      const now = getNow();
      return loadUrgentFirst(db, viewer, now - (now % RESORT_GRID_MS));
    },
    [viewer, ready, haveAll],
  );
  useEffect(() => {
    if (wantAll || urgent === undefined) return;
    if (urgent === null || urgent.complete) {
      setWantAll(true);
      return;
    }
    return afterPaint(() => setWantAll(true));
  }, [urgent, wantAll]);

  // 3. The side panels' rows, once the list is there.
  const allData = haveAll ? all : null;
  const allCustomers = allData?.customers ?? null;
  // The agenda is re-read when the set of customers changes, not each time the list is re-read.
  const idsKey = useMemo(
    () => (allCustomers ? allCustomers.map((c) => c.id).join(',') : null),
    [allCustomers],
  );
  const agenda = useReplicaQuery(
    (db) => (idsKey !== null ? loadTodayAgenda(db, idsOfKey(idsKey), hour * HOUR) : Promise.resolve(null)),
    [idsKey, hour],
  );
  const data: TodayData | null = useMemo(
    () => (allData && agenda ? { ...allData, ...agenda } : null),
    [allData, agenda],
  );

  const list = haveAll ? all : (urgent ?? null);
  const remembered = useRef(false);
  useEffect(() => {
    if (!allData || remembered.current) return;
    remembered.current = true;
    rememberHolidayYears(holidayYearsOf(allData.customers, allData.openIncidents, getNow()));
  }, [allData]);
  return (
    <section aria-labelledby="area-title" className="ws-today">
      <h2 id="area-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!actor ? (
        <p>{t('notSignedIn')}</p>
      ) : bootstrapping ? (
        <p role="status">{t('downloading')}</p>
      ) : !list ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <div className="ws-today-grid">
          <TodayIncidents incidents={list.openIncidents} customers={list.customers} partial={!haveAll} />
          <div className="ws-today-side">
            {!data ? (
              <p role="status">{t('loading')}</p>
            ) : (
              <>
                <CoveragePanel data={data} hour={hour} />
                <DailyReportsPanel data={data} minute={minute} />
                <UpcomingPanel data={data} hour={hour} />
                <RequestsPanel data={data} minute={minute} />
                <ProductSupportPanel customers={list.customers} />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
