// Open backlog over time: how many incidents were open at the end of each day (or week) of
// the period, in the customer's zone. One pass over the incidents with a difference array.
import type { Severity } from '../model/entities';
import type { IncidentFacts } from './incident-facts';
import { daysOf, isoWeekday } from './period';
import type { DatePeriod } from './period';
import { SEVERITIES, zeroCounts } from './severity';
import type { BySeverity } from './severity';

export type BacklogGranularity = 'day' | 'week';

export interface BacklogPoint {
  /** The local date whose end the count is taken at (for today: at `now`). */
  date: string;
  /** null for dates after today: the future has no backlog yet. */
  open: number | null;
  /** By the incident's current level; null with `open`. */
  bySeverity: BySeverity<number> | null;
}

/**
 * An incident is open at the end of date D when received on or before D and not closed on or
 * before D. Weekly points are the Sundays (ISO weeks end on Sunday) and the period's last day.
 */
export function backlogFromFacts(
  facts: readonly IncidentFacts[],
  period: DatePeriod,
  today: string,
  granularity: BacklogGranularity,
): BacklogPoint[] {
  const days = daysOf(period);
  const index = new Map(days.map((d, i) => [d, i]));
  const first = days[0] as string;
  const last = days[days.length - 1] as string;
  // delta[s][i]: change of the level-s count at the end of day i (the last slot is never read).
  const delta = new Map<Severity, Int32Array>(SEVERITIES.map((s) => [s, new Int32Array(days.length + 1)]));

  for (const f of facts) {
    if (f.receivedDate > last) continue;
    const opensAt = f.receivedDate < first ? 0 : (index.get(f.receivedDate) as number);
    let closesAt = days.length;
    if (f.closedDate !== null) {
      if (f.closedDate < first) continue;
      if (f.closedDate <= last) closesAt = index.get(f.closedDate) as number;
    }
    if (closesAt <= opensAt) continue;
    const d = delta.get(f.incident.severity as Severity) as Int32Array;
    d[opensAt] = (d[opensAt] as number) + 1;
    d[closesAt] = (d[closesAt] as number) - 1;
  }

  const points: BacklogPoint[] = [];
  const running = zeroCounts();
  for (let i = 0; i < days.length; i++) {
    const date = days[i] as string;
    for (const s of SEVERITIES) running[s] += (delta.get(s) as Int32Array)[i] as number;
    const wanted = granularity === 'day' || isoWeekday(date) === 7 || i === days.length - 1;
    if (!wanted) continue;
    if (date > today) {
      points.push({ date, open: null, bySeverity: null });
    } else {
      points.push({
        date,
        open: running[1] + running[2] + running[3] + running[4],
        bySeverity: { ...running },
      });
    }
  }
  return points;
}
