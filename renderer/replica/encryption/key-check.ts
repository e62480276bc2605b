// Which key a replica was sealed with: a meta row holding a known value sealed with it,
// written the first time a replica is opened with a key. Opening with another key fails here,
// before anything (the sync engine, a view) reads or writes a row, so a wrong key never mixes
// rows sealed with two keys into one replica.
import type Dexie from 'dexie';
import { ReplicaKeyError, seal, unseal } from './codec';

export const KEY_CHECK_META_KEY = 'encryption';
const CHECK_TABLE = 'meta:encryption';
const CHECK_VALUE = 'tam-replica-key-check';

export interface KeyCheckRow {
  key: typeof KEY_CHECK_META_KEY;
  /** CHECK_VALUE sealed with the replica's key. */
  check: Uint8Array;
  since: string;
}

/**
 * Resolves when `key` is the replica's key (remembering it on first use); rejects with a
 * ReplicaKeyError when the replica was sealed with another key. Writes nothing in that case.
 */
export async function verifyReplicaKey(db: Dexie, key: CryptoKey, now = new Date()): Promise<void> {
  const meta = db.table<KeyCheckRow, string>('meta');
  const existing = await meta.get(KEY_CHECK_META_KEY);
  if (existing) {
    let value: unknown;
    try {
      value = await unseal(key, CHECK_TABLE, existing.check);
    } catch {
      value = null;
    }
    if (value !== CHECK_VALUE) {
      throw new ReplicaKeyError(
        'The offline data was encrypted with a key this computer no longer has',
        'meta',
      );
    }
    return;
  }
  const check = await seal(key, CHECK_TABLE, CHECK_VALUE);
  await db.transaction('rw', meta, async () => {
    // Another window may have written it meanwhile: the first one stays.
    if (!(await meta.get(KEY_CHECK_META_KEY))) {
      await meta.add({ key: KEY_CHECK_META_KEY, check, since: now.toISOString() });
    }
  });
  // Two windows racing with different keys: the loser finds out now.
  const stored = await meta.get(KEY_CHECK_META_KEY);
  if (!stored || (await unseal(key, CHECK_TABLE, stored.check).catch(() => null)) !== CHECK_VALUE) {
    throw new ReplicaKeyError('The offline data was encrypted with another key', 'meta');
  }
}
