// The signed-in session of this window: which replica is open, whether the server still
// accepts us, and sign-in / sign-out. Network access only through the bridge.
import { liveQuery } from 'dexie';
import { create } from 'zustand';
import type { DesktopApi, SignInArgs } from '../../shared/bridge/desktop-api';
import type { Actor } from '../../shared/mutations';
import { openReplica, replicaName, type ReplicaDb } from '../replica/db';
import { ReplicaKeyError } from '../replica/encryption/codec';
import { verifyReplicaKey } from '../replica/encryption/key-check';
import { forgetBrowserReplicaKey, replicaKeyFor, type ReplicaKeyOutcome } from '../replica/encryption/keys';
import type { EncryptionOptions } from '../replica/encryption/middleware';
import { useCurrentReplica } from '../replica/current';
import { ensureSyncMeta } from '../replica/meta';
import { storageError } from '../replica/errors';
import { startSyncController, type SyncController } from '../sync/controller';
import { useSyncStatus } from '../sync/status';
import { identityFromSession, localIdentityMemory, type Identity, type IdentityMemory } from './identity';

export type SessionPhase = 'starting' | 'signed-out' | 'active' | 'failed';

export interface SessionState {
  phase: SessionPhase;
  identity: Identity | null;
  /** No usable token (expired, refused, or not kept across a reload): work goes on offline. */
  needsSignIn: boolean;
  /** Why the replica could not be opened (phase 'failed'). */
  error: { code: string; message: string } | null;
  /** The server revoked the session (session_revoked) and this computer's replica was deleted. */
  revoked: boolean;
  set(patch: Partial<Omit<SessionState, 'set'>>): void;
}

export const useSession = create<SessionState>()((set) => ({
  phase: 'starting',
  identity: null,
  needsSignIn: false,
  error: null,
  revoked: false,
  set: (patch) => set(patch),
}));

export type SignInOutcome = { ok: true } | { ok: false; error: { code: string; message: string } };

export interface SessionManagerOptions {
  bridge: DesktopApi;
  memory?: IdentityMemory;
  /** For tests: open a replica elsewhere (fake-indexeddb); `encryption` seals its sensitive fields. */
  openDb?: (identity: Identity, encryption: EncryptionOptions) => ReplicaDb;
  /** For tests: where the replica's key comes from (default: the bridge, else this profile). */
  replicaKey?: (identity: Identity) => Promise<ReplicaKeyOutcome>;
  /** For tests: no controller. */
  startSync?: typeof startSyncController;
}

export class SessionManager {
  private readonly bridge: DesktopApi;
  private readonly memory: IdentityMemory;
  private readonly openDb: (identity: Identity, encryption: EncryptionOptions) => ReplicaDb;
  private readonly replicaKey: (identity: Identity) => Promise<ReplicaKeyOutcome>;
  private readonly startSync: typeof startSyncController;
  private db: ReplicaDb | null = null;
  private controller: SyncController | null = null;
  private offEvents: (() => void) | null = null;
  private offUserWatch: (() => void) | null = null;

  constructor(options: SessionManagerOptions) {
    this.bridge = options.bridge;
    this.memory = options.memory ?? localIdentityMemory();
    this.openDb =
      options.openDb ?? ((i, encryption) => openReplica(i.origin, i.user.id, undefined, encryption));
    this.replicaKey =
      options.replicaKey ?? ((i) => replicaKeyFor(this.bridge, replicaName(i.origin, i.user.id)));
    this.startSync = options.startSync ?? startSyncController;
  }

  /** At start-up: the bridge's session, else the identity remembered here (offline start). */
  async start(): Promise<void> {
    this.offEvents ??= this.bridge.onEvent((event) => {
      if (event.type === 'session-expired') useSession.getState().set({ needsSignIn: true });
      else if (event.type === 'session-revoked') void this.revokedByServer();
    });
    let session = null;
    try {
      session = await this.bridge.getSession();
    } catch {
      session = null;
    }
    const remembered = this.memory.load();
    const identity = session ? identityFromSession(session) : remembered;
    if (!identity) {
      useSession.getState().set({ phase: 'signed-out', identity: null, needsSignIn: false });
      return;
    }
    if (session) this.memory.save(identity);
    await this.open(identity, session ? session.needsSignIn : true);
  }

  /**
   * Opens the identity's replica with its key. `replaceUnreadable` (only right after the user
   * signed in): a replica sealed with a key this computer no longer has is deleted and
   * downloaded again; otherwise it is left untouched and the user is asked to sign in.
   */
  private async open(identity: Identity, needsSignIn: boolean, replaceUnreadable = false): Promise<void> {
    const key = await this.replicaKey(identity);
    if (!key.ok) {
      // Nothing is opened, so nothing can be written: signing in again asks for the key again.
      useSession.getState().set({ phase: 'failed', identity, needsSignIn: true, error: key.error });
      return;
    }
    let db = this.openDb(identity, { key: key.key, onKeyError: () => this.keyFailed(db) });
    const timelines = identity.user.role === 'tam' ? 'all' : 'open-only';
    let team = '';
    try {
      await db.open();
      try {
        await verifyReplicaKey(db, key.key);
      } catch (err) {
        if (!(err instanceof ReplicaKeyError) || !replaceUnreadable) throw err;
        // Unreadable for good (its key is gone) and the user just proved who they are: the
        // server sends everything again. Changes made here and not sent were sealed with the
        // lost key too; they cannot be recovered either way.
        await db.delete();
        db = this.openDb(identity, { key: key.key, onKeyError: () => this.keyFailed(db) });
        await db.open();
        await verifyReplicaKey(db, key.key);
      }
      await ensureSyncMeta(db, timelines);
      team = (await db.users.get(identity.user.id))?.team ?? '';
    } catch (err) {
      db.close();
      const error =
        err instanceof ReplicaKeyError
          ? replicaLockedError()
          : (err as { name?: string }).name === 'VersionError'
            ? {
                code: 'replica-newer',
                message:
                  'The offline data on this computer was written by a newer version of the app. Update the app to open it.',
              }
            : storageError(err);
      useSession.getState().set({
        phase: 'failed',
        identity,
        needsSignIn: needsSignIn || err instanceof ReplicaKeyError,
        error,
      });
      return;
    }
    this.db = db;
    const actor: Actor = { id: identity.user.id, role: identity.user.role, team };
    const controller = this.startSync({
      db,
      bridge: this.bridge,
      timelines,
      onAuthRequired: () => useSession.getState().set({ needsSignIn: true }),
    });
    this.controller = controller;
    useCurrentReplica.getState().set({ db, actor, fetchTimeline: (id) => controller.fetchTimeline(id) });
    // The team comes with the user's own row, which the first sync brings.
    const watch = liveQuery(() => db.users.get(identity.user.id)).subscribe({
      next: (u) => {
        const current = useCurrentReplica.getState();
        if (u && current.db === db && current.actor && current.actor.team !== u.team) {
          current.set({ actor: { ...current.actor, team: u.team } });
        }
      },
      error: () => undefined,
    });
    this.offUserWatch = () => watch.unsubscribe();
    useSession.getState().set({ phase: 'active', identity, needsSignIn, error: null });
    void this.requestPersistence();
  }

  /**
   * A stored row did not open with the key (tampered, or sealed with another key): stop using
   * the replica at once (no sync writes into it) and ask the user to sign in again.
   */
  private keyFailed(db: ReplicaDb): void {
    if (this.db !== db) return;
    const identity = useSession.getState().identity;
    this.close();
    useSession.getState().set({ phase: 'failed', identity, needsSignIn: true, error: replicaLockedError() });
  }

  /** Asks the browser not to evict the replica under storage pressure. */
  private async requestPersistence(): Promise<void> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage?.persist) return;
    try {
      const persisted = (await storage.persisted?.()) || (await storage.persist());
      useSyncStatus.getState().set({ persisted });
    } catch {
      useSyncStatus.getState().set({ persisted: null });
    }
  }

  private close(): void {
    this.controller?.stop();
    this.controller = null;
    this.offUserWatch?.();
    this.offUserWatch = null;
    this.db?.close();
    this.db = null;
    useCurrentReplica.getState().set({ db: null, actor: null, fetchTimeline: null });
  }

  async signIn(args: SignInArgs): Promise<SignInOutcome> {
    let result;
    try {
      result = await this.bridge.signIn(args);
    } catch (err) {
      return {
        ok: false,
        error: { code: 'bridge', message: err instanceof Error ? err.message : String(err) },
      };
    }
    if (!result.ok) return { ok: false, error: result.error };
    const identity = identityFromSession(result.session);
    this.memory.save(identity);
    useSession.getState().set({ revoked: false });
    const current = useSession.getState().identity;
    if (this.db && current && current.origin === identity.origin && current.user.id === identity.user.id) {
      useSession.getState().set({ identity, needsSignIn: false, phase: 'active' });
      this.controller?.signedIn();
      return { ok: true };
    }
    this.close();
    await this.open(identity, false, true);
    this.controller?.signedIn();
    return { ok: true };
  }

  /** Changes made here that the server has not confirmed (lost if the replica is wiped). */
  async unsentCount(): Promise<number> {
    return this.db ? this.db.outbox.count() : 0;
  }

  /** Signs out; `wipe` also deletes this user's replica from this computer. */
  async signOut(options: { wipe: boolean }): Promise<void> {
    const db = this.db;
    this.close();
    if (options.wipe && db) {
      try {
        await db.delete();
        // The browser profile's key of a deleted replica goes with it (no key file on the web).
        await forgetBrowserReplicaKey(db.name).catch(() => undefined);
      } catch {
        // Another window still holds it open; it is deleted when that window lets go.
      }
    }
    try {
      await this.bridge.signOut();
    } catch {
      // Local sign-out stands even if the bridge failed.
    }
    this.memory.clear();
    useSession.getState().set({ phase: 'signed-out', identity: null, needsSignIn: false, error: null });
  }

  /**
   * The server revoked this session (an administrator, a password change, "sign out
   * everywhere"): the customers' data must not stay readable here, so the replica is deleted
   * (unsent changes with it) and the window is signed out.
   */
  async revokedByServer(): Promise<void> {
    if (!this.db && useSession.getState().phase === 'signed-out') return;
    await this.signOut({ wipe: true });
    useSession.getState().set({ revoked: true });
  }

  /** A user-requested sync (e.g. a button). */
  syncNow(): void {
    this.controller?.requestSync('manual');
  }

  dispose(): void {
    this.close();
    this.offEvents?.();
    this.offEvents = null;
  }
}

export const REPLICA_LOCKED = 'replica-locked' as const;

/** The replica's rows do not open with the key this computer has for the user. */
export function replicaLockedError(): { code: typeof REPLICA_LOCKED; message: string } {
  return {
    code: REPLICA_LOCKED,
    message:
      "The offline data on this computer could not be decrypted with this computer's key for you. Nothing was changed. Sign in again; if the key is gone for good, the data is downloaded again (changes not yet sent from here are lost).",
  };
}
