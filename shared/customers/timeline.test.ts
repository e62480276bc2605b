import { describe, expect, it } from 'vitest';
import type { HealthCheck, Incident, Report, Request, TimelineEvent } from '../model/entities';
import { mergeCustomerTimeline } from './timeline';

const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-20T00:00:00Z', deleted: false });
const C = '00000000-0000-4000-8000-000000000001';
const U = '00000000-0000-4000-8000-0000000000aa';

const incident: Incident = {
  ...env('inc-1'),
  customerId: C,
  title: 'Crash after scan',
  description: '',
  severity: 1,
  channel: 'phone',
  status: 'in_progress',
  receivedAt: '2026-11-20T01:00:00Z',
  firstResponseAt: '2026-11-20T01:10:00Z',
  resolvedAt: null,
  severityHistory: [{ severity: 1, at: '2026-11-20T01:00:00Z', by: U }],
  createdBy: U,
};
const event = (id: string, at: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  ...env(id),
  incidentId: 'inc-1',
  customerId: C,
  kind: 'note',
  at,
  authorId: U,
  body: id,
  visibility: 'internal',
  isAnswer: false,
  meta: null,
  ...extra,
});
const report: Report = {
  ...env('rep-1'),
  customerId: C,
  kind: 'daily',
  periodStart: '2026-11-20',
  periodEnd: '2026-11-20',
  sentAt: '2026-11-20T08:00:00+09:00',
  via: 'email',
  incidentId: 'inc-1',
  authorId: U,
  note: 'status',
};
const request: Request = {
  ...env('req-1'),
  customerId: C,
  type: 'signature_release',
  stage: 'in_analysis',
  title: 'False positive',
  description: '',
  product: 'Endpoint Security',
  productVersion: '12.1',
  incidentId: null,
  priority: 'prioritised',
  stageHistory: [
    { stage: 'submitted', at: '2026-11-19T00:00:00Z', by: U, note: null },
    { stage: 'in_analysis', at: '2026-11-21T00:00:00Z', by: U, note: 'sample received' },
  ],
  createdBy: U,
};
const check = (id: string, status: HealthCheck['status'], completedAt: string | null): HealthCheck => ({
  ...env(id),
  customerId: C,
  agreedOn: '2026-11-01',
  scheduledDate: '2026-11-18',
  status,
  findings: [{ id: 'f', area: 'a', finding: 'b', severity: 'low', recommendation: 'c', status: 'open' }],
  completedAt,
});

const base = {
  incidents: [incident],
  events: [],
  requests: [],
  healthChecks: [],
  reports: [],
  timeZone: 'Asia/Tokyo',
};

describe('mergeCustomerTimeline', () => {
  it('merges every source, newest first, comparing instants across offsets', () => {
    const entries = mergeCustomerTimeline({
      ...base,
      events: [event('e1', '2026-11-20T01:05:00Z'), event('e2', '2026-11-20T10:00:00+09:00')],
      requests: [request],
      healthChecks: [check('hc-1', 'completed', '2026-11-18T08:00:00Z')],
      reports: [report],
    });
    const order = entries.map((e) => `${e.type}@${new Date(e.at).toISOString()}`);
    expect(order).toEqual([
      'request_stage@2026-11-21T00:00:00.000Z',
      'incident_event@2026-11-20T01:05:00.000Z',
      'incident_event@2026-11-20T01:00:00.000Z',
      'incident_received@2026-11-20T01:00:00.000Z',
      'report_sent@2026-11-19T23:00:00.000Z',
      'request_stage@2026-11-19T00:00:00.000Z',
      'health_check_completed@2026-11-18T08:00:00.000Z',
      'health_check_agreed@2026-10-31T15:00:00.000Z',
    ]);
  });

  it('oldest first on request, with the receipt before an event at the same instant', () => {
    const entries = mergeCustomerTimeline(
      { ...base, events: [event('e0', '2026-11-20T01:00:00Z')] },
      { order: 'asc' },
    );
    expect(entries.map((e) => e.type)).toEqual(['incident_received', 'incident_event']);
  });

  it('shows a daily report once: its timeline event folds into the report entry', () => {
    const sentEvent = event('e-report', report.sentAt, {
      kind: 'report_sent',
      meta: { reportId: 'rep-1', reportKind: 'daily', via: 'email' },
    });
    const entries = mergeCustomerTimeline({ ...base, events: [sentEvent], reports: [report] });
    expect(entries.filter((e) => e.type === 'report_sent' || e.type === 'incident_event')).toEqual([
      expect.objectContaining({
        type: 'report_sent',
        reportId: 'rep-1',
        via: 'email',
        incidentTitle: 'Crash after scan',
      }),
    ]);
    // Without the report row (not synced yet), the event still shows.
    const alone = mergeCustomerTimeline({ ...base, events: [sentEvent] });
    expect(alone.map((e) => e.type)).toContain('incident_event');
  });

  it('marks the creation of a request and carries stage notes', () => {
    const entries = mergeCustomerTimeline({ ...base, incidents: [], requests: [request] });
    expect(entries).toEqual([
      expect.objectContaining({ stage: 'in_analysis', created: false, note: 'sample received' }),
      expect.objectContaining({ stage: 'submitted', created: true, note: null }),
    ]);
  });

  it('places an agreement date at the start of the local day; leaves out cancelled checks and deleted rows', () => {
    const entries = mergeCustomerTimeline({
      ...base,
      incidents: [{ ...incident, deleted: true }],
      healthChecks: [check('hc-2', 'scheduled', null), check('hc-3', 'cancelled', null)],
    });
    expect(entries).toEqual([
      expect.objectContaining({
        type: 'health_check_agreed',
        healthCheckId: 'hc-2',
        at: '2026-10-31T15:00:00.000Z',
      }),
    ]);
  });

  it('gives each entry the title of its incident', () => {
    const entries = mergeCustomerTimeline({ ...base, events: [event('e1', '2026-11-20T02:00:00Z')] });
    expect(entries[0]).toMatchObject({ type: 'incident_event', incidentTitle: 'Crash after scan' });
  });
});
