// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, HealthCheck, Incident, TimelineEvent } from '../../shared/model/entities';
import { ReplicaDb } from '../replica/db';
import { Indexer } from './indexer';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const I1 = '00000000-0000-4000-8000-0000000000a1';
const I2 = '00000000-0000-4000-8000-0000000000a2';
const E1 = '00000000-0000-4000-8000-0000000000e1';
const E2 = '00000000-0000-4000-8000-0000000000e2';
const H1 = '00000000-0000-4000-8000-0000000000b1';
const U1 = '00000000-0000-4000-8000-000000000001';

const envelope = (id: string, version = 1) => ({
  id,
  version,
  updatedAt: `2026-05-0${version}T00:00:00.000Z`,
  deleted: false,
});

const customer = {
  ...envelope(C1),
  nameJa: '北斗電機株式会社',
  nameLatin: 'Hokuto Denki K.K.',
  nameKana: 'ホクトデンキ',
  team: 'east',
  tamId: U1,
  backupTamId: null,
} as unknown as Customer;

const incident = (id: string, title: string, status: Incident['status'] = 'in_progress', version = 1) =>
  ({
    ...envelope(id, version),
    customerId: C1,
    title,
    description: '',
    severity: 2,
    channel: 'portal',
    status,
    receivedAt: '2026-04-01T00:00:00.000Z',
    firstResponseAt: null,
    resolvedAt: null,
    severityHistory: [],
    createdBy: U1,
  }) as unknown as Incident;

const event = (id: string, incidentId: string, body: string, version = 1) =>
  ({
    ...envelope(id, version),
    incidentId,
    customerId: C1,
    kind: 'note',
    at: '2026-04-02T00:00:00.000Z',
    authorId: U1,
    body,
    visibility: 'internal',
    isAnswer: false,
    meta: null,
  }) as unknown as TimelineEvent;

const healthCheck = {
  ...envelope(H1),
  customerId: C1,
  agreedOn: '2026-03-01',
  scheduledDate: '2026-03-10',
  status: 'completed',
  completedAt: '2026-03-10T08:00:00.000Z',
  findings: [
    {
      id: '00000000-0000-4000-8000-0000000000f1',
      area: 'バックアップ',
      finding: 'ｽﾅｯﾌﾟｼｮｯﾄの保持期間が短い',
      severity: 'medium',
      recommendation: '保持期間を30日にする',
      status: 'open',
    },
  ],
} as unknown as HealthCheck;

let n = 0;
const open: ReplicaDb[] = [];
const indexers: Indexer[] = [];
function pair(): { factory: IDBFactory; name: string; writer: ReplicaDb } {
  const factory = new IDBFactory();
  const name = `search-test-${n++}`;
  const writer = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange });
  open.push(writer);
  return { factory, name, writer };
}
function indexerOn(factory: IDBFactory, name: string): Indexer {
  const db = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange });
  open.push(db);
  const indexer = new Indexer(db, { saveDelayMs: 60_000 });
  indexers.push(indexer);
  return indexer;
}
afterEach(() => {
  for (const i of indexers.splice(0)) i.stop();
  for (const db of open.splice(0)) db.close();
});

async function settle(indexer: Indexer): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await indexer.idle();
}

const ids = async (indexer: Indexer, query: string) => (await indexer.search(query)).map((h) => h.id).sort();

describe('search indexer', () => {
  it('indexes the replica: a timeline note finds its incident, kana finds the customer, findings are searchable', async () => {
    const { factory, name, writer } = pair();
    await writer.customers.put(customer);
    await writer.incidents.bulkPut([
      incident(I1, 'DB接続が切れる'),
      incident(I2, 'バックアップ失敗', 'closed'),
    ]);
    await writer.timelineEvents.bulkPut([
      event(E1, I1, 'ライセンスキーの期限切れが原因でした'),
      event(E2, I2, ''),
    ]);
    await writer.healthChecks.put(healthCheck);
    const indexer = indexerOn(factory, name);
    await indexer.start();
    expect(indexer.status).toMatchObject({ state: 'ready', loaded: false });

    const [hit, ...rest] = await indexer.search('ﾗｲｾﾝｽ');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      kind: 'event',
      rowId: I1,
      title: 'DB接続が切れる',
      status: 'in_progress',
      open: true,
    });
    expect(hit!.snippet!.text).toContain('ライセンスキー');
    expect(await ids(indexer, 'ほくと')).toEqual([`customer:${C1}`]);
    expect(await ids(indexer, 'スナップショット')).toEqual([
      `finding:${H1}:00000000-0000-4000-8000-0000000000f1`,
    ]);
  });

  it('follows changes made by another connection: new rows, changed rows, tombstones', async () => {
    const { factory, name, writer } = pair();
    await writer.incidents.put(incident(I1, 'DB接続が切れる'));
    const indexer = indexerOn(factory, name);
    await indexer.start();
    expect(await ids(indexer, '証明書')).toEqual([]);

    await writer.timelineEvents.put(event(E1, I1, 'サーバー証明書を更新しました'));
    await settle(indexer);
    expect(await ids(indexer, '証明書')).toEqual([`event:${E1}`]);

    await writer.incidents.put(incident(I1, 'DB接続が切れる', 'closed', 2));
    await settle(indexer);
    expect((await indexer.search('証明書'))[0]).toMatchObject({ status: 'closed', open: false });
    expect(await ids(indexer, '証明書')).toEqual([`event:${E1}`]);

    await writer.timelineEvents.put({ ...event(E1, I1, 'サーバー証明書を更新しました', 2), deleted: true });
    await settle(indexer);
    expect(await ids(indexer, '証明書')).toEqual([]);

    await writer.incidents.clear();
    await settle(indexer);
    expect(await ids(indexer, '接続')).toEqual([]);
  });

  it('persists the index: a cold start loads it and re-indexes only what changed meanwhile', async () => {
    const { factory, name, writer } = pair();
    await writer.incidents.put(incident(I1, 'DB接続が切れる'));
    await writer.timelineEvents.put(event(E1, I1, 'ライセンスキーの期限切れ'));
    const first = indexerOn(factory, name);
    await first.start();
    await first.save();
    first.stop();
    const saved = await writer.searchIndex.get('index');
    expect(saved?.json.length).toBeGreaterThan(0);

    // While no indexer runs, the note changes and another incident arrives.
    await writer.timelineEvents.put(event(E1, I1, 'メモリリークが原因', 2));
    await writer.incidents.put(incident(I2, 'ディスク容量不足'));

    const second = indexerOn(factory, name);
    await second.start();
    expect(second.status.loaded).toBe(true);
    expect(await ids(second, 'ライセンス')).toEqual([]);
    expect(await ids(second, 'メモリリーク')).toEqual([`event:${E1}`]);
    expect(await ids(second, 'ディスク')).toEqual([`incident:${I2}`]);
  });
});
