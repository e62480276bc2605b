// Push never stalls, on both engines over real HTTP: a mutation that throws on the server is
// rejected `internal` and rolled back alone (its savepoint), the push goes on and answers 200;
// the request note of Found #1 (issue 12) fits its row; per-user write quotas answer 429
// `rate_limited` with Retry-After and apply nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../shared/model/entities';
import { FIELD_LIMITS } from '../shared/model/entities';
import type { Db } from './db';
import { openDatabase } from './db';
import { push } from './sync/push';
import { writeRows } from './sync/store';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

const CLIENT = () => `push-${randomUUID()}`;

describe.each(engineCases())('push on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  let tam: string;
  let clock = Date.parse('2026-03-02T01:00:00Z');
  const now = () => clock;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db, now });
    tam = await login(server.base, fx.users.tamA.email);
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const pushRaw = (
    clientId: string,
    mutations: Array<{ id: number; name: string; args: unknown }>,
    base = server.base,
    token = tam,
  ) => http(base, 'POST', '/v1/sync/push', { token, body: { clientId, mutations } });

  const note = (body: string) => ({
    name: 'timeline.append',
    args: {
      id: randomUUID(),
      incidentId: fx.incidents.i1.id,
      kind: 'note',
      at: '2026-01-05T12:00:00+09:00',
      body,
      visibility: 'internal',
    },
  });

  const newRequest = async () => {
    const id = randomUUID();
    const a = new TestReplica(server.base, tam);
    const r = await a.push('request.create', {
      id,
      customerId: fx.customers.c1.id,
      type: 'signature_release',
      title: 'Signature',
      product: 'Endpoint Security',
      productVersion: '12.1',
    });
    expect(r.status).toBe('applied');
    return id;
  };

  const row = async (entity: string, id: string) => {
    const r = await db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', entity)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? (JSON.parse(r.data) as Record<string, unknown>) : undefined;
  };

  it.skipIf(!!skip)(
    'Found #1: a request note of 3,000 characters fits its row; the push answers 200 and the changes after it apply',
    async () => {
      const requestId = await newRequest();
      const after = note('after the long note');
      const res = await pushRaw(CLIENT(), [
        {
          id: 1,
          name: 'request.advance',
          args: { requestId, from: 'submitted', to: 'in_analysis', note: 'n'.repeat(3000) },
        },
        { id: 2, ...after },
      ]);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { id: 1, status: 'applied' },
        { id: 2, status: 'applied' },
      ]);
      const stored = (await row('request', requestId)) as unknown as Request;
      expect(stored.stage).toBe('in_analysis');
      expect(stored.stageHistory.at(-1)?.note).toHaveLength(3000);
      expect(await row('timelineEvent', (after.args as { id: string }).id)).toBeDefined();
      // The longest note the mutation accepts is the longest the row keeps.
      const longest = await pushRaw(CLIENT(), [
        {
          id: 1,
          name: 'request.advance',
          args: {
            requestId,
            from: 'in_analysis',
            to: 'release_scheduled',
            note: 'x'.repeat(FIELD_LIMITS.stageNote),
          },
        },
      ]);
      expect(longest.body.results).toEqual([{ id: 1, status: 'applied' }]);
    },
  );

  it.skipIf(!!skip)(
    'a mutation that throws on the server is rejected `internal`, rolled back alone, and the push goes on with 200',
    async () => {
      // A stored request the row schema refuses (a title over the limit, as an older server or
      // a hand edit could leave): advancing it produces an invalid row, and the server throws.
      const broken: Request = {
        id: randomUUID(),
        version: 0,
        updatedAt: '2026-01-05T00:00:00.000Z',
        deleted: false,
        customerId: fx.customers.c1.id,
        type: 'signature_release',
        stage: 'submitted',
        title: 't'.repeat(FIELD_LIMITS.title + 1),
        description: '',
        product: 'Endpoint Security',
        productVersion: '12.1',
        incidentId: null,
        priority: 'prioritised',
        stageHistory: [
          { stage: 'submitted', at: '2026-01-05T00:00:00.000Z', by: fx.users.tamA.id, note: null },
        ],
        createdBy: fx.users.tamA.id,
      };
      await writeRows(db.kysely, [{ entity: 'request', row: broken }]);
      // And a database statement that fails inside a mutation (on PostgreSQL it aborts the
      // transaction unless rolled back to a savepoint): a trigger refusing writes of customer c1.
      const c1 = fx.customers.c1.id;
      if (engine === 'sqlite') {
        await sql
          .raw(
            `create trigger push_test_refuse before update on records when new.entity = 'customer' and new.id = '${c1}' begin select raise(abort, 'refused by test trigger'); end`,
          )
          .execute(db.kysely);
        await sql
          .raw(
            `create trigger push_test_refuse_insert before insert on records when new.entity = 'customer' and new.id = '${c1}' begin select raise(abort, 'refused by test trigger'); end`,
          )
          .execute(db.kysely);
      } else {
        await sql
          .raw(
            `create function push_test_refuse() returns trigger language plpgsql as $$ begin if new.entity = 'customer' and new.id = '${c1}' then raise exception 'refused by test trigger'; end if; return new; end $$`,
          )
          .execute(db.kysely);
        await sql
          .raw(
            'create trigger push_test_refuse before insert or update on records for each row execute function push_test_refuse()',
          )
          .execute(db.kysely);
      }
      try {
        const first = note('before the failures');
        const last = note('after the failures');
        const versionBefore = Number(
          (await db.kysely.selectFrom('sync_state').select('last_version').executeTakeFirstOrThrow())
            .last_version,
        );
        const clientId = CLIENT();
        const mutations = [
          { id: 1, ...first },
          {
            id: 2,
            name: 'request.advance',
            args: { requestId: broken.id, from: 'submitted', to: 'in_analysis', note: 'secret user text' },
          },
          { id: 3, name: 'customer.update', args: { customerId: c1, patch: { nameLatin: 'Never Stored' } } },
          { id: 4, ...last },
        ];
        const res = await pushRaw(clientId, mutations);
        expect(res.status).toBe(200);
        const results = res.body.results as Array<{
          id: number;
          status: string;
          error?: { code: string; message: string };
        }>;
        expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
          [1, 'applied', undefined],
          [2, 'rejected', 'internal'],
          [3, 'rejected', 'internal'],
          [4, 'applied', undefined],
        ]);
        expect(results[1]!.error!.message).toMatch(/did not apply it/);
        expect(res.body.lastMutationId).toBe(4);
        // The applied ones are stored; the failed ones left nothing (the request unchanged, the customer too).
        expect(await row('timelineEvent', (first.args as { id: string }).id)).toBeDefined();
        expect(await row('timelineEvent', (last.args as { id: string }).id)).toBeDefined();
        expect((await row('request', broken.id))?.stage).toBe('submitted');
        expect((await row('customer', c1))?.nameLatin).toBe(fx.customers.c1.nameLatin);
        // Two rows written (the two notes), with gap-free versions.
        const versionAfter = Number(
          (await db.kysely.selectFrom('sync_state').select('last_version').executeTakeFirstOrThrow())
            .last_version,
        );
        expect(versionAfter - versionBefore).toBe(2);
        // A resent push gets the first answers (the rejections are recorded like any other).
        const again = await pushRaw(clientId, mutations);
        expect(again.body.results).toEqual(res.body.results);

        // Logged with the mutation's id and name, never with the user's text.
        const logged: Array<{ details: Record<string, unknown>; message: string }> = [];
        const log = {
          error: (details: Record<string, unknown>, message: string) => logged.push({ details, message }),
        };
        const direct = await push(
          db,
          { id: fx.users.tamA.id, role: 'tam', team: 'X' },
          {
            clientId: CLIENT(),
            mutations: [
              {
                id: 7,
                name: 'request.advance',
                args: {
                  requestId: broken.id,
                  from: 'submitted',
                  to: 'in_analysis',
                  note: 'secret user text',
                },
              },
            ],
          },
          now,
          () => undefined,
          log,
        );
        expect(direct.results).toEqual([
          { id: 7, status: 'rejected', error: expect.objectContaining({ code: 'internal' }) },
        ]);
        expect(logged).toHaveLength(1);
        expect(logged[0]!.details).toMatchObject({
          mutationId: 7,
          mutation: 'request.advance',
          userId: fx.users.tamA.id,
          errorType: 'Error',
        });
        expect(JSON.stringify(logged)).not.toMatch(/secret user text|ttttt/);
      } finally {
        if (engine === 'sqlite') {
          await sql.raw('drop trigger push_test_refuse').execute(db.kysely);
          await sql.raw('drop trigger push_test_refuse_insert').execute(db.kysely);
        } else {
          await sql.raw('drop trigger push_test_refuse on records').execute(db.kysely);
          await sql.raw('drop function push_test_refuse()').execute(db.kysely);
        }
      }
    },
  );

  it.skipIf(!!skip)(
    'per-user write quotas: 429 rate_limited with Retry-After, nothing applied, and the push fits again later',
    async () => {
      const limited = await startApi({ db, now, pushQuota: { mutationsPerMinute: 3, bytesPerDay: 3000 } });
      try {
        const token = await login(limited.base, fx.users.tamA.email);
        const other = await login(limited.base, fx.users.tamB.email);
        const clientId = CLIENT();
        const a = note('one');
        const b = note('two');
        const ok = await pushRaw(
          clientId,
          [
            { id: 1, ...a },
            { id: 2, ...b },
          ],
          limited.base,
          token,
        );
        expect(ok.status).toBe(200);
        // Mutations per minute: 2 + 2 > 3.
        const c = note('three');
        const d = note('four');
        const refused = await pushRaw(
          clientId,
          [
            { id: 3, ...c },
            { id: 4, ...d },
          ],
          limited.base,
          token,
        );
        expect(refused.status).toBe(429);
        expect(refused.body.error.code).toBe('rate_limited');
        expect(refused.body.error.message).toMatch(/changes per minute/);
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(await row('timelineEvent', (c.args as { id: string }).id)).toBeUndefined();
        // Another user has a quota of their own.
        const theirs = await pushRaw(
          CLIENT(),
          [{ id: 1, name: 'timeline.append', args: { ...note('b').args, incidentId: fx.incidents.i2.id } }],
          limited.base,
          other,
        );
        expect(theirs.status).toBe(200);
        // After Retry-After, the same push is applied.
        clock += retryAfter * 1000;
        const later = await pushRaw(
          clientId,
          [
            { id: 3, ...c },
            { id: 4, ...d },
          ],
          limited.base,
          token,
        );
        expect(later.status).toBe(200);
        expect(later.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
      } finally {
        await limited.close();
      }
      // Bytes per day: a body of ~2,500 bytes fits once, not twice in 24 hours.
      const daily = await startApi({ db, now, pushQuota: { bytesPerDay: 3000 } });
      try {
        const token = await login(daily.base, fx.users.tamA.email);
        const clientId = CLIENT();
        const big = (id: number) => [{ id, ...note('b'.repeat(2300)) }];
        expect((await pushRaw(clientId, big(5), daily.base, token)).status).toBe(200);
        const overDay = await pushRaw(clientId, big(6), daily.base, token);
        expect(overDay.status).toBe(429);
        expect(overDay.body.error.code).toBe('rate_limited');
        expect(overDay.body.error.message).toMatch(/24 hours/);
        const dayWait = Number(overDay.headers.get('retry-after'));
        expect(dayWait).toBeGreaterThan(23 * 3600);
        expect(dayWait).toBeLessThanOrEqual(24 * 3600);
        clock += dayWait * 1000;
        const fresh = await login(daily.base, fx.users.tamA.email);
        expect((await pushRaw(clientId, big(6), daily.base, fresh)).status).toBe(200);
      } finally {
        await daily.close();
      }
    },
  );
});
