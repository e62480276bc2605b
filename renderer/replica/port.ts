// The replica as the shared mutation logic sees it (ReadPort), and how a mutation's writes
// land in it: the server's state of each row a local change overwrites is kept aside
// (shadow) so that a rebase or a rejection can put it back.
import type { EntityName, EntityRow } from '../../shared/model/entities';
import { GLOBAL_ENTITIES } from '../../shared/model/entities';
import type { ReadPort, Write } from '../../shared/mutations';
import { rowKey, type ReplicaDb, type ShadowRow } from './db';

/** Reads the replica (tombstones included). Call inside a Dexie transaction to read consistently. */
export class DexieReadPort implements ReadPort {
  constructor(private readonly db: ReplicaDb) {}

  async get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    return this.db.tableOf(entity).get(id);
  }

  async listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]> {
    if (GLOBAL_ENTITIES.includes(entity)) return [];
    if (entity === 'customer') {
      const row = await this.db.tableOf(entity).get(customerId);
      return row ? [row] : [];
    }
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
    const table = db.tableOf(w.entity);
    if ((await db.shadow.get(key)) === undefined) {
      const current = await table.get(w.row.id);
      const shadow: ShadowRow = { key, entity: w.entity, id: w.row.id, row: current ?? null };
      await db.shadow.put(shadow);
    }
    await table.put(w.row as never);
  }
}
