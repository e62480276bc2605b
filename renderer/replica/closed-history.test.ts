// @vitest-environment node
// Closed history in buckets (schema version 9): written with every incident write (server
// pages, local mutations, rebases), read by the charts and the portfolio, built by the upgrade.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/model/api';
import type { Customer, Incident, User } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import { rebase, writePage } from '../sync/apply';
import {
  allIncidentsWithHistory,
  bucketKey,
  CLOSED_HISTORY_TABLE,
  type ClosedBucket,
  incidentsWithHistory,
} from './closed-history';
import { ReplicaDb } from './db';
import { mutateReplica } from './mutate';
import { SCHEMA_VERSIONS } from './schema';

const TAM: Actor = { id: '00000000-0000-4000-8000-000000000001', role: 'tam', team: 'east' };
const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const NOW = '2026-11-26T01:00:00.000Z';
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const customer = (id: string): Customer =>
  ({
    id,
    version: 1,
    updatedAt: NOW,
    deleted: false,
    nameJa: '株式会社サンプル',
    nameLatin: `Sample ${id.slice(-2)}`,
    contractTier: 'msa_enterprise',
    supportPolicyId: 'msa-2026',
    contractStart: '2026-01-01',
    contractEnd: '2026-12-31',
    calendar: {
      timeZone: 'Asia/Tokyo',
      workdays: [1, 2, 3, 4, 5],
      hours: { start: '09:00', end: '17:00' },
      holidays: 'JP',
      extraHolidays: [],
      extraWorkdays: [],
    },
    tamId: TAM.id,
    backupTamId: null,
    team: 'east',
  }) as unknown as Customer;

const tamUser: User = {
  id: TAM.id,
  version: 1,
  updatedAt: NOW,
  deleted: false,
  name: 'Tam One',
  email: 'tam1@example.com',
  role: 'tam',
  team: 'east',
  locale: 'ja',
};

let n = 0;
const dbs: ReplicaDb[] = [];
function freshDb(factory = new IDBFactory(), versions = SCHEMA_VERSIONS, name = `closed-${n++}`): ReplicaDb {
  const db = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange }, versions);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** A valid incident row (made by the shared mutation logic), changed by `patch`. */
async function incidentRow(i: number, patch: Partial<Incident>): Promise<Incident> {
  const db = freshDb();
  await db.customers.bulkPut([customer(C1), customer(C2)]);
  await db.users.put(tamUser);
  const made = await mutateReplica(
    db,
    TAM,
    'incident.create',
    {
      id: uuid(i),
      customerId: patch.customerId ?? C1,
      title: `Incident ${i}`,
      severity: 3,
      channel: 'email',
      receivedAt: '2026-11-02T00:00:00.000Z',
    },
    { now: NOW },
  );
  if (!made.ok) throw new Error(made.error.message);
  const row = (await db.incidents.get(uuid(i)))!;
  return { ...row, version: i, firstResponseAt: row.receivedAt, ...patch };
}

const put = (row: Incident): Change => ({
  entity: 'incident',
  op: 'put',
  id: row.id,
  data: row as unknown as Change['data'],
});
const del = (id: string): Change => ({ entity: 'incident', op: 'delete', id }) as Change;

async function page(db: ReplicaDb, changes: Change[], cursor = 'c'): Promise<void> {
  await writePage(db, {
    changes,
    cursor,
    bootstrap: false,
    progress: { bootstrap: false, rows: 0, pages: 0, startedAt: NOW, remaining: null, stage: null },
  });
}

async function buckets(db: ReplicaDb): Promise<Record<string, string[]>> {
  const rows = (await db.table(CLOSED_HISTORY_TABLE).toArray()) as ClosedBucket[];
  return Object.fromEntries(rows.map((b) => [b.key, b.incidents.map((i) => i.id)]));
}

async function seeded(): Promise<ReplicaDb> {
  const db = freshDb();
  await db.customers.bulkPut([customer(C1), customer(C2)]);
  await db.users.put(tamUser);
  await db.meta.put({
    key: 'sync',
    clientId: 'x',
    cursor: null,
    timelines: 'all',
    bootstrapped: true,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    progress: null,
    activity: null,
    notice: null,
  });
  return db;
}

describe('closed-history buckets', () => {
  it('server pages: closed incidents go into their customer-month bucket; reopen, delete and close move them', async () => {
    const db = await seeded();
    const a = await incidentRow(1, { status: 'closed', receivedAt: '2026-11-02T00:00:00.000Z' });
    const b = await incidentRow(2, { status: 'resolved', receivedAt: '2026-11-20T00:00:00.000Z' });
    const c = await incidentRow(3, { status: 'closed', receivedAt: '2026-10-31T23:00:00.000Z' });
    const d = await incidentRow(4, { status: 'in_progress', receivedAt: '2026-11-03T00:00:00.000Z' });
    const e = await incidentRow(5, {
      status: 'closed',
      customerId: C2,
      receivedAt: '2026-11-05T00:00:00.000Z',
    });
    await page(db, [put(a), put(b), put(c), put(d), put(e)]);
    expect(await buckets(db)).toEqual({
      [`${C1}:2026-11`]: [a.id, b.id],
      [`${C1}:2026-10`]: [c.id],
      [`${C2}:2026-11`]: [e.id],
    });
    expect(bucketKey(a)).toBe(`${C1}:2026-11`);
    // A customer's incidents: open and closed, newest first, nothing of another customer.
    expect((await incidentsWithHistory(db, C1)).map((i) => i.id)).toEqual([b.id, d.id, a.id, c.id]);
    expect((await allIncidentsWithHistory(db)).map((i) => i.id).sort()).toEqual(
      [a.id, b.id, c.id, d.id, e.id].sort(),
    );

    // b reopens, c is deleted (its bucket goes), d closes, a changes (the bucket holds the new row).
    const a2 = { ...a, version: 10, severity: 2 as const };
    await page(db, [
      put({ ...b, version: 11, status: 'in_progress' }),
      del(c.id),
      put({ ...d, version: 12, status: 'resolved' }),
      put(a2),
    ]);
    expect(await buckets(db)).toEqual({
      [`${C1}:2026-11`]: [a.id, d.id],
      [`${C2}:2026-11`]: [e.id],
    });
    const bucket = (await db.table(CLOSED_HISTORY_TABLE).get(`${C1}:2026-11`)) as ClosedBucket;
    expect(bucket.incidents[0]).toEqual(a2);
    // A tombstone leaves the history too.
    await page(db, [put({ ...e, version: 13, deleted: true })]);
    expect(await buckets(db)).toEqual({ [`${C1}:2026-11`]: [a.id, d.id] });
  });

  it('a pending local reopen moves the incident out; a rebase on the server state keeps it in step', async () => {
    const db = await seeded();
    const a = await incidentRow(1, { status: 'resolved', resolvedAt: '2026-11-10T00:00:00.000Z' });
    await page(db, [put(a)]);
    expect(await buckets(db)).toEqual({ [`${C1}:2026-11`]: [a.id] });
    const reopened = await mutateReplica(
      db,
      TAM,
      'incident.setStatus',
      { incidentId: a.id, from: 'resolved', to: 'in_progress', eventId: uuid(50) },
      { now: NOW },
    );
    expect(reopened.ok).toBe(true);
    expect(await buckets(db)).toEqual({});
    // The server closes it meanwhile: its state goes to the shadow, the local reopen stays shown.
    await page(db, [put({ ...a, version: 20, status: 'closed' })]);
    expect(await buckets(db)).toEqual({});
    // The rebase puts the server state back and re-runs the reopen: it no longer applies
    // ('closed' is not 'resolved'), so the server's closed incident is in its bucket.
    await rebase(db);
    expect((await db.incidents.get(a.id))?.status).toBe('closed');
    expect(await buckets(db)).toEqual({ [`${C1}:2026-11`]: [a.id] });
    // Without a pending change the rebase changes nothing.
    await db.outbox.clear();
    await rebase(db);
    expect(await buckets(db)).toEqual({ [`${C1}:2026-11`]: [a.id] });
  });

  it('the upgrade to version 9 fills the buckets from the incidents table, outbox intact', async () => {
    const factory = new IDBFactory();
    const v6 = freshDb(
      factory,
      SCHEMA_VERSIONS.filter((v) => v.version <= 6),
      'closed-upgrade',
    );
    const a = await incidentRow(1, { status: 'closed' });
    const b = await incidentRow(2, { status: 'new' });
    const c = await incidentRow(3, { status: 'resolved', deleted: true });
    const d = await incidentRow(4, {
      status: 'resolved',
      customerId: C2,
      receivedAt: '2025-01-01T00:00:00.000Z',
    });
    await v6.incidents.bulkPut([a, b, c, d]);
    await v6.outbox.add({
      name: 'incident.setStatus',
      args: {},
      actor: TAM,
      now: NOW,
      status: 'pending',
      rows: [],
      localError: null,
      attempts: 0,
    } as never);
    v6.close();
    const current = freshDb(factory, SCHEMA_VERSIONS, 'closed-upgrade');
    expect(await buckets(current)).toEqual({ [`${C1}:2026-11`]: [a.id], [`${C2}:2025-01`]: [d.id] });
    expect(await current.incidents.count()).toBe(4);
    expect(await current.outbox.count()).toBe(1);
  });
});
