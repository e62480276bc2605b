// Where attachment bytes live: a content-addressed store (the key of a file is its SHA-256)
// behind an interface. LocalDirStore keeps them in a directory of the server (the default);
// S3Store (s3-store.ts) keeps them in an S3-compatible bucket. Both pass the same contract
// tests (store.test.ts).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type CommitResult = { ok: true; size: number } | { ok: false; sha256: string; size: number };

export interface AttachmentStore {
  /** Stores chunk `n` of an upload, atomically: a request cut half-way leaves no chunk behind. */
  putChunk(uploadId: string, n: number, bytes: Buffer): Promise<void>;
  /**
   * Joins chunks 0..count-1 and hashes them: when the SHA-256 is `expected`, the content is
   * stored under it (once, however many uploads carry it) and the chunks are dropped; when it
   * differs, nothing is stored and the chunks are dropped too (the client starts over).
   */
  commit(uploadId: string, count: number, expected: string): Promise<CommitResult>;
  /** Drops an upload's chunks. */
  discardUpload(uploadId: string): Promise<void>;
  /** The size of stored content, or null when there is none. */
  size(sha256: string): Promise<number | null>;
  /** Bytes start..end (inclusive) of stored content, streamed (never buffered whole). */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /**
   * A path on this machine holding the content, for the scan hook (a remote store downloads it
   * to a temporary file and removes it in `release`).
   */
  localPath(sha256: string): Promise<{ path: string; release(): Promise<void> }>;
}

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[0-9a-f-]{36}$/;

/** The content-addressed store in a local directory: `sha256/ab/<hash>`, chunks under `uploads/<id>/`. */
export class LocalDirStore implements AttachmentStore {
  constructor(readonly dir: string) {}

  private contentPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256');
    return join(this.dir, 'sha256', sha256.slice(0, 2), sha256);
  }

  private uploadDir(uploadId: string): string {
    if (!SAFE_ID.test(uploadId)) throw new Error('not an upload id');
    return join(this.dir, 'uploads', uploadId);
  }

  async putChunk(uploadId: string, n: number, bytes: Buffer): Promise<void> {
    const dir = this.uploadDir(uploadId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `${n}.${randomUUID()}.part`);
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, join(dir, String(n)));
  }

  async commit(uploadId: string, count: number, expected: string): Promise<CommitResult> {
    const dir = this.uploadDir(uploadId);
    // An empty file has no chunks, hence no folder yet.
    if (count === 0) await mkdir(dir, { recursive: true, mode: 0o700 });
    const joined = join(dir, `joined.${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const chunks = (async function* () {
      for (let n = 0; n < count; n++) {
        for await (const chunk of createReadStream(join(dir, String(n))) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      }
    })();
    try {
      await pipeline(chunks, createWriteStream(joined, { mode: 0o600 }));
    } catch (err) {
      // A chunk missing (dropped meanwhile): nothing joined is left behind.
      await rm(joined, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== expected) {
      await this.discardUpload(uploadId);
      return { ok: false, sha256, size };
    }
    const target = this.contentPath(sha256);
    await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
    // Same content already stored: keep it (content-addressed, identical bytes).
    if ((await this.size(sha256)) === null) await rename(joined, target);
    await this.discardUpload(uploadId);
    return { ok: true, size };
  }

  async discardUpload(uploadId: string): Promise<void> {
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  async size(sha256: string): Promise<number | null> {
    const path = this.contentPath(sha256);
    try {
      return (await stat(path)).size;
    } catch {
      return null;
    }
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(this.contentPath(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async localPath(sha256: string): Promise<{ path: string; release(): Promise<void> }> {
    return { path: this.contentPath(sha256), release: async () => undefined };
  }
}
