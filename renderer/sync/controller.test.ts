// The controller's wiring in a DOM: start-up sync, server pokes, coming online and local
// changes all lead to a sync; sign-in after a refused token pushes again.
// Dexie's live queries need a global indexedDB: install the fake one before Dexie loads.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopEvent } from '../../shared/bridge/desktop-api';
import type { Customer } from '../../shared/model/entities';
import { ReplicaDb } from '../replica/db';
import { ensureSyncMeta } from '../replica/meta';
import { mutateReplica } from '../replica/mutate';
import { startSyncController, type SyncController } from './controller';
import type { Transport, TransportResponse } from './transport';

const CUSTOMER: Customer = {
  id: '00000000-0000-4000-8000-0000000000c1',
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  deleted: false,
  nameJa: 'サンプル',
  nameLatin: 'Sample',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa',
  contractStart: '2026-01-01',
  contractEnd: '2026-12-31',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' } as unknown as Customer['calendar'],
  tamId: '00000000-0000-4000-8000-000000000001',
  backupTamId: null,
  team: 'east',
};

class FakeServer implements Transport {
  calls: { path: string; body: unknown }[] = [];
  refuseToken = false;
  async request(_method: 'GET' | 'POST', path: string, body?: unknown): Promise<TransportResponse> {
    this.calls.push({ path, body });
    if (this.refuseToken)
      return { status: 401, body: { error: { code: 'session_expired', message: 'Sign in again.' } } };
    if (path === '/v1/sync/push') {
      const ms = (body as { mutations: { id: number }[] }).mutations;
      return {
        status: 200,
        body: {
          results: ms.map((m) => ({ id: m.id, status: 'applied' })),
          lastMutationId: ms.at(-1)?.id ?? null,
        },
      };
    }
    if (path === '/v1/sync/pull') return { status: 200, body: { changes: [], cursor: 'c1', hasMore: false } };
    return { status: 200, body: { status: 'ok', db: 'sqlite' } };
  }
  count(path: string) {
    return this.calls.filter((c) => c.path === path).length;
  }
}

let controller: SyncController | null = null;
afterEach(() => {
  controller?.stop();
  controller = null;
});

async function setup() {
  const db = new ReplicaDb(`controller-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await ensureSyncMeta(db, 'all');
  await db.customers.put(CUSTOMER);
  const server = new FakeServer();
  const listeners = new Set<(e: DesktopEvent) => void>();
  const bridge = {
    apiRequest: async () => ({ status: 0 as const, error: { code: 'network', message: 'unused' } }),
    onEvent: (l: (e: DesktopEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  let authRequired = 0;
  controller = startSyncController({
    db,
    bridge,
    timelines: 'all',
    transport: server,
    onAuthRequired: () => authRequired++,
  });
  const emit = (e: DesktopEvent) => listeners.forEach((l) => l(e));
  return { db, server, emit, authRequired: () => authRequired };
}

describe('startSyncController', () => {
  it('syncs at start-up, on a poke, on resume and when the network comes back', async () => {
    const { server, emit } = await setup();
    await vi.waitFor(() => expect(server.count('/v1/sync/pull')).toBe(1));
    emit({ type: 'sync-poke' });
    await vi.waitFor(() => expect(server.count('/v1/sync/pull')).toBe(2));
    emit({ type: 'power-resume' });
    await vi.waitFor(() => expect(server.count('/v1/sync/pull')).toBe(3));
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.count('/v1/sync/pull')).toBe(4));
  });

  it('pushes a local change shortly after it is made', async () => {
    const { db, server } = await setup();
    await vi.waitFor(() => expect(server.count('/v1/sync/pull')).toBe(1));
    const made = await mutateReplica(
      db,
      { id: CUSTOMER.tamId, role: 'tam', team: 'east' },
      'customer.update',
      { customerId: CUSTOMER.id, patch: { nameLatin: 'Renamed' } },
    );
    expect(made.ok).toBe(true);
    await vi.waitFor(() => expect(server.count('/v1/sync/push')).toBe(1), { timeout: 3000 });
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
  });

  it('asks for sign-in when the token is refused, and pushes after signing in', async () => {
    const { db, server, authRequired } = await setup();
    server.refuseToken = true;
    await mutateReplica(db, { id: CUSTOMER.tamId, role: 'tam', team: 'east' }, 'customer.update', {
      customerId: CUSTOMER.id,
      patch: { nameLatin: 'Offline edit' },
    });
    await vi.waitFor(() => expect(authRequired()).toBeGreaterThan(0));
    expect(await db.outbox.count()).toBe(1);
    server.refuseToken = false;
    controller!.signedIn();
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
  });
});
