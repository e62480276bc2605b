// A user action: validate with the shared mutation logic, apply to the replica and append to
// the outbox, all in ONE Dexie transaction. The UI follows through live queries.
import { applyMutation, type Actor, type MutationArgs, type MutationName } from '../../shared/mutations';
import type { OutboxEntry, ReplicaDb } from './db';
import { storageError, type LocalError } from './errors';
import { DexieReadPort, writeLocal } from './port';
import { DERIVED_TABLES, ENTITY_TABLES } from './schema';

export type MutateResult = { ok: true; mutationId: number } | { ok: false; error: LocalError };

export interface MutateOptions {
  /** The instant the logic sees; default now. */
  now?: string;
}

export async function mutateReplica<N extends MutationName>(
  db: ReplicaDb,
  actor: Actor,
  name: N,
  args: MutationArgs<N>,
  options: MutateOptions = {},
): Promise<MutateResult> {
  const now = options.now ?? new Date().toISOString();
  // Every entity table the database has (an older schema, as the upgrade fixtures write, lacks
  // the later ones).
  const tables = [
    ...db.tables.filter(
      (t) =>
        (ENTITY_TABLES as readonly string[]).includes(t.name) ||
        (DERIVED_TABLES as readonly string[]).includes(t.name),
    ),
    db.outbox,
    db.shadow,
  ];
  try {
    return await db.transaction('rw', tables, async (): Promise<MutateResult> => {
      const result = await applyMutation(name, args, { actor, now, read: new DexieReadPort(db) });
      if (!result.ok) return { ok: false, error: result.error };
      await writeLocal(db, result.writes);
      const entry: Omit<OutboxEntry, 'id'> = {
        name,
        // Stored as plain JSON: exactly what is pushed and re-run on a rebase.
        args: JSON.parse(JSON.stringify(args)) as unknown,
        actor,
        now,
        status: 'pending',
        rows: result.writes.map((w) => ({ entity: w.entity, id: w.row.id })),
        localError: null,
        attempts: 0,
      };
      const mutationId = await db.outbox.add(entry as OutboxEntry);
      return { ok: true, mutationId };
    });
  } catch (err) {
    // The transaction rolled back: nothing half-written, the caller keeps the user's input.
    return { ok: false, error: storageError(err) };
  }
}
