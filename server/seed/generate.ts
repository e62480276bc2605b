// Deterministic scale data for benchmarks: N customers, M incidents, K timeline events (plus
// the users, contacts and deployments they need), from a seeded PRNG, produced in chunks so
// a million rows never sit in memory at once, and written with bulkInsert. Like the demo, each
// customer has 18 months of history before `nowMs`: incidents received over those months, a
// health check per contract year (completed in the past ones, scheduled in the running one),
// every ended quarter's report (some sent late) and a daily report per level-1 incident.
import { DateTime } from 'luxon';
import type {
  Channel,
  Customer,
  HealthCheck,
  Incident,
  IncidentStatus,
  Report,
  Severity,
  TaggedRow,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db';
import { bulkInsert, upsertAccount } from './bulk';
import { int, mulberry32, pick, uuidFrom } from './prng';

export interface ScaleOptions {
  customers: number;
  incidents: number;
  events: number;
  seed?: number;
  /**
   * "Now" of the generated dates (default 2026-11-01T00:00:00Z, which the benchmark's chart
   * periods assume), so output is deterministic; the history is the 18 months before it.
   */
  nowMs?: number;
  /** Customers per TAM (default 20); TAMs per manager (default 8). */
  customersPerTam?: number;
  tamsPerManager?: number;
  chunkSize?: number;
}

export interface ScaleSummary {
  users: User[];
  customers: number;
  incidents: number;
  events: number;
  rows: number;
}

const JA = ['さくら', '富士', '青空', '北斗', '大和', '東海', '瑞穂', '朝日', '光', '若葉'];
const JA_KIND = ['銀行', '物流', '製薬', '電機', '商事', '保険', '建設', '食品'];
const LATIN = [
  'Sakura',
  'Fuji',
  'Aozora',
  'Hokuto',
  'Yamato',
  'Tokai',
  'Mizuho',
  'Asahi',
  'Hikari',
  'Wakaba',
];
const LATIN_KIND = [
  'Bank',
  'Logistics',
  'Pharmaceutical',
  'Electric',
  'Trading',
  'Insurance',
  'Construction',
  'Foods',
];
const EN = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Adventure Works',
  'Proseware',
  'Wingtip',
];
const ZONES: Array<[string, string]> = [
  ['Asia/Tokyo', 'JP'],
  ['Asia/Tokyo', 'JP'],
  ['Asia/Tokyo', 'JP'],
  ['America/New_York', 'US'],
  ['Europe/London', 'GB'],
];
const STATUSES: IncidentStatus[] = [
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'resolved',
  'in_progress',
  'waiting_customer',
  'new',
];
const CHANNELS: Channel[] = ['portal', 'phone', 'email', 'tam'];
const SEVERITIES: Severity[] = [1, 2, 2, 3, 3, 3, 4, 4];
const EVENT_KINDS = ['note', 'call', 'email', 'vendor_update', 'meeting'] as const;

/** Generates the rows (chunked) and the users; the same options always give the same data. */
export function generateScaleData(options: ScaleOptions): {
  users: User[];
  chunks: () => Generator<TaggedRow[]>;
} {
  const seed = options.seed ?? 1;
  const nowMs = options.nowMs ?? Date.parse('2026-11-01T00:00:00Z');
  const chunkSize = options.chunkSize ?? 10_000;
  const perTam = options.customersPerTam ?? 20;
  const perManager = options.tamsPerManager ?? 8;
  const rng = mulberry32(seed);
  const id = () => uuidFrom(rng);
  const stamp = new Date(nowMs).toISOString();
  // Envelope fields are written out in each literal: `{ ...env(), more }` is very slow in V8 at this volume.

  const tamCount = Math.max(2, Math.ceil(options.customers / perTam));
  const managerCount = Math.max(1, Math.ceil(tamCount / perManager));
  const users: User[] = [];
  for (let m = 0; m < managerCount; m++) {
    users.push({
      id: id(),
      version: 0,
      updatedAt: stamp,
      deleted: false,
      name: `Manager ${m + 1}`,
      email: `manager${m + 1}@scale.example.com`,
      role: 'manager',
      team: `team-${m + 1}`,
      locale: 'ja',
    });
  }
  const tams: User[] = [];
  for (let t = 0; t < tamCount; t++) {
    const tam: User = {
      id: id(),
      version: 0,
      updatedAt: stamp,
      deleted: false,
      name: `TAM ${t + 1}`,
      email: `tam${t + 1}@scale.example.com`,
      role: 'tam',
      team: `team-${Math.floor(t / perManager) + 1}`,
      locale: t % 3 === 0 ? 'en' : 'ja',
    };
    tams.push(tam);
    users.push(tam);
  }
  users.push({
    id: id(),
    version: 0,
    updatedAt: stamp,
    deleted: false,
    name: 'Admin',
    email: 'admin@scale.example.com',
    role: 'admin',
    team: 'operations',
    locale: 'en',
  });

  // Contracts started 26 months before now (the first of a month) and run four years.
  const clock = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const start = clock.minus({ months: 26 }).startOf('month');
  const contractStart = start.toISODate()!;
  const contractEnd = start.plus({ years: 4, days: -1 }).toISODate()!;
  const historyStartMs = clock.minus({ months: 18 }).toMillis();
  const weekday = (d: DateTime) => (d.weekday > 5 ? d.plus({ days: 8 - d.weekday }) : d);

  /** A customer's health checks (one per contract year) and ended quarters' reports. */
  function customerHistory(customer: Customer): TaggedRow[] {
    const out: TaggedRow[] = [];
    for (let year = 0; start.plus({ years: year }) < clock; year++) {
      const day = weekday(start.plus({ years: year, months: 6 }));
      const done = day.plus({ days: 1 }) < clock;
      const check: HealthCheck = {
        id: id(),
        version: 0,
        updatedAt: stamp,
        deleted: false,
        customerId: customer.id,
        agreedOn: day.minus({ days: 30 }).toISODate()!,
        scheduledDate: day.toISODate()!,
        status: done ? 'completed' : 'scheduled',
        findings: done
          ? [
              {
                id: id(),
                area: 'Policies',
                finding: 'Users may stop the agent.',
                severity: 'medium',
                recommendation: 'Lock the agent settings.',
                status: rng() < 0.5 ? 'open' : 'resolved',
              },
            ]
          : [],
        completedAt: done ? day.set({ hour: 8 }).toISO()! : null,
      };
      out.push({ entity: 'healthCheck', row: check });
    }
    for (let q = 0; start.plus({ months: 3 * (q + 1) }) <= clock; q++) {
      const end = start.plus({ months: 3 * (q + 1) });
      // On the day the quarter ends (never after its due date), or two weeks later.
      const sentAt = (rng() < 0.25 ? end.plus({ days: 14 }) : end).set({ hour: 2 });
      if (sentAt > clock) continue;
      const report: Report = {
        id: id(),
        version: 0,
        updatedAt: stamp,
        deleted: false,
        customerId: customer.id,
        kind: 'quarterly',
        periodStart: start.plus({ months: 3 * q }).toISODate()!,
        periodEnd: end.minus({ days: 1 }).toISODate()!,
        sentAt: sentAt.toISO()!,
        via: 'email',
        incidentId: null,
        authorId: customer.tamId,
        note: null,
      };
      out.push({ entity: 'report', row: report });
    }
    return out;
  }

  function* chunks(): Generator<TaggedRow[]> {
    const buffer: TaggedRow[] = users.map((u) => ({ entity: 'user', row: u }));
    const customers: Customer[] = [];
    for (let c = 0; c < options.customers; c++) {
      const tam = tams[Math.floor(c / perTam) % tams.length]!;
      const teamTams = tams.filter((t) => t.team === tam.team && t.id !== tam.id);
      const backup = teamTams.length > 0 ? teamTams[c % teamTams.length]! : null;
      const [timeZone, country] = ZONES[c % ZONES.length]!;
      const japanese = country === 'JP';
      const base = pick(rng, japanese ? LATIN : EN);
      const k = int(rng, 0, JA_KIND.length - 1);
      const customer: Customer = {
        id: id(),
        version: 0,
        updatedAt: stamp,
        deleted: false,
        nameJa: japanese
          ? `${JA[LATIN.indexOf(base)] ?? base}${JA_KIND[k]}株式会社 ${c + 1}`
          : `${base}・${LATIN_KIND[k]} ${c + 1}`,
        nameLatin: japanese
          ? `${base} ${LATIN_KIND[k]} Co., Ltd. ${c + 1}`
          : `${base} ${LATIN_KIND[k]} Inc. ${c + 1}`,
        contractTier: rng() < 0.8 ? 'msa_enterprise' : 'standard',
        supportPolicyId: 'msa-enterprise',
        contractStart,
        contractEnd,
        calendar: { timeZone, country },
        tamId: tam.id,
        backupTamId: backup?.id ?? null,
        team: tam.team,
      };
      if (customer.contractTier === 'standard') customer.supportPolicyId = 'standard';
      customers.push(customer);
      buffer.push({ entity: 'customer', row: customer });
      buffer.push({
        entity: 'contact',
        row: {
          id: id(),
          version: 0,
          updatedAt: stamp,
          deleted: false,
          customerId: customer.id,
          name: japanese ? '山田 太郎' : 'Alex Morgan',
          nameLatin: japanese ? 'Yamada Taro' : null,
          email: `it${c + 1}@customer.example.com`,
          phone: null,
          role: 'IT',
          locale: japanese ? 'ja' : 'en',
          isPrimary: true,
          receivesReports: true,
        },
      });
      buffer.push(...customerHistory(customer));
      buffer.push({
        entity: 'deployedProduct',
        row: {
          id: id(),
          version: 0,
          updatedAt: stamp,
          deleted: false,
          customerId: customer.id,
          product: 'Endpoint Security',
          productVersion: '12.1',
          supportEndsOn: '2028-12-31',
        },
      });
      // A customer or an incident may add several rows: chunks stay at most chunkSize.
      while (buffer.length >= chunkSize) yield buffer.splice(0, chunkSize);
    }
    if (customers.length === 0) {
      if (buffer.length > 0) yield buffer;
      return;
    }
    // Incidents, then their events spread over them.
    const incidentRefs: Array<{ id: string; customerId: string; receivedMs: number; author: string }> = [];
    for (let i = 0; i < options.incidents; i++) {
      const customer = customers[int(rng, 0, customers.length - 1)]!;
      const receivedMs = historyStartMs + Math.floor(rng() * (nowMs - historyStartMs));
      const status = pick(rng, STATUSES);
      const severity = pick(rng, SEVERITIES);
      const answered = status !== 'new';
      const receivedAt = new Date(receivedMs).toISOString();
      const incident: Incident = {
        id: id(),
        version: 0,
        updatedAt: stamp,
        deleted: false,
        customerId: customer.id,
        title: `Incident ${i + 1}: ${pick(rng, ['scan engine crash', 'update failure', 'false positive', 'console error', 'performance issue'])}`,
        description: '',
        severity,
        channel: pick(rng, CHANNELS),
        status,
        receivedAt,
        firstResponseAt: answered ? new Date(receivedMs + int(rng, 5, 300) * 60_000).toISOString() : null,
        resolvedAt:
          status === 'closed' || status === 'resolved'
            ? new Date(receivedMs + int(rng, 1, 20) * 86_400_000).toISOString()
            : null,
        severityHistory: [{ severity, at: receivedAt, by: customer.tamId }],
        createdBy: customer.tamId,
      };
      incidentRefs.push({ id: incident.id, customerId: customer.id, receivedMs, author: customer.tamId });
      buffer.push({ entity: 'incident', row: incident });
      // A level-1 incident's daily report: before the day's cutoff, or (one in three) after it.
      if (severity === 1 && answered && receivedMs + 86_400_000 < nowMs) {
        const sentMs = receivedMs + (rng() < 0.33 ? 30 : 4) * 3_600_000;
        const day = new Date(sentMs).toISOString().slice(0, 10);
        buffer.push({
          entity: 'report',
          row: {
            id: id(),
            version: 0,
            updatedAt: stamp,
            deleted: false,
            customerId: customer.id,
            kind: 'daily',
            periodStart: day,
            periodEnd: day,
            sentAt: new Date(sentMs).toISOString(),
            via: 'email',
            incidentId: incident.id,
            authorId: customer.tamId,
            note: null,
          },
        });
      }
      // A customer or an incident may add several rows: chunks stay at most chunkSize.
      while (buffer.length >= chunkSize) yield buffer.splice(0, chunkSize);
    }
    if (incidentRefs.length > 0) {
      for (let e = 0; e < options.events; e++) {
        const ref = incidentRefs[e % incidentRefs.length]!;
        const event: TimelineEvent = {
          id: id(),
          version: 0,
          updatedAt: stamp,
          deleted: false,
          incidentId: ref.id,
          customerId: ref.customerId,
          kind: pick(rng, EVENT_KINDS),
          at: new Date(ref.receivedMs + (e + 1) * 60_000).toISOString(),
          authorId: ref.author,
          body: 'Checked the logs with the customer and updated the engineering ticket.',
          visibility: rng() < 0.5 ? 'customer' : 'internal',
          isAnswer: false,
          meta: null,
        };
        buffer.push({ entity: 'timelineEvent', row: event });
        while (buffer.length >= chunkSize) yield buffer.splice(0, chunkSize);
      }
    }
    if (buffer.length > 0) yield buffer;
  }

  return { users, chunks };
}

/** Generates and loads scale data; every generated user signs in with `password`. */
export async function loadScaleData(
  db: Db,
  options: ScaleOptions & { password?: string },
): Promise<ScaleSummary> {
  const { users, chunks } = generateScaleData(options);
  const rows = await bulkInsert(db, chunks(), { rebuildIndexes: true });
  const hash = await hashPassword(options.password ?? 'scale');
  for (const u of users) await upsertAccount(db, u.id, u.email, hash);
  return { users, customers: options.customers, incidents: options.incidents, events: options.events, rows };
}
