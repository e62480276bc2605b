// The AttachmentStore contract, run against both stores: LocalDirStore in a temporary folder
// and S3Store against an S3-compatible server on loopback (server/testing/fake-s3.ts, which
// checks every request's SigV4 signature).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeS3 } from '../testing/fake-s3';
import { S3Store } from './s3-store';
import { LocalDirStore } from './store';
import type { AttachmentStore } from './store';

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream as AsyncIterable<Buffer>) parts.push(p);
  return Buffer.concat(parts);
}

/** Stores `bytes` as chunks of `chunk` bytes under a new upload id. */
async function upload(
  store: AttachmentStore,
  bytes: Buffer,
  chunk: number,
): Promise<{ id: string; count: number }> {
  const id = randomUUID();
  const count = Math.ceil(bytes.length / chunk);
  for (let n = count - 1; n >= 0; n--)
    await store.putChunk(id, n, bytes.subarray(n * chunk, (n + 1) * chunk));
  return { id, count };
}

interface Subject {
  store: AttachmentStore;
  /** Chunk and temporary objects left behind by uploads. */
  leftovers(): string[];
}

function contract(name: string, make: () => Promise<Subject>, done: () => Promise<void>) {
  describe(`AttachmentStore contract: ${name}`, () => {
    let s: Subject;
    beforeAll(async () => {
      s = await make();
    });
    afterAll(done);

    it('joins the chunks, stores the file under its SHA-256 and drops the chunks', async () => {
      const bytes = randomBytes(300_001);
      const { id, count } = await upload(s.store, bytes, 65_536);
      expect(count).toBe(5);
      expect(await s.store.size(hex(bytes))).toBeNull();
      expect(await s.store.commit(id, count, hex(bytes))).toEqual({ ok: true, size: bytes.length });
      expect(await s.store.size(hex(bytes))).toBe(bytes.length);
      expect((await bytesOf(await s.store.read(hex(bytes)))).equals(bytes)).toBe(true);
      expect(s.leftovers()).toEqual([]);
    });

    it('reads byte ranges (inclusive), including the first and the last byte', async () => {
      const bytes = randomBytes(200_000);
      const { id, count } = await upload(s.store, bytes, 70_000);
      await s.store.commit(id, count, hex(bytes));
      for (const [start, end] of [
        [0, 0],
        [0, 99_999],
        [123_456, 199_999],
        [199_999, 199_999],
        [69_999, 140_000],
      ] as const) {
        const got = await bytesOf(await s.store.read(hex(bytes), { start, end }));
        expect(got.equals(bytes.subarray(start, end + 1))).toBe(true);
      }
    });

    it('refuses a file whose bytes hash otherwise: nothing stored, the chunks dropped', async () => {
      const bytes = randomBytes(100_000);
      const { id, count } = await upload(s.store, bytes, 40_000);
      const claimed = hex(Buffer.from('something else'));
      expect(await s.store.commit(id, count, claimed)).toEqual({
        ok: false,
        sha256: hex(bytes),
        size: bytes.length,
      });
      expect(await s.store.size(claimed)).toBeNull();
      expect(await s.store.size(hex(bytes))).toBeNull();
      expect(s.leftovers()).toEqual([]);
      // The chunks are gone: completing again cannot succeed until they are sent again.
      await expect(s.store.commit(id, count, hex(bytes))).rejects.toThrow();
    });

    it('keeps the last copy of a chunk sent twice, and one copy of content uploaded twice', async () => {
      const bytes = randomBytes(90_000);
      const first = await upload(s.store, bytes, 30_000);
      await s.store.putChunk(first.id, 1, randomBytes(30_000));
      await s.store.putChunk(first.id, 1, bytes.subarray(30_000, 60_000));
      expect(await s.store.commit(first.id, first.count, hex(bytes))).toEqual({ ok: true, size: 90_000 });
      const second = await upload(s.store, bytes, 45_000);
      expect(await s.store.commit(second.id, second.count, hex(bytes))).toEqual({ ok: true, size: 90_000 });
      expect((await bytesOf(await s.store.read(hex(bytes)))).equals(bytes)).toBe(true);
      expect(s.leftovers()).toEqual([]);
    });

    it('stores an empty file (no chunks)', async () => {
      const empty = Buffer.alloc(0);
      expect(await s.store.commit(randomUUID(), 0, hex(empty))).toEqual({ ok: true, size: 0 });
      expect(await s.store.size(hex(empty))).toBe(0);
      expect((await bytesOf(await s.store.read(hex(empty)))).length).toBe(0);
    });

    it('drops an upload on discardUpload, and answers null for content it does not hold', async () => {
      const bytes = randomBytes(50_000);
      const { id, count } = await upload(s.store, bytes, 20_000);
      expect(s.leftovers().length).toBeGreaterThan(0);
      await s.store.discardUpload(id);
      expect(s.leftovers()).toEqual([]);
      await expect(s.store.commit(id, count, hex(bytes))).rejects.toThrow();
      expect(await s.store.size(hex(randomBytes(8)))).toBeNull();
    });

    it('hands the scan hook a local file with the content', async () => {
      const bytes = randomBytes(123_457);
      const { id, count } = await upload(s.store, bytes, 50_000);
      await s.store.commit(id, count, hex(bytes));
      const local = await s.store.localPath(hex(bytes));
      expect(readFileSync(local.path).equals(bytes)).toBe(true);
      await local.release();
      // The file itself stays stored (a local store's path is the stored file).
      expect(await s.store.size(hex(bytes))).toBe(bytes.length);
    });

    it('refuses keys that are not a SHA-256 or an upload id', async () => {
      await expect(s.store.size('../../etc/passwd')).rejects.toThrow();
      await expect(s.store.putChunk('../x', 0, Buffer.from('x'))).rejects.toThrow();
    });
  });
}

// LocalDirStore in a temporary folder.
let localDir = '';
contract(
  'LocalDirStore',
  async () => {
    localDir = mkdtempSync(join(tmpdir(), 'tam-store-'));
    const store = new LocalDirStore(localDir);
    return {
      store,
      leftovers: () => {
        const uploads = join(localDir, 'uploads');
        return existsSync(uploads) ? readdirSync(uploads) : [];
      },
    };
  },
  async () => rmSync(localDir, { recursive: true, force: true }),
);

// S3Store against the fake S3 on loopback.
const fake = new FakeS3('tam-attachments', 'AKIDTEST', 'secret-for-tests');
const s3Options = async () => ({
  bucket: 'tam-attachments',
  region: 'eu-central-1',
  endpoint: fake.url || (await fake.start()),
  forcePathStyle: true,
  prefix: 'tam/',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-for-tests' },
});
let s3: S3Store | null = null;
contract(
  'S3Store',
  async () => {
    s3 = await S3Store.open(await s3Options());
    return {
      store: s3,
      leftovers: () => [...fake.objects.keys()].filter((k) => !k.startsWith('tam/sha256/')),
    };
  },
  async () => undefined,
);

describe('S3Store against the S3-compatible server', () => {
  afterAll(async () => {
    s3?.client.destroy();
    await fake.stop();
  });

  it('signs every request (SigV4) and keeps the content under <prefix>sha256/<hash>', async () => {
    const store = s3!;
    const bytes = randomBytes(10_000);
    const { id, count } = await upload(store, bytes, 4_000);
    await store.commit(id, count, hex(bytes));
    expect(fake.unsigned).toBe(0);
    expect(fake.objects.get(`tam/sha256/${hex(bytes)}`)?.equals(bytes)).toBe(true);
  });

  it('asks S3 for the range only: a ranged read never transfers the whole object', async () => {
    const store = s3!;
    const bytes = randomBytes(1_000_000);
    const { id, count } = await upload(store, bytes, 250_000);
    await store.commit(id, count, hex(bytes));
    const before = fake.requests.length;
    const got = await bytesOf(await store.read(hex(bytes), { start: 500_000, end: 500_099 }));
    expect(got.equals(bytes.subarray(500_000, 500_100))).toBe(true);
    const gets = fake.requests.slice(before).filter((r) => r.method === 'GET');
    expect(gets).toEqual([
      { method: 'GET', key: `tam/sha256/${hex(bytes)}`, range: 'bytes=500000-500099', sentBytes: 100 },
    ]);
  });

  it('fails with the server’s refusal when the secret is wrong (nothing stored)', async () => {
    const wrong = await S3Store.open({
      ...(await s3Options()),
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-the-secret' },
    });
    const refusedBefore = fake.unsigned;
    await expect(wrong.putChunk(randomUUID(), 0, Buffer.from('x'))).rejects.toThrow();
    expect(fake.unsigned).toBeGreaterThan(refusedBefore);
    wrong.client.destroy();
  });
});
