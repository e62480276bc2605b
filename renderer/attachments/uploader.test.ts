// @vitest-environment node
// The app's attachment uploads against the real central API on loopback (SQLite, demo data,
// a local attachment store) with a fake-indexeddb replica and the bridge's own HTTP code: a
// dropped connection mid-chunk, duplicate chunks and a restart mid-upload still end with every
// file uploaded once with the right hash; downloads come in ranges and are verified; the cache
// evicts least recently used copies and never a pending upload.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type TamApi } from '../../server/app';
import { LocalDirStore } from '../../server/attachments/store';
import { seedDemo } from '../../server/seed/demo';
import { sendApiRequest, type FetchLike } from '../../shared/bridge/api-calls';
import type { Incident } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import { ReplicaDb } from '../replica/db';
import type { Transport, TransportResponse } from '../sync/transport';
import { attachFiles, attachmentsOf, evictCache, uploadSummary } from './files';
import { fetchAttachment, uploadPending } from './uploader';

const CHUNK = 64 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let api: TamApi;
let url: string;
let dir: string;
let token: string;
let actor: Actor;
let incident: Incident;

const nodeFetch: FetchLike = async (u, init) => {
  const res = await fetch(u, init);
  const bytes = await res.arrayBuffer();
  return {
    status: res.status,
    headers: res.headers,
    text: async () => new TextDecoder().decode(bytes),
    arrayBuffer: async () => bytes,
  };
};

/** The bridge's HTTP code with faults: requests that never arrive, chunks sent twice. */
class FaultyTransport implements Transport {
  /** PUTs to cut before they reach the server (the connection drops mid-chunk). */
  cutPuts = new Set<number>();
  /** Every chunk is sent twice (a retry after a lost answer). */
  duplicate = false;
  /** Stop after this many PUTs (the app closes mid-upload). */
  putsLeft = Infinity;
  puts = 0;
  ranges: string[] = [];
  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: { range?: string; responseType?: 'bytes' },
  ): Promise<TransportResponse> {
    if (method === 'PUT') {
      const n = this.puts++;
      if (this.putsLeft-- <= 0 || this.cutPuts.has(n))
        return { status: 0, error: { code: 'network', message: 'connection reset' } };
    }
    if (options?.range) this.ranges.push(options.range);
    const send = () =>
      sendApiRequest(nodeFetch, url, token, {
        method,
        path,
        ...(body === undefined ? {} : { body }),
        ...(options?.range ? { range: options.range } : {}),
        ...(options?.responseType ? { responseType: options.responseType } : {}),
      });
    if (method === 'PUT' && this.duplicate) await send();
    return send();
  }
}

function file(name: string, bytes: Buffer): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' });
}

function openDb(name: string, indexedDB = new IDBFactory()): ReplicaDb {
  return new ReplicaDb(name, { indexedDB, IDBKeyRange });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tam-upload-test-'));
  api = await createApi({
    db: { kind: 'sqlite', file: join(dir, 'api.sqlite') },
    heartbeatMs: 60_000,
    attachments: { store: new LocalDirStore(join(dir, 'files')), chunkBytes: CHUNK },
  });
  await seedDemo(api.db, 'demo');
  url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'tam1@example.com', password: 'demo' }),
  });
  const body = (await login.json()) as { token: string; user: { id: string } };
  token = body.token;
  actor = { id: body.user.id, role: 'tam', team: 'msa-tokyo' };
  const row = await api.db.kysely
    .selectFrom('records')
    .innerJoin('customer_scope', 'customer_scope.customer_id', 'records.customer_id')
    .select('records.data')
    .where('records.entity', '=', 'incident')
    .where('customer_scope.tam_id', '=', actor.id)
    .executeTakeFirstOrThrow();
  incident = JSON.parse(row.data) as Incident;
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attachment uploads', () => {
  it('drops, duplicates and a restart mid-upload: every file ends uploaded once with its hash', async () => {
    const name = `uploads-${Date.now()}`;
    const factory = new IDBFactory();
    let db = openDb(name, factory);
    const files = [randomBytes(5 * CHUNK + 17), randomBytes(3 * CHUNK), Buffer.from('small')];
    const target = { customerId: incident.customerId, incidentId: incident.id };
    const { added, refused } = await attachFiles(db, actor, target, [
      file('a.bin', files[0]!),
      file('b/../b.bin', files[1]!),
      file('c\u202Etxt.exe', files[2]!),
    ]);
    expect(refused).toEqual([]);
    expect(added).toHaveLength(3);

    // Offline: nothing moves, all three wait with their progress at 0.
    const offline = new FaultyTransport();
    offline.putsLeft = 0;
    offline.request = async () => ({ status: 0, error: { code: 'network', message: 'offline' } });
    expect(await uploadPending(db, offline)).toEqual({ uploaded: 0, waiting: 3 });

    // Online, but the app stops after 3 chunks (cut one of them) and every chunk goes twice.
    const first = new FaultyTransport();
    first.duplicate = true;
    first.cutPuts.add(1);
    first.putsLeft = 3;
    expect((await uploadPending(db, first)).uploaded).toBe(0);
    const partial = await uploadSummary(db);
    expect(partial.count).toBe(3);
    expect(partial.sent).toBe(CHUNK);

    // A restart: the same IndexedDB opened anew, a new transport; the uploads resume.
    db.close();
    db = openDb(name, factory);
    const second = new FaultyTransport();
    second.cutPuts.add(2);
    const round = await uploadPending(db, second);
    expect(round.uploaded).toBe(0);
    expect((await uploadPending(db, second)).uploaded).toBe(3);
    expect(await uploadSummary(db)).toMatchObject({ count: 0 });

    const items = await attachmentsOf(db, { incidentId: incident.id });
    expect(items.map((i) => i.state)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    expect(items.map((i) => i.fileName)).toEqual(['a.bin', 'b/../b.bin', 'c\u202Etxt.exe']);
    // On the server: one row per file, uploaded, each stored once under its hash.
    const rows = await api.db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'attachment')
      .where('id', 'in', added)
      .execute();
    expect(rows).toHaveLength(3);
    for (const [i, bytes] of files.entries()) {
      const row = rows.map((r) => JSON.parse(r.data)).find((r) => r.id === added[i]);
      expect(row).toMatchObject({ state: 'uploaded', sha256: sha(bytes), size: bytes.length });
      const stored = readFileSync(join(dir, 'files', 'sha256', sha(bytes).slice(0, 2), sha(bytes)));
      expect(stored.equals(bytes)).toBe(true);
    }

    // Another computer downloads the first in ranges, verified; then it is cached.
    const other = openDb(`${name}-other`);
    await other.attachments.bulkPut(items.map((i) => i.row!));
    const reader = new FaultyTransport();
    const got = await fetchAttachment(other, reader, items[0]!.row!, 10 * CHUNK);
    expect(got.ok).toBe(true);
    if (got.ok) expect(Buffer.from(await got.blob.arrayBuffer()).equals(files[0]!)).toBe(true);
    expect(reader.ranges).toEqual([`bytes=0-${files[0]!.length - 1}`]);
    expect(await other.attachmentFiles.get(items[0]!.id)).toMatchObject({ kind: 'cache' });
  }, 60_000);

  it('the cache evicts least recently used copies, never a pending upload', async () => {
    const db = openDb(`evict-${Date.now()}`);
    const blob = new Blob([new Uint8Array(100)]);
    const entry = (id: string, kind: 'cache' | 'upload', lastUsedAt: number) => ({
      id,
      kind,
      blob,
      size: 100,
      sha256: '0'.repeat(64),
      lastUsedAt,
    });
    await db.attachmentFiles.bulkPut([
      entry('old-upload', 'upload', 1),
      entry('old', 'cache', 2),
      entry('mid', 'cache', 3),
      entry('new', 'cache', 4),
    ]);
    expect(await evictCache(db, 150)).toBe(2);
    expect((await db.attachmentFiles.toArray()).map((f) => f.id).sort()).toEqual(['new', 'old-upload']);
  });

  it('a file over the size limit is refused before it is stored', async () => {
    const db = openDb(`limit-${Date.now()}`);
    const big = { name: 'huge.iso', size: 300 * 1024 * 1024, type: '' } as File;
    const { added, refused } = await attachFiles(
      db,
      actor,
      { customerId: incident.customerId, incidentId: incident.id },
      [big],
    );
    expect(added).toEqual([]);
    expect(refused).toEqual([{ fileName: 'huge.iso', reason: 'too-large', maxBytes: 200 * 1024 * 1024 }]);
  });
});
