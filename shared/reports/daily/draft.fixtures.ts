// The one incident the daily-draft tests (shared model, renderer wording) report on: the
// customer, its incident with a day of customer-visible and internal events, a linked
// request, and the draft input shared by both suites.
import type { Customer, Incident, Report, Request, TimelineEvent } from '../../model/entities';

export const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false });
export const U = '00000000-0000-4000-8000-0000000000aa';

export const customer: Customer = {
  ...env('cust-1'),
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-09-01',
  contractEnd: '2028-08-31',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: U,
  backupTamId: null,
  team: 'msa-tokyo',
};

// Received Thu 2026-11-26 10:00 JST by phone; answered at 10:20 JST (met: target 30 min).
export const incident: Incident = {
  ...env('inc-1'),
  customerId: 'cust-1',
  title: 'System crash after scan',
  description: '',
  severity: 1,
  channel: 'phone',
  status: 'in_progress',
  receivedAt: '2026-11-26T01:00:00Z',
  firstResponseAt: '2026-11-26T01:20:00Z',
  resolvedAt: null,
  severityHistory: [{ severity: 1, at: '2026-11-26T01:00:00Z', by: U }],
  createdBy: U,
};

export const event = (id: string, at: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  ...env(id),
  incidentId: 'inc-1',
  customerId: 'cust-1',
  kind: 'note',
  at,
  authorId: U,
  body: `body ${id}`,
  visibility: 'customer',
  isAnswer: false,
  meta: null,
  ...extra,
});

export const events: TimelineEvent[] = [
  event('call', '2026-11-26T01:00:00Z', { kind: 'call', body: 'Customer called in.' }),
  event('internal', '2026-11-26T01:05:00Z', {
    kind: 'vendor_update',
    body: 'Escalated with logs (internal).',
    visibility: 'internal',
  }),
  event('answer', '2026-11-26T01:20:00Z', {
    kind: 'response',
    body: 'Workaround: disable the scheduled scan.',
    isAnswer: true,
  }),
  event('status', '2026-11-27T00:30:00Z', {
    kind: 'status_change',
    body: '',
    meta: { from: 'new', to: 'in_progress' },
  }),
  event('future', '2026-11-28T00:00:00Z', { body: 'not yet' }),
];

export const daily = (id: string, sentAt: string, extra: Partial<Report> = {}): Report => ({
  ...env(id),
  customerId: 'cust-1',
  kind: 'daily',
  periodStart: sentAt.slice(0, 10),
  periodEnd: sentAt.slice(0, 10),
  sentAt,
  via: 'email',
  incidentId: 'inc-1',
  authorId: U,
  note: null,
  ...extra,
});

export const request: Request = {
  ...env('req-1'),
  customerId: 'cust-1',
  type: 'private_patch',
  stage: 'in_development',
  title: 'Scan engine fix',
  description: '',
  product: 'Endpoint Security',
  productVersion: '12.1',
  incidentId: 'inc-1',
  priority: 'prioritised',
  stageHistory: [{ stage: 'requested', at: '2026-11-26T02:00:00Z', by: U, note: null }],
  createdBy: U,
};

export const base = {
  customer,
  incident,
  events,
  reports: [] as Report[],
  requests: [request],
  contact: { name: '山田 太郎', nameLatin: 'Yamada Taro' },
  author: '佐藤 遥',
};
