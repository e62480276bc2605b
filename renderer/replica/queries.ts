// Read functions over the replica for the views. Each returns a promise and reads only
// Dexie, so it works inside useLiveQuery (see hooks.ts): the screen follows the replica.
// Tombstones (deleted rows) are never returned.
import Dexie from 'dexie';
import type {
  Absence,
  Contact,
  Customer,
  DeployedProduct,
  DutyShift,
  HealthCheck,
  Incident,
  IncidentStatus,
  Report,
  ReplyTemplate,
  Request,
  RequestStage,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import { OPEN_INCIDENT_STATUSES } from '../../shared/incidents/open';
import type { AttentionItem, OutboxEntry, ReplicaDb, SyncMeta } from './db';
import { eventsOfCustomer } from './timelines';

const live = <T extends { deleted: boolean }>(row: T | undefined): T | undefined =>
  row && !row.deleted ? row : undefined;
const alive = <T extends { deleted: boolean }>(row: T): boolean => !row.deleted;

export { OPEN_INCIDENT_STATUSES };

// ---------------------------------------------------------------- customers

/** Not archived (archived customers leave Today and the lists; their pages stay readable). */
const active = (c: Customer): boolean => !c.deleted && (c.archivedAt ?? null) === null;

/** Every active customer in the signed-in user's scope (the replica holds only those), by Latin name. */
export async function customersInScope(db: ReplicaDb): Promise<Customer[]> {
  return db.customers.orderBy('nameLatin').filter(active).toArray();
}

/** Every customer in scope, archived ones included, by Latin name. */
export async function allCustomersInScope(db: ReplicaDb): Promise<Customer[]> {
  return db.customers.orderBy('nameLatin').filter(alive).toArray();
}

/** Active customers the user is the TAM or the backup TAM of. */
export async function customersOfTam(db: ReplicaDb, userId: string): Promise<Customer[]> {
  const [main, backup] = await Promise.all([
    db.customers.where('tamId').equals(userId).toArray(),
    db.customers.where('backupTamId').equals(userId).toArray(),
  ]);
  const byId = new Map([...main, ...backup].filter(active).map((c) => [c.id, c]));
  return [...byId.values()].sort((a, b) => a.nameLatin.localeCompare(b.nameLatin));
}

export async function customer(db: ReplicaDb, id: string): Promise<Customer | undefined> {
  return live(await db.customers.get(id));
}

export async function contactsOf(db: ReplicaDb, customerId: string): Promise<Contact[]> {
  const rows = await db.contacts.where('customerId').equals(customerId).filter(alive).toArray();
  return rows.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.name.localeCompare(b.name));
}

export async function deployedProductsOf(db: ReplicaDb, customerId: string): Promise<DeployedProduct[]> {
  const rows = await db.deployedProducts.where('customerId').equals(customerId).filter(alive).toArray();
  return rows.sort(
    (a, b) => a.product.localeCompare(b.product) || a.supportEndsOn.localeCompare(b.supportEndsOn),
  );
}

// ---------------------------------------------------------------- incidents

export interface IncidentQuery {
  /** One status or several; all statuses when absent. */
  status?: IncidentStatus | readonly IncidentStatus[];
  /** At most this many, newest first. */
  limit?: number;
}

const statusList = (s: IncidentQuery['status']): readonly IncidentStatus[] | undefined =>
  s === undefined ? undefined : typeof s === 'string' ? [s] : s;

/** A customer's incidents, newest received first ([customerId+status] / [customerId+receivedAt]). */
export async function incidentsByCustomer(
  db: ReplicaDb,
  customerId: string,
  query: IncidentQuery = {},
): Promise<Incident[]> {
  const statuses = statusList(query.status);
  let rows: Incident[];
  if (statuses === undefined) {
    let c = db.incidents
      .where('[customerId+receivedAt]')
      .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
      .reverse()
      .filter(alive);
    if (query.limit !== undefined) c = c.limit(query.limit);
    return c.toArray();
  }
  rows = await db.incidents
    .where('[customerId+status]')
    .anyOf(statuses.map((s) => [customerId, s]))
    .filter(alive)
    .toArray();
  rows = rows.sort(byReceivedDesc);
  return query.limit === undefined ? rows : rows.slice(0, query.limit);
}

const byReceivedDesc = (a: Incident, b: Incident) =>
  a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0;

/** Incidents in the given statuses across all customers in scope, newest received first ([status+receivedAt]). */
export async function incidentsByStatus(
  db: ReplicaDb,
  status: IncidentStatus | readonly IncidentStatus[],
  limit?: number,
): Promise<Incident[]> {
  const statuses = statusList(status) ?? [];
  const perStatus = await Promise.all(
    statuses.map((s) => {
      let c = db.incidents
        .where('[status+receivedAt]')
        .between([s, Dexie.minKey], [s, Dexie.maxKey])
        .reverse()
        .filter(alive);
      if (limit !== undefined) c = c.limit(limit);
      return c.toArray();
    }),
  );
  const rows = perStatus.flat().sort(byReceivedDesc);
  return limit === undefined ? rows : rows.slice(0, limit);
}

/** Open incidents (not resolved or closed), newest first; optionally of some customers only. */
export async function openIncidents(
  db: ReplicaDb,
  options: { customerIds?: readonly string[]; limit?: number } = {},
): Promise<Incident[]> {
  if (options.customerIds) {
    const lists = await Promise.all(
      options.customerIds.map((id) => incidentsByCustomer(db, id, { status: OPEN_INCIDENT_STATUSES })),
    );
    const rows = lists.flat().sort(byReceivedDesc);
    return options.limit === undefined ? rows : rows.slice(0, options.limit);
  }
  return incidentsByStatus(db, OPEN_INCIDENT_STATUSES, options.limit);
}

/** The most recently received incidents of every customer in scope (any status). */
export async function recentIncidents(db: ReplicaDb, limit: number): Promise<Incident[]> {
  return db.incidents.orderBy('receivedAt').reverse().filter(alive).limit(limit).toArray();
}

export async function incident(db: ReplicaDb, id: string): Promise<Incident | undefined> {
  return live(await db.incidents.get(id));
}

/** An incident's timeline in time order (its packed record). May be partial: see timelineIsComplete. */
export async function timelineOf(db: ReplicaDb, incidentId: string): Promise<TimelineEvent[]> {
  return ((await db.timelines.get(incidentId))?.events ?? []).filter(alive);
}

/** Every timeline event of a customer's incidents (their packed records), tombstones left out. */
export async function timelineEventsOfCustomer(db: ReplicaDb, customerId: string): Promise<TimelineEvent[]> {
  return (await eventsOfCustomer(db, customerId)).filter(alive);
}

/**
 * Whether the replica holds the incident's whole timeline. A manager's replica downloads the
 * timelines of closed incidents only when first opened (then keeps them). While the first
 * download is still running, a timeline fetched on its own counts as complete, and so does an
 * open incident's once the open work (open incidents with their timelines) is written.
 */
export async function timelineIsComplete(db: ReplicaDb, incidentId: string): Promise<boolean> {
  const [meta, state] = await Promise.all([db.meta.get('sync'), db.timelineState.get(incidentId)]);
  if (state?.source === 'fetched') return true;
  if (!meta?.bootstrapped) return state !== undefined && !!meta?.openWorkAt;
  return meta.timelines === 'all' || state !== undefined;
}

// ---------------------------------------------------------------- requests, health checks, reports

export async function requests(
  db: ReplicaDb,
  query: { customerId?: string; stage?: RequestStage; incidentId?: string } = {},
): Promise<Request[]> {
  let rows: Request[];
  if (query.incidentId !== undefined)
    rows = await db.requests.where('incidentId').equals(query.incidentId).toArray();
  else if (query.customerId !== undefined && query.stage !== undefined)
    rows = await db.requests.where('[customerId+stage]').equals([query.customerId, query.stage]).toArray();
  else if (query.customerId !== undefined)
    rows = await db.requests.where('customerId').equals(query.customerId).toArray();
  else if (query.stage !== undefined) rows = await db.requests.where('stage').equals(query.stage).toArray();
  else rows = await db.requests.toArray();
  return rows
    .filter(
      (r) =>
        alive(r) &&
        (query.customerId === undefined || r.customerId === query.customerId) &&
        (query.stage === undefined || r.stage === query.stage),
    )
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

export async function request(db: ReplicaDb, id: string): Promise<Request | undefined> {
  return live(await db.requests.get(id));
}

/** Health checks by scheduled date (customer's local date), optionally of one customer and/or a date range (inclusive). */
export async function healthChecks(
  db: ReplicaDb,
  query: { customerId?: string; from?: string; to?: string } = {},
): Promise<HealthCheck[]> {
  const lo = query.from ?? Dexie.minKey;
  const hi = query.to ?? Dexie.maxKey;
  const c =
    query.customerId !== undefined
      ? db.healthChecks
          .where('[customerId+scheduledDate]')
          .between([query.customerId, lo], [query.customerId, hi], true, true)
      : db.healthChecks.where('scheduledDate').between(lo, hi, true, true);
  return c.filter(alive).toArray();
}

export async function healthCheck(db: ReplicaDb, id: string): Promise<HealthCheck | undefined> {
  return live(await db.healthChecks.get(id));
}

/** The report log, latest sent first; optional customer and sentAt range (ISO instants, inclusive). */
export async function reportLog(
  db: ReplicaDb,
  query: { customerId?: string; from?: string; to?: string; limit?: number } = {},
): Promise<Report[]> {
  const lo = query.from ?? Dexie.minKey;
  const hi = query.to ?? Dexie.maxKey;
  let c =
    query.customerId !== undefined
      ? db.reports
          .where('[customerId+sentAt]')
          .between([query.customerId, lo], [query.customerId, hi], true, true)
      : db.reports.where('sentAt').between(lo, hi, true, true);
  c = c.reverse().filter(alive);
  if (query.limit !== undefined) c = c.limit(query.limit);
  return c.toArray();
}

export async function reportsOfIncident(db: ReplicaDb, incidentId: string): Promise<Report[]> {
  return db.reports.where('incidentId').equals(incidentId).filter(alive).toArray();
}

// ---------------------------------------------------------------- reply templates

/** The reply templates on this computer (the team's set and the user's own), by name. */
export async function replyTemplates(db: ReplicaDb): Promise<ReplyTemplate[]> {
  const rows = await db.replyTemplates.toArray();
  return rows.filter(alive).sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------- people and coverage

export async function users(db: ReplicaDb, query: { team?: string } = {}): Promise<User[]> {
  const rows =
    query.team !== undefined
      ? await db.users.where('team').equals(query.team).toArray()
      : await db.users.toArray();
  return rows.filter(alive).sort((a, b) => a.name.localeCompare(b.name));
}

export async function user(db: ReplicaDb, id: string): Promise<User | undefined> {
  return live(await db.users.get(id));
}

/** Absences overlapping [from, to] (inclusive local dates), optionally of one user. */
export async function absences(
  db: ReplicaDb,
  query: { from: string; to: string; userId?: string },
): Promise<Absence[]> {
  const rows =
    query.userId !== undefined
      ? await db.absences
          .where('[userId+startDate]')
          .between([query.userId, Dexie.minKey], [query.userId, query.to], true, true)
          .toArray()
      : await db.absences.where('endDate').aboveOrEqual(query.from).toArray();
  return rows
    .filter((a) => alive(a) && a.startDate <= query.to && a.endDate >= query.from)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
}

/** Duty-roster shifts overlapping [from, to) (ISO instants), in time order. */
export async function dutyRoster(db: ReplicaDb, query: { from: string; to: string }): Promise<DutyShift[]> {
  const rows = await db.dutyShifts.where('startsAt').below(query.to).toArray();
  return rows
    .filter((s) => alive(s) && s.endsAt > query.from)
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
}

/** Who is on duty at an instant (ISO), if anyone. */
export async function onDutyAt(db: ReplicaDb, at: string): Promise<DutyShift[]> {
  const rows = await db.dutyShifts.where('startsAt').belowOrEqual(at).toArray();
  return rows.filter((s) => alive(s) && s.endsAt > at);
}

// ---------------------------------------------------------------- sync state

/** Local changes not yet confirmed by the server (pending or applied but not pulled back). */
export async function pendingChanges(db: ReplicaDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('id').toArray();
}

export async function pendingCount(db: ReplicaDb): Promise<number> {
  return db.outbox.count();
}

/** 'entity:id' of every row showing a change the server has not confirmed yet. */
export async function pendingRowKeys(db: ReplicaDb): Promise<Set<string>> {
  return new Set(await db.shadow.toCollection().primaryKeys());
}

/** Changes the server rejected, newest first. */
export async function needsAttention(db: ReplicaDb): Promise<AttentionItem[]> {
  return db.attention.orderBy('id').reverse().toArray();
}

export async function syncMeta(db: ReplicaDb): Promise<SyncMeta | undefined> {
  return db.meta.get('sync');
}
