// The sync event stream against a real server-sent-events endpoint on 127.0.0.1: the
// request main sends, parsing of a body that arrives in arbitrary pieces, and reconnecting.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startEventStream, type EventStreamHandle, type SseMessage } from '../../shared/bridge/event-stream';
import {
  sendJson,
  startLoopbackServer,
  type LoopbackServer,
  type RecordedRequest,
} from '../testing/loopback-server';
import { createEventStreamOpener } from './events-connection';

let server: LoopbackServer | undefined;
let stream: EventStreamHandle | undefined;

afterEach(async () => {
  stream?.stop();
  await server?.close();
  server = undefined;
});

const waitFor = async (predicate: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

// Generous connect timeout except where the timeout itself is under test: a loaded CI
// machine must not turn a slow loopback answer into an extra reconnect.
function follow(url: string, token = 'tok-1', connectTimeoutMs = 5_000) {
  const log: string[] = [];
  const messages: SseMessage[] = [];
  stream = startEventStream({
    connect: () => createEventStreamOpener({ fetch: (u, i) => fetch(u, i), connectTimeoutMs })(url, token),
    onOpen: () => log.push('open'),
    onMessage: (m) => {
      messages.push(m);
      log.push(`event:${m.event}:${m.data}`);
    },
    onUnauthorized: () => log.push('unauthorized'),
    onDisconnect: (reason) => log.push(`disconnect:${reason}`),
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    backoff: { initialMs: 20, maxMs: 80, random: () => 1 },
  });
  return { log, messages };
}

function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

describe('sync event stream', () => {
  it('sends GET /v1/sync/events with the bearer and asks for an event stream', async () => {
    let seen: RecordedRequest | undefined;
    server = await startLoopbackServer((req, res) => {
      seen = req;
      openStream(res);
    });
    const f = follow(server.url, 'tok-xyz');
    await waitFor(() => f.log.includes('open'));
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/v1/sync/events');
    expect(seen?.headers.authorization).toBe('Bearer tok-xyz');
    expect(seen?.headers.accept).toBe('text/event-stream');
  });

  it('parses events written in arbitrary pieces and ignores heartbeats', async () => {
    server = await startLoopbackServer(async (_req, res) => {
      openStream(res);
      const pieces = [
        ': ping\n\n',
        'event: chan',
        'ge\ndata: {"seq":',
        '7}\r',
        '\n\r\n',
        ': ping\n\n',
        'data: second\n',
        '\n',
      ];
      for (const piece of pieces) {
        res.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const f = follow(server.url);
    await waitFor(() => f.messages.length >= 2);
    expect(f.messages).toEqual([
      { event: 'change', data: '{"seq":7}', id: undefined },
      { event: 'message', data: 'second', id: undefined },
    ]);
  });

  it('reconnects after the server drops the connection, and after errors, with backoff', async () => {
    let connections = 0;
    server = await startLoopbackServer((_req, res) => {
      connections++;
      if (connections === 2) return sendJson(res, 503, { error: { code: 'busy', message: 'later' } });
      openStream(res);
      res.write(`data: connection ${connections}\n\n`);
      if (connections === 1) setTimeout(() => res.end(), 20);
    });
    const f = follow(server.url);
    await waitFor(() => f.messages.some((m) => m.data === 'connection 3'));
    expect(f.log.filter((l) => l === 'open')).toHaveLength(2);
    expect(f.log.some((l) => l.includes('HTTP 503'))).toBe(true);
  });

  it('keeps retrying while the server is down and connects when it is back', async () => {
    server = await startLoopbackServer((_req, res) => {
      res.destroy();
    });
    const f = follow(server.url);
    await waitFor(() => f.log.filter((l) => l.startsWith('disconnect')).length >= 3);
    expect(f.log).not.toContain('open');
  });

  it('stops for good on 401', async () => {
    let connections = 0;
    server = await startLoopbackServer((_req, res) => {
      connections++;
      sendJson(res, 401, { error: { code: 'unauthorized', message: 'token revoked' } });
    });
    const f = follow(server.url);
    await waitFor(() => f.log.includes('unauthorized'));
    await new Promise((r) => setTimeout(r, 150));
    expect(connections).toBe(1);
    expect(stream?.state).toBe('stopped');
  });

  it('reconnectNow (power resume) replaces a live connection at once', async () => {
    let connections = 0;
    server = await startLoopbackServer((_req, res) => {
      connections++;
      openStream(res);
    });
    const f = follow(server.url);
    await waitFor(() => f.log.includes('open'));
    stream?.reconnectNow();
    await waitFor(() => f.log.filter((l) => l === 'open').length === 2);
    expect(connections).toBe(2);
  });

  it('times out a connection attempt that gets no answer', async () => {
    server = await startLoopbackServer(() => {});
    const f = follow(server.url, 'tok-1', 300);
    await waitFor(() => f.log.some((l) => l.includes('no answer within')));
  });
});
