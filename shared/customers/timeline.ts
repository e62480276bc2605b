// One chronological timeline of everything that happened with a customer: incidents
// received, the incidents' timeline events, request stage changes, health checks agreed and
// completed, and reports sent. A daily report appears once: report.logSent also writes a
// 'report_sent' timeline event, which is folded into the report's entry.
import { DateTime } from 'luxon';
import type {
  Channel,
  HealthCheck,
  Incident,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  TimelineEvent,
  TimelineKind,
  Visibility,
} from '../model/entities';

interface EntryBase {
  /** Stable unique key (for list rendering). */
  key: string;
  /** ISO instant the entry is ordered by. */
  at: string;
}

export type CustomerTimelineEntry =
  | (EntryBase & {
      type: 'incident_received';
      incidentId: string;
      title: string;
      severity: Severity;
      channel: Channel;
    })
  | (EntryBase & {
      type: 'incident_event';
      incidentId: string;
      incidentTitle: string | null;
      eventId: string;
      kind: TimelineKind;
      body: string;
      visibility: Visibility;
      isAnswer: boolean;
      meta: TimelineEvent['meta'];
    })
  | (EntryBase & {
      type: 'request_stage';
      requestId: string;
      title: string;
      requestType: RequestType;
      stage: RequestStage;
      /** The first entry of the history: the request was created. */
      created: boolean;
      note: string | null;
    })
  | (EntryBase & {
      type: 'health_check_agreed';
      healthCheckId: string;
      agreedOn: string;
      scheduledDate: string;
    })
  | (EntryBase & {
      type: 'health_check_completed';
      healthCheckId: string;
      scheduledDate: string;
      findings: number;
    })
  | (EntryBase & {
      type: 'report_sent';
      reportId: string;
      kind: Report['kind'];
      via: Report['via'];
      incidentId: string | null;
      incidentTitle: string | null;
      note: string | null;
    });

export type CustomerTimelineType = CustomerTimelineEntry['type'];

export interface CustomerTimelineInput {
  incidents: readonly Incident[];
  events: readonly TimelineEvent[];
  requests: readonly Request[];
  healthChecks: readonly HealthCheck[];
  reports: readonly Report[];
  /** The customer's time zone: a date-only fact (agreed on) is placed at the start of that local day. */
  timeZone: string;
}

export interface CustomerTimelineOptions {
  /** 'desc' (default): newest first; 'asc': oldest first. */
  order?: 'asc' | 'desc';
}

// Entries at the same instant keep a natural order: what happened first in a story first.
const TYPE_ORDER: Record<CustomerTimelineType, number> = {
  incident_received: 0,
  incident_event: 1,
  request_stage: 2,
  health_check_agreed: 3,
  health_check_completed: 4,
  report_sent: 5,
};

function startOfLocalDay(date: string, timeZone: string): string {
  const dt = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return dt.toUTC().toISO() ?? `${date}T00:00:00.000Z`;
}

/** Merges every source into one list, ordered by instant (ties: type order, then key). Deleted rows are left out. */
export function mergeCustomerTimeline(
  input: CustomerTimelineInput,
  options: CustomerTimelineOptions = {},
): CustomerTimelineEntry[] {
  const titles = new Map(input.incidents.map((i) => [i.id, i.title]));
  const reportIds = new Set(input.reports.filter((r) => !r.deleted).map((r) => r.id));
  const out: CustomerTimelineEntry[] = [];

  for (const i of input.incidents) {
    if (i.deleted) continue;
    out.push({
      type: 'incident_received',
      key: `incident:${i.id}`,
      at: i.receivedAt,
      incidentId: i.id,
      title: i.title,
      severity: i.severity,
      channel: i.channel,
    });
  }
  for (const e of input.events) {
    if (e.deleted) continue;
    // The report's own entry says it (with how it was sent); don't say it twice.
    const reportId = e.meta?.['reportId'];
    if (e.kind === 'report_sent' && typeof reportId === 'string' && reportIds.has(reportId)) continue;
    out.push({
      type: 'incident_event',
      key: `event:${e.id}`,
      at: e.at,
      incidentId: e.incidentId,
      incidentTitle: titles.get(e.incidentId) ?? null,
      eventId: e.id,
      kind: e.kind,
      body: e.body,
      visibility: e.visibility,
      isAnswer: e.isAnswer,
      meta: e.meta,
    });
  }
  for (const r of input.requests) {
    if (r.deleted) continue;
    r.stageHistory.forEach((s, index) => {
      out.push({
        type: 'request_stage',
        key: `request:${r.id}:${index}`,
        at: s.at,
        requestId: r.id,
        title: r.title,
        requestType: r.type,
        stage: s.stage,
        created: index === 0,
        note: s.note,
      });
    });
  }
  for (const h of input.healthChecks) {
    if (h.deleted || h.status === 'cancelled') continue;
    out.push({
      type: 'health_check_agreed',
      key: `health-check:${h.id}:agreed`,
      at: startOfLocalDay(h.agreedOn, input.timeZone),
      healthCheckId: h.id,
      agreedOn: h.agreedOn,
      scheduledDate: h.scheduledDate,
    });
    if (h.status === 'completed' && h.completedAt !== null) {
      out.push({
        type: 'health_check_completed',
        key: `health-check:${h.id}:completed`,
        at: h.completedAt,
        healthCheckId: h.id,
        scheduledDate: h.scheduledDate,
        findings: h.findings.length,
      });
    }
  }
  for (const r of input.reports) {
    if (r.deleted) continue;
    out.push({
      type: 'report_sent',
      key: `report:${r.id}`,
      at: r.sentAt,
      reportId: r.id,
      kind: r.kind,
      via: r.via,
      incidentId: r.incidentId,
      incidentTitle: r.incidentId !== null ? (titles.get(r.incidentId) ?? null) : null,
      note: r.note,
    });
  }

  const sign = options.order === 'asc' ? 1 : -1;
  const ms = new Map(out.map((e) => [e.key, Date.parse(e.at)]));
  return out.sort((a, b) => {
    const d = (ms.get(a.key) ?? 0) - (ms.get(b.key) ?? 0);
    if (d !== 0) return sign * d;
    const t = TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
    if (t !== 0) return sign * t;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}
