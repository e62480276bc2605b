// @vitest-environment happy-dom
// The replica as the windows see it: two windows of one replica elect one sync leader (Web
// Locks, polyfilled: the engine takes navigator.locks), the follower's changes are pushed by
// the leader, and the follower takes over when the leader closes; a full disk shows a clear
// message in the status bar. The real sync controller and engine, against the real API
// (in-process, through Fastify's inject), with fake-indexeddb shared by the windows as a
// browser profile shares IndexedDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Dexie, { type DBCore } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/bridge/desktop-api';
import type { Actor } from '../../shared/mutations';
import { createApi, type TamApi } from '../../server/app';
import { PASSWORD, seedFixture } from '../../server/testing/harness';
import { initI18n } from '../../renderer/i18n';
import { StatusBar } from '../../renderer/layout/StatusBar';
import { useCurrentReplica } from '../../renderer/replica/current';
import { ReplicaDb, replicaName } from '../../renderer/replica/db';
import { mutateReplica } from '../../renderer/replica/mutate';
import { getEvent } from '../../renderer/replica/timelines';
import { useSession } from '../../renderer/session/session';
import { startSyncController, type SyncController } from '../../renderer/sync/controller';
import { useSyncStatus } from '../../renderer/sync/status';
import { buildReliabilityFixture, type ReliabilityFixture } from './support/fixture';
import { InjectTransport, injectLogin } from './support/inject-transport';
import { WebLocksPolyfill } from './support/web-locks';

/** Waits (bounded) until a condition holds; the bound only keeps a broken run from hanging. */
async function until(what: string, condition: () => boolean | Promise<boolean>, rounds = 400): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

const bridge: Pick<DesktopApi, 'apiRequest' | 'onEvent'> = {
  apiRequest: () => Promise.reject(new Error('the tests pass a transport')),
  onEvent: () => () => undefined,
};

let dir: string;
let api: TamApi;
let fx: ReliabilityFixture;
let token: string;
let actor: Actor;
const locks = new WebLocksPolyfill();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tam-windows-'));
  api = await createApi({ db: { kind: 'sqlite', file: join(dir, 'api.sqlite') } });
  fx = buildReliabilityFixture();
  await seedFixture(api.db, fx);
  token = await injectLogin(api.app, fx.users.tamA.email, PASSWORD);
  actor = { id: fx.users.tamA.id, role: 'tam', team: 'X' };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  // Dexie's live queries run only where a global IndexedDB exists (as in every browser); Node has none.
  Dexie.dependencies.indexedDB ??= new IDBFactory();
  Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const controllers: SyncController[] = [];
const dbs: ReplicaDb[] = [];
afterEach(() => {
  cleanup();
  for (const c of controllers.splice(0)) c.stop();
  for (const db of dbs.splice(0)) db.close();
});

function openWindow(indexedDB: IDBFactory, name: string) {
  const db = new ReplicaDb(name, { indexedDB, IDBKeyRange });
  dbs.push(db);
  const transport = new InjectTransport(api.app, token);
  const controller = startSyncController({
    db,
    bridge,
    timelines: 'all',
    onAuthRequired: () => undefined,
    transport,
  });
  controllers.push(controller);
  return {
    db,
    transport,
    controller,
    pulls: () => transport.calls.filter((c) => c.path === '/v1/sync/pull').length,
  };
}

describe('two windows of one replica', () => {
  it("one leader syncs; it pushes the other window's changes; the other takes over when it closes", async () => {
    const profile = new IDBFactory();
    const name = replicaName('http://127.0.0.1', actor.id);
    const a = openWindow(profile, name);
    await until('window A syncs as leader', () => a.pulls() > 0);
    const b = openWindow(profile, name);
    expect(locks.holds(`tam-sync:${name}`)).toBe(true);

    // B asks for a sync (as after a local change): A, the leader, runs it; B sends nothing.
    const before = a.transport.calls.length;
    b.controller.requestSync('local-change');
    await until('window A syncs for B', () => a.transport.calls.length > before);

    // A change made in B reaches the server through A.
    const noteId = randomUUID();
    const made = await mutateReplica(b.db, actor, 'timeline.append', {
      id: noteId,
      incidentId: fx.incidents.i1.id,
      kind: 'note',
      at: new Date().toISOString(),
      body: 'from window B',
      visibility: 'internal',
    });
    expect(made.ok).toBe(true);
    await until(
      'the note is on the server',
      async () =>
        (await api.db.kysely
          .selectFrom('records')
          .select('id')
          .where('id', '=', noteId)
          .executeTakeFirst()) !== undefined,
    );
    const pushes = a.transport.calls.filter((c) => c.path === '/v1/sync/push');
    expect(pushes.some((p) => JSON.stringify(p.body).includes(noteId))).toBe(true);
    await until(
      'B sees its change confirmed',
      async () => ((await getEvent(b.db, noteId))?.version ?? 0) > 0,
    );
    expect(b.transport.calls).toEqual([]);

    // A closes: B becomes the leader and syncs; A sends nothing any more.
    a.controller.stop();
    const aCalls = a.transport.calls.length;
    await until('window B syncs as the new leader', () => b.pulls() > 0);
    expect(a.transport.calls.length).toBe(aCalls);
  });
});

describe('a full disk in the window', () => {
  it('the status bar says that storage is full and nothing was lost', async () => {
    const i18n = initI18n('en');
    const db = new ReplicaDb(`quota-${randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    dbs.push(db);
    // The disk fills up after the first sync.
    const disk = { full: false };
    db.use({
      stack: 'dbcore',
      name: 'simulated-quota',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (n) => {
          const table = down.table(n);
          return {
            ...table,
            mutate: (req) =>
              disk.full
                ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
                : table.mutate(req),
          };
        },
      }),
    });
    useCurrentReplica.getState().set({ db, actor });
    useSession.setState({ phase: 'active' });
    const transport = new InjectTransport(api.app, token);
    const controller = startSyncController({
      db,
      bridge,
      timelines: 'all',
      onAuthRequired: () => undefined,
      transport,
    });
    controllers.push(controller);
    await until(
      'the first sync',
      async () => (await db.customers.count()) > 0 && (await db.meta.get('sync'))?.lastSuccessAt != null,
    );
    expect(useSyncStatus.getState().storageFull).toBe(false);

    // Another window's change arrives; the pull cannot be stored.
    await api.app.inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        clientId: `other-${randomUUID()}`,
        mutations: [
          {
            id: 1,
            name: 'timeline.append',
            args: {
              id: randomUUID(),
              incidentId: fx.incidents.i1.id,
              kind: 'note',
              at: new Date().toISOString(),
              body: 'elsewhere',
              visibility: 'internal',
            },
          },
        ],
      },
    });
    disk.full = true;
    controller.requestSync('poke');
    await until('the sync reports a full disk', () => useSyncStatus.getState().storageFull);

    render(
      createElement(I18nextProvider, { i18n }, createElement(MemoryRouter, null, createElement(StatusBar))),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/out of storage space/);
    expect(alert.textContent).toMatch(/Nothing was lost/);
    expect(alert.textContent).toMatch(/free some disk space/);

    // Room again: the next sync clears the message.
    disk.full = false;
    await act(async () => {
      controller.requestSync('poke');
      await until('storage no longer full', () => !useSyncStatus.getState().storageFull);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
