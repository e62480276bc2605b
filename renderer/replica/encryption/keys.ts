// Where the window gets the replica's key. Desktop: from the main process (OS keyring via
// safeStorage, bridge.getReplicaKey), imported here as a non-extractable key. Browser mode (and
// a desktop without an OS secret store): a non-extractable AES-GCM key made here and kept in a
// small IndexedDB database of its own, so an offline reload still opens the replica. That key
// protects less than the keyring: anyone who can run script in this browser profile (or copy
// the profile) can use it; it only keeps the rows themselves from being readable as text.
import Dexie from 'dexie';
import type { DesktopApi } from '../../../shared/bridge/desktop-api';
import { generateReplicaKey, importReplicaKey } from './codec';

export type ReplicaKeySource = 'keyring' | 'browser';

export type ReplicaKeyOutcome =
  | { ok: true; key: CryptoKey; source: ReplicaKeySource }
  | { ok: false; error: { code: 'replica-key-unavailable'; message: string } };

export const BROWSER_KEY_DB = 'tam-replica-keys';

interface StoredKey {
  replica: string;
  key: CryptoKey;
  createdAt: string;
}

/** The browser profile's key of one replica (by its database name), created on first use. */
export async function browserReplicaKey(replica: string, indexedDB?: IDBFactory): Promise<CryptoKey> {
  const db = new Dexie(BROWSER_KEY_DB, indexedDB ? { indexedDB } : undefined);
  db.version(1).stores({ keys: 'replica' });
  try {
    const keys = db.table<StoredKey, string>('keys');
    const existing = await keys.get(replica);
    if (existing) return existing.key;
    const key = await generateReplicaKey();
    try {
      await keys.add({ replica, key, createdAt: new Date().toISOString() });
      return key;
    } catch (err) {
      // Another window stored one first: use that one.
      const winner = await keys.get(replica);
      if (winner) return winner.key;
      throw err;
    }
  } finally {
    db.close();
  }
}

/** Forgets the browser profile's key of a replica (after the replica itself is deleted). */
export async function forgetBrowserReplicaKey(replica: string, indexedDB?: IDBFactory): Promise<void> {
  const db = new Dexie(BROWSER_KEY_DB, indexedDB ? { indexedDB } : undefined);
  db.version(1).stores({ keys: 'replica' });
  try {
    await db.table('keys').delete(replica);
  } finally {
    db.close();
  }
}

export const REPLICA_KEY_UNAVAILABLE = 'replica-key-unavailable' as const;

/** The key for a replica: the desktop keyring's when there is one, else this profile's own. */
export async function replicaKeyFor(
  bridge: Pick<DesktopApi, 'getReplicaKey'>,
  replica: string,
  indexedDB?: IDBFactory,
): Promise<ReplicaKeyOutcome> {
  let answer: Awaited<ReturnType<DesktopApi['getReplicaKey']>>;
  try {
    answer = await bridge.getReplicaKey();
  } catch (err) {
    return unavailable(err instanceof Error ? err.message : String(err));
  }
  try {
    if (answer.ok) return { ok: true, key: await importReplicaKey(answer.key), source: 'keyring' };
    if (answer.error.code !== 'keyring-unavailable') return unavailable(answer.error.message);
    return { ok: true, key: await browserReplicaKey(replica, indexedDB), source: 'browser' };
  } catch (err) {
    return unavailable(err instanceof Error ? err.message : String(err));
  }
}

function unavailable(detail: string): ReplicaKeyOutcome {
  return {
    ok: false,
    error: {
      code: REPLICA_KEY_UNAVAILABLE,
      message: `The key of the offline data could not be obtained (${detail}). Sign in again; nothing was changed.`,
    },
  };
}
