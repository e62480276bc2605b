// `npm run server -- --db FILE --backup OUT` while the API takes a burst of pushes: the copy
// is consistent (the mutations it holds are exactly a prefix of those acknowledged, in order),
// holds every mutation acknowledged before the backup began, once, and opens as a working API.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from './app';
import { openDatabase } from './db';
import { backupSqlite } from './db/backup';
import type { RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

const ROOT = resolve(import.meta.dirname, '..');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('online backup of the SQLite database', () => {
  let tdb: TestDatabase;
  let file: string;
  let server: RunningApi;
  let fx: ReturnType<typeof buildFixture>;

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    file = (tdb.config as { file: string }).file;
    const db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    await db.close();
    server = await startApi({ db: tdb.config });
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  it(
    'copies while pushes go on; the copy holds every mutation acknowledged before, once, and opens as an API',
    { timeout: 120_000 },
    async () => {
      const token = await login(server.base, fx.users.tamA.email);
      const replica = new TestReplica(server.base, token);
      const reader = new TestReplica(server.base, await login(server.base, fx.users.managerX.email));
      await reader.pullAll();
      const acked: { mutationId: number; eventId: string }[] = [];
      let stop = false;
      let failure: unknown;
      const burst = (async () => {
        for (let mutationId = 1; !stop; mutationId++) {
          const eventId = randomUUID();
          const result = await replica.push(
            'timeline.append',
            {
              id: eventId,
              incidentId: fx.incidents.i1.id,
              kind: 'note',
              at: new Date().toISOString(),
              body: `burst ${mutationId}`,
              visibility: 'internal',
            },
            mutationId,
          );
          if (result.status !== 'applied') throw new Error(`push ${mutationId}: ${JSON.stringify(result)}`);
          acked.push({ mutationId, eventId });
        }
      })().catch((err: unknown) => {
        failure = err;
      });
      while (acked.length < 20 && failure === undefined) await new Promise((r) => setTimeout(r, 20));

      const out = join(file, '..', 'backup.sqlite');
      const before = acked.slice(); // acknowledged before the backup began
      const cli = await runCli(['--db', file, '--backup', out]);
      const during = acked.length - before.length;
      stop = true;
      await burst;
      expect(failure).toBeUndefined();
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toMatch(/^Backup of .* written to .*backup\.sqlite \(\d+ pages, \d+ bytes\)\.\n$/);
      // The API kept writing while the copy was taken.
      expect(during).toBeGreaterThan(0);
      expect((statSync(out).mode & 0o777).toString(8)).toBe('600');

      // Restore: open the copy as a new API.
      const restored = await startApi({ db: { kind: 'sqlite', file: out } });
      try {
        const db = restored.api.db;
        expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = await db.kysely
          .selectFrom('records')
          .select('id')
          .where('entity', '=', 'timelineEvent')
          .where('parent_id', '=', fx.incidents.i1.id)
          .execute();
        const held = new Set(rows.map((r) => r.id));
        expect(held.size).toBe(rows.length);
        const results = await db.kysely
          .selectFrom('client_mutations')
          .select(['mutation_id'])
          .where('client_id', '=', replica.clientId)
          .execute();
        const recorded = results.map((r) => Number(r.mutation_id)).sort((a, b) => a - b);
        // Consistent: the copy holds a prefix of the acknowledged mutations, each with its event.
        const k = acked.findIndex((m) => !held.has(m.eventId));
        const prefix = k < 0 ? acked.length : k;
        for (const m of acked.slice(prefix)) expect(held.has(m.eventId)).toBe(false);
        expect(recorded).toEqual(acked.slice(0, prefix).map((m) => m.mutationId));
        // Every mutation acknowledged before the backup began is there, once.
        expect(prefix).toBeGreaterThanOrEqual(before.length);
        for (const m of before) expect(rows.filter((r) => r.id === m.eventId)).toHaveLength(1);

        // The restored API serves them: sign in, pull, and a resent mutation is not applied twice.
        const again = new TestReplica(restored.base, await login(restored.base, fx.users.tamA.email));
        await again.pullAll();
        for (const m of before) expect(again.has('timelineEvent', m.eventId)).toBe(true);
        // A cursor of the live server is refused by the restored one (new cursor key): the
        // client downloads again instead of missing the changes the restored server numbers anew.
        const stale = await http(restored.base, 'POST', '/v1/sync/pull', {
          token: await login(restored.base, fx.users.managerX.email),
          body: { clientId: `r-${randomUUID()}`, cursor: reader.cursor },
        });
        expect(stale.status).toBe(400);
        expect(stale.body.error.code).toBe('invalid_cursor');

        // The same client resending its first mutation gets the first answer, not a second row.
        const resent = before[0]!;
        const retry = await http(restored.base, 'POST', '/v1/sync/push', {
          token: await login(restored.base, fx.users.tamA.email),
          body: {
            clientId: replica.clientId,
            mutations: [
              {
                id: resent.mutationId,
                name: 'timeline.append',
                args: {
                  id: resent.eventId,
                  incidentId: fx.incidents.i1.id,
                  kind: 'note',
                  at: new Date().toISOString(),
                  body: 'burst 1',
                  visibility: 'internal',
                },
              },
            ],
          },
        });
        expect(retry.status).toBe(200);
        expect(retry.body.results[0]).toMatchObject({ id: resent.mutationId, status: 'applied' });
        const count = await db.kysely
          .selectFrom('records')
          .select('id')
          .where('id', '=', resent.eventId)
          .execute();
        expect(count).toHaveLength(1);
      } finally {
        await restored.close();
      }
    },
  );

  it('refuses to overwrite a file and explains a missing database', async () => {
    const out = join(file, '..', 'exists.sqlite');
    await backupSqlite(file, out);
    const again = await runCli(['--db', file, '--backup', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; choose a new file name/);
    await expect(backupSqlite(join(file, '..', 'nope.sqlite'), join(file, '..', 'x.sqlite'))).rejects.toThrow(
      /There is no database at .*nope\.sqlite; check --db/,
    );
    expect(existsSync(join(file, '..', 'x.sqlite'))).toBe(false);
    // The copy of an idle database opens as well.
    const api = await createApi({ db: { kind: 'sqlite', file: out } });
    await api.close();
  });
});
