// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/model/entities';
import { ReplicaDb } from '../../replica/db';
import { EMPTY_FILTER, matchingIncidentIds } from './query';

const dbs: ReplicaDb[] = [];
let n = 0;
function freshDb(): ReplicaDb {
  const db = new ReplicaDb(`incidents-query-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
function incident(i: number, patch: Partial<Incident>): Incident {
  const receivedAt = patch.receivedAt ?? `2026-11-${String(10 + i).padStart(2, '0')}T01:00:00.000Z`;
  return {
    id: uuid(i),
    version: 1,
    updatedAt: receivedAt,
    deleted: false,
    customerId: 'c1',
    title: `Incident ${i}`,
    description: '',
    severity: 3,
    channel: 'portal',
    status: 'new',
    receivedAt,
    firstResponseAt: null,
    resolvedAt: null,
    severityHistory: [{ severity: 3, at: receivedAt, by: uuid(0) }],
    createdBy: uuid(0),
    ...patch,
  };
}

const rows = [
  incident(1, { title: 'Scan engine crash', severity: 1 }),
  incident(2, { title: 'ライセンス数の確認', customerId: 'c2', status: 'closed' }),
  incident(3, { title: 'Slow SCAN on file servers', severity: 2, status: 'in_progress' }),
  incident(4, { title: 'Update fails', customerId: 'c2', status: 'resolved' }),
];

describe('incident list queries', () => {
  it('newest first, filtered by status, level, customer and title words (case and width ignored)', async () => {
    const db = freshDb();
    await db.incidents.bulkPut(rows);
    const ids = (f: Partial<typeof EMPTY_FILTER>) => matchingIncidentIds(db, { ...EMPTY_FILTER, ...f });
    expect(await ids({})).toEqual([uuid(4), uuid(3), uuid(2), uuid(1)]);
    expect(await ids({ status: 'open' })).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ status: 'closed' })).toEqual([uuid(2)]);
    expect(await ids({ severity: 1 })).toEqual([uuid(1)]);
    expect(await ids({ customerId: 'c2' })).toEqual([uuid(4), uuid(2)]);
    expect(await ids({ customerId: 'c2', status: 'open' })).toEqual([]);
    expect(await ids({ search: 'ｓｃａｎ' })).toEqual([uuid(3), uuid(1)]);
    expect(await ids({ search: 'scan slow' })).toEqual([uuid(3)]);
    expect(await ids({ search: '確認' })).toEqual([uuid(2)]);
    expect(await ids({ search: 'scan', status: 'open', severity: 2 })).toEqual([uuid(3)]);
  });
});
