// Bootstrap pages from the worker thread, and gzip on pull pages, over a real HTTP server on
// loopback on both engines: the worker's pages are the main thread's, byte for byte; a pull
// with `Accept-Encoding: gzip` gets a gzip body that decodes to the same JSON; without it, or
// with gzip refused, plain JSON; fetch (what the app's sync transport uses) decodes it.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { openDatabase } from './db';
import { GZIP_MIN_BYTES, acceptsGzip } from './http/compress';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A pull over node:http, which (unlike fetch) neither asks for nor decodes gzip by itself. */
function rawPull(base: string, token: string, body: unknown, acceptEncoding?: string): Promise<Raw> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/v1/sync/pull`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(acceptEncoding !== undefined ? { 'accept-encoding': acceptEncoding } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Page {
  changes: unknown[];
  cursor: string;
  hasMore: boolean;
  stage: string;
}

/** Follows a pull to the end with plain bodies; returns every page's exact text. */
async function pagesOf(base: string, token: string, clientId: string, limit: number): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const res = await rawPull(base, token, { clientId, cursor, limit }, 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    const text = res.bytes.toString('utf8');
    texts.push(text);
    const page = JSON.parse(text) as Page;
    cursor = page.cursor;
    if (!page.hasMore) return texts;
  }
  throw new Error('pull did not end');
}

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as HTTP means it', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, *;q=0')).toBe(false);
    expect(acceptsGzip(['deflate', 'gzip'])).toBe(true);
  });
});

describe.each(engineCases())('bootstrap worker and gzip on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let inline: RunningApi;
  let offloaded: RunningApi;
  let fx: Fixture;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    // Two APIs on one database: pages on the main thread, and from one worker thread.
    inline = await startApi({ db });
    offloaded = await startApi({ db, bootstrapWorkers: 1 });
    for (const [name, u] of Object.entries(fx.users)) tokens[name] = await login(inline.base, u.email);
  });
  afterAll(async () => {
    if (skip) return;
    await offloaded?.close();
    await inline?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    'answers bootstrap pages in the worker, the same bytes as the main thread; deltas stay on the main thread',
    async () => {
      const pool = offloaded.api.bootstrap;
      expect(pool).not.toBeNull();
      expect(inline.api.bootstrap).toBeNull();
      const before = pool!.served;
      // Small pages: the catch-up spans many pages and both stages.
      const viaMain = await pagesOf(inline.base, tokens.managerX!, 'client-main', 3);
      const viaWorker = await pagesOf(offloaded.base, tokens.managerX!, 'client-worker', 3);
      expect(viaMain.length).toBeGreaterThan(3);
      expect(viaWorker).toEqual(viaMain);
      // Every page but the last came from the worker: the last continued a catch-up cursor too
      // (it ends the catch-up), so all of them did.
      expect(pool!.served - before).toBe(viaWorker.length);
      const stages = viaWorker.map((t) => (JSON.parse(t) as Page).stage);
      expect(stages).toContain('records');
      // …and the later stages of the first sync (closed incidents, their timelines) as well.
      expect(stages.some((s) => s === 'closed-incidents' || s === 'closed-timelines')).toBe(true);

      // Normal mode continues on the main thread from the worker's cursor, and sees a new change.
      const tam = new TestReplica(offloaded.base, tokens.tamA!);
      await tam.pullAll();
      const served = pool!.served;
      const result = await tam.push('timeline.append', {
        id: randomUUID(),
        incidentId: fx.incidents.i1.id,
        kind: 'note',
        at: '2026-01-05T12:00:00+09:00',
        body: 'after the bootstrap',
        visibility: 'internal',
      });
      expect(result.status).toBe('applied');
      const delta = await tam.pullAll();
      expect(delta.some((c) => c.entity === 'timelineEvent' && c.data?.body === 'after the bootstrap')).toBe(
        true,
      );
      expect(pool!.served).toBe(served);
    },
    // The first pull starts the worker (which loads the server's code): slow on a busy machine.
    120_000,
  );

  it.skipIf(!!skip)('refuses a bad cursor the same way with the worker on', async () => {
    const res = await rawPull(offloaded.base, tokens.tamA!, {
      clientId: 'client-bad',
      cursor: 'eyJmIjoxfQ.AAAA',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.bytes.toString('utf8')).error.code).toBe('invalid_cursor');
  });

  for (const which of ['main thread', 'worker'] as const) {
    it.skipIf(!!skip)(
      `gzips a pull page on request (${which}), decoding to the same JSON`,
      async () => {
        const base = which === 'worker' ? offloaded.base : inline.base;
        const body = { clientId: `client-gzip-${which === 'worker' ? 'w' : 'm'}`, cursor: null, limit: 1000 };
        const plain = await rawPull(base, tokens.managerX!, body);
        expect(plain.status).toBe(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.bytes.length).toBeGreaterThan(GZIP_MIN_BYTES);
        const json = JSON.parse(plain.bytes.toString('utf8')) as Page;
        expect(json.changes.length).toBeGreaterThan(5);

        const zipped = await rawPull(base, tokens.managerX!, body, 'gzip, deflate');
        expect(zipped.status).toBe(200);
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(String(zipped.headers.vary).toLowerCase()).toContain('accept-encoding');
        expect(zipped.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
        expect(zipped.bytes.length).toBeLessThan(plain.bytes.length);
        // Same state, same page: the decoded body is the plain one, byte for byte.
        expect(gunzipSync(zipped.bytes).toString('utf8')).toBe(plain.bytes.toString('utf8'));

        const refused = await rawPull(base, tokens.managerX!, body, 'gzip;q=0, identity');
        expect(refused.headers['content-encoding']).toBeUndefined();
        expect(refused.bytes.toString('utf8')).toBe(plain.bytes.toString('utf8'));

        // fetch asks for gzip by itself and decodes it, as the app's sync transport does.
        const res = await fetch(`${base}/v1/sync/pull`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.managerX!}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.headers.get('content-encoding')).toBe('gzip');
        expect(await res.text()).toBe(plain.bytes.toString('utf8'));
      },
      120_000,
    );
  }

  it.skipIf(!!skip)('sends a small page plain even when gzip is accepted', async () => {
    const tam = new TestReplica(inline.base, tokens.tamA!);
    await tam.pullAll();
    const res = await rawPull(
      inline.base,
      tokens.tamA!,
      { clientId: tam.clientId, cursor: tam.cursor },
      'gzip',
    );
    expect(res.status).toBe(200);
    expect(res.bytes.length).toBeLessThan(GZIP_MIN_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(res.bytes.toString('utf8')) as Page).changes).toEqual([]);
  });
});
