// Sync metadata of a replica: one row, read by every window, written by the sync leader.
import { newId } from '../../shared/sync/ids';
import type { ReplicaDb, SyncMeta } from './db';

export function initialSyncMeta(timelines: SyncMeta['timelines']): SyncMeta {
  return {
    key: 'sync',
    clientId: newId(),
    cursor: null,
    timelines,
    bootstrapped: false,
    usableAt: null,
    openWorkAt: null,
    historyAt: null,
    historyShare: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    progress: null,
    activity: null,
    notice: null,
  };
}

export async function readSyncMeta(db: ReplicaDb): Promise<SyncMeta | undefined> {
  return db.meta.get('sync');
}

/**
 * Whether views can treat the replica as usable: every row of the scope is there except,
 * during a first sync, timeline events (which the incident page fetches on demand meanwhile:
 * `useTimeline`). True once the first stage of the bootstrap is written (`usableAt`), and for
 * every bootstrapped replica.
 */
export function isReplicaUsable(meta: SyncMeta | null | undefined): boolean {
  return !!meta && (meta.bootstrapped || !!meta.usableAt);
}

/** The sync row, created on first use (a new client id; the replica bootstraps). */
export async function ensureSyncMeta(db: ReplicaDb, timelines: SyncMeta['timelines']): Promise<SyncMeta> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get('sync');
    if (existing) return existing;
    const created = initialSyncMeta(timelines);
    await db.meta.put(created);
    return created;
  });
}

/** Changes some fields of the sync row (inside the caller's transaction if there is one). */
export async function patchSyncMeta(db: ReplicaDb, patch: Partial<Omit<SyncMeta, 'key'>>): Promise<void> {
  await db.meta.update('sync', patch);
}

/** The user has read the notice (e.g. "the server was reset"). */
export async function dismissNotice(db: ReplicaDb): Promise<void> {
  await db.meta.update('sync', { notice: null });
}
