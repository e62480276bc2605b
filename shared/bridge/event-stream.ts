// The "something changed, pull now" channel: server-sent events from GET /v1/sync/events,
// read with fetch (EventSource cannot send an Authorization header) by main and by the web
// bridge. This file holds the runtime-neutral part: the text/event-stream parser and the
// reconnect loop. Each runtime supplies `connect` (fetch + decoding) and a timer.

export interface SseMessage {
  /** The `event:` field, 'message' when absent. */
  event: string;
  data: string;
  id: string | undefined;
}

/** Incremental text/event-stream parser (WHATWG HTML §9.2.6); feed it decoded text. */
export class SseParser {
  private buffer = '';
  private started = false;
  private dataLines: string[] = [];
  private eventType = '';
  private lastEventId: string | undefined;
  /** Reconnection time the server asked for with `retry:`, if any. */
  retryMs: number | undefined;

  push(chunk: string): SseMessage[] {
    let text = this.buffer + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: SseMessage[] = [];
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '\n' && c !== '\r') continue;
      // A chunk may end between \r and \n: wait for the next chunk to decide.
      if (c === '\r' && i === text.length - 1) break;
      const line = text.slice(lineStart, i);
      if (c === '\r' && text[i + 1] === '\n') i++;
      lineStart = i + 1;
      this.processLine(line, out);
    }
    this.buffer = text.slice(lineStart);
    return out;
  }

  private processLine(line: string, out: SseMessage[]): void {
    if (line === '') {
      // Blank line: dispatch. Lenient on one point: an `event:` without `data:` still counts
      // (a bare "event: change" is a poke); comment-only blocks (heartbeats) never do.
      if (this.dataLines.length > 0 || this.eventType !== '') {
        out.push({
          event: this.eventType || 'message',
          data: this.dataLines.join('\n'),
          id: this.lastEventId,
        });
      }
      this.dataLines = [];
      this.eventType = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1; injectable so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000, random: Math.random };

/** Exponential backoff with "equal jitter": between half and all of min(max, initial·2^n). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/** An open HTTP response to GET /v1/sync/events, as the runtime's connector returns it. */
export interface StreamResponse {
  status: number;
  /** The decoded body; only read when status is 200. */
  chunks: AsyncIterable<string>;
  /** Aborts the request/body; safe to call more than once. */
  close(): void;
}

export interface EventStreamOptions {
  connect(): Promise<StreamResponse>;
  /** Connected (HTTP 200). Changes may have been missed while disconnected. */
  onOpen(): void;
  onMessage(message: SseMessage): void;
  /**
   * HTTP 401: the token was refused. The loop stops; sign-in starts a new one. `code` is the
   * server's error code when the body says one (session_expired, session_revoked).
   */
  onUnauthorized(code?: string): void;
  /** A failed attempt or a dropped connection, before the retry is scheduled. */
  onDisconnect?(reason: string, retryInMs: number): void;
  /** setTimeout in disguise (shared/ has no timer types): returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
  backoff?: Partial<BackoffOptions>;
  /**
   * Reconnect when nothing (not even a heartbeat comment) arrives for this long: a
   * connection can die silently (network switch, VPN) without an error. Off when absent.
   */
  idleTimeoutMs?: number;
}

export type EventStreamState = 'connecting' | 'open' | 'waiting' | 'stopped';

export interface EventStreamHandle {
  readonly state: EventStreamState;
  /** Drops the connection or the pending retry and connects at once (wake-up, network back). */
  reconnectNow(): void;
  stop(): void;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `error.code` of a short JSON error body ({ error: { code, message } }), if any; gives up after 5 s. */
async function readErrorCode(
  res: StreamResponse,
  schedule: EventStreamOptions['schedule'],
): Promise<string | undefined> {
  let cancel: (() => void) | null = null;
  const timeout = new Promise<undefined>((resolve) => {
    cancel = schedule(() => resolve(undefined), 5000);
  });
  const read = (async () => {
    let text = '';
    try {
      for await (const chunk of res.chunks) {
        text += chunk;
        if (text.length > 8192) return undefined;
      }
      const body = JSON.parse(text) as { error?: { code?: unknown } } | null;
      return typeof body?.error?.code === 'string' ? body.error.code : undefined;
    } catch {
      return undefined;
    }
  })();
  try {
    return await Promise.race([read, timeout]);
  } finally {
    (cancel as (() => void) | null)?.();
  }
}

export function startEventStream(options: EventStreamOptions): EventStreamHandle {
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  // Each (re)start bumps the generation; callbacks of an older generation do nothing.
  let generation = 0;
  let attempt = 0;
  let serverRetryMs: number | undefined;
  let current: StreamResponse | null = null;
  let cancelTimer: (() => void) | null = null;
  let state: EventStreamState = 'connecting';

  const retryLater = (gen: number, reason: string): void => {
    if (gen !== generation) return;
    const delay = Math.max(serverRetryMs ?? 0, backoffDelay(attempt, backoff));
    attempt++;
    state = 'waiting';
    options.onDisconnect?.(reason, delay);
    cancelTimer = options.schedule(() => {
      cancelTimer = null;
      if (gen === generation) run(gen);
    }, delay);
  };

  const run = (gen: number): void => {
    state = 'connecting';
    void (async () => {
      let res: StreamResponse;
      try {
        res = await options.connect();
      } catch (err) {
        retryLater(gen, `could not connect: ${describe(err)}`);
        return;
      }
      if (gen !== generation) {
        res.close();
        return;
      }
      if (res.status === 401) {
        generation++;
        state = 'stopped';
        const code = await readErrorCode(res, options.schedule);
        res.close();
        options.onUnauthorized(code);
        return;
      }
      if (res.status !== 200) {
        res.close();
        retryLater(gen, `the server answered HTTP ${res.status}`);
        return;
      }
      current = res;
      attempt = 0;
      state = 'open';
      options.onOpen();
      const parser = new SseParser();
      let reason = 'the server closed the connection';
      let idle = false;
      // Assigned inside armIdle, so typed explicitly (control flow cannot see that).
      let cancelIdle = null as (() => void) | null;
      const armIdle = (): void => {
        cancelIdle?.();
        if (!options.idleTimeoutMs) return;
        cancelIdle = options.schedule(() => {
          idle = true;
          res.close();
        }, options.idleTimeoutMs);
      };
      armIdle();
      try {
        for await (const chunk of res.chunks) {
          armIdle();
          if (gen !== generation) break;
          for (const message of parser.push(chunk)) {
            if (gen !== generation) break;
            options.onMessage(message);
          }
          if (parser.retryMs !== undefined) serverRetryMs = parser.retryMs;
        }
      } catch (err) {
        reason = `the connection failed: ${describe(err)}`;
      } finally {
        cancelIdle?.();
      }
      if (idle) reason = `nothing arrived for ${Math.round((options.idleTimeoutMs ?? 0) / 1000)} s`;
      if (current === res) current = null;
      res.close();
      retryLater(gen, reason);
    })();
  };

  const reset = (): void => {
    generation++;
    cancelTimer?.();
    cancelTimer = null;
    const open = current;
    current = null;
    open?.close();
  };

  run(generation);

  return {
    get state() {
      return state;
    },
    reconnectNow() {
      if (state === 'stopped') return;
      reset();
      attempt = 0;
      run(generation);
    },
    stop() {
      reset();
      state = 'stopped';
    },
  };
}
