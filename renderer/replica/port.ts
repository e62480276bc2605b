// The replica as the shared mutation logic sees it (ReadPort), and how a mutation's writes
// land in it: the server's state of each row a local change overwrites is kept aside
// (shadow) so that a rebase or a rejection can put it back. Timeline events live packed per
// incident (timelines.ts); everything here reads and writes them as rows all the same.
import type { EntityName, EntityRow, Incident, TimelineEvent } from '../../shared/model/entities';
import { GLOBAL_ENTITIES, userScopeId } from '../../shared/model/entities';
import type { ReadPort, Write } from '../../shared/mutations';
import { rowKey, type ReplicaDb, type ShadowRow } from './db';
import { eventsOfCustomer, getEvent, writeEvents } from './timelines';
import { applyClosedHistory } from './closed-history';

/** A row by id, tombstones included (`parentId`: a timeline event's incident, when known). */
export async function getRow<E extends EntityName>(
  db: ReplicaDb,
  entity: E,
  id: string,
  parentId?: string,
): Promise<EntityRow<E> | undefined> {
  if (entity === 'timelineEvent') return (await getEvent(db, id, parentId)) as EntityRow<E> | undefined;
  return db.tableOf(entity).get(id);
}

/** Stores rows of one entity (replacing those with the same id). Inside a rw transaction. */
export async function putRows(db: ReplicaDb, entity: EntityName, rows: readonly EntityRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (entity === 'timelineEvent') return writeEvents(db, rows as TimelineEvent[]);
  if (entity === 'incident') return putIncidents(db, rows as Incident[]);
  await db.tableOf(entity).bulkPut(rows as never[]);
}

/** Removes rows of one entity (`parentId`: a timeline event's incident, when known). */
export async function deleteRows(
  db: ReplicaDb,
  entity: EntityName,
  rows: readonly { id: string; parentId?: string | undefined }[],
): Promise<void> {
  if (rows.length === 0) return;
  if (entity === 'timelineEvent') return writeEvents(db, [], rows);
  const ids = rows.map((r) => r.id);
  if (entity === 'incident') {
    // The closed-history buckets follow (closed-history.ts).
    const before = await db.incidents.bulkGet(ids);
    await db.incidents.bulkDelete(ids);
    await applyClosedHistory(
      db,
      before.map((b) => ({ before: b, after: undefined })),
    );
    return;
  }
  await db.tableOf(entity).bulkDelete(ids);
}

/** Incident rows, with the closed-history buckets kept in step (closed-history.ts). */
async function putIncidents(db: ReplicaDb, rows: readonly Incident[]): Promise<void> {
  const before = await db.incidents.bulkGet(rows.map((r) => r.id));
  await db.incidents.bulkPut(rows as Incident[]);
  await applyClosedHistory(
    db,
    rows.map((after, i) => ({ before: before[i], after })),
  );
}

/** Reads the replica (tombstones included). Call inside a Dexie transaction to read consistently. */
export class DexieReadPort implements ReadPort {
  constructor(private readonly db: ReplicaDb) {}

  async get<E extends EntityName>(
    entity: E,
    id: string,
    parentId?: string,
  ): Promise<EntityRow<E> | undefined> {
    return getRow(this.db, entity, id, parentId);
  }

  async listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]> {
    if (GLOBAL_ENTITIES.includes(entity)) return [];
    if (entity === 'customer') {
      const row = await this.db.tableOf(entity).get(customerId);
      return row ? [row] : [];
    }
    if (entity === 'timelineEvent') return (await eventsOfCustomer(this.db, customerId)) as EntityRow<E>[];
    // A user's own rows (saved views): a few per user, with no customer id to index.
    if (entity === 'savedView')
      return (await this.db.savedViews.toArray()).filter(
        (v) => userScopeId(v.userId) === customerId,
      ) as EntityRow<E>[];
    return this.db.tableOf(entity).where('customerId').equals(customerId).toArray();
  }
}

/**
 * Writes a local mutation's rows, keeping the server's state of each row first written by a
 * pending change. Must run inside a rw transaction over the entity tables and `shadow`.
 */
export async function writeLocal(db: ReplicaDb, writes: readonly Write[]): Promise<void> {
  for (const w of writes) {
    const key = rowKey(w.entity, w.row.id);
    const parentId = w.entity === 'timelineEvent' ? w.row.incidentId : undefined;
    if ((await db.shadow.get(key)) === undefined) {
      const current = await getRow(db, w.entity, w.row.id, parentId);
      const shadow: ShadowRow = { key, entity: w.entity, id: w.row.id, row: current ?? null };
      if (parentId !== undefined) shadow.parentId = parentId;
      await db.shadow.put(shadow);
    }
    await putRows(db, w.entity, [w.row]);
  }
}
