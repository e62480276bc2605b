// The API process as it ships (the real CLI, configured through its environment) against slow
// and heavy clients: bodies and headers trickled one byte at a time are cut with 408 while
// others are served (issue 12, Found #5), and pull pages stay within their byte budget while
// the cursor resumes exactly (Found #6).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db';
import { TestReplica, http, login, seedFixture, type Change } from '../../server/testing/harness';
import { buildReliabilityFixture, type ReliabilityFixture } from './support/fixture';
import { ServerProcess } from './support/server-process';

/** Sends a request one byte every `everyMs` ms; resolves with what the server answered when it closed the connection, and how much was sent. */
function trickle(
  base: string,
  request: string,
  everyMs: number,
): Promise<{ answer: string; sent: number; total: number }> {
  const url = new URL(base);
  return new Promise((done) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      done({ answer, sent, total: request.length });
    });
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (socket.destroyed || sent >= request.length) return;
        socket.write(request[sent++]!);
      }, everyMs);
    });
  });
}

describe('the API process against slow and heavy clients (SQLite)', () => {
  let dir: string;
  let file: string;
  let fx: ReliabilityFixture;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tam-limits-'));
    file = join(dir, 'api.sqlite');
    const db = await openDatabase({ kind: 'sqlite', file });
    fx = buildReliabilityFixture();
    await seedFixture(db, fx);
    await db.close();
  });
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const s = new ServerProcess(file, env);
    servers.push(s);
    await s.start();
    return s;
  };

  it('cuts bodies and headers trickled one byte at a time with 408, and serves everyone else meanwhile', async () => {
    const server = await start({ TAM_REQUEST_TIMEOUT_MS: '2000' });
    const body = JSON.stringify({ email: fx.users.tamA.email, password: 'y'.repeat(300) });
    const push = JSON.stringify({ clientId: `slow-${randomUUID()}`, mutations: [] });
    const slow = [
      ...Array.from(
        { length: 6 },
        () =>
          `POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      ),
      ...Array.from(
        { length: 3 },
        () =>
          `POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(43)}\r\nContent-Type: application/json\r\nContent-Length: ${push.length}\r\n\r\n${push}`,
      ),
      // headers that never end
      `GET /v1/health HTTP/1.1\r\nHost: x\r\n${'X-Slow: y\r\n'.repeat(100)}\r\n`,
    ].map((request) => trickle(server.url, request, 40));

    // Meanwhile: a TAM signs in, pulls and pushes as usual.
    const token = await login(server.url, fx.users.tamA.email);
    const replica = new TestReplica(server.url, token);
    await replica.pullAll();
    const note = await replica.push('timeline.append', {
      id: randomUUID(),
      incidentId: fx.incidents.i1.id,
      kind: 'note',
      at: new Date().toISOString(),
      body: 'while others trickle',
      visibility: 'internal',
    });
    expect(note.status).toBe('applied');

    for (const { answer, sent, total } of await Promise.all(slow)) {
      expect(sent).toBeLessThan(total);
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(answer).toContain(
        '{"error":{"code":"request_timeout","message":"The request was not complete within 2 seconds; check the network and send it again."}}',
      );
    }
    expect((await http(server.url, 'GET', '/v1/health')).status).toBe(200);
    expect(server.unexpectedExits).toEqual([]);
  });

  it('keeps pull pages within their byte budget; a client paging through them gets every row once', async () => {
    const budget = 2048;
    const plain = await start({});
    const bounded = await start({ TAM_PULL_MAX_BYTES: String(budget) });
    // Rows larger than the budget and rows much smaller.
    const writer = new TestReplica(plain.url, await login(plain.url, fx.users.tamA.email));
    for (let k = 0; k < 8; k++) {
      const r = await writer.push('timeline.append', {
        id: randomUUID(),
        incidentId: fx.incidents.i1.id,
        kind: 'note',
        at: new Date().toISOString(),
        body: `${k}: ${'長'.repeat(k % 2 === 0 ? 900 : 20)}`,
        visibility: 'internal',
      });
      expect(r.status).toBe('applied');
    }
    const token = await login(bounded.url, fx.users.managerX.email);
    const paged = new TestReplica(bounded.url, token);
    const check = async () => {
      const pages: { changes: Change[]; hasMore: boolean }[] = [];
      for (let i = 0; i < 10_000; i++) {
        const page = await paged.pullOnce(1000);
        pages.push(page);
        if (!page.hasMore) break;
      }
      for (const page of pages.slice(0, -1)) {
        expect(page.changes.length).toBeGreaterThan(0);
        const sizes = page.changes.map((c) => Buffer.byteLength(JSON.stringify(c)) + 1);
        expect(sizes.slice(0, -1).reduce((a, b) => a + b, 0)).toBeLessThan(budget);
      }
      const reference = new TestReplica(plain.url, await login(plain.url, fx.users.managerX.email));
      await reference.pullAll(1000);
      expect([...paged.rows.keys()].sort()).toEqual([...reference.rows.keys()].sort());
      for (const [key, row] of reference.rows) expect(paged.rows.get(key), key).toEqual(row);
      return pages.length;
    };
    expect(await check()).toBeGreaterThan(5);
    // More changes later: normal mode pages are bounded too, none is missed.
    for (let k = 0; k < 5; k++) {
      await writer.push('timeline.append', {
        id: randomUUID(),
        incidentId: fx.incidents.i1.id,
        kind: 'note',
        at: new Date().toISOString(),
        body: `later ${k} ${'x'.repeat(1500)}`,
        visibility: 'internal',
      });
    }
    expect(await check()).toBeGreaterThan(2);
    expect(bounded.unexpectedExits).toEqual([]);
  });
});
