import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  SseParser,
  startEventStream,
  type SseMessage,
  type StreamResponse,
} from './event-stream';

describe('SseParser', () => {
  it('dispatches on blank lines, joins data lines and ignores comments', () => {
    const p = new SseParser();
    const out = p.push(': heartbeat\n\ndata: a\ndata: b\n\nevent: change\ndata: {"seq":3}\nid: 3\n\n');
    expect(out).toEqual([
      { event: 'message', data: 'a\nb', id: undefined },
      { event: 'change', data: '{"seq":3}', id: '3' },
    ]);
  });

  it('handles events split across chunks at any point, including between CR and LF', () => {
    const text = 'event: change\r\ndata: x\r\n\r\ndata: y\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const out = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(out, `cut at ${cut}`).toEqual([
        { event: 'change', data: 'x', id: undefined },
        { event: 'message', data: 'y', id: undefined },
      ]);
    }
  });

  it('counts a bare event line as a message, but not an id-only block', () => {
    const p = new SseParser();
    expect(p.push('event: poke\n\nid: 9\n\n')).toEqual([{ event: 'poke', data: '', id: undefined }]);
  });

  it('reads retry:, strips a leading BOM and one space after the colon', () => {
    const p = new SseParser();
    expect(p.push('\uFEFFretry: 5000\ndata:  two spaces\n\n')).toEqual([
      { event: 'message', data: ' two spaces', id: undefined },
    ]);
    expect(p.retryMs).toBe(5000);
  });

  it('does not dispatch an unterminated event', () => {
    expect(new SseParser().push('data: partial\n')).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the maximum, with jitter in the upper half', () => {
    const low = { initialMs: 1000, maxMs: 8000, random: () => 0 };
    const high = { ...low, random: () => 1 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, high))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, low))).toEqual([500, 1000, 2000, 4000, 4000]);
  });
});

/** A hand-driven response body. */
function controllableResponse(status: number) {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: Error | null = null;
  let closed = 0;
  const response: StreamResponse = {
    status,
    chunks: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (failure) throw failure;
          const next = queue.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          if (ended) return;
          await new Promise<void>((r) => (wake = r));
        }
      },
    },
    close() {
      closed++;
      ended = true;
      wake?.();
    },
  };
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    response,
    send(text: string) {
      queue.push(text);
      poke();
    },
    end() {
      ended = true;
      poke();
    },
    fail(err: Error) {
      failure = err;
      poke();
    },
    get closed() {
      return closed;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function harness(script: Array<() => Promise<StreamResponse>>) {
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const log: string[] = [];
  const messages: SseMessage[] = [];
  let connects = 0;
  const handle = startEventStream({
    connect: () => {
      const step = script[connects++];
      if (!step) return new Promise(() => {});
      return step();
    },
    onOpen: () => log.push('open'),
    onMessage: (m) => {
      messages.push(m);
      log.push(`message:${m.data}`);
    },
    onUnauthorized: (code) => log.push(code ? `unauthorized:${code}` : 'unauthorized'),
    onDisconnect: (reason, ms) => log.push(`retry in ${ms}`),
    schedule: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    backoff: { initialMs: 1000, maxMs: 4000, random: () => 1 },
  });
  const fireTimers = () => {
    const due = timers.splice(0).filter((t) => !t.cancelled);
    for (const t of due) t.fn();
  };
  return { handle, log, messages, timers, fireTimers, connects: () => connects };
}

describe('startEventStream', () => {
  it('reports open, relays messages, and reconnects with growing backoff after failures', async () => {
    const first = controllableResponse(200);
    const h = harness([
      async () => first.response,
      async () => {
        throw new Error('ECONNREFUSED');
      },
      async () => controllableResponse(503).response,
      async () => controllableResponse(200).response,
    ]);
    await flush();
    expect(h.handle.state).toBe('open');
    first.send('data: 1\n\n');
    await flush();
    first.end();
    await flush();
    expect(h.log).toEqual(['open', 'message:1', 'retry in 1000']);
    h.fireTimers();
    await flush();
    expect(h.log.at(-1)).toBe('retry in 2000');
    h.fireTimers();
    await flush();
    expect(h.log.at(-1)).toBe('retry in 4000');
    h.fireTimers();
    await flush();
    expect(h.log.at(-1)).toBe('open');
    expect(h.connects()).toBe(4);
  });

  it('resets the backoff once a connection opens', async () => {
    const a = controllableResponse(200);
    const b = controllableResponse(200);
    const h = harness([
      async () => {
        throw new Error('down');
      },
      async () => a.response,
      async () => b.response,
    ]);
    await flush();
    h.fireTimers();
    await flush();
    a.end();
    await flush();
    expect(h.log.filter((l) => l.startsWith('retry'))).toEqual(['retry in 1000', 'retry in 1000']);
  });

  it('stops on 401 and reports it once, without retrying', async () => {
    const refused = controllableResponse(401);
    refused.end();
    const h = harness([async () => refused.response]);
    await flush();
    expect(h.log).toEqual(['unauthorized']);
    expect(h.handle.state).toBe('stopped');
    expect(h.timers.filter((t) => !t.cancelled)).toHaveLength(0);
    expect(refused.closed).toBeGreaterThan(0);
  });

  it("passes the server's error code of a 401 on (session_revoked)", async () => {
    const refused = controllableResponse(401);
    refused.send('{"error":{"code":"session_revoked",');
    refused.send('"message":"Ended by an administrator."}}');
    refused.end();
    const h = harness([async () => refused.response]);
    await flush();
    expect(h.log).toEqual(['unauthorized:session_revoked']);
    expect(h.handle.state).toBe('stopped');
  });

  it('does not wait for ever on a 401 whose body never ends', async () => {
    const refused = controllableResponse(401);
    const h = harness([async () => refused.response]);
    await flush();
    expect(h.log).toEqual([]);
    expect(h.handle.state).toBe('stopped');
    h.fireTimers();
    await flush();
    expect(h.log).toEqual(['unauthorized']);
    expect(refused.closed).toBeGreaterThan(0);
  });

  it('reconnectNow drops the open connection and connects again at once', async () => {
    const a = controllableResponse(200);
    const b = controllableResponse(200);
    const h = harness([async () => a.response, async () => b.response]);
    await flush();
    h.handle.reconnectNow();
    await flush();
    expect(a.closed).toBeGreaterThan(0);
    expect(h.connects()).toBe(2);
    expect(h.log).toEqual(['open', 'open']);
    // Chunks arriving on the dropped connection are ignored.
    a.send('data: stale\n\n');
    b.send('data: fresh\n\n');
    await flush();
    expect(h.messages.map((m) => m.data)).toEqual(['fresh']);
  });

  it('reconnectNow cancels a pending retry instead of adding a second loop', async () => {
    const h = harness([
      async () => {
        throw new Error('down');
      },
      async () => controllableResponse(200).response,
    ]);
    await flush();
    expect(h.timers).toHaveLength(1);
    h.handle.reconnectNow();
    await flush();
    expect(h.timers[0]?.cancelled).toBe(true);
    expect(h.connects()).toBe(2);
  });

  it('stop closes the connection and nothing runs afterwards', async () => {
    const a = controllableResponse(200);
    const h = harness([async () => a.response]);
    await flush();
    h.handle.stop();
    a.send('data: late\n\n');
    await flush();
    expect(a.closed).toBeGreaterThan(0);
    expect(h.messages).toEqual([]);
    expect(h.timers).toHaveLength(0);
    h.handle.reconnectNow();
    expect(h.connects()).toBe(1);
  });

  it('treats a body error like a drop and retries', async () => {
    const a = controllableResponse(200);
    const h = harness([async () => a.response]);
    await flush();
    a.fail(new Error('socket hang up'));
    await flush();
    expect(h.log).toEqual(['open', 'retry in 1000']);
  });
});

describe('startEventStream idle watchdog', () => {
  it('drops a connection that stays silent and reconnects', async () => {
    const a = controllableResponse(200);
    const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    const log: string[] = [];
    const handle = startEventStream({
      connect: async () => a.response,
      onOpen: () => log.push('open'),
      onMessage: () => log.push('message'),
      onUnauthorized: () => log.push('unauthorized'),
      onDisconnect: (reason) => log.push(reason),
      schedule: (fn, ms) => {
        const t = { fn, ms, cancelled: false };
        timers.push(t);
        return () => {
          t.cancelled = true;
        };
      },
      idleTimeoutMs: 30_000,
    });
    await flush();
    // A heartbeat re-arms the watchdog: the first timer is cancelled, a new one armed.
    a.send(': heartbeat\n\n');
    await flush();
    const idle = timers.filter((t) => t.ms === 30_000);
    expect(idle.map((t) => t.cancelled)).toEqual([true, false]);
    idle[1]!.fn();
    await flush();
    expect(a.closed).toBeGreaterThan(0);
    expect(log).toEqual(['open', 'nothing arrived for 30 s']);
    handle.stop();
  });
});
