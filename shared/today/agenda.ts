// The rest of the Today view besides the incident list, as pure functions over replica rows:
// who answers each customer now, the daily reports owed today, the quarterly reports and
// health checks coming up, and the requests waiting on someone. Every rule comes from the
// SLA engine (coverageAt, dailyReportStatus, quarterlySchedule); this file only shapes its
// inputs from the stored rows and its outputs for the view.
import { DateTime } from 'luxon';
import type {
  Absence,
  Customer,
  DutyShift,
  HealthCheck,
  Incident,
  Report,
  Request,
  RequestStage,
} from '../model/entities';
import { REQUEST_WORKFLOWS } from '../mutations';
import { customerQuarterlySchedule } from '../analytics/schedule';
import { isOpenIncident } from '../incidents/open';
import { coverageAt, dailyReportStatus, localDateOf, parseInstant, SlaInputError } from '../sla/index';
import type { Coverage, DailyReportItem, QuarterlyPeriod } from '../sla/index';

/** How far ahead "coming up" looks, in the customer's local days. */
export const UPCOMING_DAYS = 30;

const nowMsOf = (now: string | number) => (typeof now === 'number' ? now : parseInstant(now));
const isoOf = (now: string | number) => (typeof now === 'string' ? now : new Date(now).toISOString());

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date;
}

// ---------------------------------------------------------------- coverage

/**
 * A TAM's leave days as instants [start, end): from the first day's midnight to the midnight
 * after the last day, in the customer's zone (the TAM is away for that customer's whole day).
 */
export function leaveInstants(
  absences: readonly Absence[],
  userId: string,
  timeZone: string,
): Array<{ start: string; end: string }> {
  const out: Array<{ start: string; end: string }> = [];
  for (const a of absences) {
    if (a.deleted || a.userId !== userId || a.endDate < a.startDate) continue;
    const start = DateTime.fromISO(a.startDate, { zone: timeZone }).startOf('day');
    const end = DateTime.fromISO(a.endDate, { zone: timeZone }).plus({ days: 1 }).startOf('day');
    const s = start.toISO();
    const e = end.toISO();
    if (s !== null && e !== null) out.push({ start: s, end: e });
  }
  return out;
}

export interface CustomerCoverage {
  customerId: string;
  /** Who answers now; null when the customer's calendar is unusable (error says why). */
  coverage: Coverage | null;
  error: string | null;
}

/** Who answers the customer at `now`: the TAM in business hours unless on leave, else the duty manager. */
export function customerCoverage(
  customer: Pick<Customer, 'id' | 'calendar' | 'tamId'>,
  absences: readonly Absence[],
  roster: readonly DutyShift[],
  now: string | number,
): CustomerCoverage {
  try {
    const coverage = coverageAt({
      calendar: customer.calendar,
      tamUserId: customer.tamId,
      leave: leaveInstants(absences, customer.tamId, customer.calendar.timeZone),
      roster: roster
        .filter((s) => !s.deleted)
        .map((s) => ({ userId: s.userId, start: s.startsAt, end: s.endsAt })),
      at: isoOf(now),
    });
    return { customerId: customer.id, coverage, error: null };
  } catch (e) {
    if (e instanceof SlaInputError) return { customerId: customer.id, coverage: null, error: e.message };
    throw e;
  }
}

/** The earliest instant (ms) at which any of these coverages changes hands; null if none. */
export function nextCoverageChangeAt(coverages: readonly CustomerCoverage[]): number | null {
  let next = Infinity;
  for (const c of coverages) {
    const until = c.coverage?.until;
    if (until) next = Math.min(next, parseInstant(until));
  }
  return next === Infinity ? null : next;
}

// ---------------------------------------------------------------- daily reports

export interface DailyReportOwed extends DailyReportItem {
  customerId: string;
}

/**
 * Today's daily report of each open level-1 incident that is due or overdue (the customer's
 * local day), across customers; overdue first, then by cut-off.
 */
export function dailyReportsOwed(
  customers: readonly Pick<Customer, 'id' | 'calendar'>[],
  incidents: readonly Pick<
    Incident,
    'id' | 'customerId' | 'severity' | 'receivedAt' | 'status' | 'resolvedAt' | 'deleted'
  >[],
  reports: readonly Pick<Report, 'kind' | 'incidentId' | 'sentAt' | 'via' | 'customerId' | 'deleted'>[],
  now: string | number,
): DailyReportOwed[] {
  // Grouped once (a manager may see hundreds of customers and tens of thousands of incidents).
  const level1ByCustomer = new Map<string, (typeof incidents)[number][]>();
  for (const i of incidents) {
    if (i.severity !== 1 || !isOpenIncident(i)) continue;
    const list = level1ByCustomer.get(i.customerId);
    if (list) list.push(i);
    else level1ByCustomer.set(i.customerId, [i]);
  }
  const dailyByIncident = new Map<string, (typeof reports)[number][]>();
  for (const r of reports) {
    if (r.deleted || r.kind !== 'daily' || r.incidentId === null) continue;
    const list = dailyByIncident.get(r.incidentId);
    if (list) list.push(r);
    else dailyByIncident.set(r.incidentId, [r]);
  }
  const out: DailyReportOwed[] = [];
  for (const customer of customers) {
    const level1 = level1ByCustomer.get(customer.id);
    if (!level1) continue;
    const log = level1.flatMap((i) =>
      (dailyByIncident.get(i.id) ?? []).map((r) => ({
        kind: 'daily' as const,
        incidentId: i.id,
        sentAt: r.sentAt,
        via: r.via,
      })),
    );
    let items: DailyReportItem[];
    try {
      items = dailyReportStatus({
        calendar: customer.calendar,
        incidents: level1.map((i) => ({
          incidentId: i.id,
          severity: i.severity,
          receivedAt: i.receivedAt,
          closedAt: null,
        })),
        log,
        now: isoOf(now),
      });
    } catch (e) {
      if (e instanceof SlaInputError) continue;
      throw e;
    }
    for (const item of items) {
      if (item.status === 'due' || item.status === 'overdue') out.push({ ...item, customerId: customer.id });
    }
  }
  return out.sort(
    (a, b) =>
      Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
      parseInstant(a.dueBy ?? '') - parseInstant(b.dueBy ?? '') ||
      (a.incidentId < b.incidentId ? -1 : 1),
  );
}

// ---------------------------------------------------------------- quarterly reports and health checks

export interface UpcomingQuarterly {
  customerId: string;
  period: QuarterlyPeriod;
  /** For an overdue entry: how many of the customer's reports are overdue (this is the oldest). */
  overdueCount: number;
}

/**
 * Quarterly reports owed within the next UPCOMING_DAYS local days of each customer, and the
 * overdue ones (one entry per customer: the oldest, with the count); by due date.
 */
export function upcomingQuarterlyReports(
  customers: readonly Pick<Customer, 'id' | 'calendar' | 'contractStart' | 'contractEnd'>[],
  reports: readonly Pick<Report, 'kind' | 'customerId' | 'periodStart' | 'sentAt' | 'deleted'>[],
  now: string | number,
  days = UPCOMING_DAYS,
): UpcomingQuarterly[] {
  const out: UpcomingQuarterly[] = [];
  // Each customer's reports, grouped once (not one pass over every report per customer).
  const logs = new Map<
    string,
    Array<Pick<Report, 'kind' | 'customerId' | 'periodStart' | 'sentAt' | 'deleted'>>
  >();
  for (const r of reports) {
    if (r.deleted || r.kind !== 'quarterly') continue;
    let log = logs.get(r.customerId);
    if (!log) logs.set(r.customerId, (log = []));
    log.push(r);
  }
  for (const c of customers) {
    try {
      const today = localDateOf(c.calendar, nowMsOf(now));
      const horizon = plusDays(today, days);
      const schedule = customerQuarterlySchedule({ customer: c, now: isoOf(now) }, logs.get(c.id) ?? []);
      const [oldest] = schedule.overdue;
      if (oldest) out.push({ customerId: c.id, period: oldest, overdueCount: schedule.overdue.length });
      if (schedule.next && schedule.next.dueDate <= horizon)
        out.push({ customerId: c.id, period: schedule.next, overdueCount: 0 });
    } catch (e) {
      if (e instanceof SlaInputError) continue;
      throw e;
    }
  }
  return out.sort((a, b) =>
    a.period.dueDate < b.period.dueDate ? -1 : a.period.dueDate > b.period.dueDate ? 1 : 0,
  );
}

export interface UpcomingHealthCheck {
  healthCheck: HealthCheck;
  /** The scheduled date has passed and the check is not completed. */
  overdue: boolean;
  /** Local days from the customer's today to the scheduled date (negative when overdue). */
  inDays: number;
}

/** Scheduled health checks up to UPCOMING_DAYS ahead (customer's local dates), including late ones. */
export function upcomingHealthChecks(
  customers: readonly Pick<Customer, 'id' | 'calendar'>[],
  checks: readonly HealthCheck[],
  now: string | number,
  days = UPCOMING_DAYS,
): UpcomingHealthCheck[] {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const out: UpcomingHealthCheck[] = [];
  for (const h of checks) {
    const c = byId.get(h.customerId);
    if (!c || h.deleted || h.status !== 'scheduled') continue;
    let today: string;
    try {
      today = localDateOf(c.calendar, nowMsOf(now));
    } catch (e) {
      if (e instanceof SlaInputError) continue;
      throw e;
    }
    if (h.scheduledDate > plusDays(today, days)) continue;
    const inDays = Math.round(
      DateTime.fromISO(h.scheduledDate, { zone: 'utc' }).diff(
        DateTime.fromISO(today, { zone: 'utc' }),
        'days',
      ).days,
    );
    out.push({ healthCheck: h, overdue: h.scheduledDate < today, inDays });
  }
  return out.sort((a, b) =>
    a.healthCheck.scheduledDate < b.healthCheck.scheduledDate
      ? -1
      : a.healthCheck.scheduledDate > b.healthCheck.scheduledDate
        ? 1
        : 0,
  );
}

// ---------------------------------------------------------------- requests

/** Who must act next on a request in a given stage. */
export type WaitingOn = 'expert_group' | 'engineering' | 'tam';

const WAITING_ON: Partial<Record<RequestStage, WaitingOn>> = {
  submitted: 'expert_group',
  in_analysis: 'expert_group',
  release_scheduled: 'expert_group',
  // Released: the TAM tells the customer (the workflow's last step).
  released: 'tam',
  requested: 'engineering',
  accepted: 'engineering',
  in_development: 'engineering',
  delivered: 'engineering',
};

export function isFinalStage(request: Pick<Request, 'type' | 'stage'>): boolean {
  return (REQUEST_WORKFLOWS[request.type][request.stage] ?? []).length === 0;
}

export interface WaitingRequest {
  request: Request;
  waitingOn: WaitingOn;
  /** When the request entered its current stage. */
  since: string;
}

/** Requests not in a final stage of their workflow, longest waiting first. */
export function waitingRequests(requests: readonly Request[]): WaitingRequest[] {
  const out: WaitingRequest[] = [];
  for (const r of requests) {
    if (r.deleted || isFinalStage(r)) continue;
    const last = r.stageHistory[r.stageHistory.length - 1];
    out.push({ request: r, waitingOn: WAITING_ON[r.stage] ?? 'tam', since: last?.at ?? r.updatedAt });
  }
  return out.sort((a, b) => parseInstant(a.since) - parseInstant(b.since));
}

/**
 * The duty manager on the roster at `now` (whatever the business hours): whom an at-risk or
 * breached incident is escalated to. Overlapping shifts: the one that started last, as in
 * coverageAt. Null when nobody is rostered.
 */
export function dutyManagerAt(roster: readonly DutyShift[], now: string | number): string | null {
  const t = nowMsOf(now);
  let best: { start: number; userId: string } | null = null;
  for (const s of roster) {
    if (s.deleted) continue;
    const start = parseInstant(s.startsAt);
    const end = parseInstant(s.endsAt);
    if (start <= t && t < end && (best === null || start >= best.start)) best = { start, userId: s.userId };
  }
  return best?.userId ?? null;
}
