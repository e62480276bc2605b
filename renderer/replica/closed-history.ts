// Closed history: the resolved and closed incidents that charts, the portfolio, the quarterly
// and daily report models and the exports count. Since the bootstrap sends the open work
// first, these arrive after the replica is usable: views that count them wait until the
// server's closed-incidents stage is over (`closedHistoryState`) and show how much has
// arrived meanwhile. Plain functions over the replica and the sync row, callable from any
// context (window, worker).
import type { Change, PullStage } from '../../shared/model/api';
import { isOpenStatus } from '../../shared/incidents/open';
import type { Incident } from '../../shared/model/entities';
import type Dexie from 'dexie';
import type { Table, Transaction } from 'dexie';
import type { ReplicaDb, SyncMeta } from './db';
import { OPEN_INCIDENT_STATUSES } from '../../shared/incidents/open';
import { incidentsByCustomer, openIncidents } from './queries';

export type ClosedHistoryState = { ready: true } | { ready: false; percent: number };

/**
 * Whether every closed incident of the scope is in the replica: true for a bootstrapped
 * replica and once the closed-incidents stage of a bootstrap is written; otherwise the share
 * arrived so far (0-99 %).
 */
export function closedHistoryState(meta: SyncMeta | null | undefined): ClosedHistoryState {
  if (meta && (meta.bootstrapped || meta.historyAt)) return { ready: true };
  const share = meta?.historyShare ?? 0;
  return { ready: false, percent: Math.min(99, Math.max(0, Math.floor(share * 100))) };
}

/** Stages after which every closed incident has been sent ('timelines': an older server's). */
const HISTORY_DONE: ReadonlySet<PullStage> = new Set<PullStage>(['closed-timelines', 'changes', 'timelines']);

/** A UUID's place in the id space (0-1), from its first 32 bits. */
function idShare(id: string): number {
  const head = Number.parseInt(id.replace(/-/g, '').slice(0, 8), 16);
  return Number.isFinite(head) ? head / 0x1_0000_0000 : 0;
}

/**
 * What a written bootstrap page changes in the sync row's history fields: `historyAt` once
 * the server's stage says the closed incidents are all sent, else the share of them arrived
 * (closed incidents come ordered by id). null: nothing to change.
 */
export function historyProgressPatch(
  meta: SyncMeta | undefined,
  page: { changes: readonly Change[]; stage: PullStage | null | undefined; bootstrap: boolean },
  at: string,
): Pick<SyncMeta, 'historyAt' | 'historyShare'> | null {
  if (!meta || !page.bootstrap || meta.bootstrapped || meta.historyAt) return null;
  if (page.stage && HISTORY_DONE.has(page.stage)) return { historyAt: at, historyShare: 1 };
  let last: string | null = null;
  for (const c of page.changes)
    if (
      c.entity === 'incident' &&
      c.op === 'put' &&
      c.data &&
      !isOpenStatus((c.data as unknown as Incident).status)
    )
      if (last === null || c.id > last) last = c.id;
  if (last === null) return null;
  const share = idShare(last);
  return share > (meta.historyShare ?? 0) ? { historyAt: null, historyShare: share } : null;
}

// ---------------------------------------------------------------- buckets

/**
 * The closed incidents of one customer received in one month (UTC), as ONE record of the
 * `closedHistory` table (schema version 9): charts, the portfolio, the reports and the exports
 * read a customer's history as a few dozen records instead of thousands. A copy kept in step
 * with the `incidents` table by every write of incidents (`applyClosedHistory`): an incident
 * that closes moves into its bucket, one that reopens or is deleted moves out. Pending local
 * edits are in the incidents table (their server state shadowed there), so the buckets show
 * what the views show, and a rebase that puts the server state back updates them too.
 */
export interface ClosedBucket {
  /** `<customerId>:<YYYY-MM>` (the month of `receivedAt`, UTC): a customer's buckets are one key range. */
  key: string;
  customerId: string;
  month: string;
  /** Live closed incidents (resolved or closed, not deleted), by `receivedAt` then id. */
  incidents: Incident[];
}

export const CLOSED_HISTORY_TABLE = 'closedHistory';

export function bucketKey(incident: Pick<Incident, 'customerId' | 'receivedAt'>): string {
  return `${incident.customerId}:${incident.receivedAt.slice(0, 7)}`;
}

const inHistory = (i: Incident | null | undefined): i is Incident =>
  !!i && i.deleted !== true && !isOpenStatus(i.status);

const byReceived = (a: Incident, b: Incident) =>
  a.receivedAt !== b.receivedAt
    ? a.receivedAt < b.receivedAt
      ? -1
      : 1
    : a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : 0;

/** The buckets table, when this database has it (replicas of versions before 9 do not). */
function bucketTable(db: Dexie): Table<ClosedBucket, string> | null {
  return db.tables.some((t) => t.name === CLOSED_HISTORY_TABLE)
    ? (db.table(CLOSED_HISTORY_TABLE) as Table<ClosedBucket, string>)
    : null;
}

/** An incident's state before and after a write (undefined: no row; the delete of a row). */
export interface IncidentChange {
  before: Incident | undefined;
  after: Incident | undefined;
}

/**
 * Moves incidents between buckets after their rows changed: out of the bucket they were in
 * (reopened, deleted, or moved to another customer or month), into the one they belong to
 * now (closed). Inside a rw transaction over `closedHistory`; a no-op on older schemas.
 */
export async function applyClosedHistory(db: Dexie, changes: readonly IncidentChange[]): Promise<void> {
  const table = bucketTable(db);
  if (!table || changes.length === 0) return;
  const work = new Map<string, { puts: Map<string, Incident>; removes: Set<string> }>();
  const slot = (key: string) => {
    let s = work.get(key);
    if (!s) work.set(key, (s = { puts: new Map(), removes: new Set() }));
    return s;
  };
  for (const { before, after } of changes) {
    const oldKey = inHistory(before) ? bucketKey(before) : null;
    const newKey = inHistory(after) ? bucketKey(after) : null;
    if (oldKey !== null && oldKey !== newKey) slot(oldKey).removes.add(before!.id);
    if (newKey !== null) slot(newKey).puts.set(after!.id, after!);
  }
  if (work.size === 0) return;
  const keys = [...work.keys()];
  const existing = await table.bulkGet(keys);
  const write: ClosedBucket[] = [];
  const remove: string[] = [];
  keys.forEach((key, i) => {
    const { puts, removes } = work.get(key)!;
    const record = existing[i];
    const rows = new Map<string, Incident>();
    for (const r of record?.incidents ?? []) if (!removes.has(r.id)) rows.set(r.id, r);
    for (const [id, r] of puts) rows.set(id, r);
    if (rows.size === 0) {
      if (record) remove.push(key);
      return;
    }
    const sep = key.lastIndexOf(':');
    write.push({
      key,
      customerId: key.slice(0, sep),
      month: key.slice(sep + 1),
      incidents: [...rows.values()].sort(byReceived),
    });
  });
  await Promise.all([
    write.length > 0 ? table.bulkPut(write) : null,
    remove.length > 0 ? table.bulkDelete(remove) : null,
  ]);
}

/**
 * Fills the buckets from the incidents table (schema upgrade to version 9, and a replica
 * whose buckets must be rebuilt): every live closed incident into its bucket.
 */
export async function rebuildClosedHistory(tx: Transaction): Promise<void> {
  const buckets = new Map<string, Incident[]>();
  await tx.table('incidents').each((row: Incident) => {
    if (!inHistory(row)) return;
    const key = bucketKey(row);
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    list.push(row);
  });
  const table = tx.table(CLOSED_HISTORY_TABLE) as Table<ClosedBucket, string>;
  await table.clear();
  await table.bulkPut(
    [...buckets].map(([key, incidents]) => {
      const sep = key.lastIndexOf(':');
      return {
        key,
        customerId: key.slice(0, sep),
        month: key.slice(sep + 1),
        incidents: incidents.sort(byReceived),
      };
    }),
  );
}

/** A customer's closed incidents (every bucket of the customer: one key range, no index). */
export async function closedIncidentsOfCustomer(db: Dexie, customerId: string): Promise<Incident[]> {
  const table = bucketTable(db);
  if (!table) return [];
  const buckets = await table.where(':id').between(`${customerId}:`, `${customerId}:\uffff`).toArray();
  return buckets.flatMap((b) => b.incidents);
}

/** Every closed incident of the replica (the portfolio). */
export async function allClosedIncidents(db: Dexie): Promise<Incident[]> {
  const table = bucketTable(db);
  if (!table) return [];
  return (await table.toArray()).flatMap((b) => b.incidents);
}

const byReceivedDesc = (a: Incident, b: Incident) => -byReceived(a, b);

/**
 * Every live incident of a customer, newest first: the open ones from the incidents table
 * (index [customerId+status]), the closed ones from the customer's buckets.
 */
export async function incidentsWithHistory(db: ReplicaDb, customerId: string): Promise<Incident[]> {
  const [open, closed] = await Promise.all([
    incidentsByCustomer(db, customerId, { status: OPEN_INCIDENT_STATUSES }),
    closedIncidentsOfCustomer(db, customerId),
  ]);
  return [...open, ...closed].sort(byReceivedDesc);
}

/** Every live incident of the replica: the open ones (index [status+receivedAt]) and every bucket. */
export async function allIncidentsWithHistory(db: ReplicaDb): Promise<Incident[]> {
  const [open, closed] = await Promise.all([openIncidents(db), allClosedIncidents(db)]);
  return [...open, ...closed];
}
