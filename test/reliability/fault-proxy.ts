// A fault-injecting HTTP proxy on loopback, between the sync clients and the central API.
// Each request it relays may suffer one fault, drawn with a seeded PRNG:
//   delay                    waits before forwarding, then trickles the answer back slowly
//   drop-mid-request         sends the headers and half the body upstream, then cuts both
//                            connections: the server sees a truncated request, the client no answer
//   drop-mid-response        forwards the request, sends back the status, headers and half the
//                            body, then cuts the connection: the server applied it, the client
//                            does not know
//   bad-gateway              answers 502 without forwarding (the server never saw it)
//   bad-gateway-after-apply  forwards, then answers 502 instead of the server's answer
//   duplicate                delivers the request to the server twice, concurrently, and
//                            relays the first answer
// When the upstream is down (a restart) it answers 502, counted apart (not an injected fault).
// Bodies are buffered (the sync API has no streaming answers the engine uses); every relay
// is bounded in time.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULT_KINDS = [
  'delay',
  'drop-mid-request',
  'drop-mid-response',
  'bad-gateway',
  'bad-gateway-after-apply',
  'duplicate',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

export interface FaultProxyOptions {
  /** Base URL of the central API (changes when it restarts: setUpstream). */
  upstream: string;
  /** A seeded PRNG in [0, 1). */
  random: () => number;
  /** Probability of each fault per request; their sum must stay below 1. */
  rates: FaultRates;
  /** Upper bound of an injected delay. */
  maxDelayMs?: number;
  /** Requests larger than this are refused with 413 (the API's own limit is 1 MiB). */
  maxBodyBytes?: number;
  /** Whole-relay time limit, after which the client gets 504. */
  relayTimeoutMs?: number;
}

interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'content-length',
]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FaultProxy {
  private readonly server: http.Server;
  private upstream: URL;
  private rates: FaultRates;
  private readonly random: () => number;
  private readonly maxDelayMs: number;
  private readonly maxBodyBytes: number;
  private readonly relayTimeoutMs: number;
  private readonly sockets = new Set<Socket>();
  /** Faults injected, by kind. */
  readonly injected: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<
    FaultKind,
    number
  >;
  requests = 0;
  /** 502s because the API was down (restarting), not injected. */
  upstreamDown = 0;
  /** Relays that hit the time limit. */
  timeouts = 0;
  /** Requests the server received (a duplicate counts twice, a drop-mid-request once). */
  deliveries = 0;
  /** Errors of the proxy itself (a bug here would masquerade as a fault). */
  readonly proxyErrors: string[] = [];

  constructor(options: FaultProxyOptions) {
    this.upstream = new URL(options.upstream);
    this.rates = { ...options.rates };
    this.random = options.random;
    this.maxDelayMs = options.maxDelayMs ?? 300;
    this.maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
    this.relayTimeoutMs = options.relayTimeoutMs ?? 30_000;
    this.checkRates(this.rates);
    this.server = http.createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        this.proxyErrors.push(err instanceof Error ? err.message : String(err));
        if (!res.headersSent) this.answer(res, 502, 'proxy error');
        else res.destroy();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  private checkRates(rates: FaultRates): void {
    const sum = Object.values(rates).reduce((a, b) => a + (b ?? 0), 0);
    if (sum >= 1) throw new Error(`fault rates add up to ${sum}; keep them below 1`);
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  setUpstream(url: string): void {
    this.upstream = new URL(url);
  }

  setRates(rates: FaultRates): void {
    this.checkRates(rates);
    this.rates = { ...rates };
  }

  get totalInjected(): number {
    return Object.values(this.injected).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pickFault(): FaultKind | null {
    let r = this.random();
    for (const kind of FAULT_KINDS) {
      const p = this.rates[kind] ?? 0;
      if (r < p) return kind;
      r -= p;
    }
    return null;
  }

  private async readBody(req: http.IncomingMessage): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > this.maxBodyBytes) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests++;
    const body = await this.readBody(req);
    if (body === null) return this.answer(res, 413, 'request too large for the test proxy');
    const fault = this.pickFault();
    if (fault) this.injected[fault]++;
    const deadline = setTimeout(() => {
      this.timeouts++;
      if (!res.headersSent) this.answer(res, 504, 'gateway timeout');
      else res.destroy();
    }, this.relayTimeoutMs);
    try {
      switch (fault) {
        case 'bad-gateway':
          return this.answer(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
        case 'drop-mid-request':
          return await this.dropMidRequest(req, body, res);
        case 'duplicate': {
          const first = this.forward(req, body);
          const second = this.forward(req, body);
          second.catch(() => undefined);
          let answer: UpstreamAnswer;
          try {
            answer = await Promise.any([first, second]);
          } catch (err) {
            return this.upstreamIsDown(res, err);
          }
          return this.relay(res, answer);
        }
        default: {
          if (fault === 'delay') await sleep(Math.floor(this.random() * this.maxDelayMs));
          let answer: UpstreamAnswer;
          try {
            answer = await this.forward(req, body);
          } catch (err) {
            return this.upstreamIsDown(res, err);
          }
          if (fault === 'bad-gateway-after-apply')
            return this.answer(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
          if (fault === 'drop-mid-response') return this.dropMidResponse(res, answer);
          if (fault === 'delay') return await this.relaySlowly(res, answer);
          return this.relay(res, answer);
        }
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Why the upstream could not be reached, by message (ECONNREFUSED while restarting). */
  readonly upstreamErrors: Record<string, number> = {};

  private upstreamIsDown(res: http.ServerResponse, err: unknown): void {
    this.upstreamDown++;
    const message =
      err instanceof AggregateError
        ? String(err.errors[0]?.message ?? err.message)
        : err instanceof Error
          ? err.message
          : String(err);
    const key = message.replace(/\d+/g, 'N');
    this.upstreamErrors[key] = (this.upstreamErrors[key] ?? 0) + 1;
    this.answer(
      res,
      502,
      '<html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>',
      'text/html',
    );
  }

  private requestOptions(req: http.IncomingMessage, bodyLength: number): http.RequestOptions {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    headers.host = this.upstream.host;
    headers.connection = 'close';
    if (bodyLength > 0 || req.method === 'POST') headers['content-length'] = String(bodyLength);
    return {
      hostname: this.upstream.hostname,
      port: this.upstream.port,
      path: req.url ?? '/',
      method: req.method ?? 'GET',
      headers,
      agent: false,
    };
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
    this.deliveries++;
    return new Promise((resolve, reject) => {
      const up = http.request(this.requestOptions(req, body.length), (ures) => {
        const chunks: Buffer[] = [];
        ures.on('data', (c: Buffer) => chunks.push(c));
        ures.on('end', () =>
          resolve({ status: ures.statusCode ?? 502, headers: ures.headers, body: Buffer.concat(chunks) }),
        );
        ures.on('error', reject);
        ures.on('aborted', () => reject(new Error('upstream aborted')));
      });
      up.setTimeout(this.relayTimeoutMs, () => up.destroy(new Error('upstream timeout')));
      up.on('error', reject);
      up.end(body);
    });
  }

  private async dropMidRequest(
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    if (body.length > 1) {
      this.deliveries++;
      const up = http.request(this.requestOptions(req, body.length));
      up.on('error', () => undefined);
      up.on('response', (r) => r.resume());
      up.flushHeaders();
      up.write(body.subarray(0, Math.floor(body.length / 2)));
      await sleep(10);
      up.destroy();
    }
    // A request without a body is cut before it reaches the server.
    res.socket?.destroy();
  }

  private headersOf(answer: UpstreamAnswer): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(answer.headers))
      if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    headers['content-length'] = String(answer.body.length);
    return headers;
  }

  private dropMidResponse(res: http.ServerResponse, answer: UpstreamAnswer): void {
    if (res.headersSent || res.destroyed) return;
    if (answer.body.length < 2) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, this.headersOf(answer));
    res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => {
      setTimeout(() => res.socket?.destroy(), 5);
    });
  }

  private relay(res: http.ServerResponse, answer: UpstreamAnswer): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(answer.status, this.headersOf(answer));
    res.end(answer.body);
  }

  private async relaySlowly(res: http.ServerResponse, answer: UpstreamAnswer): Promise<void> {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(answer.status, this.headersOf(answer));
    const half = Math.floor(answer.body.length / 2);
    res.write(answer.body.subarray(0, half));
    await sleep(Math.floor(this.random() * this.maxDelayMs));
    res.end(answer.body.subarray(half));
  }

  private answer(res: http.ServerResponse, status: number, text: string, type = 'text/plain'): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }
}
