// Row storage: every synced row lives in `records` as ready-to-send JSON, stamped with a
// server change sequence number. Sequence numbers come from one counter row that each
// writing transaction updates just before it writes: the row lock is held until commit, so
// on PostgreSQL two transactions can never commit their sequence numbers out of order, and
// a reader that sees number n has seen everything below n (see README, "The cursor").
import { sql } from 'kysely';
import { isOpenStatus } from '../../shared/incidents/open';
import { ENTITY_NAMES, customerIdOf, incidentIdOf } from '../../shared/model/entities';
import type { EntityName, EntityRow, TaggedRow } from '../../shared/model/entities';
import type { ReadPort } from '../../shared/mutations/types';
import type { DbKind } from '../db';
import type { RecordsTable } from '../db/schema';
import { GLOBAL_SCOPE } from '../db/schema';
import type { Executor } from './scope';

/** Reserves `count` consecutive sequence numbers; returns the first. Serialises writers until commit. */
export async function allocateVersions(exec: Executor, count: number): Promise<number> {
  const result = await sql<{
    last_version: number;
  }>`update sync_state set last_version = last_version + ${count} where id = 1 returning last_version`.execute(
    exec,
  );
  const last = Number(result.rows[0]?.last_version);
  return last - count + 1;
}

export async function highWaterMark(exec: Executor): Promise<number> {
  const row = await exec
    .selectFrom('sync_state')
    .select('last_version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.last_version);
}

/** The columns of a row's record (data included), for a given version. */
export function toRecord(tagged: TaggedRow, version: number): RecordsTable {
  // Object.assign, not spread: this runs a million times in a bulk load.
  const row = Object.assign({}, tagged.row, { version });
  return {
    entity: tagged.entity,
    id: row.id,
    version,
    customer_id: customerIdOf(tagged) ?? GLOBAL_SCOPE,
    parent_id: incidentIdOf(tagged),
    open: tagged.entity === 'incident' ? (isOpenStatus(tagged.row.status) ? 1 : 0) : null,
    deleted: row.deleted ? 1 : 0,
    data: JSON.stringify(row),
  };
}

export interface WriteSummary {
  /** Customers whose rows changed (GLOBAL_SCOPE for global rows). */
  customerIds: Set<string>;
  /** A customer row changed: somebody's scope may have changed. */
  scopeMayChange: boolean;
  lastVersion: number;
}

/** Rows per INSERT statement (8 parameters each: well under SQLite's and PostgreSQL's limits). */
const INSERT_CHUNK = 500;

/** Writes rows with fresh sequence numbers, in the caller's transaction (in order: a row written twice keeps the later). */
export async function writeRows(exec: Executor, rows: readonly TaggedRow[]): Promise<WriteSummary> {
  const summary: WriteSummary = { customerIds: new Set(), scopeMayChange: false, lastVersion: 0 };
  if (rows.length === 0) return summary;
  const first = await allocateVersions(exec, rows.length);
  // One INSERT per chunk; a row written twice is stored once with its later state and version
  // (what writing them one after the other leaves), as one statement may not upsert a row twice.
  const latest = new Map<string, RecordsTable>();
  rows.forEach((tagged, i) => {
    const record = toRecord(tagged, first + i);
    const key = `${record.entity}\u0000${record.id}`;
    latest.delete(key);
    latest.set(key, record);
  });
  const records = [...latest.values()];
  for (let at = 0; at < records.length; at += INSERT_CHUNK) {
    await exec
      .insertInto('records')
      .values(records.slice(at, at + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['entity', 'id']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          customer_id: eb.ref('excluded.customer_id'),
          parent_id: eb.ref('excluded.parent_id'),
          open: eb.ref('excluded.open'),
          deleted: eb.ref('excluded.deleted'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
  }
  for (const tagged of rows) {
    if (tagged.entity === 'customer') {
      summary.scopeMayChange = true;
      const c = tagged.row;
      await exec
        .insertInto('customer_scope')
        .values({
          customer_id: c.id,
          tam_id: c.tamId,
          backup_tam_id: c.backupTamId,
          team: c.team,
          deleted: c.deleted ? 1 : 0,
        })
        .onConflict((oc) =>
          oc.column('customer_id').doUpdateSet({
            tam_id: c.tamId,
            backup_tam_id: c.backupTamId,
            team: c.team,
            deleted: c.deleted ? 1 : 0,
          }),
        )
        .execute();
    }
  }
  for (const r of records) summary.customerIds.add(r.customer_id);
  summary.lastVersion = first + rows.length - 1;
  return summary;
}

const rowKey = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * The rows a push batch has decided to write but not yet written: the mutations of one push
 * run in one transaction, and their writes go to the database together (one sequence
 * allocation, one INSERT) when the batch ends, or earlier when a read needs them there.
 * Reads of the batch see them first (SqlReadPort), so every mutation sees the effects of the
 * ones before it, as if each had been written at once. It also holds the rows the batch
 * fetched ahead (prefetch), so that a hundred mutations read their rows with one query.
 */
export class PendingWrites {
  /** Decided, not yet written, in order. */
  private rows: TaggedRow[] = [];
  /** The batch's latest state of every row it wrote (written or not). */
  private readonly latest = new Map<string, TaggedRow>();
  /** Rows read ahead, by key, and the ids looked for (a missing key of a looked-for id: no such row). */
  private readonly fetched = new Map<string, { customer_id: string; data: string }>();
  private readonly fetchedIds = new Set<string>();

  get size(): number {
    return this.rows.length;
  }

  add(writes: readonly TaggedRow[]): void {
    for (const w of writes) {
      this.rows.push(w);
      this.latest.set(rowKey(w.entity, w.row.id), w);
    }
  }

  /**
   * What the batch knows of a row: its state (a copy: the caller may change it) and
   * customer, null when it surely does not exist, undefined when the database must be asked.
   */
  read(entity: EntityName, id: string): { row: unknown; customerId: string | null } | null | undefined {
    const key = rowKey(entity, id);
    const w = this.latest.get(key);
    if (w) return { row: structuredClone(w.row), customerId: customerIdOf(w) };
    const f = this.fetched.get(key);
    if (f)
      return { row: JSON.parse(f.data), customerId: f.customer_id === GLOBAL_SCOPE ? null : f.customer_id };
    return this.fetchedIds.has(id) ? null : undefined;
  }

  /**
   * Reads ahead the rows of any entity with these ids, locking them on PostgreSQL (FOR
   * UPDATE, in key order, as the mutations reading them would have). Call before any write.
   */
  async prefetch(exec: Executor, kind: DbKind, ids: ReadonlySet<string>): Promise<void> {
    const wanted = [...ids].filter((id) => !this.fetchedIds.has(id));
    for (let at = 0; at < wanted.length; at += INSERT_CHUNK) {
      const chunk = wanted.slice(at, at + INSERT_CHUNK);
      const rows = await exec
        .selectFrom('records')
        .select(['entity', 'id', 'customer_id', 'data'])
        .where('entity', 'in', ENTITY_NAMES)
        .where('id', 'in', chunk)
        .$if(kind === 'postgres', (q) => q.orderBy('entity').orderBy('id').forUpdate())
        .execute();
      for (const r of rows)
        this.fetched.set(rowKey(r.entity, r.id), { customer_id: r.customer_id, data: r.data });
      for (const id of chunk) this.fetchedIds.add(id);
    }
  }

  /** The customers of the rows read ahead. */
  fetchedCustomers(): Set<string> {
    const ids = new Set<string>();
    for (const f of this.fetched.values()) if (f.customer_id !== GLOBAL_SCOPE) ids.add(f.customer_id);
    return ids;
  }

  /** Whether a row not yet written is of this entity and customer (a list of them must see it). */
  touches(entity: EntityName, customerId: string): boolean {
    for (const w of this.rows) if (w.entity === entity && customerIdOf(w) === customerId) return true;
    return false;
  }

  /** Writes the rows not yet written (in the caller's transaction). */
  async flush(exec: Executor): Promise<WriteSummary | null> {
    if (this.rows.length === 0) return null;
    const rows = this.rows;
    this.rows = [];
    return writeRows(exec, rows);
  }
}

/**
 * The server's read port for the shared mutation logic. On PostgreSQL it locks the rows it
 * reads (FOR UPDATE) so that a concurrent mutation in another process waits and then sees
 * the committed state. It records the customers it read, for the scope check.
 */
export class SqlReadPort implements ReadPort {
  readonly touchedCustomers = new Set<string>();

  constructor(
    private readonly exec: Executor,
    private readonly kind: DbKind,
    /** The batch's rows not yet written: read before the database. */
    private readonly pending?: PendingWrites,
    /** Told when a read had to write the pending rows first. */
    private readonly onFlush?: (summary: WriteSummary) => void,
  ) {}

  async get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    const known = this.pending?.read(entity, id);
    if (known === null) return undefined;
    if (known) {
      if (known.customerId !== null) this.touchedCustomers.add(known.customerId);
      return known.row as EntityRow<E>;
    }
    const row = await this.exec
      .selectFrom('records')
      .select(['data', 'customer_id'])
      .where('entity', '=', entity)
      .where('id', '=', id)
      .$if(this.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.customer_id !== GLOBAL_SCOPE) this.touchedCustomers.add(row.customer_id);
    return JSON.parse(row.data) as EntityRow<E>;
  }

  async listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]> {
    this.touchedCustomers.add(customerId);
    if (this.pending?.touches(entity, customerId))
      await this.pending.flush(this.exec).then((s) => s && this.onFlush?.(s));
    const rows = await this.exec
      .selectFrom('records')
      .select('data')
      .where('customer_id', '=', customerId)
      .where('entity', '=', entity)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as EntityRow<E>);
  }
}
