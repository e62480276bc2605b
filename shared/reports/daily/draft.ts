// The daily status report of an open level-1 incident (docs/domain.md, "Reports"): which reports
// are due or overdue today, and the facts of a draft (its language chosen per report) made
// from the incident's timeline since the last daily report: incident title, current status,
// response SLA state, what the customer can see that happened since the last report, and the
// next steps, as data and codes. The renderer words them in the report's language
// (renderer/features/daily-report/draft.ts). Times are the customer's zone's.
import { DateTime } from 'luxon';
import { isOpenIncident, isOpenStatus, responseSlaInput } from '../../incidents/index';
import { IncidentStatusSchema } from '../../model/entities';
import type {
  Contact,
  Customer,
  Incident,
  IncidentStatus,
  Locale,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  TimelineEvent,
  TimelineKind,
} from '../../model/entities';
import { computeResponseSla, dailyReportStatus, policyOfCustomer } from '../../sla';
import type { DailyReportItem, ResponseSla } from '../../sla';

export type DraftLocale = Locale;

// ---------------------------------------------------------------- what is due today

export interface DailyReportBoardInput {
  customers: readonly Customer[];
  /** Incidents in scope (any level and status: only open level-1 ones count). */
  incidents: readonly Incident[];
  /** The report log (any kind; the daily entries count). */
  reports: readonly Report[];
  now: string;
  /** Local time after which today's report is overdue (default 18:00). */
  cutoff?: string;
}

export interface DailyReportBoardItem {
  incident: Incident;
  customer: Customer;
  /** Today's status, "today" being the customer's local date. */
  today: DailyReportItem;
  /** The latest daily report of this incident, if any. */
  lastReport: Report | null;
}

const STATUS_ORDER: Record<DailyReportItem['status'], number> = { overdue: 0, due: 1, done: 2, not_owed: 3 };

/** The latest daily report of an incident sent at or before `now`. */
export function lastDailyReport(reports: readonly Report[], incidentId: string, now?: string): Report | null {
  const limit = now === undefined ? Infinity : Date.parse(now);
  let last: Report | null = null;
  for (const r of reports) {
    if (r.deleted || r.kind !== 'daily' || r.incidentId !== incidentId) continue;
    const at = Date.parse(r.sentAt);
    if (at > limit) continue;
    if (last === null || at > Date.parse(last.sentAt)) last = r;
  }
  return last;
}

/**
 * Every open level-1 incident with today's daily report status (done, due, overdue or not
 * owed), overdue first, then due, done and not owed; oldest incident first within each.
 */
export function dailyReportBoard(input: DailyReportBoardInput): DailyReportBoardItem[] {
  const customers = new Map(input.customers.filter((c) => !c.deleted).map((c) => [c.id, c]));
  const open = input.incidents.filter(
    (i) => i.severity === 1 && isOpenIncident(i) && customers.has(i.customerId),
  );
  const log = input.reports
    .filter((r) => !r.deleted && r.kind === 'daily' && r.incidentId !== null)
    .map((r) => ({
      kind: 'daily' as const,
      incidentId: r.incidentId as string,
      sentAt: r.sentAt,
      via: r.via,
    }));
  const items: DailyReportBoardItem[] = [];
  for (const customer of customers.values()) {
    const mine = open.filter((i) => i.customerId === customer.id);
    if (mine.length === 0) continue;
    const statuses = dailyReportStatus({
      calendar: customer.calendar,
      incidents: mine.map((i) => ({
        incidentId: i.id,
        severity: i.severity,
        receivedAt: i.receivedAt,
        closedAt: null,
      })),
      log: log.filter((e) => mine.some((i) => i.id === e.incidentId)),
      now: input.now,
      ...(input.cutoff !== undefined ? { cutoff: input.cutoff } : {}),
    });
    for (const today of statuses) {
      const incident = mine.find((i) => i.id === today.incidentId);
      if (incident)
        items.push({
          incident,
          customer,
          today,
          lastReport: lastDailyReport(input.reports, incident.id, input.now),
        });
    }
  }
  return items.sort(
    (a, b) =>
      STATUS_ORDER[a.today.status] - STATUS_ORDER[b.today.status] ||
      Date.parse(a.incident.receivedAt) - Date.parse(b.incident.receivedAt),
  );
}

// ---------------------------------------------------------------- the draft

/** The language a report is written in by default: the customer's primary contact's, else the fallback. */
export function defaultDraftLocale(
  contacts: readonly Pick<Contact, 'isPrimary' | 'locale' | 'deleted'>[],
  fallback: DraftLocale,
): DraftLocale {
  const live = contacts.filter((c) => !c.deleted);
  return (live.find((c) => c.isPrimary) ?? live[0])?.locale ?? fallback;
}

export interface DailyDraftInput {
  locale: DraftLocale;
  customer: Pick<Customer, 'nameJa' | 'nameLatin' | 'calendar' | 'supportPolicyId' | 'contractTier'>;
  incident: Incident;
  /** The incident's timeline (any order; internal entries are left out of the draft). */
  events: readonly TimelineEvent[];
  /** The report log (the incident's daily reports decide where "since the last report" starts). */
  reports: readonly Report[];
  /** Requests linked to the incident: their progress is a next step. */
  requests?: readonly Request[];
  now: string;
  /** Who the report is addressed to. */
  contact?: Pick<Contact, 'name' | 'nameLatin'> | null;
  /** Who signs it (the TAM). */
  author?: string | null;
}

/** The SLA line of a draft: the state with the instants it names. */
export type DraftSlaLine =
  | { state: 'met' | 'missed'; at: string }
  | { state: 'running' | 'at_risk'; due: string; leftMinutes: number }
  | { state: 'breached'; due: string };

/** A next step the draft promises or asks for. */
export type DraftNextStep =
  | { kind: 'investigating' | 'firstAnswerAsap' | 'waitingCustomer' | 'confirmResolution' }
  | { kind: 'firstAnswer'; due: string }
  | { kind: 'request'; requestType: RequestType; title: string; stage: RequestStage }
  | { kind: 'nextReport'; date: string };

/** A listed event: a status or severity change, or an entry with its (one-line) body. */
export type DraftEventLine =
  | { at: string; change: 'status'; from: IncidentStatus; to: IncidentStatus }
  | { at: string; change: 'severity'; from: Severity; to: Severity }
  | { at: string; change: null; kind: TimelineKind; body: string };

/** Everything a daily report draft says, as data: the renderer words it in `locale`. */
export interface DailyDraftModel {
  locale: DraftLocale;
  /** The customer's zone: every instant below is written in it. */
  zone: string;
  /** The customer's local date the report is for. */
  reportDate: string;
  /** Where the report's period starts: the last daily report's sentAt, or the incident's receipt. */
  since: string;
  sinceLastReport: boolean;
  /** The customer-visible events the draft lists, oldest first. */
  events: TimelineEvent[];
  eventLines: DraftEventLine[];
  sla: ResponseSla;
  slaLine: DraftSlaLine;
  /** The response target of the incident's level, and where a deferred clock started. */
  target: { minutes: number; business: boolean; deferredUntil: string | null };
  incident: Pick<Incident, 'title' | 'receivedAt' | 'severity' | 'status'>;
  /** The customer's name in the report's script, the contact's, the signing TAM's. */
  customerName: string;
  contactName: string | null;
  author: string | null;
  next: DraftNextStep[];
}

const INCIDENT_STATUSES = IncidentStatusSchema.options;

const FINAL_STAGES: readonly RequestStage[] = ['customer_notified', 'declined', 'included_in_public_patch'];

function isSeverity(v: unknown): v is Severity {
  return v === 1 || v === 2 || v === 3 || v === 4;
}
function isStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
}

/**
 * The customer-visible events after `since` (exclusive, or inclusive when asked) up to `now`,
 * oldest first; internal entries and the reports themselves are left out.
 */
export function eventsForDailyReport(
  events: readonly TimelineEvent[],
  since: string,
  now: string,
  includeSince = false,
): TimelineEvent[] {
  const from = Date.parse(since);
  const to = Date.parse(now);
  return events
    .filter((e) => {
      if (e.deleted || e.visibility !== 'customer' || e.kind === 'report_sent') return false;
      const at = Date.parse(e.at);
      return (includeSince ? at >= from : at > from) && at <= to;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function eventLine(e: TimelineEvent): DraftEventLine {
  const from = e.meta?.['from'];
  const to = e.meta?.['to'];
  if (e.kind === 'status_change' && isStatus(from) && isStatus(to))
    return { at: e.at, change: 'status', from, to };
  if (e.kind === 'severity_change' && isSeverity(from) && isSeverity(to))
    return { at: e.at, change: 'severity', from, to };
  return { at: e.at, change: null, kind: e.kind, body: e.body.trim().replace(/\s*\n\s*/g, ' ') };
}

/** The facts of the draft. Pure: the same input gives the same model. */
export function dailyDraftModel(input: DailyDraftInput): DailyDraftModel {
  const zone = input.customer.calendar.timeZone;
  const nowLocal = DateTime.fromISO(input.now, { setZone: true }).setZone(zone);
  const reportDate = nowLocal.toISODate() ?? input.now.slice(0, 10);
  const { incident } = input;

  const last = lastDailyReport(input.reports, incident.id, input.now);
  const since = last?.sentAt ?? incident.receivedAt;
  // The first report covers the receipt itself (events at the receipt instant included).
  const listed = eventsForDailyReport(input.events, since, input.now, last === null);

  const policy = policyOfCustomer(input.customer);
  const sla = computeResponseSla(responseSlaInput(incident, input.customer.calendar, policy, input.now));
  const leftMinutes = Math.max(0, Math.floor((sla.remainingMs ?? 0) / 60_000));
  let slaLine: DraftSlaLine;
  switch (sla.state) {
    case 'met':
    case 'missed':
      slaLine = { state: sla.state, at: incident.firstResponseAt ?? input.now };
      break;
    case 'running':
    case 'at_risk':
      slaLine = { state: sla.state, due: sla.dueAt, leftMinutes };
      break;
    case 'breached':
      slaLine = { state: 'breached', due: sla.dueAt };
      break;
  }
  const target = policy.targets[sla.severity];

  const next: DraftNextStep[] = [];
  const answered = incident.firstResponseAt !== null;
  switch (incident.status) {
    case 'new':
    case 'in_progress':
      if (answered) next.push({ kind: 'investigating' });
      else
        next.push(
          sla.state === 'breached' ? { kind: 'firstAnswerAsap' } : { kind: 'firstAnswer', due: sla.dueAt },
        );
      break;
    case 'waiting_customer':
      next.push({ kind: 'waitingCustomer' });
      break;
    case 'resolved':
      next.push({ kind: 'confirmResolution' });
      break;
    case 'closed':
      break;
  }
  for (const r of input.requests ?? []) {
    if (r.deleted || r.incidentId !== incident.id || FINAL_STAGES.includes(r.stage)) continue;
    next.push({ kind: 'request', requestType: r.type, title: r.title, stage: r.stage });
  }
  if (isOpenStatus(incident.status)) {
    next.push({ kind: 'nextReport', date: nowLocal.plus({ days: 1 }).toISODate() ?? '' });
  }

  const contactName = input.contact
    ? input.locale === 'en'
      ? (input.contact.nameLatin ?? input.contact.name)
      : input.contact.name
    : null;
  return {
    locale: input.locale,
    zone,
    reportDate,
    since,
    sinceLastReport: last !== null,
    events: listed,
    eventLines: listed.map(eventLine),
    sla,
    slaLine,
    target: {
      minutes: target.minutes,
      business: target.clock === 'business',
      deferredUntil: sla.deferred?.until ?? null,
    },
    incident: {
      title: incident.title,
      receivedAt: incident.receivedAt,
      severity: incident.severity,
      status: incident.status,
    },
    customerName: input.locale === 'ja' ? input.customer.nameJa : input.customer.nameLatin,
    contactName,
    author: input.author?.trim() ? input.author.trim() : null,
    next,
  };
}

// ---------------------------------------------------------------- sending and logging

/** A mailto: URL with subject and body (RFC 6068: CRLF line breaks, percent-encoded). */
export function mailtoUrl(message: { to: readonly string[]; subject: string; body: string }): string {
  const enc = (s: string) => encodeURIComponent(s);
  const to = message.to.map((a) => enc(a).replace(/%40/g, '@')).join(',');
  const body = message.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${enc(message.subject)}&body=${enc(body)}`;
}

/** A file name for the draft saved as an .eml: report date and a short, safe part of the title. */
export function draftFileName(
  draft: Pick<DailyDraftModel, 'reportDate'>,
  incident: Pick<Incident, 'id'>,
): string {
  return `daily-report-${draft.reportDate}-${incident.id.slice(0, 8)}.eml`;
}

/**
 * The arguments of report.logSent for a daily report sent now (ids added by the caller): the
 * period is the customer's local date of `sentAt`.
 */
export function dailyReportLogArgs(input: {
  customer: Pick<Customer, 'id' | 'calendar'>;
  incident: Pick<Incident, 'id'>;
  via: 'email' | 'phone';
  sentAt: string;
  note?: string;
}) {
  const date =
    DateTime.fromISO(input.sentAt, { setZone: true }).setZone(input.customer.calendar.timeZone).toISODate() ??
    input.sentAt.slice(0, 10);
  const note = input.note?.trim();
  return {
    customerId: input.customer.id,
    kind: 'daily' as const,
    periodStart: date,
    periodEnd: date,
    sentAt: input.sentAt,
    via: input.via,
    incidentId: input.incident.id,
    ...(note ? { note: note.slice(0, 5000) } : {}),
  };
}
