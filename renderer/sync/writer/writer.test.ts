// @vitest-environment node
// The replica writer worker's protocol: the message schemas, and a first sync whose writes go
// through the window's side (client.ts) to the worker's side (host.ts) as messages, against
// the real central API on loopback and fake-indexeddb replicas. The "worker" here is the host
// behind structured clones and asynchronous delivery, as a Worker delivers messages (transfers
// included: a pull page's bytes leave the window); the real Worker is covered by the end-to-end test (test/e2e/sync-writer.spec.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type TamApi } from '../../../server/app';
import { seedDemo } from '../../../server/seed/demo';
import { sendApiRequest, type FetchLike } from '../../../shared/bridge/api-calls';
import type { Actor } from '../../../shared/mutations';
import { newId } from '../../../shared/sync/ids';
import { ReplicaDb } from '../../replica/db';
import { generateReplicaKey } from '../../replica/encryption/codec';
import { ensureSyncMeta } from '../../replica/meta';
import { mutateReplica } from '../../replica/mutate';
import { DERIVED_TABLES, ENTITY_TABLES } from '../../replica/schema';
import { SyncEngine } from '../engine';
import type { Transport, TransportResponse } from '../transport';
import { workerWriter } from './client';
import { createWriterHost, type WriterStats } from './host';
import { FromWriterSchema, ToWriterSchema, errorOfWire, wireError, type FromWriter } from './protocol';

describe('writer protocol schemas', () => {
  const page = {
    changes: [{ entity: 'customer', id: 'c1', op: 'put', data: { id: 'c1' } }],
    cursor: 'k1',
    bootstrap: true,
    progress: {
      bootstrap: true,
      rows: 1,
      pages: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      remaining: null,
      stage: 'records',
    },
  };

  it('accepts the messages the window sends', () => {
    expect(ToWriterSchema.safeParse({ type: 'open', dbName: 'tam-replica:x:u', key: null }).success).toBe(
      true,
    );
    expect(ToWriterSchema.safeParse({ type: 'call', id: 1, call: { op: 'writePage', page } }).success).toBe(
      true,
    );
    expect(
      ToWriterSchema.safeParse({ type: 'call', id: 2, call: { op: 'rebase', dropApplied: [3, 4] } }).success,
    ).toBe(true);
    expect(
      ToWriterSchema.safeParse({
        type: 'call',
        id: 3,
        call: { op: 'resetForRebootstrap', at: '2026-01-01T00:00:00.000Z' },
      }).success,
    ).toBe(true);
    expect(
      ToWriterSchema.safeParse({
        type: 'call',
        id: 4,
        call: { op: 'writeTimeline', incidentId: 'i1', events: [{ id: 'e1' }], at: 'x', complete: false },
      }).success,
    ).toBe(true);
    expect(
      ToWriterSchema.safeParse({
        type: 'call',
        id: 5,
        call: { op: 'readPage', ref: 1, bytes: new TextEncoder().encode('{}') },
      }).success,
    ).toBe(true);
    expect(
      ToWriterSchema.safeParse({
        type: 'call',
        id: 6,
        call: { op: 'writeReadPage', ref: 1, bootstrap: true, progress: page.progress },
      }).success,
    ).toBe(true);
  });

  it('refuses malformed messages', async () => {
    const bad = [
      { type: 'open', dbName: '', key: null },
      { type: 'open', dbName: 'x', key: 'not a key' },
      { type: 'call', id: 0, call: { op: 'rebase', dropApplied: [] } },
      { type: 'call', id: 1, call: { op: 'drop-everything' } },
      { type: 'call', id: 1, call: { op: 'writePage', page: { ...page, cursor: 7 } } },
      // A page crosses as bytes, never as an object tree or a string.
      { type: 'call', id: 1, call: { op: 'readPage', ref: 1, bytes: page } },
      { type: 'call', id: 1, call: { op: 'readPage', ref: 1, bytes: '{}' } },
      { type: 'call', id: 1, call: { op: 'readPage', ref: 0, bytes: new Uint8Array(2) } },
      { type: 'call', id: 1, call: { op: 'writeReadPage', ref: 1, bootstrap: true } },
      {
        type: 'call',
        id: 1,
        call: {
          op: 'writePage',
          page: { ...page, changes: [{ entity: 'nope', id: 'x', op: 'put', data: {} }] },
        },
      },
      {
        type: 'call',
        id: 1,
        call: {
          op: 'writePage',
          page: { ...page, changes: [{ entity: 'customer', id: 'x', op: 'put', data: 'row' }] },
        },
      },
      {
        type: 'call',
        id: 1,
        call: { op: 'writePage', page: { ...page, progress: { ...page.progress, stage: 'later' } } },
      },
      null,
    ];
    for (const m of bad) expect(ToWriterSchema.safeParse(m).success, JSON.stringify(m)).toBe(false);
    expect(
      ToWriterSchema.safeParse({ type: 'open', dbName: 'x', key: await generateReplicaKey() }).success,
    ).toBe(true);
    expect(FromWriterSchema.safeParse({ type: 'done', value: 1 }).success).toBe(false);
    expect(FromWriterSchema.safeParse({ type: 'failed', id: 1, error: { message: 'x' } }).success).toBe(
      false,
    );
  });

  it('keeps a full disk recognisable across the boundary', () => {
    const dexieLike = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: Object.assign(new Error('quota'), { name: 'QuotaExceededError' }),
    });
    expect(wireError(dexieLike)).toEqual({ name: 'QuotaExceededError', message: 'Transaction aborted' });
    expect(errorOfWire(wireError(dexieLike)).name).toBe('QuotaExceededError');
    expect(wireError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});

/** The host behind a Worker's interface: structured clones, delivered asynchronously. */
class HostWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly stats: WriterStats = { calls: 0, pages: 0, rows: 0, parsed: 0 };
  readonly sent: unknown[] = [];
  private readonly handle: (data: unknown) => void;

  constructor(indexedDB: IDBFactory) {
    this.handle = createWriterHost(
      (m: FromWriter) => {
        const copy = structuredClone(m);
        setTimeout(() => {
          if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent<unknown>);
        });
      },
      { dexie: { indexedDB, IDBKeyRange }, stats: this.stats },
    );
  }

  postMessage(data: unknown, transfer: Transferable[] = []): void {
    if (this.terminated) return;
    const copy = structuredClone(data, { transfer });
    this.sent.push(copy);
    setTimeout(() => {
      if (!this.terminated) this.handle(copy);
    });
  }

  /** The worker's script fails (as an uncaught error in a worker reaches the window). */
  crash(message: string): void {
    this.terminated = true;
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

interface Server {
  api: TamApi;
  url: string;
  dir: string;
}

let server: Server;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tam-writer-test-'));
  const api = await createApi({ db: { kind: 'sqlite', file: join(dir, 'api.sqlite') }, heartbeatMs: 60_000 });
  await seedDemo(api.db, 'demo');
  server = { api, url: await api.app.listen({ host: '127.0.0.1', port: 0 }), dir };
}, 60_000);

afterAll(async () => {
  await server?.api.close();
  rmSync(server.dir, { recursive: true, force: true });
});

/** A signed-in transport as the bridge's: a pull's answer as bytes when the engine asks for them. */
async function login(email: string): Promise<{ transport: Transport; actor: Actor; token: string }> {
  const res = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  const body = (await res.json()) as { token: string; user: { id: string; role: Actor['role'] } };
  const me = (await (
    await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${body.token}` } })
  ).json()) as { user: { team: string } };
  const transport: Transport = {
    request: (method, path, reqBody, options) =>
      sendApiRequest(fetch as unknown as FetchLike, server.url, body.token, {
        method,
        path,
        ...(reqBody === undefined ? {} : { body: reqBody }),
        ...(options?.responseType ? { responseType: options.responseType } : {}),
      }),
  };
  return {
    transport,
    actor: { id: body.user.id, role: body.user.role, team: me.user.team },
    token: body.token,
  };
}

let counter = 0;
async function counts(db: ReplicaDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ENTITY_TABLES) out[t] = await db.table(t).count();
  return out;
}

describe('writes through the writer protocol', () => {
  it('a first sync and a delta land in the replica as the direct writes do, with the outbox rebased', async () => {
    const { transport, actor } = await login('tam1@example.com');
    const idb = new IDBFactory();
    const key = await generateReplicaKey();
    const name = `writer-${counter++}`;
    const db = new ReplicaDb(name, { indexedDB: idb, IDBKeyRange }, undefined, { key });
    await db.open();
    const fake = new HostWorker(idb);
    const logs: string[] = [];
    const writer = workerWriter({
      db,
      createWorker: () => fake as unknown as Worker,
      log: (m) => logs.push(m),
    });
    const engine = new SyncEngine({ db, transport, timelines: 'all', writer, pullLimit: 200 });

    const first = await engine.sync();
    expect(first.ok).toBe(true);
    expect(writer.where).toBe('worker');
    expect(logs).toEqual([]);
    // Every page went through the worker's side, and the key went with the open message.
    expect(fake.stats.pages).toBe(first.report.pages);
    expect(fake.stats.rows).toBe(first.report.pulled);
    expect((fake.sent[0] as { key: unknown }).key).toBeInstanceOf(CryptoKey);

    // The same scope written on this thread.
    const directDb = new ReplicaDb(`writer-${counter++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const direct = await new SyncEngine({ db: directDb, transport, timelines: 'all', pullLimit: 200 }).sync();
    expect(direct.ok).toBe(true);
    expect(await counts(db)).toEqual(await counts(directDb));
    const meta = await db.meta.get('sync');
    expect(meta?.bootstrapped).toBe(true);
    expect(meta?.usableAt).toBeTruthy();

    // A local change, pushed and pulled back; the rebase ran in the worker.
    const incident = (await db.incidents.toArray()).find(
      (i) => i.status === 'new' || i.status === 'in_progress',
    )!;
    const eventId = newId();
    const local = await mutateReplica(db, actor, 'timeline.append', {
      id: eventId,
      incidentId: incident.id,
      kind: 'note',
      at: new Date().toISOString(),
      body: 'Called back through the writer.',
      visibility: 'internal',
    });
    expect(local.ok).toBe(true);
    const callsBefore = fake.stats.calls;
    const second = await engine.sync();
    expect(second.ok).toBe(true);
    expect(second.report.pushed).toBe(1);
    expect(fake.stats.calls).toBeGreaterThan(callsBefore);
    expect(await db.outbox.count()).toBe(0);
    const timeline = await db.timelines.get(incident.id);
    expect(timeline?.events.some((e) => e.id === eventId)).toBe(true);

    // A timeline fetched on demand is written by the worker too.
    const pages = fake.stats.pages;
    const fetched = await engine.fetchTimeline(incident.id);
    expect(fetched).toEqual({ ok: true });
    expect((fake.sent.at(-1) as { call: { op: string } }).call.op).toBe('writeTimeline');
    expect(fake.stats.pages).toBe(pages);

    writer.close();
    expect(fake.terminated).toBe(true);
    db.close();
    directDb.close();
  }, 60_000);

  it('writes on this thread, and says why, when the worker cannot start or cannot open the replica', async () => {
    const { transport } = await login('tam1@example.com');
    const idb = new IDBFactory();
    const db = new ReplicaDb(`writer-${counter++}`, { indexedDB: idb, IDBKeyRange });
    const logs: string[] = [];
    const writer = workerWriter({
      db,
      createWorker: () => {
        throw new Error('blocked by policy');
      },
      log: (m) => logs.push(m),
    });
    const outcome = await new SyncEngine({ db, transport, timelines: 'all', writer }).sync();
    expect(outcome.ok).toBe(true);
    expect(writer.where).toBe('main');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('blocked by policy');
    expect(await db.incidents.count()).toBeGreaterThan(0);

    // A worker whose replica does not open (its IndexedDB fails); this thread's does.
    const db2 = new ReplicaDb(`writer-${counter++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const logs2: string[] = [];
    const broken = {
      open() {
        throw new Error('the disk went away');
      },
    } as unknown as IDBFactory;
    const fake = new HostWorker(broken);
    const writer2 = workerWriter({
      db: db2,
      createWorker: () => fake as unknown as Worker,
      log: (m) => logs2.push(m),
    });
    await ensureSyncMeta(db2, 'all');
    expect(await writer2.resetForRebootstrap('2026-01-01T00:00:00.000Z')).toBe(0);
    // Done here, on this thread's connection.
    expect((await db2.meta.get('sync'))?.notice?.code).toBe('server-reset');
    expect(writer2.where).toBe('main');
    expect(logs2[0]).toContain('could not open the replica');
    expect(fake.terminated).toBe(true);
  }, 60_000);

  it('fails the call in flight when the worker dies, and writes the next ones on this thread', async () => {
    const { transport } = await login('tam1@example.com');
    const idb = new IDBFactory();
    const db = new ReplicaDb(`writer-${counter++}`, { indexedDB: idb, IDBKeyRange });
    const fake = new HostWorker(idb);
    const logs: string[] = [];
    const writer = workerWriter({
      db,
      createWorker: () => fake as unknown as Worker,
      log: (m) => logs.push(m),
    });
    const original = fake.postMessage.bind(fake);
    fake.postMessage = (data: unknown) => {
      // The worker runs out of memory on the first page.
      if ((data as { type: string }).type === 'call') fake.crash('out of memory');
      else original(data);
    };
    const engine = new SyncEngine({ db, transport, timelines: 'all', writer });
    const failed = await engine.sync();
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe('storage-failed');
      expect(failed.error.message).toContain('out of memory');
    }
    expect(logs[0]).toContain('out of memory');
    expect(writer.where).toBe('main');
    expect(await db.incidents.count()).toBe(0);
    const retried = await engine.sync();
    expect(retried.ok).toBe(true);
    expect(await db.incidents.count()).toBeGreaterThan(0);
  }, 60_000);

  it('answers a message it cannot read with its call id, and writes nothing', async () => {
    const answers: FromWriter[] = [];
    const idb = new IDBFactory();
    const handle = createWriterHost((m) => answers.push(m), { dexie: { indexedDB: idb, IDBKeyRange } });
    handle({ type: 'call', id: 5, call: { op: 'writePage', page: { changes: 'all of them' } } });
    handle({ hello: 'world' });
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatchObject({ type: 'invalid', id: 5 });
    expect(answers[1]).toMatchObject({ type: 'invalid', id: null });
    // A call before the replica is open.
    handle({ type: 'call', id: 6, call: { op: 'rebase', dropApplied: [] } });
    expect(answers[2]).toMatchObject({ type: 'failed', id: 6 });
  });
});

describe('pull pages read where the writes run', () => {
  const NOW = '2026-01-05T09:00:00.000Z';

  /** The same transport, answering every body parsed on this thread (as before the pages crossed as bytes). */
  const parsedHere = (transport: Transport): Transport => ({
    request: (method, path, body) => transport.request(method, path, body),
  });

  /** Every table the sync writes, as read back (decrypted) through the replica's connection. */
  async function contents(db: ReplicaDb): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of [...ENTITY_TABLES, ...DERIVED_TABLES]) out[t] = await db.table(t).toArray();
    return out;
  }

  async function firstSync(transport: Transport, withWorker: boolean, key?: CryptoKey) {
    const idb = new IDBFactory();
    const db = new ReplicaDb(
      `writer-${counter++}`,
      { indexedDB: idb, IDBKeyRange },
      undefined,
      key ? { key } : undefined,
    );
    await db.open();
    const fake = withWorker ? new HostWorker(idb) : null;
    const writer = fake
      ? workerWriter({ db, createWorker: () => fake as unknown as Worker, log: () => undefined })
      : undefined;
    const engine = new SyncEngine({
      db,
      transport,
      timelines: 'all',
      pullLimit: 200,
      now: () => NOW,
      ...(writer ? { writer } : {}),
    });
    return { db, fake, writer, engine };
  }

  it('a page parsed in the worker yields the same replica as a page parsed on the window thread', async () => {
    const { transport } = await login('tam1@example.com');
    const sentBytes: Uint8Array[] = [];
    const bytesTransport: Transport = {
      async request(method, path, body, options) {
        const res = await transport.request(method, path, body, options);
        if (path === '/v1/sync/pull' && 'body' in res && res.body instanceof Uint8Array)
          sentBytes.push(res.body);
        return res;
      },
    };

    // In the worker, encrypted at rest, as in the app.
    const inWorker = await firstSync(bytesTransport, true, await generateReplicaKey());
    const outcome = await inWorker.engine.sync();
    expect(outcome.ok).toBe(true);
    expect(inWorker.writer!.where).toBe('worker');
    const ops = inWorker.fake!.sent.flatMap((m) =>
      (m as { type: string }).type === 'call' ? [(m as { call: { op: string } }).call.op] : [],
    );
    expect(ops.filter((op) => op === 'readPage')).toHaveLength(outcome.report.pages);
    expect(ops.filter((op) => op === 'writeReadPage')).toHaveLength(outcome.report.pages);
    expect(ops).not.toContain('writePage');
    expect(inWorker.fake!.stats.pages).toBe(outcome.report.pages);
    expect(inWorker.fake!.stats.parsed).toBe(outcome.report.pages);
    expect(inWorker.fake!.stats.rows).toBe(outcome.report.pulled);
    // Every page's bytes were handed over to the worker, not copied: none is left in the window.
    expect(sentBytes).toHaveLength(outcome.report.pages);
    for (const b of sentBytes) expect(b.byteLength).toBe(0);

    // The fallback: the bytes read and written on this thread.
    const here = await firstSync(transport, false);
    expect((await here.engine.sync()).ok).toBe(true);
    // Before: the bridge parsed the page, the engine checked it on this thread.
    const before = await firstSync(parsedHere(transport), false);
    const beforeOutcome = await before.engine.sync();
    expect(beforeOutcome.ok).toBe(true);
    expect(beforeOutcome.report.pulled).toBe(outcome.report.pulled);

    const expected = await contents(before.db);
    expect(expected.incidents!.length).toBeGreaterThan(0);
    expect(await contents(inWorker.db)).toEqual(expected);
    expect(await contents(here.db)).toEqual(expected);
    const cursorOf = async (db: ReplicaDb) => (await db.meta.get('sync'))?.cursor;
    expect(await cursorOf(inWorker.db)).toBe(await cursorOf(before.db));
    expect(await cursorOf(here.db)).toBe(await cursorOf(before.db));
    inWorker.writer!.close();
    for (const r of [inWorker, here, before]) r.db.close();
  }, 120_000);

  it('a malformed page body gives the same error as before, keeps the pages written, and the next sync completes', async () => {
    const { transport } = await login('tam1@example.com');
    const truncated = '{"changes":[{"entity":"customer","id":"c1","op":"put","data":{"id":"c1"';
    const unknownEntity = JSON.stringify({
      changes: [{ entity: 'spaceship', id: 'x1', op: 'put', data: { id: 'x1' } }],
      cursor: 'k',
      hasMore: false,
    });
    const corruptions = [
      // Not JSON at all (what the bridge parsed here came through as text).
      { bytes: new TextEncoder().encode(truncated), parsed: truncated as unknown },
      // JSON, but not a pull page.
      { bytes: new TextEncoder().encode(unknownEntity), parsed: JSON.parse(unknownEntity) as unknown },
    ];
    /** Answers the second pull with the corrupted body; `asBytes`: as the bridge hands bytes. */
    const corrupting = (base: Transport, corrupt: (typeof corruptions)[number], asBytes: boolean) => {
      let pulls = 0;
      const t: Transport & { armed: boolean } = {
        armed: true,
        async request(method, path, body, options) {
          const res = await base.request(method, path, body, asBytes ? options : undefined);
          if (path === '/v1/sync/pull' && ++pulls === 2 && t.armed) {
            return {
              status: 200,
              body: asBytes ? corrupt.bytes.slice() : corrupt.parsed,
            } as TransportResponse;
          }
          return res;
        },
      };
      return t;
    };

    const clean = await firstSync(transport, false);
    expect((await clean.engine.sync()).ok).toBe(true);
    const whole = await contents(clean.db);

    for (const corrupt of corruptions) {
      const beforeT = corrupting(transport, corrupt, false);
      const before = await firstSync(beforeT, false);
      const beforeOutcome = await before.engine.sync();
      expect(beforeOutcome.ok).toBe(false);

      for (const withWorker of [true, false]) {
        const t = corrupting(transport, corrupt, true);
        const r = await firstSync(t, withWorker);
        const failed = await r.engine.sync();
        expect(failed.ok).toBe(false);
        if (!failed.ok && !beforeOutcome.ok) {
          expect(failed.error).toEqual(beforeOutcome.error);
          expect(failed.error.code).toBe('bad-response');
          expect(failed.report).toEqual(beforeOutcome.report);
        }
        // The first page is kept with its cursor, as before; nothing of the bad page was written.
        expect(failed.report.pages).toBe(1);
        expect(await contents(r.db)).toEqual(await contents(before.db));
        const meta = await r.db.meta.get('sync');
        expect(meta?.cursor).toBe((await before.db.meta.get('sync'))?.cursor);
        expect(meta?.lastError?.code).toBe('bad-response');
        if (withWorker) expect(r.writer!.where).toBe('worker');
        // The server answers properly again: the sync goes on from the kept cursor to the whole scope.
        t.armed = false;
        const retried = await r.engine.sync();
        expect(retried.ok).toBe(true);
        expect(await contents(r.db)).toEqual(whole);
        r.writer?.close();
        r.db.close();
      }
      before.db.close();
    }
    clean.db.close();
  }, 180_000);

  it('a page read by a worker that then stops is not written half: the sync fails and the next one completes on this thread', async () => {
    const { transport } = await login('tam1@example.com');
    const r = await firstSync(transport, true);
    const fake = r.fake!;
    const original = fake.postMessage.bind(fake);
    fake.postMessage = (data: unknown, transfer?: Transferable[]) => {
      // The worker dies as the first page it read is to be written.
      const call = (data as { call?: { op: string } }).call;
      if (call?.op === 'writeReadPage') fake.crash('out of memory');
      else original(data, transfer);
    };
    const failed = await r.engine.sync();
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('storage-failed');
    expect(r.writer!.where).toBe('main');
    expect(await r.db.incidents.count()).toBe(0);
    expect((await r.db.meta.get('sync'))?.cursor ?? null).toBeNull();
    const retried = await r.engine.sync();
    expect(retried.ok).toBe(true);
    expect(await r.db.incidents.count()).toBeGreaterThan(0);
    r.db.close();
  }, 60_000);
});
