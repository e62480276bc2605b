// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, DesktopEvent, Session } from '../../shared/bridge/desktop-api';
import { ReplicaDb, replicaName } from '../replica/db';
import { isSealedRow } from '../replica/encryption/codec';
import { SCHEMA_VERSIONS } from '../replica/schema';
import { useCurrentReplica } from '../replica/current';
import type { SyncController } from '../sync/controller';
import type { Identity, IdentityMemory } from './identity';
import { SessionManager, useSession } from './session';

const USER = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'tam1@example.com',
  name: 'Tam One',
  role: 'tam',
};
const SERVER = 'http://127.0.0.1:4780';

class FakeBridge implements Partial<DesktopApi> {
  session: Session | null = null;
  signedOut = 0;
  listeners = new Set<(e: DesktopEvent) => void>();
  signInResult: Awaited<ReturnType<DesktopApi['signIn']>> = {
    ok: true,
    session: { serverUrl: SERVER, user: USER, expiresAt: '2099-01-01T00:00:00Z', needsSignIn: false },
  };
  getSession = async () => this.session;
  signIn = async () => this.signInResult;
  signOut = async () => {
    this.signedOut++;
  };
  apiRequest = async () => ({ status: 0 as const, error: { code: 'network', message: 'offline' } });
  /** The desktop keyring's key for the user (the Electron boundary, faked). */
  replicaKey: Awaited<ReturnType<DesktopApi['getReplicaKey']>> = {
    ok: true,
    key: new Uint8Array(32).fill(1),
  };
  getReplicaKey = async () => this.replicaKey;
  onEvent = (l: (e: DesktopEvent) => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  emit(e: DesktopEvent) {
    for (const l of this.listeners) l(e);
  }
}

function memory(initial: Identity | null = null): IdentityMemory & { value: Identity | null } {
  const m = {
    value: initial,
    load: () => m.value,
    save: (i: Identity) => {
      m.value = i;
    },
    clear: () => {
      m.value = null;
    },
  };
  return m;
}

let factory: IDBFactory;
const controllers: { signedIn: number; stopped: boolean }[] = [];
function manager(bridge: FakeBridge, mem: IdentityMemory) {
  return new SessionManager({
    bridge: bridge as unknown as DesktopApi,
    memory: mem,
    openDb: (i, encryption) =>
      new ReplicaDb(
        replicaName(i.origin, i.user.id),
        { indexedDB: factory, IDBKeyRange },
        SCHEMA_VERSIONS,
        encryption,
      ),
    startSync: () => {
      const c = { signedIn: 0, stopped: false };
      controllers.push(c);
      const controller: SyncController = {
        requestSync: () => undefined,
        signedIn: () => {
          c.signedIn++;
        },
        fetchTimeline: async () => undefined,
        stop: () => {
          c.stopped = true;
        },
      };
      return controller;
    },
  });
}

const identity: Identity = {
  serverUrl: SERVER,
  origin: SERVER,
  user: { id: USER.id, email: USER.email, name: USER.name, role: 'tam' },
};

beforeEach(() => {
  factory = new IDBFactory();
  controllers.length = 0;
  useSession.setState({ phase: 'starting', identity: null, needsSignIn: false, error: null });
  useCurrentReplica.setState({ db: null, actor: null, fetchTimeline: null });
});

describe('SessionManager', () => {
  it('starts signed out when nobody signed in here', async () => {
    const m = manager(new FakeBridge(), memory());
    await m.start();
    expect(useSession.getState()).toMatchObject({ phase: 'signed-out', identity: null });
    expect(useCurrentReplica.getState().db).toBeNull();
  });

  it('opens the remembered replica offline, asking to sign in again to sync', async () => {
    const m = manager(new FakeBridge(), memory(identity));
    await m.start();
    expect(useSession.getState()).toMatchObject({
      phase: 'active',
      needsSignIn: true,
      identity: { user: { id: USER.id } },
    });
    const { db, actor } = useCurrentReplica.getState();
    expect(db?.name).toBe(replicaName(SERVER, USER.id));
    expect(actor).toEqual({ id: USER.id, role: 'tam', team: '' });
    expect(controllers).toHaveLength(1);
    // Signing in as the same user keeps the replica and lets the controller push.
    expect(await m.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' })).toEqual({ ok: true });
    expect(useSession.getState().needsSignIn).toBe(false);
    expect(controllers).toHaveLength(1);
    expect(controllers[0]!.signedIn).toBe(1);
    m.dispose();
  });

  it('an expired session keeps the replica open and asks to sign in', async () => {
    const bridge = new FakeBridge();
    bridge.session = { serverUrl: SERVER, user: USER, expiresAt: '2099-01-01T00:00:00Z', needsSignIn: false };
    const mem = memory();
    const m = manager(bridge, mem);
    await m.start();
    expect(mem.value?.user.id).toBe(USER.id);
    expect(useSession.getState().needsSignIn).toBe(false);
    bridge.emit({ type: 'session-expired' });
    expect(useSession.getState()).toMatchObject({ phase: 'active', needsSignIn: true });
    expect(useCurrentReplica.getState().db).not.toBeNull();
    m.dispose();
  });

  it('reports sign-in errors as values and stays signed out', async () => {
    const bridge = new FakeBridge();
    bridge.signInResult = {
      ok: false,
      error: { code: 'invalid_credentials', message: 'Email or password is wrong' },
    };
    const m = manager(bridge, memory());
    await m.start();
    expect(await m.signIn({ serverUrl: SERVER, email: 'x@example.com', password: 'bad' })).toEqual({
      ok: false,
      error: { code: 'invalid_credentials', message: 'Email or password is wrong' },
    });
    expect(useSession.getState().phase).toBe('signed-out');
  });

  it('signs out, keeping or wiping the replica', async () => {
    const bridge = new FakeBridge();
    const mem = memory();
    const m = manager(bridge, mem);
    await m.start();
    await m.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' });
    const db = useCurrentReplica.getState().db!;
    await db.outbox.add({
      name: 'timeline.append',
      args: {},
      actor: { id: USER.id, role: 'tam', team: '' },
      now: '',
      status: 'pending',
      rows: [],
      localError: null,
      attempts: 0,
    } as never);
    expect(await m.unsentCount()).toBe(1);

    await m.signOut({ wipe: false });
    expect(useSession.getState().phase).toBe('signed-out');
    expect(mem.value).toBeNull();
    expect(bridge.signedOut).toBe(1);
    expect(controllers[0]!.stopped).toBe(true);
    expect((await factory.databases()).map((d) => d.name)).toContain(replicaName(SERVER, USER.id));

    await m.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' });
    expect(await m.unsentCount()).toBe(1);
    await m.signOut({ wipe: true });
    expect((await factory.databases()).map((d) => d.name)).not.toContain(replicaName(SERVER, USER.id));
  });

  it('a session revoked on the server deletes the replica, unsent changes included, and signs out', async () => {
    const bridge = new FakeBridge();
    bridge.session = { serverUrl: SERVER, user: USER, expiresAt: '2099-01-01T00:00:00Z', needsSignIn: false };
    const mem = memory();
    const m = manager(bridge, mem);
    await m.start();
    const db = useCurrentReplica.getState().db!;
    await db.outbox.add({
      name: 'timeline.append',
      args: {},
      actor: { id: USER.id, role: 'tam', team: '' },
      now: '',
      status: 'pending',
      rows: [],
      localError: null,
      attempts: 0,
    } as never);
    expect((await factory.databases()).map((d) => d.name)).toContain(replicaName(SERVER, USER.id));

    bridge.emit({ type: 'session-revoked' });
    await vi.waitFor(() => expect(useSession.getState().revoked).toBe(true));
    await m.revokedByServer(); // a second notice changes nothing
    expect((await factory.databases()).map((d) => d.name)).not.toContain(replicaName(SERVER, USER.id));
    expect(useSession.getState()).toMatchObject({ phase: 'signed-out', identity: null, revoked: true });
    expect(useCurrentReplica.getState().db).toBeNull();
    expect(mem.value).toBeNull();
    expect(controllers[0]!.stopped).toBe(true);

    // Signing in again clears the notice.
    await m.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' });
    expect(useSession.getState().revoked).toBe(false);
    m.dispose();
  });

  it('seals the replica with the keyring key; another key opens nothing, changes nothing, asks to sign in', async () => {
    const bridge = new FakeBridge();
    const m = manager(bridge, memory(identity));
    await m.start();
    const db = useCurrentReplica.getState().db!;
    await db.outbox.add({
      name: 'timeline.append',
      args: { body: 'unsent secret note' },
      actor: { id: USER.id, role: 'tam', team: '' },
      now: '',
      status: 'pending',
      rows: [],
      localError: null,
      attempts: 0,
    } as never);
    m.dispose();
    const raw = new ReplicaDb(replicaName(SERVER, USER.id), { indexedDB: factory, IDBKeyRange });
    const stored = await raw.outbox.toArray();
    expect(isSealedRow(stored[0])).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('unsent secret');
    raw.close();

    // The keyring now hands over another key (the key file was lost): nothing opens.
    bridge.replicaKey = { ok: true, key: new Uint8Array(32).fill(2) };
    const again = manager(bridge, memory(identity));
    await again.start();
    expect(useSession.getState()).toMatchObject({
      phase: 'failed',
      needsSignIn: true,
      error: { code: 'replica-locked' },
    });
    expect(useCurrentReplica.getState().db).toBeNull();
    expect(controllers).toHaveLength(1);
    const untouched = new ReplicaDb(replicaName(SERVER, USER.id), { indexedDB: factory, IDBKeyRange });
    expect(await untouched.outbox.toArray()).toEqual(stored);
    untouched.close();

    // The right key is back (keyring unlocked): signing in opens the same replica.
    bridge.replicaKey = { ok: true, key: new Uint8Array(32).fill(1) };
    expect(await again.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' })).toEqual({
      ok: true,
    });
    expect(useSession.getState()).toMatchObject({ phase: 'active', needsSignIn: false });
    const reopened = useCurrentReplica.getState().db!;
    expect((await reopened.outbox.toArray())[0]!.args).toEqual({ body: 'unsent secret note' });
    again.dispose();
  });

  it('a key gone for good: signing in again replaces the unreadable replica', async () => {
    const bridge = new FakeBridge();
    const first = manager(bridge, memory(identity));
    await first.start();
    await useCurrentReplica
      .getState()
      .db!.outbox.add({ name: 'x', args: { a: 1 }, status: 'pending' } as never);
    first.dispose();
    bridge.replicaKey = { ok: true, key: new Uint8Array(32).fill(3) };
    const m = manager(bridge, memory(identity));
    await m.start();
    expect(useSession.getState().error?.code).toBe('replica-locked');
    expect(await m.signIn({ serverUrl: SERVER, email: USER.email, password: 'demo' })).toEqual({ ok: true });
    expect(useSession.getState()).toMatchObject({ phase: 'active', error: null });
    expect(await useCurrentReplica.getState().db!.outbox.count()).toBe(0);
    m.dispose();
  });

  it('a keyring that cannot give the key now opens nothing and asks to sign in', async () => {
    const bridge = new FakeBridge();
    bridge.replicaKey = { ok: false, error: { code: 'replica-key-unavailable', message: 'keyring locked' } };
    const m = manager(bridge, memory(identity));
    await m.start();
    expect(useSession.getState()).toMatchObject({
      phase: 'failed',
      needsSignIn: true,
      error: { code: 'replica-key-unavailable' },
    });
    expect(await factory.databases()).toEqual([]);
    m.dispose();
  });
});
