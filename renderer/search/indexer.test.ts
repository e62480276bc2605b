// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, HealthCheck, Incident, TimelineEvent } from '../../shared/model/entities';
import { ReplicaDb } from '../replica/db';
import { generateReplicaKey } from '../replica/encryption/codec';
import { SEALED_FIELD } from '../replica/encryption/fields';
import { SCHEMA_VERSIONS } from '../replica/schema';
import { writeEvents, type EventDelete } from '../replica/timelines';
import { Indexer } from './indexer';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const I1 = '00000000-0000-4000-8000-0000000000a1';
const I2 = '00000000-0000-4000-8000-0000000000a2';
const E1 = '00000000-0000-4000-8000-0000000000e1';
const E2 = '00000000-0000-4000-8000-0000000000e2';
const E3 = '00000000-0000-4000-8000-0000000000e3';
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

const event = (id: string, incidentId: string, body: string, version = 1, at = '2026-04-02T00:00:00.000Z') =>
  ({
    ...envelope(id, version),
    incidentId,
    customerId: C1,
    kind: 'note',
    at,
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
afterEach(() => {
  for (const i of indexers.splice(0)) i.stop();
  for (const db of open.splice(0)) db.close();
});

/** Writes timeline events the way the sync does: merged into their incidents' packed records. */
async function putEvents(db: ReplicaDb, puts: TimelineEvent[], deletes: EventDelete[] = []): Promise<void> {
  await db.transaction('rw', db.timelines, () => writeEvents(db, puts, deletes));
}

async function settle(indexer: Indexer): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await indexer.idle();
}

const ids = async (indexer: Indexer, query: string) => (await indexer.search(query)).map((h) => h.id).sort();

// Every case runs on a replica stored in clear and on one sealed with a key (the window and
// the search worker open it with the same key, as the session and client.ts do).
describe.each([
  { sealed: false, label: 'in clear' },
  { sealed: true, label: 'sealed with the replica key' },
])('search indexer ($label)', ({ sealed }) => {
  let key: CryptoKey | null = null;
  function connect(factory: IDBFactory, name: string): ReplicaDb {
    const db = new ReplicaDb(
      name,
      { indexedDB: factory, IDBKeyRange },
      SCHEMA_VERSIONS,
      key ? { key } : undefined,
    );
    open.push(db);
    return db;
  }
  async function pair(): Promise<{ factory: IDBFactory; name: string; writer: ReplicaDb }> {
    key = sealed ? await generateReplicaKey() : null;
    const factory = new IDBFactory();
    const name = `search-test-${n++}`;
    return { factory, name, writer: connect(factory, name) };
  }
  function indexerOn(factory: IDBFactory, name: string): Indexer {
    const indexer = new Indexer(connect(factory, name), { saveDelayMs: 60_000 });
    indexers.push(indexer);
    return indexer;
  }

  it('indexes the replica: a timeline note finds its incident, kana finds the customer, findings are searchable', async () => {
    const { factory, name, writer } = await pair();
    await writer.customers.put(customer);
    await writer.incidents.bulkPut([
      incident(I1, 'DB接続が切れる'),
      incident(I2, 'バックアップ失敗', 'closed'),
    ]);
    await putEvents(writer, [
      event(E1, I1, 'ライセンスキーの期限切れが原因でした'),
      event(E3, I1, 'ログを受領', 1, '2026-04-03T00:00:00.000Z'),
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
    expect(hit!.id).toBe(`event:${I1}:${E1}`);
    expect(hit!.snippet!.text).toContain('ライセンスキー');
    // Each event of a packed record is its own document.
    expect(await ids(indexer, 'ログ')).toEqual([`event:${I1}:${E3}`]);
    expect(await ids(indexer, 'ほくと')).toEqual([`customer:${C1}`]);
    expect(await ids(indexer, 'スナップショット')).toEqual([
      `finding:${H1}:00000000-0000-4000-8000-0000000000f1`,
    ]);
  });

  it('follows changes made by another connection: new rows, changed rows, tombstones', async () => {
    const { factory, name, writer } = await pair();
    await writer.incidents.put(incident(I1, 'DB接続が切れる'));
    const indexer = indexerOn(factory, name);
    await indexer.start();
    expect(await ids(indexer, '証明書')).toEqual([]);

    await putEvents(writer, [event(E1, I1, 'サーバー証明書を更新しました')]);
    await settle(indexer);
    expect(await ids(indexer, '証明書')).toEqual([`event:${I1}:${E1}`]);

    // A second event joins the same packed record: both are found, the first one still.
    await putEvents(writer, [event(E2, I1, '証明書の期限を確認', 1, '2026-04-03T00:00:00.000Z')]);
    await settle(indexer);
    expect(await ids(indexer, '証明書')).toEqual([`event:${I1}:${E1}`, `event:${I1}:${E2}`]);

    await writer.incidents.put(incident(I1, 'DB接続が切れる', 'closed', 2));
    await settle(indexer);
    expect((await indexer.search('証明書'))[0]).toMatchObject({ status: 'closed', open: false });
    expect(await ids(indexer, '証明書')).toEqual([`event:${I1}:${E1}`, `event:${I1}:${E2}`]);

    // A tombstoned event stays in its record but is no longer found.
    await putEvents(writer, [{ ...event(E1, I1, 'サーバー証明書を更新しました', 2), deleted: true }]);
    await settle(indexer);
    expect(await ids(indexer, '証明書')).toEqual([`event:${I1}:${E2}`]);

    // The last events deleted: the record is gone, and so are its documents.
    await putEvents(
      writer,
      [],
      [
        { id: E1, parentId: I1 },
        { id: E2, parentId: I1 },
      ],
    );
    await settle(indexer);
    expect(await writer.timelines.get(I1)).toBeUndefined();
    expect(await ids(indexer, '証明書')).toEqual([]);

    await writer.incidents.clear();
    await settle(indexer);
    expect(await ids(indexer, '接続')).toEqual([]);
  });

  it('persists the index: a cold start loads it and re-indexes only what changed meanwhile', async () => {
    const { factory, name, writer } = await pair();
    await writer.incidents.put(incident(I1, 'DB接続が切れる'));
    await putEvents(writer, [event(E1, I1, 'ライセンスキーの期限切れ')]);
    const first = indexerOn(factory, name);
    await first.start();
    await first.save();
    first.stop();
    const saved = await writer.searchIndex.get('index');
    expect(saved?.json.length).toBeGreaterThan(0);
    if (sealed) {
      // At rest, the timeline and the index's words are ciphertext only.
      const raw = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange });
      open.push(raw);
      const storedIndex = (await raw.searchIndex.get('index')) as unknown as Record<string, unknown>;
      expect(storedIndex[SEALED_FIELD]).toBeInstanceOf(Uint8Array);
      expect(storedIndex).not.toHaveProperty('json');
      const storedTimeline = (await raw.timelines.get(I1)) as unknown as Record<string, unknown>;
      expect(storedTimeline[SEALED_FIELD]).toBeInstanceOf(Uint8Array);
      expect(storedTimeline).not.toHaveProperty('events');
      raw.close();
    }

    // While no indexer runs, the note changes and another incident arrives.
    await putEvents(writer, [event(E1, I1, 'メモリリークが原因', 2)]);
    await writer.incidents.put(incident(I2, 'ディスク容量不足'));

    const second = indexerOn(factory, name);
    await second.start();
    expect(second.status.loaded).toBe(true);
    expect(await ids(second, 'ライセンス')).toEqual([]);
    expect(await ids(second, 'メモリリーク')).toEqual([`event:${I1}:${E1}`]);
    expect(await ids(second, 'ディスク')).toEqual([`incident:${I2}`]);
  });
});
