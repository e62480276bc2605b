// The daily status report owed for each open level-1 incident: done, due or overdue today,
// "today" being the customer's local date. A report is due until a cut-off local time
// (default 18:00, the default close of business) and overdue after it.
import { compileCalendar, dayIntervals } from './business-time';
import { DAY_MS, formatLocalDate, MINUTE_MS, parseHhmm } from './civil';
import { issuesFromZod, SlaInputError } from './errors';
import { formatInstant, parseInstant } from './instant';
import { DailyReportInputSchema } from './schemas';
import type { DailyReportInput } from './schemas';
import { instantOfWall, localDayOf, offsetAt } from './zone';

export const DEFAULT_DAILY_REPORT_CUTOFF = '18:00';

export type DailyReportStatus = 'done' | 'due' | 'overdue' | 'not_owed';

export interface DailyReportItem {
  incidentId: string;
  /** The customer's local date the status is about. */
  date: string;
  status: DailyReportStatus;
  /** When today's report becomes overdue; null when none is owed today. */
  dueBy: string | null;
  /** Today's report, when done. */
  sentAt: string | null;
  via: 'email' | 'phone' | null;
  /** Why nothing is owed today, when status is 'not_owed'. */
  notOwedReason: 'received_after_cutoff' | 'not_a_business_day' | null;
}

/**
 * Today's daily report status of every level-1 incident open at `now`. Incidents of other
 * levels, closed ones and ones received after `now` are left out.
 * @throws SlaInputError on invalid input.
 */
export function dailyReportStatus(input: DailyReportInput): DailyReportItem[] {
  const parsed = DailyReportInputSchema.safeParse(input);
  if (!parsed.success) throw new SlaInputError(issuesFromZod(parsed.error), 'daily report input');
  const data = parsed.data;
  const cal = compileCalendar(data.calendar);
  const zone = cal.zone;
  const now = parseInstant(data.now);
  const today = localDayOf(zone, now);
  const date = formatLocalDate(today);
  const cutoff = instantOfWall(
    zone,
    today * DAY_MS + parseHhmm(data.cutoff ?? DEFAULT_DAILY_REPORT_CUTOFF) * MINUTE_MS,
  );
  const cutoffIso = formatInstant(cutoff, offsetAt(zone, cutoff));
  const businessDay = dayIntervals(cal, today).length > 0;

  const items: DailyReportItem[] = [];
  for (const incident of data.incidents) {
    if (incident.severity !== 1) continue;
    const receivedAt = parseInstant(incident.receivedAt);
    if (receivedAt > now) continue;
    if (incident.closedAt != null && parseInstant(incident.closedAt) <= now) continue;

    const base = { incidentId: incident.incidentId, date, sentAt: null, via: null };
    if (data.businessDaysOnly === true && !businessDay) {
      items.push({ ...base, status: 'not_owed', dueBy: null, notOwedReason: 'not_a_business_day' });
      continue;
    }
    if (localDayOf(zone, receivedAt) === today && receivedAt >= cutoff) {
      items.push({ ...base, status: 'not_owed', dueBy: null, notOwedReason: 'received_after_cutoff' });
      continue;
    }
    let sent: { at: number; via: 'email' | 'phone' } | undefined;
    for (const entry of data.log) {
      if (entry.kind !== 'daily' || entry.incidentId !== incident.incidentId) continue;
      const at = parseInstant(entry.sentAt);
      if (at <= now && localDayOf(zone, at) === today && (sent === undefined || at > sent.at))
        sent = { at, via: entry.via };
    }
    if (sent !== undefined) {
      items.push({
        ...base,
        status: 'done',
        dueBy: cutoffIso,
        sentAt: formatInstant(sent.at, offsetAt(zone, sent.at)),
        via: sent.via,
        notOwedReason: null,
      });
    } else {
      items.push({
        ...base,
        status: now < cutoff ? 'due' : 'overdue',
        dueBy: cutoffIso,
        notOwedReason: null,
      });
    }
  }
  return items;
}
