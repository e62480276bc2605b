// Attachments over real HTTP on both engines: a resumable 50 MB upload in chunks (one chunk
// sent twice, one connection cut half-way), the SHA-256 verified, range downloads, scope
// (another TAM gets 404), the limits, the scan hook, and hostile file names.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Store } from './attachments/s3-store';
import { LocalDirStore } from './attachments/store';
import type { AttachmentOptions } from './attachments/routes';
import type { RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  openTestDb,
  seedFixture,
  startApi,
} from './testing/harness';
import type { Db } from './db';
import { FakeS3 } from './testing/fake-s3';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNK = 4 * 1024 * 1024;

/** PUT a chunk as raw bytes. */
async function putChunk(base: string, token: string, id: string, n: number, bytes: Buffer) {
  const res = await fetch(`${base}/v1/attachments/${id}/chunks/${n}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Starts a PUT of a chunk, sends half its bytes, and cuts the connection. */
function putChunkCut(base: string, token: string, id: string, n: number, bytes: Buffer): Promise<void> {
  const url = new URL(`${base}/v1/attachments/${id}/chunks/${n}`);
  return new Promise((resolve) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(bytes.subarray(0, bytes.length >> 1), () => req.destroy());
  });
}

describe.each(engineCases())('attachments ($engine)', ({ engine, skip }) => {
  const fx = buildFixture();
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let dir: string;
  let scanDir: string;
  const tokens = { tamA: '', tamB: '', tamC: '', managerX: '' };
  const options = (): AttachmentOptions => ({
    store: new LocalDirStore(dir),
    maxFileBytes: 60 * 1024 * 1024,
    userQuotaBytes: 120 * 1024 * 1024,
    chunkBytes: CHUNK,
    // The scan hook: quarantines any file whose first bytes are "EICAR".
    scanCommand: [
      process.execPath,
      '-e',
      'const b=require("fs").readFileSync(process.argv[1]);process.exit(b.subarray(0,5).toString()==="EICAR"?1:0)',
    ],
  });

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openTestDb(tdb.config);
    await seedFixture(db, fx);
    dir = mkdtempSync(join(tmpdir(), 'tam-attachments-'));
    scanDir = dir;
    server = await startApi({ db, attachments: options() });
    for (const who of ['tamA', 'tamB', 'tamC', 'managerX'] as const)
      tokens[who] = await login(server.base, fx.users[who].email);
  });

  afterAll(async () => {
    if (skip) return;
    // The test's own keep-alive sockets (and the one it cut) must not hold the close up.
    server?.api.app.server.closeAllConnections();
    await server?.close();
    await db?.close();
    await tdb?.drop();
    rmSync(scanDir, { recursive: true, force: true });
  });

  it.skipIf(!!skip)(
    'a 50 MB file in chunks (one sent twice, one connection cut) arrives whole; ranges; another TAM gets 404',
    async () => {
      const file = randomBytes(50 * 1024 * 1024);
      const hash = sha(file);
      const id = randomUUID();
      const start = {
        id,
        incidentId: fx.incidents.i1.id,
        fileName: 'support-info.zip',
        mediaType: 'application/zip',
        size: file.length,
        sha256: hash,
      };
      const started = await http(server.base, 'POST', '/v1/attachments', { token: tokens.tamA, body: start });
      expect(started.status).toBe(201);
      expect(started.body.attachment).toMatchObject({
        id,
        customerId: fx.customers.c1.id,
        state: 'pending',
        uploadedBy: fx.users.tamA.id,
      });
      const count = started.body.chunkCount as number;
      expect(count).toBe(Math.ceil(file.length / CHUNK));
      const chunk = (n: number) => file.subarray(n * CHUNK, Math.min(file.length, (n + 1) * CHUNK));

      // Another TAM (same team, another customer) and a TAM of another team: 404, like a missing id.
      for (const who of ['tamB', 'tamC'] as const) {
        const again = await http(server.base, 'POST', '/v1/attachments', { token: tokens[who], body: start });
        expect(again.status).toBe(404);
        expect(again.body.error.code).toBe('not_found');
        expect((await putChunk(server.base, tokens[who], id, 0, chunk(0))).status).toBe(404);
      }

      for (let n = 0; n < count; n++) {
        if (n === 5) {
          await putChunkCut(server.base, tokens.tamA, id, n, chunk(n));
          continue;
        }
        const put = await putChunk(server.base, tokens.tamA, id, n, chunk(n));
        expect(put.status, `chunk ${n}`).toBe(200);
        if (n === 3) expect((await putChunk(server.base, tokens.tamA, id, n, chunk(n))).status).toBe(200);
      }
      // The cut chunk is missing: completing says so; a resumed start names what is held.
      const early = await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamA });
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({ code: 'attachment_incomplete', missing: [5] });
      const resumed = await http(server.base, 'POST', '/v1/attachments', { token: tokens.tamA, body: start });
      expect(resumed.status).toBe(200);
      expect(resumed.body.received).toEqual([...Array(count).keys()].filter((n) => n !== 5));
      expect((await putChunk(server.base, tokens.tamA, id, 5, chunk(5))).status).toBe(200);

      // Another TAM cannot complete it either.
      expect(
        (await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamB })).status,
      ).toBe(404);
      const done = await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamA });
      expect(done.status).toBe(200);
      expect(done.body.attachment).toMatchObject({ id, state: 'uploaded', sha256: hash, size: file.length });
      // Completing again answers the same row.
      const twice = await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamA });
      expect(twice.body.attachment.state).toBe('uploaded');

      // The stored bytes hash to the file's SHA-256 (content-addressed: the path is the hash).
      const stored = readFileSync(join(dir, 'sha256', hash.slice(0, 2), hash));
      expect(sha(stored)).toBe(hash);

      // A range returns exactly those bytes; a suffix range the end; the whole file as a download.
      const range = await fetch(`${server.base}/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${tokens.tamA}`, range: 'bytes=10000000-10065535' },
      });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-range')).toBe(`bytes 10000000-10065535/${file.length}`);
      expect(Buffer.from(await range.arrayBuffer()).equals(file.subarray(10000000, 10065536))).toBe(true);
      const suffix = await fetch(`${server.base}/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${tokens.tamA}`, range: 'bytes=-100' },
      });
      expect(suffix.status).toBe(206);
      expect(Buffer.from(await suffix.arrayBuffer()).equals(file.subarray(file.length - 100))).toBe(true);
      const beyond = await fetch(`${server.base}/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${tokens.tamA}`, range: `bytes=${file.length}-` },
      });
      expect(beyond.status).toBe(416);
      await beyond.text();
      const whole = await fetch(`${server.base}/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${tokens.managerX}` },
      });
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('application/octet-stream');
      expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
      expect(whole.headers.get('content-disposition')).toMatch(/^attachment; filename="support-info\.zip"/);
      expect(sha(Buffer.from(await whole.arrayBuffer()))).toBe(hash);

      // Another TAM: 404, the same answer as for an id that does not exist.
      for (const path of [`/v1/attachments/${id}/content`, `/v1/attachments/${randomUUID()}/content`]) {
        const res = await http(server.base, 'GET', path, { token: tokens.tamB });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      // The row syncs to the incident's scope only.
      const mine = new TestReplica(server.base, tokens.tamA);
      await mine.pullAll();
      expect(mine.get('attachment', id)).toMatchObject({ state: 'uploaded', sha256: hash });
      const theirs = new TestReplica(server.base, tokens.tamB);
      await theirs.pullAll();
      expect(theirs.has('attachment', id)).toBe(false);
    },
    120_000,
  );

  it.skipIf(!!skip)(
    'a file whose bytes do not match its SHA-256 is refused and must be sent again',
    async () => {
      const file = Buffer.from('the real bytes');
      const id = randomUUID();
      const start = {
        id,
        requestId: undefined,
        incidentId: fx.incidents.i1.id,
        fileName: 'a.txt',
        mediaType: 'text/plain',
        size: file.length,
        sha256: sha(Buffer.from('other bytes!!!')),
      };
      expect(
        (await http(server.base, 'POST', '/v1/attachments', { token: tokens.tamA, body: start })).status,
      ).toBe(201);
      expect((await putChunk(server.base, tokens.tamA, id, 0, file)).status).toBe(200);
      const done = await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamA });
      expect(done.status).toBe(422);
      expect(done.body.error.code).toBe('attachment_hash_mismatch');
      const resumed = await http(server.base, 'POST', '/v1/attachments', { token: tokens.tamA, body: start });
      expect(resumed.body.received).toEqual([]);
      const content = await http(server.base, 'GET', `/v1/attachments/${id}/content`, { token: tokens.tamA });
      expect(content.status).toBe(409);
      expect(content.body.error.code).toBe('attachment_not_uploaded');
      // A chunk of the wrong length is refused.
      const short = await putChunk(server.base, tokens.tamA, id, 0, file.subarray(1));
      expect(short.status).toBe(400);
    },
  );

  it.skipIf(!!skip)('size and quota limits answer their codes; the scan hook quarantines', async () => {
    const base = {
      incidentId: fx.incidents.i1.id,
      fileName: 'x.bin',
      mediaType: '',
      sha256: sha(Buffer.alloc(0)),
    };
    const big = await http(server.base, 'POST', '/v1/attachments', {
      token: tokens.tamA,
      body: { ...base, id: randomUUID(), size: 61 * 1024 * 1024 },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('attachment_too_large');
    // tamA already holds 50 MB + 14 bytes; two more files of 40 MB pass the 120 MB quota.
    const first = await http(server.base, 'POST', '/v1/attachments', {
      token: tokens.tamA,
      body: { ...base, id: randomUUID(), size: 40 * 1024 * 1024 },
    });
    expect(first.status).toBe(201);
    const over = await http(server.base, 'POST', '/v1/attachments', {
      token: tokens.tamA,
      body: { ...base, id: randomUUID(), size: 40 * 1024 * 1024 },
    });
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('attachment_quota_exceeded');
    // Another user's quota is their own.
    const other = await http(server.base, 'POST', '/v1/attachments', {
      token: tokens.tamB,
      body: { ...base, incidentId: fx.incidents.i2.id, id: randomUUID(), size: 40 * 1024 * 1024 },
    });
    expect(other.status).toBe(201);

    const infected = Buffer.from('EICAR test file');
    const id = randomUUID();
    await http(server.base, 'POST', '/v1/attachments', {
      token: tokens.tamB,
      body: { ...base, incidentId: fx.incidents.i2.id, id, size: infected.length, sha256: sha(infected) },
    });
    await putChunk(server.base, tokens.tamB, id, 0, infected);
    const done = await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamB });
    expect(done.status).toBe(200);
    expect(done.body.attachment.state).toBe('quarantined');
    const content = await http(server.base, 'GET', `/v1/attachments/${id}/content`, { token: tokens.tamB });
    expect(content.status).toBe(409);
    expect(content.body.error.code).toBe('attachment_quarantined');
  });

  it.skipIf(!!skip)('hostile file names are stored as given and downloaded under a safe name', async () => {
    const names = [
      '../../etc/passwd',
      'C:\\Windows\\system32\\evil.dll',
      'bell\u0007\u001b[31mred\r\n.txt',
      `${'長'.repeat(1000)}.log`,
      'invoice\u202Egpj.exe',
      '<svg onload=alert(1)>.svg',
    ];
    for (const fileName of names) {
      const bytes = Buffer.from(`bytes of ${fileName}`);
      const id = randomUUID();
      const started = await http(server.base, 'POST', '/v1/attachments', {
        token: tokens.tamA,
        body: {
          id,
          incidentId: fx.incidents.i1.id,
          fileName,
          mediaType: 'image/svg+xml',
          size: bytes.length,
          sha256: sha(bytes),
        },
      });
      expect(started.status, fileName).toBe(201);
      expect(started.body.attachment.fileName).toBe(fileName);
      await putChunk(server.base, tokens.tamA, id, 0, bytes);
      expect(
        (await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokens.tamA })).status,
      ).toBe(200);
      const res = await fetch(`${server.base}/v1/attachments/${id}/content`, {
        headers: { authorization: `Bearer ${tokens.tamA}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition.startsWith('attachment;')).toBe(true);
      const ascii = /filename="([^"]*)"/.exec(disposition)?.[1] ?? '';
      // eslint-disable-next-line no-control-regex -- no control character may reach the header
      expect(ascii).not.toMatch(/[/\\\u0000-\u001f]/);
      const utf8 = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '');
      // eslint-disable-next-line no-control-regex -- nor the UTF-8 name
      expect(utf8).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e]/);
      expect(utf8.length).toBeLessThanOrEqual(120);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });
});

// The same routes with the bytes in an S3-compatible bucket (a SigV4-checking server on
// loopback): the store is chosen by configuration, the API behaves the same.
describe('attachments in an S3-compatible bucket (sqlite)', () => {
  const fx = buildFixture();
  const fake = new FakeS3('tam-files', 'AKIDAPI', 'api-secret');
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let store: S3Store;
  let tokenA = '';
  let tokenB = '';
  const S3_CHUNK = 64 * 1024;

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    db = await openTestDb(tdb.config);
    await seedFixture(db, fx);
    store = await S3Store.open({
      bucket: 'tam-files',
      region: 'us-east-1',
      endpoint: await fake.start(),
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDAPI', secretAccessKey: 'api-secret' },
    });
    server = await startApi({
      db,
      attachments: {
        store,
        chunkBytes: S3_CHUNK,
        // The scan hook reads the file the store downloads for it: "EICAR" at the start quarantines.
        scanCommand: [
          process.execPath,
          '-e',
          'const b=require("fs").readFileSync(process.argv[1]);process.exit(b.subarray(0,5).toString()==="EICAR"?1:0)',
        ],
      },
    });
    tokenA = await login(server.base, fx.users.tamA.email);
    tokenB = await login(server.base, fx.users.tamB.email);
  });

  afterAll(async () => {
    server?.api.app.server.closeAllConnections();
    await server?.close();
    store?.client.destroy();
    await fake.stop();
    await db?.close();
    await tdb?.drop();
  });

  const uploadWhole = async (file: Buffer, fileName: string) => {
    const id = randomUUID();
    const started = await http(server.base, 'POST', '/v1/attachments', {
      token: tokenA,
      body: {
        id,
        incidentId: fx.incidents.i1.id,
        fileName,
        mediaType: 'application/octet-stream',
        size: file.length,
        sha256: sha(file),
      },
    });
    expect(started.status).toBe(201);
    const count = started.body.chunkCount as number;
    for (let n = 0; n < count; n++) {
      const part = file.subarray(n * S3_CHUNK, (n + 1) * S3_CHUNK);
      expect((await putChunk(server.base, tokenA, id, n, part)).status).toBe(200);
      // One chunk twice: harmless.
      if (n === 1) expect((await putChunk(server.base, tokenA, id, n, part)).status).toBe(200);
    }
    return { id, done: await http(server.base, 'POST', `/v1/attachments/${id}/complete`, { token: tokenA }) };
  };

  it('uploads in chunks into the bucket, verifies the hash, serves ranges from it; another TAM gets 404', async () => {
    const file = randomBytes(5 * S3_CHUNK + 1234);
    const { id, done } = await uploadWhole(file, 'capture.pcap');
    expect(done.status).toBe(200);
    expect(done.body.attachment).toMatchObject({ id, state: 'uploaded', sha256: sha(file) });
    expect(fake.objects.get(`sha256/${sha(file)}`)?.equals(file)).toBe(true);
    // No chunk or temporary object is left in the bucket.
    expect([...fake.objects.keys()].filter((k) => k.startsWith('uploads/'))).toEqual([]);
    expect(fake.unsigned).toBe(0);

    const before = fake.requests.length;
    const range = await fetch(`${server.base}/v1/attachments/${id}/content`, {
      headers: { authorization: `Bearer ${tokenA}`, range: 'bytes=100000-100999' },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 100000-100999/${file.length}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(file.subarray(100000, 101000))).toBe(true);
    // The range was asked of the bucket: only those bytes came from it.
    expect(fake.requests.slice(before).filter((r) => r.method === 'GET')).toEqual([
      { method: 'GET', key: `sha256/${sha(file)}`, range: 'bytes=100000-100999', sentBytes: 1000 },
    ]);
    const whole = await fetch(`${server.base}/v1/attachments/${id}/content`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(whole.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(sha(Buffer.from(await whole.arrayBuffer()))).toBe(sha(file));
    const other = await http(server.base, 'GET', `/v1/attachments/${id}/content`, { token: tokenB });
    expect(other.status).toBe(404);
  });

  it('runs the scan hook on a copy downloaded from the bucket (quarantined files are never served)', async () => {
    const file = Buffer.concat([Buffer.from('EICAR'), randomBytes(2 * S3_CHUNK)]);
    const { id, done } = await uploadWhole(file, 'sample.exe');
    expect(done.status).toBe(200);
    expect(done.body.attachment.state).toBe('quarantined');
    const res = await http(server.base, 'GET', `/v1/attachments/${id}/content`, { token: tokenA });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('attachment_quarantined');
  });

  it('tells the app its limit per file (GET /v1/me), which the app’s size setting may not pass', async () => {
    const me = await http(server.base, 'GET', '/v1/me', { token: tokenA });
    expect(me.status).toBe(200);
    expect(me.body.limits).toEqual({ attachmentMaxBytes: 200 * 1024 * 1024 });
  });

  it('stores an empty file', async () => {
    const { id, done } = await uploadWhole(Buffer.alloc(0), 'empty.log');
    expect(done.status).toBe(200);
    expect(done.body.attachment.state).toBe('uploaded');
    const res = await fetch(`${server.base}/v1/attachments/${id}/content`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});
