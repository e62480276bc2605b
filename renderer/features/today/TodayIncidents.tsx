// "My open incidents", most urgent first, each with a live countdown.
//
// Rendering budget (100,000 incidents must stay smooth):
//   - ONE timer for the whole app (format/ticker.ts). Each visible row reads it every second
//     (its SLA from the engine, from its memoised facts: use-urgency.ts) but re-renders only
//     when what it shows changes: the countdown's text (each second under a day left, each
//     minute beyond), the state, level or due instant, or the minute. The list does not.
//   - The list is virtualised (@tanstack/react-virtual): only the rows in view (plus a few)
//     exist, so only they read the clock.
//   - Re-sorting: the urgency order changes only when some incident changes state (running ->
//     at risk -> breached) or when the data changes. Each incident's profile knows the
//     instants of its state changes; the list subscribes to "how many of those instants have
//     passed" (a binary search per tick), read on a 5-second grid: the list re-sorts only
//     when a state has changed, and at most once every 5 seconds (with tens of thousands of
//     incidents, states change every few seconds). Between re-sorts a row's own badge and
//     countdown are already exact (computed per second from the engine); only its position
//     may lag by up to 5 seconds. Data changes re-sort at once.
import { memo, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Customer, Incident } from '../../../shared/model/entities';
import { changesPassed, slaAt, sortByUrgency, stateChangeInstants } from '../../../shared/today/urgency';
import type { ResponseSla } from '../../../shared/sla';
import { formatDateTimeShort, formatZone, userTimeZone } from '../../format/datetime';
import { formatCountdown } from '../../format/countdown';
import { getNow, useNowSelector } from '../../format/ticker';
import { customerName, useLocale } from '../../ui/common';
import { SeverityBadge, SlaBadge } from '../incident';
import { useRovingRows } from '../incidents';
import { useUrgencyEntries, type UrgencyEntry } from './use-urgency';

// Estimated; each row is measured once rendered (titles and deferral notes may wrap).
const ROW_HEIGHT = 96;
/** The list re-sorts at most this often (and only when some state changed). */
export const RESORT_GRID_MS = 5000;
const MAX_HEIGHT = 520;

/**
 * `partial`: the incidents are only the first rows of the list (the most urgent, read first on
 * a cold start); the whole list follows.
 */
export function TodayIncidents({
  incidents,
  customers,
  partial = false,
}: {
  incidents: readonly Incident[];
  customers: readonly Customer[];
  partial?: boolean;
}) {
  const { t } = useTranslation(['today', 'glossary']);
  const entries = useUrgencyEntries(incidents, customers);
  const profiles = useMemo(() => [...entries.values()].map((e) => e.profile), [entries]);
  const instants = useMemo(() => stateChangeInstants(profiles), [profiles]);
  const passed = useNowSelector((now) => changesPassed(instants, now - (now % RESORT_GRID_MS)), [instants]);
  const order = useMemo(
    () => {
      const now = getNow();
      return sortByUrgency(profiles, now - (now % RESORT_GRID_MS)).map(
        (p) => entries.get(p.incidentId) as UrgencyEntry,
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `passed` is the re-sort trigger (the clock is read inside): it changes exactly when a state changes
    [profiles, entries, passed],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    getItemKey: (index) => order[index]?.incident.id ?? index,
  });
  const onKeyDown = useRovingRows(virtualizer, order.length);

  return (
    <section className="ws-panel" aria-labelledby="today-incidents-title">
      <div className="ws-panel-head">
        <h3 id="today-incidents-title">{t('incidents.title')}</h3>
        <span className="muted">
          {partial
            ? t('incidents.countPartial', { count: order.length })
            : t('incidents.count', { count: order.length })}
        </span>
      </div>
      <p className="muted ws-small">{t('incidents.orderNote')}</p>
      {order.length === 0 ? (
        <p>{t('incidents.empty')}</p>
      ) : (
        <div
          ref={scrollRef}
          className="ws-virtual-scroll"
          style={{ height: Math.min(virtualizer.getTotalSize(), MAX_HEIGHT) }}
          data-testid="today-incidents"
          onKeyDown={onKeyDown}
        >
          <ol
            className="ws-virtual-inner"
            style={{ height: virtualizer.getTotalSize() }}
            aria-labelledby="today-incidents-title"
          >
            {virtualizer.getVirtualItems().map((item) => {
              const entry = order[item.index];
              if (!entry) return null;
              return (
                <li
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="ws-virtual-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                  aria-setsize={order.length}
                  aria-posinset={item.index + 1}
                >
                  <TodayIncidentRow entry={entry} index={item.index} />
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

function safeSla(entry: UrgencyEntry, now: number): ResponseSla | null {
  try {
    return slaAt(entry.facts, now);
  } catch {
    return null;
  }
}

/**
 * What of a row changes with time other than its countdown: its state and level (the row's
 * colour, badge and sort position), its due instant, and the minute (relative dates such as
 * "today" in the due text). The row re-renders only when this changes, not every second.
 */
function rowKeyAt(entry: UrgencyEntry, now: number): string {
  const sla = safeSla(entry, now);
  return sla
    ? `${sla.state}|${sla.severity}|${sla.dueAt}|${Math.floor(now / 60_000)}`
    : `invalid|${Math.floor(now / 60_000)}`;
}

/**
 * The countdown at `now` as one comparable string: '' once answered, null when the engine
 * refused the facts, else the text prefixed by OVERDUE when past due.
 */
const OVERDUE = '!';
function countdownTextAt(
  entry: UrgencyEntry,
  now: number,
  locale: ReturnType<typeof useLocale>,
): string | null {
  const sla = safeSla(entry, now);
  if (!sla) return null;
  if (sla.remainingMs === null) return '';
  return `${sla.remainingMs < 0 ? OVERDUE : ''}${formatCountdown(sla.remainingMs, locale)}`;
}

/**
 * The row's live countdown: reads the clock every second, re-renders only when its text
 * changes (each second under a day, each minute beyond). Same markup as incident/parts'
 * Countdown (which takes the ms and renders on every call).
 */
function RowCountdown({ entry }: { entry: UrgencyEntry }) {
  const { t } = useTranslation(['today', 'incident', 'glossary']);
  const locale = useLocale();
  const value = useNowSelector((now) => countdownTextAt(entry, now, locale), [entry, locale]);
  if (value === null) return <span className="muted">—</span>;
  if (value === '') return <span className="muted">{t('today:incidents.answered')}</span>;
  const overdue = value.startsWith(OVERDUE);
  const text = overdue ? value.slice(OVERDUE.length) : value;
  // Past due, the words say so ("Overdue by 01:45:52"); the duration has no sign.
  return (
    <span
      className={overdue ? 'ws-countdown ws-countdown-overdue' : 'ws-countdown'}
      role="timer"
      data-testid="countdown"
    >
      {overdue ? (
        <span className="ws-countdown-label">{t('incident:sla.overdue')} </span>
      ) : (
        <span className="ws-visually-hidden">{t('incident:sla.remaining')} </span>
      )}
      {text}
    </span>
  );
}

/**
 * One incident, rendered only while visible. The clock is read every second, but the row
 * re-renders only when its state, level, due instant or minute changes; the countdown inside
 * re-renders only when its text changes.
 */
export const TodayIncidentRow = memo(function TodayIncidentRow({
  entry,
  index,
}: {
  entry: UrgencyEntry;
  index: number;
}) {
  const { t } = useTranslation(['today', 'incident', 'glossary']);
  const locale = useLocale();
  useNowSelector((now) => rowKeyAt(entry, now), [entry]);
  const now = getNow();
  const sla = safeSla(entry, now);
  const { incident, customer } = entry;
  const zone = customer.calendar.timeZone;
  const mine = userTimeZone();
  const state = sla?.state ?? 'invalid';
  return (
    <div
      className={`ws-today-row ws-row-${state}`}
      data-testid="today-incident"
      data-incident-id={incident.id}
      data-state={state}
      data-due={sla?.dueAt}
    >
      <div className="ws-today-clock">
        <SlaBadge state={state} />
        <RowCountdown entry={entry} />
      </div>
      <div className="ws-today-main">
        <div className="ws-today-meta">
          <SeverityBadge level={sla?.severity ?? incident.severity} />
          <span className={`ws-tier ws-tier-${customer.contractTier}`}>
            {t(`glossary:tier.${customer.contractTier}`)}
          </span>
          <span className="ws-today-customer">{customerName(customer, locale)}</span>
        </div>
        <Link to={`/incidents/${incident.id}`} className="ws-today-title" data-row-index={index}>
          {incident.title}
        </Link>
        {sla && (
          <div className="ws-today-due muted ws-small">
            {t('today:incidents.due')}:{' '}
            {t('today:incidents.dueCustomer', {
              time: formatDateTimeShort(sla.dueAt, zone, locale, now),
              zone: formatZone(zone, sla.dueAt, locale),
            })}
            {mine !== zone && (
              <>
                {' '}
                ·{' '}
                {t('today:incidents.dueMine', {
                  time: formatDateTimeShort(sla.dueAt, mine, locale, now),
                  zone: formatZone(mine, sla.dueAt, locale),
                })}
              </>
            )}
            {sla.deferred && (
              <div className="ws-deferred">
                {t(`incident:sla.deferred.${sla.deferred.reason}`, {
                  at: formatDateTimeShort(sla.deferred.until, zone, locale, now),
                })}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
});
