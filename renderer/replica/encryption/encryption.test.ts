// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, TimelineEvent } from '../../../shared/model/entities';
import { ReplicaDb } from '../db';
import { SCHEMA_VERSIONS } from '../schema';
import { generateReplicaKey, isSealedRow, ReplicaKeyError, seal, sealRow, unseal, unsealRow } from './codec';
import { ENCRYPTED_FIELDS, SEALED_FIELD } from './fields';
import { verifyReplicaKey } from './key-check';
import { browserReplicaKey, replicaKeyFor } from './keys';

const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
const USER = '00000000-0000-4000-8000-000000000001';

function incident(i: number, title = `Database failover ${i}`): Incident {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: i,
    updatedAt: '2026-11-26T01:00:00.000Z',
    deleted: false,
    customerId: CUSTOMER,
    title,
    description: `Secret details ${i}`,
    severity: 2,
    channel: 'portal',
    status: i % 2 ? 'new' : 'in_progress',
    receivedAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T01:00:00.000Z`,
    firstResponseAt: null,
    resolvedAt: null,
    severityHistory: [{ severity: 2, at: '2026-11-01T01:00:00.000Z', by: USER }],
    createdBy: USER,
  };
}

function event(i: number, incidentId: string): TimelineEvent {
  return {
    id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    version: i,
    updatedAt: '2026-11-26T01:00:00.000Z',
    deleted: false,
    incidentId,
    customerId: CUSTOMER,
    kind: 'note',
    at: `2026-11-26T01:00:${String(i % 60).padStart(2, '0')}.000Z`,
    authorId: USER,
    body: `Called the customer about ${i}`,
    visibility: 'internal',
    isAnswer: false,
    meta: null,
  };
}

let n = 0;
const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function fresh(key: CryptoKey | null, onKeyError?: (e: ReplicaKeyError) => void) {
  const factory = new IDBFactory();
  const name = `enc-${n++}`;
  const db = new ReplicaDb(
    name,
    { indexedDB: factory, IDBKeyRange },
    SCHEMA_VERSIONS,
    key ? { key, ...(onKeyError ? { onKeyError } : {}) } : undefined,
  );
  open.push(db);
  await db.open();
  /** The same database without the middleware: what IndexedDB really holds. */
  const raw = async () => {
    const r = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange });
    open.push(r);
    await r.open();
    return r;
  };
  const withKey = async (other: CryptoKey, onError?: (e: ReplicaKeyError) => void) => {
    const r = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange }, SCHEMA_VERSIONS, {
      key: other,
      ...(onError ? { onKeyError: onError } : {}),
    });
    open.push(r);
    await r.open();
    return r;
  };
  return { db, raw, withKey, factory };
}

describe('codec', () => {
  it('round-trips JSON values and seals each time with a fresh IV', async () => {
    const key = await generateReplicaKey();
    const value = { title: '障害: データベース', findings: [{ a: 1 }], note: null };
    const a = await seal(key, 'incidents', value);
    const b = await seal(key, 'incidents', value);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(await unseal(key, 'incidents', a)).toEqual(value);
    expect(new TextDecoder().decode(a)).not.toContain('データベース');
  });

  it('detects tampering, a wrong key and a sealed value moved to another table', async () => {
    const key = await generateReplicaKey();
    const sealed = await seal(key, 'incidents', { title: 'x' });
    const tampered = sealed.slice();
    tampered[tampered.length - 1]! ^= 1;
    await expect(unseal(key, 'incidents', tampered)).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(unseal(await generateReplicaKey(), 'incidents', sealed)).rejects.toBeInstanceOf(
      ReplicaKeyError,
    );
    await expect(unseal(key, 'requests', sealed)).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(unseal(key, 'incidents', sealed.slice(0, 10))).rejects.toBeInstanceOf(ReplicaKeyError);
  });

  it('moves only the listed fields into the sealed value and restores them', async () => {
    const key = await generateReplicaKey();
    const row = incident(1);
    const stored = await sealRow(key, 'incidents', ['title', 'description'], row);
    expect(stored).not.toHaveProperty('title');
    expect(stored).not.toHaveProperty('description');
    expect(stored).toMatchObject({ id: row.id, status: row.status, receivedAt: row.receivedAt });
    expect(isSealedRow(stored)).toBe(true);
    expect(row.title).toBe('Database failover 1'); // the caller's object is untouched
    expect(await unsealRow(key, 'incidents', stored)).toEqual(row);
    // A clear row (written before encryption) reads as it is.
    expect(await unsealRow(key, 'incidents', row)).toBe(row);
  });
});

describe('encryption middleware', () => {
  it('stores no sensitive text in clear while every read returns plain rows', async () => {
    const key = await generateReplicaKey();
    const { db, raw } = await fresh(key);
    const rows = Array.from({ length: 30 }, (_, i) => incident(i + 1));
    await db.incidents.bulkPut(rows);
    await db.timelines.bulkPut(
      rows.map((r, i) => ({ incidentId: r.id, customerId: CUSTOMER, events: [event(i, r.id)] })),
    );

    const stored = await (await raw()).incidents.toArray();
    expect(stored).toHaveLength(30);
    for (const s of stored) {
      expect(s).not.toHaveProperty('title');
      expect(JSON.stringify(s)).not.toContain('Secret details');
      expect(isSealedRow(s)).toBe(true);
    }
    // get, getMany (bulkGet), getAll (toArray), index queries, cursors with filter/reverse/limit.
    expect(await db.incidents.get(rows[3]!.id)).toEqual(rows[3]);
    expect(await db.incidents.bulkGet([rows[0]!.id, 'missing'])).toEqual([rows[0], undefined]);
    expect(await db.incidents.toArray()).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    const newest = await db.incidents
      .orderBy('receivedAt')
      .reverse()
      .filter((i) => i.title.endsWith('7'))
      .limit(2)
      .toArray();
    expect(newest.map((i) => i.title)).toEqual(
      rows
        .filter((r) => r.title.endsWith('7'))
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
        .slice(0, 2)
        .map((r) => r.title),
    );
    const storedTimeline = await (await raw()).timelines.get(rows[2]!.id);
    expect(storedTimeline).not.toHaveProperty('events');
    expect(isSealedRow(storedTimeline)).toBe(true);
    const seen: string[] = [];
    await db.timelines
      .where('customerId')
      .equals(CUSTOMER)
      .each((t) => {
        if (t.incidentId === rows[2]!.id) seen.push(...t.events.map((e) => e.body));
      });
    expect(seen).toEqual(['Called the customer about 2']);
  });

  it('keeps a read-then-write transaction whole (mutate, modify, update)', async () => {
    const key = await generateReplicaKey();
    const { db, raw } = await fresh(key);
    await db.incidents.bulkPut([incident(1), incident(2)]);
    await db.transaction('rw', db.incidents, db.outbox, async () => {
      const row = await db.incidents.get(incident(1).id);
      await db.incidents.put({ ...row!, title: `${row!.title} (edited)` });
      const again = await db.incidents.get(incident(1).id);
      await db.outbox.add({
        name: 'incident.update',
        args: { title: again!.title },
        actor: { id: USER, role: 'tam', team: 'east' },
        now: '2026-11-26T01:00:00.000Z',
        status: 'pending',
        rows: [],
        localError: null,
        attempts: 0,
      } as never);
    });
    await db.incidents.update(incident(2).id, { description: 'changed' });
    await db.incidents
      .where('id')
      .equals(incident(1).id)
      .modify((i) => {
        i.severity = 1;
      });
    expect(await db.incidents.get(incident(1).id)).toMatchObject({
      title: 'Database failover 1 (edited)',
      description: 'Secret details 1',
      severity: 1,
    });
    expect(await db.incidents.get(incident(2).id)).toMatchObject({
      title: 'Database failover 2',
      description: 'changed',
    });
    expect((await db.outbox.toArray())[0]!.args).toEqual({ title: 'Database failover 1 (edited)' });
    const r = await raw();
    expect(JSON.stringify(await r.outbox.toArray())).not.toContain('edited');
    expect(JSON.stringify(await r.incidents.toArray())).not.toContain('changed');
  });

  it('opens replicas written in clear (older versions) and seals what is written after', async () => {
    const key = await generateReplicaKey();
    const { db: clear, withKey, raw } = await fresh(null);
    await clear.incidents.bulkPut([incident(1), incident(2)]);
    clear.close();
    const db = await withKey(key);
    expect((await db.incidents.toArray()).map((i) => i.title)).toEqual([
      'Database failover 1',
      'Database failover 2',
    ]);
    await db.incidents.put(incident(3));
    const stored = await (await raw()).incidents.toArray();
    expect(stored.map((s) => isSealedRow(s))).toEqual([false, false, true]);
    expect(await db.incidents.get(incident(3).id)).toEqual(incident(3));
  });

  it('a wrong key reads nothing, reports the failure and changes nothing', async () => {
    const key = await generateReplicaKey();
    const { db, withKey, raw } = await fresh(key);
    await verifyReplicaKey(db, key);
    await db.incidents.bulkPut([incident(1), incident(2)]);
    db.close();
    const before = await (await raw()).incidents.toArray();

    const wrong = await generateReplicaKey();
    const errors: ReplicaKeyError[] = [];
    const other = await withKey(wrong, (e) => errors.push(e));
    await expect(verifyReplicaKey(other, wrong)).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(other.incidents.toArray()).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(other.incidents.get(incident(1).id)).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(
      other.incidents
        .orderBy('receivedAt')
        .reverse()
        .filter((i) => !i.deleted)
        .toArray(),
    ).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(
      other.transaction('r', other.incidents, () => other.incidents.bulkGet([incident(2).id])),
    ).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(
      other.transaction('rw', other.incidents, async () => {
        const row = await other.incidents.get(incident(1).id);
        await other.incidents.put({ ...row!, title: 'overwritten' });
      }),
    ).rejects.toBeInstanceOf(ReplicaKeyError);
    expect(errors.length).toBeGreaterThan(0);
    expect(await (await raw()).incidents.toArray()).toEqual(before);
    expect(await (await raw()).meta.count()).toBe(1); // only the key check, written by the right key

    const right = await withKey(key);
    await expect(verifyReplicaKey(right, key)).resolves.toBeUndefined();
    expect(await right.incidents.get(incident(1).id)).toEqual(incident(1));
  });

  it('cursors read ahead and return exactly what a clear replica returns', async () => {
    const key = await generateReplicaKey();
    const { db } = await fresh(key);
    const { db: clear } = await fresh(null);
    const OTHER = '00000000-0000-4000-8000-0000000000c2';
    const statuses = ['new', 'in_progress', 'resolved', 'closed'] as const;
    const rows = Array.from({ length: 150 }, (_, i) => ({
      ...incident(i + 1, `Database failover ${i % 13}`),
      customerId: i % 3 ? CUSTOMER : OTHER,
      status: statuses[i % 4]!,
      deleted: i % 11 === 0,
    }));
    await db.incidents.bulkPut(rows);
    await clear.incidents.bulkPut(rows);
    const alive = (i: Incident) => !i.deleted;
    const queries: Array<[string, (d: ReplicaDb) => Promise<unknown>]> = [
      [
        'newest, filtered, limited',
        (d) => d.incidents.orderBy('receivedAt').reverse().filter(alive).limit(7).toArray(),
      ],
      ['every row in reverse index order', (d) => d.incidents.orderBy('receivedAt').reverse().toArray()],
      ['filter on a sealed field', (d) => d.incidents.filter((i) => i.title.endsWith(' 7')).toArray()],
      [
        'anyOf (continue to a key)',
        (d) =>
          d.incidents
            .where('[customerId+status]')
            .anyOf([
              [OTHER, 'closed'],
              [CUSTOMER, 'new'],
              [CUSTOMER, 'resolved'],
            ])
            .filter(alive)
            .toArray(),
      ],
      [
        'anyOf in reverse',
        (d) =>
          d.incidents
            .where('[customerId+status]')
            .anyOf([
              [OTHER, 'new'],
              [CUSTOMER, 'in_progress'],
            ])
            .reverse()
            .toArray(),
      ],
      [
        'startsWithAnyOf',
        (d) => d.incidents.where('receivedAt').startsWithAnyOf(['2026-11-03', '2026-11-2']).toArray(),
      ],
      [
        'offset (advance) and limit',
        (d) =>
          d.incidents
            .where('[status+receivedAt]')
            .between(['new', Dexie.minKey], ['new', Dexie.maxKey])
            .reverse()
            .offset(5)
            .limit(10)
            .toArray(),
      ],
      [
        'offset after a filter',
        (d) => d.incidents.orderBy('receivedAt').filter(alive).offset(40).limit(30).toArray(),
      ],
      [
        'first and last',
        async (d) => [
          await d.incidents.orderBy('receivedAt').first(),
          await d.incidents.orderBy('receivedAt').last(),
        ],
      ],
      ['count with a filter', (d) => d.incidents.filter((i) => i.title.includes('failover 1')).count()],
      [
        'each, stopped by until()',
        async (d) => {
          const seen: string[] = [];
          await d.incidents
            .orderBy('receivedAt')
            .until((i) => i.title.endsWith(' 12'))
            .each((i) => seen.push(i.title));
          return seen;
        },
      ],
      [
        'or() (two cursors at once: compared by id)',
        async (d) =>
          (
            await d.incidents
              .where('[customerId+status]')
              .equals([OTHER, 'new'])
              .or('receivedAt')
              .startsWith('2026-11-1')
              .toArray()
          ).sort((a, b) => a.id.localeCompare(b.id)),
      ],
    ];
    for (const [what, query] of queries) {
      expect(await query(db), what).toEqual(await query(clear));
    }

    // The cursor's own moves, straight on the DBCore cursor Dexie drives: every step after rows
    // were read ahead must land where IndexedDB's cursor does.
    type Move = ['continue'] | ['key', unknown] | ['pk', unknown, unknown] | ['advance', number];
    const sorted = [...rows].sort((a, b) =>
      a.customerId !== b.customerId
        ? a.customerId.localeCompare(b.customerId)
        : a.receivedAt !== b.receivedAt
          ? a.receivedAt.localeCompare(b.receivedAt)
          : a.id.localeCompare(b.id),
    );
    const scan = (d: ReplicaDb, reverse: boolean, moves: Move[]) =>
      d.transaction('r', d.incidents, async (tx) => {
        const table = d.core.table('incidents');
        const index = table.schema.getIndexByKeyPath(['customerId', 'receivedAt'])!;
        const cursor = await table.openCursor({
          trans: (tx as unknown as { idbtrans: never }).idbtrans,
          values: true,
          reverse,
          query: { index, range: { type: 3 } as never },
        });
        const seen: Array<[unknown, string]> = [];
        let m = 0;
        await cursor!.start(() => {
          seen.push([cursor!.primaryKey, (cursor!.value as Incident).title]);
          const move = moves[m++];
          if (!move) cursor!.stop();
          else if (move[0] === 'continue') cursor!.continue();
          else if (move[0] === 'key') cursor!.continue(move[1]);
          else if (move[0] === 'pk') cursor!.continuePrimaryKey(move[1], move[2]);
          else cursor!.advance(move[1]);
        });
        return seen;
      });
    const at = (i: number) => [sorted[i]!.customerId, sorted[i]!.receivedAt];
    const scripts: Array<[boolean, Move[]]> = [
      [
        false,
        [
          ['continue'],
          ['continue'],
          ['continue'],
          ['key', at(40)],
          ['continue'],
          ['advance', 3],
          ['continue'],
          ['advance', 30],
          ['key', at(120)],
          ['continue'],
        ],
      ],
      [
        false,
        [
          ...Array<Move>(20).fill(['continue']),
          ['pk', at(60), sorted[60]!.id],
          ['continue'],
          ['advance', 1],
          ['key', at(149)],
          ['continue'],
          ['continue'],
        ],
      ],
      [
        true,
        [
          ['continue'],
          ['advance', 2],
          ...Array<Move>(15).fill(['continue']),
          ['key', at(30)],
          ['pk', at(10), sorted[10]!.id],
          ['advance', 200],
        ],
      ],
      [false, Array<Move>(200).fill(['continue'])],
    ];
    for (const [reverse, moves] of scripts) {
      expect(await scan(db, reverse, moves)).toEqual(await scan(clear, reverse, moves));
    }
  });

  it('keeps explicit transactions whole: reads between awaits, writes to several tables at once', async () => {
    const key = await generateReplicaKey();
    const { db, raw } = await fresh(key);
    const rows = Array.from({ length: 40 }, (_, i) => incident(i + 1));
    await db.incidents.bulkPut(rows.slice(0, 20));
    const titles = await db.transaction('r', db.incidents, db.timelines, async () => {
      const first = await db.incidents.get(rows[0]!.id);
      const some = await db.incidents.bulkGet([rows[1]!.id, rows[2]!.id]);
      const newest = await db.incidents.orderBy('receivedAt').reverse().limit(3).toArray();
      const all = await db.incidents.toArray();
      return [first!.title, ...some.map((r) => r!.title), newest.length, all.length];
    });
    expect(titles).toEqual(['Database failover 1', 'Database failover 2', 'Database failover 3', 3, 20]);

    await db.transaction('rw', db.incidents, db.timelines, db.outbox, async () => {
      // Seals and opens in flight at once in one transaction (as a pulled page writes).
      const [, , before] = await Promise.all([
        db.incidents.bulkPut(rows.slice(20)),
        db.timelines.bulkPut(
          rows.map((r, i) => ({ incidentId: r.id, customerId: CUSTOMER, events: [event(i, r.id)] })),
        ),
        db.incidents.bulkGet(rows.slice(0, 20).map((r) => r.id)),
        db.incidents
          .orderBy('receivedAt')
          .filter((i) => i.title.endsWith('1'))
          .toArray(),
      ]);
      await db.incidents.bulkPut(before.map((r) => ({ ...r!, description: `${r!.description} (seen)` })));
      const again = await db.incidents.get(rows[39]!.id);
      await db.outbox.add({
        name: 'incident.update',
        args: { title: again!.title },
        actor: { id: USER, role: 'tam', team: 'east' },
        now: '2026-11-26T01:00:00.000Z',
        status: 'pending',
        rows: [],
        localError: null,
        attempts: 0,
      } as never);
    });
    expect(await db.incidents.count()).toBe(40);
    expect((await db.incidents.get(rows[5]!.id))!.description).toBe('Secret details 6 (seen)');
    expect((await db.timelines.get(rows[30]!.id))!.events[0]!.body).toBe('Called the customer about 30');
    expect((await db.outbox.toArray())[0]!.args).toEqual({ title: 'Database failover 40' });
    const stored = await raw();
    expect((await stored.incidents.toArray()).every((r) => isSealedRow(r))).toBe(true);
    expect(JSON.stringify(await stored.timelines.toArray())).not.toContain('Called the customer');
  });

  it('no index of any schema version is on an encrypted field', () => {
    for (const version of SCHEMA_VERSIONS) {
      for (const [table, spec] of Object.entries(version.stores)) {
        const fields = ENCRYPTED_FIELDS[table];
        if (!spec || !fields) continue;
        const indexed = spec
          .split(',')
          .map((s) => s.trim().replace(/^[+&*]+/, ''))
          .flatMap((s) => s.replace(/^\[|\]$/g, '').split('+'));
        for (const field of fields) {
          expect(indexed, `${table} v${version.version}`).not.toContain(field);
        }
      }
    }
    expect(SEALED_FIELD.startsWith('$')).toBe(true);
  });
});

describe('keys', () => {
  it('uses the desktop keyring key when the bridge has one', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const outcome = await replicaKeyFor({ getReplicaKey: async () => ({ ok: true, key: raw }) }, 'r');
    expect(outcome).toMatchObject({ ok: true, source: 'keyring' });
    if (!outcome.ok) return;
    expect(outcome.key.extractable).toBe(false);
    // The same bytes make the same key: a value sealed with one opens with the other.
    const again = await replicaKeyFor({ getReplicaKey: async () => ({ ok: true, key: raw }) }, 'r');
    const sealed = await seal(outcome.key, 't', 'v');
    expect(again.ok && (await unseal(again.key, 't', sealed))).toBe('v');
  });

  it('keeps a non-extractable key in the browser profile when there is no keyring', async () => {
    const factory = new IDBFactory();
    const bridge = {
      getReplicaKey: async () =>
        ({ ok: false, error: { code: 'keyring-unavailable', message: 'no keyring' } }) as const,
    };
    const first = await replicaKeyFor(bridge, 'tam-replica:o:u', factory);
    const second = await replicaKeyFor(bridge, 'tam-replica:o:u', factory);
    expect(first).toMatchObject({ ok: true, source: 'browser' });
    if (!first.ok || !second.ok) return;
    expect(first.key.extractable).toBe(false);
    const sealed = await seal(first.key, 't', 'v');
    expect(await unseal(second.key, 't', sealed)).toBe('v');
    const otherReplica = await browserReplicaKey('tam-replica:o:someone-else', factory);
    await expect(unseal(otherReplica, 't', sealed)).rejects.toBeInstanceOf(ReplicaKeyError);
  });

  it('says the key is unavailable (never makes a new one) when the keyring cannot open it', async () => {
    const outcome = await replicaKeyFor(
      {
        getReplicaKey: async () =>
          ({ ok: false, error: { code: 'replica-key-unavailable', message: 'keyring locked' } }) as const,
      },
      'r',
      new IDBFactory(),
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'replica-key-unavailable' } });
  });
});
