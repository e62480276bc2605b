// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, User } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import { ReplicaDb, rowKey } from './db';
import { mutateReplica } from './mutate';
import * as q from './queries';
import { CURRENT_INDEXES, SCHEMA_VERSIONS } from './schema';

const TAM: Actor = { id: '00000000-0000-4000-8000-000000000001', role: 'tam', team: 'east' };
const CUSTOMER_ID = '00000000-0000-4000-8000-0000000000c1';
const NOW = '2026-11-26T01:00:00.000Z';

const customer: Customer = {
  id: CUSTOMER_ID,
  version: 5,
  updatedAt: '2026-01-01T00:00:00.000Z',
  deleted: false,
  nameJa: '株式会社サンプル',
  nameLatin: 'Sample Corporation',
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
  } as unknown as Customer['calendar'],
  tamId: TAM.id,
  backupTamId: null,
  team: 'east',
};
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
function freshDb(versions = SCHEMA_VERSIONS): ReplicaDb {
  const db = new ReplicaDb(`test-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange }, versions);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

describe('mutateReplica', () => {
  it('applies the change, keeps the server state aside and queues it, in one step', async () => {
    const db = freshDb();
    await db.customers.put(customer);
    await db.users.put(tamUser);
    const incidentId = uuid(100);
    const result = await mutateReplica(
      db,
      TAM,
      'incident.create',
      {
        id: incidentId,
        customerId: CUSTOMER_ID,
        title: 'Scan engine crash',
        severity: 2,
        channel: 'phone',
        receivedAt: '2026-11-26T00:30:00Z',
      },
      { now: NOW },
    );
    expect(result).toEqual({ ok: true, mutationId: 1 });
    const row = await db.incidents.get(incidentId);
    expect(row).toMatchObject({ id: incidentId, version: 0, status: 'new', createdBy: TAM.id });
    expect(await db.shadow.get(rowKey('incident', incidentId))).toMatchObject({ row: null });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      id: 1,
      name: 'incident.create',
      status: 'pending',
      now: NOW,
      rows: [{ entity: 'incident', id: incidentId }],
    });

    const note = await mutateReplica(
      db,
      TAM,
      'timeline.append',
      {
        id: uuid(101),
        incidentId,
        kind: 'note',
        at: '2026-11-26T00:40:00Z',
        body: 'Called the customer',
        visibility: 'internal',
      },
      { now: NOW },
    );
    expect(note).toEqual({ ok: true, mutationId: 2 });
    expect((await q.timelineOf(db, incidentId)).map((e) => e.body)).toEqual(['Called the customer']);
    expect(await q.openIncidents(db)).toHaveLength(1);
    expect(await q.incidentsByCustomer(db, CUSTOMER_ID, { status: 'new' })).toHaveLength(1);
    expect(await q.incidentsByCustomer(db, CUSTOMER_ID, { status: 'closed' })).toHaveLength(0);
    expect(await q.pendingRowKeys(db)).toEqual(
      new Set([rowKey('incident', incidentId), rowKey('timelineEvent', uuid(101))]),
    );
  });

  it('rejects invalid input without writing anything', async () => {
    const db = freshDb();
    await db.customers.put(customer);
    const result = await mutateReplica(db, TAM, 'incident.create', {
      id: uuid(1),
      customerId: CUSTOMER_ID,
      title: '  ',
      severity: 2,
      channel: 'phone',
      receivedAt: NOW,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_args');
    expect(await db.incidents.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadow.count()).toBe(0);

    const missing = await mutateReplica(db, TAM, 'incident.create', {
      id: uuid(1),
      customerId: uuid(999),
      title: 'x',
      severity: 2,
      channel: 'phone',
      receivedAt: NOW,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('not_found');
  });

  it('keeps the first server state of a row changed twice', async () => {
    const db = freshDb();
    await db.customers.put(customer);
    await mutateReplica(db, TAM, 'customer.update', {
      customerId: CUSTOMER_ID,
      patch: { nameLatin: 'First' },
    });
    await mutateReplica(db, TAM, 'customer.update', {
      customerId: CUSTOMER_ID,
      patch: { nameLatin: 'Second' },
    });
    expect((await db.customers.get(CUSTOMER_ID))?.nameLatin).toBe('Second');
    expect((await db.shadow.get(rowKey('customer', CUSTOMER_ID)))?.row).toMatchObject({
      nameLatin: 'Sample Corporation',
      version: 5,
    });
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('storage full', () => {
  it('a quota error is a value the user can act on, and nothing is half-written', async () => {
    const db = freshDb();
    await db.customers.put(customer);
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    db.outbox.hook('creating', () => {
      throw quota;
    });
    const result = await mutateReplica(
      db,
      TAM,
      'incident.create',
      {
        id: uuid(5),
        customerId: CUSTOMER_ID,
        title: 'Disk is full',
        severity: 3,
        channel: 'email',
        receivedAt: NOW,
      },
      { now: NOW },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await db.incidents.count()).toBe(0);
    expect(await db.shadow.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('schema versions', () => {
  it('opens a database written by the first version with the current one, keeping its rows', async () => {
    const factory = new IDBFactory();
    const v1 = new ReplicaDb('upgrade', { indexedDB: factory, IDBKeyRange }, SCHEMA_VERSIONS.slice(0, 1));
    await v1.customers.put(customer);
    await v1.outbox.add({
      name: 'customer.update',
      args: {},
      actor: TAM,
      now: NOW,
      status: 'pending',
      rows: [],
      localError: null,
      attempts: 0,
    } as never);
    v1.close();
    const current = new ReplicaDb('upgrade', { indexedDB: factory, IDBKeyRange });
    dbs.push(current);
    expect(await current.customers.get(CUSTOMER_ID)).toMatchObject({ nameLatin: 'Sample Corporation' });
    expect(await current.outbox.count()).toBe(1);
    expect(current.verno).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version);
  });
});

describe('packed timelines and indexes (schema version 3)', () => {
  const event = (n: number, incidentId: string, at: string) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: n,
    updatedAt: at,
    deleted: false,
    incidentId,
    customerId: CUSTOMER_ID,
    kind: 'note' as const,
    at,
    authorId: TAM.id,
    body: `note ${n}`,
    visibility: 'internal' as const,
    isAnswer: false,
    meta: null,
  });
  const I1 = '00000000-0000-4000-8000-0000000000a1';
  const I2 = '00000000-0000-4000-8000-0000000000a2';

  it('the v2 -> v3 upgrade packs per-event rows into one record per incident, in time order', async () => {
    const factory = new IDBFactory();
    const v2 = new ReplicaDb('pack', { indexedDB: factory, IDBKeyRange }, SCHEMA_VERSIONS.slice(0, 2));
    const rows = [
      event(3, I1, '2026-01-01T03:00:00.000Z'),
      event(1, I1, '2026-01-01T01:00:00.000Z'),
      event(2, I2, '2026-01-01T02:00:00.000Z'),
    ];
    await v2.table('timelineEvents').bulkPut(rows);
    await v2.shadow.put({
      key: rowKey('timelineEvent', rows[0]!.id),
      entity: 'timelineEvent',
      id: rows[0]!.id,
      row: null,
    });
    v2.close();
    const db = new ReplicaDb('pack', { indexedDB: factory, IDBKeyRange });
    dbs.push(db);
    expect(await db.timelines.count()).toBe(2);
    expect((await q.timelineOf(db, I1)).map((e) => e.version)).toEqual([1, 3]);
    expect((await q.timelineOf(db, I2)).map((e) => e.version)).toEqual([2]);
    expect((await db.shadow.get(rowKey('timelineEvent', rows[0]!.id)))?.parentId).toBe(I1);
    expect((await q.timelineEventsOfCustomer(db, CUSTOMER_ID)).length).toBe(3);
    expect(db.tables.some((t) => t.name === 'timelineEvents')).toBe(false);
  });

  it('names every index of the current schema with the query that reads it, and no other', () => {
    const db = new ReplicaDb('indexes', { indexedDB: new IDBFactory(), IDBKeyRange });
    dbs.push(db);
    const have: Record<string, string[]> = {};
    for (const t of db.tables) {
      const names = t.schema.indexes.map((i) => i.name).sort();
      if (names.length > 0) have[t.name] = names;
    }
    const documented = Object.fromEntries(
      Object.entries(CURRENT_INDEXES).map(([t, idx]) => [t, Object.keys(idx).sort()]),
    );
    expect(documented).toEqual(have);
  });
});
