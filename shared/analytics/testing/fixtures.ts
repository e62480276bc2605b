// Builders of entity rows for the analytics tests: valid rows with defaults, overridden per test.
import type {
  Customer,
  HealthCheck,
  Incident,
  Report,
  Request,
  Severity,
  TimelineEvent,
  User,
} from '../../model/entities';

/** A deterministic UUID from a small number or a short tag. */
export function uuid(tag: number | string): string {
  let n = 0;
  for (const ch of String(tag)) n = (n * 31 + ch.charCodeAt(0)) % 0xffffffffffff;
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const envelope = (id: string) => ({ id, version: 1, updatedAt: '2026-01-01T00:00:00Z', deleted: false });

export const TAM_ID = uuid('tam');

export function customer(over: Partial<Customer> & { id?: string } = {}): Customer {
  return {
    ...envelope(over.id ?? uuid('customer')),
    nameJa: '株式会社サンプル',
    nameLatin: 'Sample Corporation',
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-enterprise',
    contractStart: '2026-01-15',
    contractEnd: '2027-01-14',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: TAM_ID,
    backupTamId: null,
    team: 'Tokyo TAM',
    ...over,
  };
}

export interface IncidentSpec {
  id: string;
  customerId: string;
  severity: Severity;
  receivedAt: string;
  channel?: Incident['channel'];
  status?: Incident['status'];
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  /** `severity` is the level at receipt; these are the changes after it (before the first answer). */
  changes?: Array<{ severity: Severity; at: string }>;
  deleted?: boolean;
  title?: string;
}

export function incident(spec: IncidentSpec): Incident {
  const history = [{ severity: spec.severity, at: spec.receivedAt, by: TAM_ID }];
  let current = spec.severity;
  for (const c of spec.changes ?? []) {
    history.push({ severity: c.severity, at: c.at, by: TAM_ID });
    current = c.severity;
  }
  const resolvedAt = spec.resolvedAt ?? null;
  return {
    ...envelope(spec.id),
    deleted: spec.deleted ?? false,
    updatedAt: resolvedAt ?? spec.receivedAt,
    customerId: spec.customerId,
    title: spec.title ?? `Incident ${spec.id.slice(-4)}`,
    description: '',
    severity: current,
    channel: spec.channel ?? 'phone',
    status: spec.status ?? (resolvedAt === null ? 'in_progress' : 'resolved'),
    receivedAt: spec.receivedAt,
    firstResponseAt: spec.firstResponseAt ?? null,
    resolvedAt,
    severityHistory: history,
    createdBy: TAM_ID,
  };
}

export function user(id: string, name: string): User {
  return { ...envelope(id), name, email: 'someone@example.com', role: 'tam', team: 'TAM', locale: 'ja' };
}

export function request(
  id: string,
  customerId: string,
  type: Request['type'],
  history: Array<[Request['stage'], string]>,
  over: Partial<Request> = {},
): Request {
  const last = history[history.length - 1] as [Request['stage'], string];
  return {
    ...envelope(id),
    customerId,
    type,
    stage: last[0],
    title: `Request ${id.slice(-4)}`,
    description: '',
    product: 'Endpoint Security',
    productVersion: '12.1',
    incidentId: null,
    priority: 'prioritised',
    stageHistory: history.map(([stage, at]) => ({ stage, at, by: TAM_ID, note: null })),
    createdBy: TAM_ID,
    ...over,
  };
}

export function healthCheck(id: string, customerId: string, over: Partial<HealthCheck>): HealthCheck {
  return {
    ...envelope(id),
    customerId,
    agreedOn: '2025-10-01',
    scheduledDate: '2025-11-10',
    status: 'completed',
    findings: [],
    completedAt: null,
    ...over,
  };
}

export function report(id: string, customerId: string, over: Partial<Report>): Report {
  return {
    ...envelope(id),
    customerId,
    kind: 'quarterly',
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    sentAt: '2026-04-01T10:00:00+09:00',
    via: 'email',
    incidentId: null,
    authorId: TAM_ID,
    note: null,
    ...over,
  };
}

export function event(
  id: string,
  incidentId: string,
  customerId: string,
  at: string,
  over: Partial<TimelineEvent> = {},
): TimelineEvent {
  return {
    ...envelope(id),
    incidentId,
    customerId,
    kind: 'note',
    at,
    authorId: TAM_ID,
    body: `event ${id.slice(-4)}`,
    visibility: 'customer',
    isAnswer: false,
    meta: null,
    ...over,
  };
}
