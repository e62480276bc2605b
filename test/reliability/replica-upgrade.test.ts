// Replica upgrades and a full disk.
//   - A fixture database for every schema version (test/reliability/fixtures, written by
//     replica-fixtures.ts with the schema of that version) opens under the current schema
//     with nothing lost, its outbox intact, and then syncs: the outbox reaches the server.
//   - The machinery catches a lossy upgrade (a cleared outbox, a dropped table, a rewritten row).
//   - A quota error (IndexedDB's QuotaExceededError, injected under Dexie) keeps the outbox,
//     changes nothing, and says what to do; once space is back, the sync catches up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DBCore } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type TamApi } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { bulkInsert, upsertAccount } from '../../server/seed/bulk';
import { ReplicaDb } from '../../renderer/replica/db';
import { STORAGE_FULL_CODE } from '../../renderer/replica/errors';
import { mutateReplica } from '../../renderer/replica/mutate';
import { getRow } from '../../renderer/replica/port';
import { getEvent } from '../../renderer/replica/timelines';
import { allClosedIncidents } from '../../renderer/replica/closed-history';
import { isOpenStatus } from '../../shared/incidents/open';
import type { EntityName } from '../../shared/model/entities';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from '../../renderer/replica/schema';
import { SyncEngine } from '../../renderer/sync/engine';
import {
  FIXTURE_DIR,
  generateFixture,
  loadFixture,
  readFixtures,
  serverRowsOf,
  upgradeProblems,
  type ReplicaDump,
} from './replica-fixtures';
import { InjectTransport, injectLogin } from './support/inject-transport';

const PASSWORD = 'fixture password';
const fixtures = readFixtures();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An API whose data is the server's side of a fixture (the rows the replica had synced). */
async function serverFor(dump: ReplicaDump): Promise<{ api: TamApi; token: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tam-upgrade-'));
  const api = await createApi({ db: { kind: 'sqlite', file: join(dir, 'api.sqlite') } });
  await bulkInsert(api.db, [serverRowsOf(dump)]);
  await upsertAccount(api.db, dump.actor.id, dump.email, await hashPassword(PASSWORD));
  const token = await injectLogin(api.app, dump.email, PASSWORD);
  return {
    api,
    token,
    close: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('replica fixtures', () => {
  it('exist for every schema version, each with data and a non-empty outbox', () => {
    const have = fixtures.map((f) => f.schemaVersion);
    const missing = SCHEMA_VERSIONS.map((v) => v.version).filter((v) => !have.includes(v));
    expect(
      missing,
      `no fixture for schema version(s) ${missing.join(', ')}: run \`npx tsx test/reliability/replica-fixtures.ts\` and commit ${FIXTURE_DIR}`,
    ).toEqual([]);
    for (const f of fixtures) {
      expect(f.tables.outbox?.length ?? 0, `v${f.schemaVersion} outbox`).toBeGreaterThan(0);
      expect(f.tables.incidents?.length ?? 0, `v${f.schemaVersion} incidents`).toBeGreaterThan(0);
    }
  });

  it('the generator writes the current version with the same tables as its committed fixture', async () => {
    const generated = await generateFixture(CURRENT_SCHEMA_VERSION);
    const committed = fixtures.find((f) => f.schemaVersion === CURRENT_SCHEMA_VERSION);
    expect(Object.keys(generated.tables).sort()).toEqual(Object.keys(committed?.tables ?? {}).sort());
    expect(generated.tables.outbox?.length).toBe(committed?.tables.outbox?.length);
  });
});

describe.each(fixtures.map((f) => [f.schemaVersion, f] as const))(
  'the schema version %i fixture',
  (_version, dump) => {
    let server: Awaited<ReturnType<typeof serverFor>>;
    beforeAll(async () => {
      server = await serverFor(dump);
    });
    afterAll(async () => {
      await server?.close();
    });

    it(`opens under the current schema (version ${CURRENT_SCHEMA_VERSION}) with nothing lost`, async () => {
      const { problems, db } = await upgradeProblems(dump);
      try {
        expect(problems).toEqual([]);
        expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
        expect(await db.outbox.count()).toBe(dump.tables.outbox!.length);
        // Closed history (version 9): every live closed incident is in its customer-month bucket.
        const closed = (await db.incidents.toArray()).filter((i) => !i.deleted && !isOpenStatus(i.status));
        expect(closed.length).toBeGreaterThan(0);
        const inBuckets = await allClosedIncidents(db);
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
        expect([...inBuckets].sort(byId)).toEqual([...closed].sort(byId));
      } finally {
        db.close();
      }
    });

    it('then syncs: the outbox reaches the server, the replica ends equal to it', async () => {
      const { db } = await upgradeProblems(dump);
      try {
        const transport = new InjectTransport(server.api.app, server.token);
        const engine = new SyncEngine({ db, transport, timelines: 'all' });
        const outcome = await engine.sync();
        expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
        expect(await db.outbox.count()).toBe(0);
        const attention = await db.attention.toArray();
        // What was rejected before the upgrade is still listed; nothing new was rejected.
        expect(attention.map((a) => a.mutationId)).toEqual(
          (dump.tables.attention as Array<{ mutationId: number }>).map((a) => a.mutationId),
        );
        const rows = await server.api.db.kysely
          .selectFrom('records')
          .select(['entity', 'id', 'data'])
          .where('deleted', '=', 0)
          .execute();
        for (const r of rows) {
          const mine = await getRow(db, r.entity as EntityName, r.id);
          expect(mine, `${r.entity}:${r.id}`).toEqual(JSON.parse(r.data));
        }
        // The changes made before the upgrade are on the server.
        const incident = rows.find((r) => r.id === id(100));
        expect(incident && JSON.parse(incident.data)).toMatchObject({
          title: 'Made offline before the upgrade',
        });
        expect(rows.some((r) => r.id === id(103))).toBe(true);
      } finally {
        db.close();
      }
    });
  },
);

describe('the upgrade check catches a lossy upgrade', () => {
  const dump = fixtures.find((f) => f.schemaVersion === CURRENT_SCHEMA_VERSION)!;
  const next = CURRENT_SCHEMA_VERSION + 1;
  const withVersion = (v: SchemaVersion): SchemaVersion[] => [...SCHEMA_VERSIONS, v];

  it('an upgrade that clears the outbox', async () => {
    const { problems, db } = await upgradeProblems(
      dump,
      withVersion({
        version: next,
        stores: {},
        upgrade: async (tx) => void (await tx.table('outbox').clear()),
      }),
    );
    db.close();
    expect(problems.filter((p) => p.startsWith('outbox')).length).toBe(dump.tables.outbox!.length);
  });

  it('a version that drops a table', async () => {
    const { problems, db } = await upgradeProblems(
      dump,
      withVersion({ version: next, stores: { reports: null } }),
    );
    db.close();
    expect(problems).toContain(`table reports is gone with its ${dump.tables.reports!.length} row(s)`);
  });

  it('an upgrade that rewrites rows', async () => {
    const { problems, db } = await upgradeProblems(
      dump,
      withVersion({
        version: next,
        stores: {},
        upgrade: async (tx) =>
          void (await tx
            .table('incidents')
            .toCollection()
            .modify((r: { title: string }) => void (r.title = r.title.toUpperCase()))),
      }),
    );
    db.close();
    expect(problems.some((p) => p.startsWith('incidents') && p.includes('changed'))).toBe(true);
  });

  it('and accepts the same rewrite once it is declared', async () => {
    const upper = (table: string, row: unknown) =>
      table === 'incidents'
        ? { ...(row as object), title: (row as { title: string }).title.toUpperCase() }
        : undefined;
    const { problems, db } = await upgradeProblems(
      dump,
      withVersion({
        version: next,
        stores: {},
        upgrade: async (tx) =>
          void (await tx
            .table('incidents')
            .toCollection()
            .modify((r: { title: string }) => void (r.title = r.title.toUpperCase()))),
      }),
      { [next]: upper },
    );
    db.close();
    expect(problems).toEqual([]);
  });
});

/** A Dexie middleware that makes every write fail like a full disk while `full` is set. */
function quota(db: ReplicaDb) {
  const state = { full: false, refused: 0 };
  db.use({
    stack: 'dbcore',
    name: 'simulated-quota',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (!state.full) return table.mutate(req);
            state.refused++;
            return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
          },
        };
      },
    }),
  });
  return state;
}

describe('a full disk', () => {
  const dump = fixtures.find((f) => f.schemaVersion === CURRENT_SCHEMA_VERSION)!;
  let server: Awaited<ReturnType<typeof serverFor>>;
  beforeAll(async () => {
    server = await serverFor(dump);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the outbox and the replica, says what to do, and catches up once there is room', async () => {
    const indexedDB = new IDBFactory();
    await loadFixture(dump, 'quota', indexedDB);
    const db = new ReplicaDb('quota', { indexedDB, IDBKeyRange });
    const disk = quota(db);
    try {
      const outboxBefore = await db.outbox.toArray();
      const incidentsBefore = await db.incidents.toArray();
      disk.full = true;

      // A change made now is refused as a whole, with a message the user can act on.
      const made = await mutateReplica(db, dump.actor, 'timeline.append', {
        id: id(200),
        incidentId: id(20),
        kind: 'note',
        at: new Date().toISOString(),
        body: 'no room',
        visibility: 'internal',
      });
      expect(made.ok).toBe(false);
      if (!made.ok) {
        expect(made.error.code).toBe(STORAGE_FULL_CODE);
        expect(made.error.message).toMatch(/no room left/i);
        expect(made.error.message).toMatch(/Nothing was lost/);
        expect(made.error.message).toMatch(/free some disk space/i);
      }

      // A sync cannot write what it pulls: it fails with the same reason, the outbox stays.
      const transport = new InjectTransport(server.api.app, server.token);
      const engine = new SyncEngine({ db, transport, timelines: 'all' });
      const outcome = await engine.sync();
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe(STORAGE_FULL_CODE);
        expect(outcome.error.retryable).toBe(true);
        expect(outcome.error.message).toMatch(/Nothing was lost/);
      }
      expect(disk.refused).toBeGreaterThan(0);
      disk.full = false;
      expect(await db.outbox.toArray()).toEqual(outboxBefore);
      expect(await db.incidents.toArray()).toEqual(incidentsBefore);
      expect(await getEvent(db, id(200), id(20))).toBeUndefined();

      // Room again: the next sync sends everything and the replica is whole.
      const again = await engine.sync();
      expect(again.ok, JSON.stringify(again)).toBe(true);
      expect(await db.outbox.count()).toBe(0);
      expect(await db.incidents.get(id(100))).toMatchObject({ title: 'Made offline before the upgrade' });
    } finally {
      db.close();
    }
  });
});
