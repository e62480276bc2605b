// What the Today view reads from the replica: the user's customers and everything of theirs
// the view shows. Indexed reads only (by customer, by status, by date). The view reads in
// three live queries: the most urgent rows first (many customers), the whole list, then the
// side panels' rows once the list is on screen.
import Dexie from 'dexie';
import { DateTime } from 'luxon';
import type {
  Absence,
  Customer,
  DutyShift,
  HealthCheck,
  Incident,
  Report,
  Request,
  User,
} from '../../../shared/model/entities';
import type { Actor } from '../../../shared/mutations';
import { isFinalStage } from '../../../shared/today/agenda';
import {
  urgencyFactsOf,
  urgencyProfileOf,
  urgentPrefix,
  type UrgencyProfile,
} from '../../../shared/today/urgency';
import { RequestStageSchema } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica';
import * as q from '../../replica';

export interface TodayData {
  customers: Customer[];
  openIncidents: Incident[];
  users: Map<string, User>;
  absences: Absence[];
  roster: DutyShift[];
  requests: Request[];
  healthChecks: HealthCheck[];
  reports: Report[];
}

/**
 * "My" customers: those the user is the TAM (or backup TAM) of. A manager or an administrator
 * who is TAM of none sees every customer in scope (their team's).
 */
export async function myCustomers(db: ReplicaDb, actor: Pick<Actor, 'id' | 'role'>): Promise<Customer[]> {
  if (actor.role === 'tam') return q.customersOfTam(db, actor.id);
  // Both at once (one wait for the replica, not two): a manager is seldom anyone's TAM.
  const [mine, all] = await Promise.all([q.customersOfTam(db, actor.id), q.customersInScope(db)]);
  return mine.length > 0 ? mine : all;
}

/** The incident part of Today: the user's customers and their open incidents. */
export interface TodayIncidentsData {
  customers: Customer[];
  openIncidents: Incident[];
}

/** The rest of Today (the side panels), read once the incident list is on screen. */
export type TodayAgendaData = Omit<TodayData, keyof TodayIncidentsData>;

export async function loadTodayIncidents(
  db: ReplicaDb,
  actor: Pick<Actor, 'id' | 'role'>,
): Promise<TodayIncidentsData> {
  const customers = await myCustomers(db, actor);
  const openIncidents = await openIncidentsOf(
    db,
    customers.map((c) => c.id),
  );
  return { customers, openIncidents };
}

/** Customers above which the per-customer reads give way to whole-table reads. */
const PER_CUSTOMER_READS_UP_TO = 20;
/**
 * Customers above which the urgent rows are read first: a team's worth (tens of thousands of
 * open incidents); a TAM's own accounts (thousands at most) are read at once. A customer
 * count, not an incident count: counting an index range walks it (seconds on a busy disk).
 */
export const URGENT_FIRST_ABOVE_CUSTOMERS = 100;
/** Per open status, how many of the oldest incidents the urgent-first read takes at first. */
export const URGENT_READ_PER_STATUS = 50;
/** It reads more (x4 each time, up to this many per status) until this many rows are certain. */
const URGENT_READ_MAX_PER_STATUS = 3200;
const URGENT_ROWS_WANTED = 20;
/**
 * receivedAt is compared as a string by the index; with mixed UTC offsets (-12:00 to +14:00),
 * a string at or after another is an instant at most this much before it.
 */
const MAX_OFFSET_SPREAD_MS = 26 * 3_600_000;

/**
 * The first rows of Today, quickly, for a user with many customers (a manager's team): the
 * oldest open incidents per status through [status+receivedAt] (no full read), of which the
 * breached ones due before every incident not read are listed, exactly as the full list
 * begins (see urgentPrefix). Few are read at first (each calendar first used computes its
 * public holidays), more while fewer than a screenful of rows is certain. null when the full
 * read is fast anyway (a TAM's few customers) or no row is certain; `complete` when the read
 * happened to cover every open incident.
 */
export async function loadUrgentFirst(
  db: ReplicaDb,
  actor: Pick<Actor, 'id' | 'role'>,
  nowMs: number,
  perStatus = URGENT_READ_PER_STATUS,
): Promise<(TodayIncidentsData & { complete: boolean }) | null> {
  const customers = await myCustomers(db, actor);
  if (customers.length <= URGENT_FIRST_ABOVE_CUSTOMERS) return null;
  const byId = new Map(customers.map((c) => [c.id, c]));
  const profiles = new Map<string, UrgencyProfile>();
  for (let n = perStatus; ; n *= 4) {
    const lists = await Promise.all(
      q.OPEN_INCIDENT_STATUSES.map((s) =>
        db.incidents
          .where('[status+receivedAt]')
          .between([s, Dexie.minKey], [s, Dexie.maxKey])
          .limit(n)
          .toArray(),
      ),
    );
    // Every open incident not read was received at or after the last one read of its status.
    let boundMs = Infinity;
    for (const rows of lists) {
      const last = rows.length === n ? rows[rows.length - 1] : undefined;
      if (last) boundMs = Math.min(boundMs, Date.parse(last.receivedAt) - MAX_OFFSET_SPREAD_MS);
    }
    const read = lists.flat().filter((i) => !i.deleted && byId.has(i.customerId));
    if (boundMs === Infinity) return { customers, openIncidents: read, complete: true };
    if (Number.isNaN(boundMs)) return null;
    for (const i of read) {
      const key = `${i.id}|${i.version}|${i.updatedAt}`;
      if (!profiles.has(key))
        profiles.set(key, urgencyProfileOf(urgencyFactsOf(i, byId.get(i.customerId)!), nowMs));
    }
    const known = read.map((i) => profiles.get(`${i.id}|${i.version}|${i.updatedAt}`)!);
    const first = new Set(urgentPrefix(known, nowMs, boundMs).map((p) => p.incidentId));
    if (first.size >= URGENT_ROWS_WANTED || n * 4 > URGENT_READ_MAX_PER_STATUS) {
      return first.size === 0
        ? null
        : { customers, openIncidents: read.filter((i) => first.has(i.id)), complete: false };
    }
  }
}

/** The side panels' rows for these customers, around `nowMs` (the data window moves hourly). */
export async function loadTodayAgenda(
  db: ReplicaDb,
  customerIds: readonly string[],
  nowMs: number,
): Promise<TodayAgendaData> {
  const ids = customerIds;
  const mine = new Set(ids);
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  // Local dates differ by at most a day between zones: a day either side covers every customer.
  const yesterday = now.minus({ days: 1 }).toISODate() ?? '';
  const tomorrow = now.plus({ days: 1 }).toISODate() ?? '';
  // Stages in which a request still waits on someone (read through the stage index).
  const waitingStages = RequestStageSchema.options.filter(
    (stage) =>
      !isFinalStage({ type: 'signature_release', stage }) || !isFinalStage({ type: 'private_patch', stage }),
  );
  const [users, absences, roster, requests, healthChecks, reports] = await Promise.all([
    q.users(db),
    q.absences(db, { from: yesterday, to: tomorrow }),
    // Enough ahead to say until when the duty manager answers (over a weekend and a holiday).
    q.dutyRoster(db, { from: now.minus({ days: 1 }).toISO() ?? '', to: now.plus({ days: 7 }).toISO() ?? '' }),
    db.requests
      .where('stage')
      .anyOf(waitingStages)
      .filter((r) => !r.deleted && mine.has(r.customerId))
      .toArray(),
    // A year back: a scheduled check whose date passed without completion stays visible.
    q
      .healthChecks(db, {
        from: now.minus({ years: 1 }).toISODate() ?? '',
        to: now.plus({ days: 32 }).toISODate() ?? '',
      })
      .then((rows) => rows.filter((h) => mine.has(h.customerId))),
    // The quarterly schedule needs each customer's whole log (which periods were sent): per
    // customer for a few, the whole log at once (one read, not hundreds) for many.
    ids.length <= PER_CUSTOMER_READS_UP_TO
      ? Promise.all(ids.map((customerId) => q.reportLog(db, { customerId }))).then((lists) => lists.flat())
      : q.reportLog(db).then((rows) => rows.filter((r) => mine.has(r.customerId))),
  ]);
  return { users: new Map(users.map((u) => [u.id, u])), absences, roster, requests, healthChecks, reports };
}

export async function loadToday(
  db: ReplicaDb,
  actor: Pick<Actor, 'id' | 'role'>,
  nowMs: number,
): Promise<TodayData> {
  const incidents = await loadTodayIncidents(db, actor);
  const agenda = await loadTodayAgenda(
    db,
    incidents.customers.map((c) => c.id),
    nowMs,
  );
  return { ...incidents, ...agenda };
}

/**
 * The open incidents of some customers: per customer through [customerId+status] for a few
 * customers; for many (a manager's team), the open statuses' ranges read at once and filtered.
 */
export async function openIncidentsOf(db: ReplicaDb, customerIds: readonly string[]): Promise<Incident[]> {
  if (customerIds.length === 0) return [];
  if (customerIds.length <= 20) return q.openIncidents(db, { customerIds });
  const wanted = new Set(customerIds);
  // Forward range reads (getAll), not the replica's newest-first query (a reverse cursor).
  const perStatus = await Promise.all(
    q.OPEN_INCIDENT_STATUSES.map((s) =>
      db.incidents.where('[status+receivedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).toArray(),
    ),
  );
  return perStatus.flat().filter((i) => !i.deleted && wanted.has(i.customerId));
}

/** The incidents the SLA notifications watch: the open ones of the customers the user is TAM (or backup TAM) of. */
export async function loadWatched(
  db: ReplicaDb,
  actor: Pick<Actor, 'id'>,
): Promise<{ customers: Customer[]; incidents: Incident[] }> {
  const customers = await q.customersOfTam(db, actor.id);
  const incidents = await openIncidentsOf(
    db,
    customers.map((c) => c.id),
  );
  return { customers, incidents };
}
