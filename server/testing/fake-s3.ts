// A minimal S3-compatible HTTP server for tests, on loopback: path-style PutObject (and
// CopyObject), GetObject with one byte Range, HeadObject, DeleteObject and ListObjectsV2 over
// an in-memory bucket. Every request must carry a valid AWS Signature Version 4 made with the
// test's key (the signature is recomputed and compared, and a signed payload hash checked
// against the body): an unsigned or wrongly signed request gets 403, as S3 would answer.
import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Request {
  method: string;
  key: string;
  range: string | undefined;
  /** Bytes of the answer's body. */
  sentBytes: number;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it for query names and values. */
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly requests: FakeS3Request[] = [];
  /** Requests refused for a missing or wrong signature. */
  unsigned = 0;
  private server: Server | null = null;
  url = '';

  constructor(
    readonly bucket: string,
    readonly accessKeyId: string,
    private readonly secretAccessKey: string,
  ) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.handle(req, Buffer.concat(chunks), res);
        } catch (err) {
          this.error(res, 500, 'InternalError', String(err));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private error(res: ServerResponse, status: number, code: string, message: string, head = false) {
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  }

  /** Recomputes the request's SigV4 signature; null when it is valid, else why not. */
  private signatureProblem(req: IncomingMessage, body: Buffer): string | null {
    const auth = req.headers.authorization ?? '';
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'no AWS4-HMAC-SHA256 Authorization header';
    const [, keyId, day, region, signedHeaders, signature] = m as unknown as string[];
    if (keyId !== this.accessKeyId) return 'unknown access key id';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    if (!amzDate.startsWith(day!)) return 'x-amz-date missing or not the credential day';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!payloadHash) return 'x-amz-content-sha256 missing';
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body))
      return 'the body does not hash to x-amz-content-sha256';
    const url = new URL(req.url ?? '/', 'http://x');
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
      .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed';
    const headers = names
      .map((n) => {
        const v = req.headers[n];
        return `${n}:${(Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ')}\n`;
      })
      .join('');
    const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    let key: Buffer = hmac(`AWS4${this.secretAccessKey}`, day!);
    for (const part of [region!, 's3', 'aws4_request']) key = hmac(key, part);
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? null : 'signature mismatch';
  }

  private handle(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://x');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = rest.map((s) => decodeURIComponent(s)).join('/');
    const record = (sentBytes: number) =>
      this.requests.push({ method, key, range: req.headers.range, sentBytes });
    const problem = this.signatureProblem(req, body);
    if (problem) {
      this.unsigned++;
      record(0);
      return this.error(res, 403, 'SignatureDoesNotMatch', problem, method === 'HEAD');
    }
    if (bucket !== this.bucket) {
      record(0);
      return this.error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', method === 'HEAD');
    }
    if (key === '' && method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${this.bucket}</Name>` +
        `<Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>` +
        keys
          .map(
            (k) =>
              `<Contents><Key>${xmlEscape(k)}</Key><Size>${this.objects.get(k)!.length}</Size></Contents>`,
          )
          .join('') +
        `</ListBucketResult>`;
      record(Buffer.byteLength(xml));
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(xml);
    }
    const object = this.objects.get(key);
    const etag = `"${object ? createHash('md5').update(object).digest('hex') : ''}"`;
    switch (method) {
      case 'PUT': {
        const source = req.headers['x-amz-copy-source'];
        if (typeof source === 'string') {
          const from = decodeURIComponent(source.replace(/^\//, '')).split('/').slice(1).join('/');
          const copied = this.objects.get(from);
          if (!copied) {
            record(0);
            return this.error(res, 404, 'NoSuchKey', 'The copy source does not exist');
          }
          this.objects.set(key, Buffer.from(copied));
          const xml = `<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><ETag>"${createHash('md5').update(copied).digest('hex')}"</ETag><LastModified>${new Date().toISOString()}</LastModified></CopyObjectResult>`;
          record(Buffer.byteLength(xml));
          res.writeHead(200, { 'content-type': 'application/xml' });
          return void res.end(xml);
        }
        const length = Number(req.headers['content-length']);
        if (!Number.isInteger(length) || length !== body.length) {
          record(0);
          return this.error(res, 400, 'IncompleteBody', 'The body is not Content-Length bytes');
        }
        this.objects.set(key, body);
        record(0);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return void res.end();
      }
      case 'HEAD':
      case 'GET': {
        if (!object) {
          record(0);
          return this.error(
            res,
            404,
            method === 'HEAD' ? 'NotFound' : 'NoSuchKey',
            'No such key',
            method === 'HEAD',
          );
        }
        const range = req.headers.range;
        if (range) {
          const r = /^bytes=(\d+)-(\d+)$/.exec(range);
          const start = r ? Number(r[1]) : NaN;
          const end = r ? Math.min(Number(r[2]), object.length - 1) : NaN;
          if (!r || start > end) {
            record(0);
            return this.error(res, 416, 'InvalidRange', 'The requested range is not satisfiable');
          }
          const part = object.subarray(start, end + 1);
          record(method === 'HEAD' ? 0 : part.length);
          res.writeHead(206, {
            'content-length': part.length,
            'content-range': `bytes ${start}-${end}/${object.length}`,
            'content-type': 'application/octet-stream',
            etag,
          });
          return void res.end(method === 'HEAD' ? undefined : part);
        }
        record(method === 'HEAD' ? 0 : object.length);
        res.writeHead(200, {
          'content-length': object.length,
          'content-type': 'application/octet-stream',
          etag,
        });
        return void res.end(method === 'HEAD' ? undefined : object);
      }
      case 'DELETE':
        this.objects.delete(key);
        record(0);
        res.writeHead(204);
        return void res.end();
      default:
        record(0);
        return this.error(res, 405, 'MethodNotAllowed', `${method} is not supported here`);
    }
  }
}
