// Two real API processes (spawned with tsx) on one PostgreSQL database, writers pushing
// through both at once while a client pulls: no change may be skipped by the cursor.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Fixture, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
} from './testing/harness';

const ROOT = resolve(import.meta.dirname, '..');

function startProcess(dbUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', '--port', '0', '--db', dbUrl],
    {
      cwd: ROOT,
      env: { ...process.env, TAM_DEMO_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolvePromise({ child, base: match[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`API process exited (${code}) before listening:\n${out}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.on('exit', () => done());
    child.kill('SIGTERM');
  });
}

const pgCases = engineCases().filter((c) => c.engine === 'postgres');

describe.each(pgCases)('two API processes on $engine', ({ skip }) => {
  let tdb: TestDatabase;
  let fx: Fixture;
  const procs: Array<{ child: ChildProcess; base: string }> = [];

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase('postgres');
    const db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    await db.close();
    const url = tdb.config.kind === 'postgres' ? tdb.config.url : '';
    procs.push(...(await Promise.all([startProcess(url), startProcess(url)])));
  }, 120_000);
  afterAll(async () => {
    if (skip) return;
    await Promise.all(procs.map((p) => stopProcess(p.child)));
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    'misses no change while both commit concurrently',
    async () => {
      const p1 = procs[0]!;
      const p2 = procs[1]!;
      const token = await login(p1.base, fx.users.admin.email);
      const writersPerProcess = 3;
      const batches = 12;
      const perBatch = 3;
      const created: string[] = [];
      let writing = true;

      const writer = async (base: string) => {
        const clientId = `writer-${randomUUID()}`;
        let mutationId = 1;
        for (let b = 0; b < batches; b++) {
          const mutations = Array.from({ length: perBatch }, () => {
            const id = randomUUID();
            created.push(id);
            const customerId = [fx.customers.c1.id, fx.customers.c2.id, fx.customers.c3.id][mutationId % 3]!;
            return {
              id: mutationId++,
              name: 'incident.create',
              args: {
                id,
                customerId,
                title: `concurrent ${id}`,
                severity: 3,
                channel: 'portal',
                receivedAt: '2026-01-05T10:00:00+09:00',
              },
            };
          });
          const res = await http(base, 'POST', '/v1/sync/push', { token, body: { clientId, mutations } });
          expect(res.status).toBe(200);
          expect(res.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
        }
      };

      // The puller alternates between the processes while the writers run.
      const puller = new TestReplica(p1.base, token);
      await puller.pullAll();
      const pulling = (async () => {
        let i = 0;
        while (writing) {
          puller.base = i++ % 2 === 0 ? p1.base : p2.base;
          const page = await puller.pullOnce(50);
          if (!page.hasMore) await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await Promise.all([
        ...Array.from({ length: writersPerProcess }, () => writer(p1.base)),
        ...Array.from({ length: writersPerProcess }, () => writer(p2.base)),
      ]);
      writing = false;
      await pulling;
      await puller.pullAll(50);

      expect(created).toHaveLength(2 * writersPerProcess * batches * perBatch);
      const missing = created.filter((id) => !puller.has('incident', id));
      expect(missing).toEqual([]);
      const fresh = new TestReplica(p2.base, token);
      await fresh.pullAll();
      expect([...puller.rows.keys()].sort()).toEqual([...fresh.rows.keys()].sort());

      // Sequence numbers are unique and gap-free.
      const db = await openDatabase(tdb.config);
      try {
        const versions = (
          await db.kysely.selectFrom('records').select('version').orderBy('version').execute()
        ).map((r) => Number(r.version));
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      } finally {
        await db.close();
      }
    },
    120_000,
  );

  it.skipIf(!!skip)(
    'pokes a subscriber of one process when a change commits through the other',
    async () => {
      const p1 = procs[0]!;
      const p2 = procs[1]!;
      const tokenA = await login(p2.base, fx.users.tamA.email);
      const controller = new AbortController();
      const res = await fetch(`${p2.base}/v1/sync/events`, {
        headers: { authorization: `Bearer ${tokenA}` },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      await readUntil('event: ready');
      const writerA = new TestReplica(p1.base, await login(p1.base, fx.users.tamA.email));
      const r = await writerA.push('timeline.append', {
        id: randomUUID(),
        incidentId: fx.incidents.i1.id,
        kind: 'note',
        at: '2026-01-06T10:00:00+09:00',
        body: 'across processes',
        visibility: 'internal',
      });
      expect(r.status).toBe('applied');
      await readUntil('event: poke');
      controller.abort();
    },
    120_000,
  );
});
