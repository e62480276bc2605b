// The content-addressed attachment store in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW,
// Garage, …), chosen with --attachments-s3-bucket (server/README.md, "Attachments").
//
//   <prefix>uploads/<upload id>/<n>        chunk n of an upload (one PutObject each: atomic)
//   <prefix>uploads/<upload id>/joined     the chunks joined while they are hashed (commit)
//   <prefix>sha256/<hash>                  a verified file, once however many attachments carry it
//
// Commit streams the chunks from the bucket through a SHA-256 into the `joined` object (nothing
// is buffered whole), and only when the hash is the expected one copies it, inside the bucket,
// to its content address: a file is never readable under a hash it does not have. Downloads
// are a GetObject with the same Range, streamed as S3 answers it. The AWS SDK is loaded only
// when a bucket is configured (S3Store.open), so that a server on a local folder starts fast.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { AttachmentStore, CommitResult } from './store';

export interface S3StoreOptions {
  bucket: string;
  /** AWS region (the SigV4 scope); S3-compatible servers usually accept any, e.g. us-east-1. */
  region: string;
  /** The service's address (e.g. https://minio.example:9000); unset: AWS S3 of the region. */
  endpoint?: string;
  /** Address the bucket in the path (https://host/bucket/key), as most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Prepended to every key (e.g. 'tam/'), to share a bucket. */
  prefix?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[0-9a-f-]{36}$/;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.$metadata?.httpStatusCode === 404 || e?.name === 'NotFound' || e?.name === 'NoSuchKey';
}

/** The body of a GetObject as a Node stream (the SDK's Node handler answers an IncomingMessage). */
function nodeStream(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body && typeof (body as WebReadableStream).getReader === 'function')
    return Readable.fromWeb(body as WebReadableStream);
  throw new Error('The S3 answer has no body stream.');
}

export class S3Store implements AttachmentStore {
  readonly client: S3Sdk.S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  /** The store over the bucket (loads the AWS SDK). */
  static async open(options: S3StoreOptions): Promise<S3Store> {
    return new S3Store(await import('@aws-sdk/client-s3'), options);
  }

  private constructor(
    private readonly sdk: typeof S3Sdk,
    options: S3StoreOptions,
  ) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new sdk.S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // No default CRC checksums (aws-chunked bodies), which many S3-compatible servers refuse:
      // the store verifies the SHA-256 of every file itself.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private contentKey(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256');
    return `${this.prefix}sha256/${sha256}`;
  }

  private uploadPrefix(uploadId: string): string {
    if (!SAFE_ID.test(uploadId)) throw new Error('not an upload id');
    return `${this.prefix}uploads/${uploadId}/`;
  }

  private async head(key: string): Promise<number | null> {
    try {
      const r = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return r.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const r = await this.client.send(
      new this.sdk.GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    );
    return nodeStream(r.Body);
  }

  private async remove(key: string): Promise<void> {
    await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async putChunk(uploadId: string, n: number, bytes: Buffer): Promise<void> {
    // One PutObject is atomic: a request cut half-way stores nothing.
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: `${this.uploadPrefix(uploadId)}${n}`,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async commit(uploadId: string, count: number, expected: string): Promise<CommitResult> {
    const dir = this.uploadPrefix(uploadId);
    const sizes: number[] = [];
    for (let n = 0; n < count; n++) {
      const size = await this.head(`${dir}${n}`);
      if (size === null) throw new Error(`chunk ${n} of upload ${uploadId} is missing from the bucket`);
      sizes.push(size);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    const hash = createHash('sha256');
    const get = (key: string) => this.get(key);
    const joinedBody = Readable.from(
      (async function* () {
        for (let n = 0; n < count; n++) {
          for await (const chunk of (await get(`${dir}${n}`)) as AsyncIterable<Buffer>) {
            hash.update(chunk);
            yield chunk;
          }
        }
      })(),
    );
    const joined = `${dir}joined`;
    await this.client.send(
      new this.sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: joined,
        Body: joinedBody,
        ContentLength: total,
        ContentType: 'application/octet-stream',
      }),
    );
    const sha256 = hash.digest('hex');
    if (sha256 !== expected) {
      await this.discardUpload(uploadId);
      return { ok: false, sha256, size: total };
    }
    // Same content already stored: keep it (content-addressed, identical bytes).
    if ((await this.size(sha256)) === null)
      await this.client.send(
        new this.sdk.CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.contentKey(sha256),
          CopySource: `${this.bucket}/${joined.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
    await this.discardUpload(uploadId);
    return { ok: true, size: total };
  }

  async discardUpload(uploadId: string): Promise<void> {
    const prefix = this.uploadPrefix(uploadId);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key) await this.remove(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async size(sha256: string): Promise<number | null> {
    return this.head(this.contentKey(sha256));
  }

  async read(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    return this.get(this.contentKey(sha256), range);
  }

  async localPath(sha256: string): Promise<{ path: string; release(): Promise<void> }> {
    const dir = await mkdtemp(join(tmpdir(), 'tam-scan-'));
    const path = join(dir, sha256);
    const release = () => rm(dir, { recursive: true, force: true });
    try {
      await pipeline(await this.read(sha256), createWriteStream(path, { mode: 0o600 }));
    } catch (err) {
      await release();
      throw err;
    }
    return { path, release };
  }
}
