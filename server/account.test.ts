// Account administration over the API on both engines: a manager onboards a customer with a
// business calendar, a contact and a deployed product; the assigned TAM's replica receives
// exactly that customer and its rows, another TAM never sees them; scope and role checks.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Db } from './db';
import type { Fixture, RunningApi, TestDatabase } from './testing/harness';
import {
  TestReplica,
  buildFixture,
  createTestDatabase,
  engineCases,
  login,
  seedFixture,
  startApi,
} from './testing/harness';

describe.each(engineCases())('account administration on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  const clock = Date.parse('2026-11-26T03:00:00Z');

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({
      db,
      now: () => clock,
      auth: { sessionTtlMs: 1000 * 86_400_000 },
      logger: !!process.env.TAM_TEST_LOG,
    });
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const replica = async (email: string) => new TestReplica(server.base, await login(server.base, email));
  const customerIds = (r: TestReplica) => r.ids('customer').sort();

  it.skipIf(!!skip)(
    'a manager onboards a customer; its TAM pulls exactly it with its contact and product; another TAM never sees it',
    async () => {
      const manager = await replica(fx.users.managerX.email);
      const tamB = await replica(fx.users.tamB.email);
      const tamA = await replica(fx.users.tamA.email);
      await tamB.pullAll();
      await tamA.pullAll();
      expect(customerIds(tamB)).toEqual([fx.customers.c2.id]);

      const id = randomUUID();
      const contactId = randomUUID();
      const productId = randomUUID();
      const calendar = {
        timeZone: 'Asia/Tokyo',
        country: 'JP',
        weekly: {
          mon: [
            ['09:00', '12:00'],
            ['13:00', '18:00'],
          ],
          tue: [['09:00', '18:00']],
          sat: [['09:00', '12:00']],
        },
        closures: ['2027-05-06'],
        yearlyClosures: [{ from: '12-29', to: '01-03' }],
      };
      const created = await manager.push('customer.create', {
        id,
        nameJa: '北斗電機株式会社',
        nameLatin: 'Hokuto Denki K.K.',
        nameKana: 'ホクトデンキ',
        contractTier: 'msa_enterprise',
        supportPolicyId: 'msa-enterprise',
        contractStart: '2026-12-01',
        contractEnd: '2029-11-30',
        calendar,
        tamId: fx.users.tamB.id,
        backupTamId: null,
        team: 'X',
      });
      expect(created, JSON.stringify(created.error)).toMatchObject({ status: 'applied' });
      expect(
        await manager.push('contact.upsert', {
          id: contactId,
          customerId: id,
          name: '北斗 花子',
          nameLatin: 'Hanako Hokuto',
          email: 'hanako@hokuto.example',
          locale: 'ja',
          isPrimary: true,
          receivesReports: true,
        }),
      ).toMatchObject({ status: 'applied' });
      expect(
        await manager.push('deployedProduct.upsert', {
          id: productId,
          customerId: id,
          product: 'Endpoint Security',
          productVersion: '12.1',
          supportEndsOn: '2027-03-31',
        }),
      ).toMatchObject({ status: 'applied' });

      // The TAM's replica catches up with the customer that entered their scope.
      await tamB.pullAll();
      expect(customerIds(tamB)).toEqual([fx.customers.c2.id, id].sort());
      expect(tamB.get('customer', id)).toMatchObject({
        nameKana: 'ホクトデンキ',
        calendar,
        tamId: fx.users.tamB.id,
        archivedAt: null,
      });
      expect(tamB.get('contact', contactId)).toMatchObject({
        customerId: id,
        email: 'hanako@hokuto.example',
        receivesReports: true,
      });
      expect(tamB.get('deployedProduct', productId)).toMatchObject({
        customerId: id,
        productVersion: '12.1',
      });
      // A fresh bootstrap of that TAM holds the same.
      const fresh = await replica(fx.users.tamB.email);
      await fresh.pullAll();
      expect(customerIds(fresh)).toEqual([fx.customers.c2.id, id].sort());
      expect(fresh.has('contact', contactId) && fresh.has('deployedProduct', productId)).toBe(true);

      // The other TAM never sees it, and cannot change it.
      await tamA.pullAll();
      expect(
        tamA.has('customer', id) || tamA.has('contact', contactId) || tamA.has('deployedProduct', productId),
      ).toBe(false);
      const denied = await tamA.push('contact.upsert', {
        id: randomUUID(),
        customerId: id,
        name: 'x',
        locale: 'en',
      });
      expect(denied.error?.code).toBe('not_found');

      // The assigned TAM edits contacts, products and the calendar of their own customer.
      expect(
        await tamB.push('deployedProduct.upsert', {
          id: productId,
          customerId: id,
          product: 'Endpoint Security',
          productVersion: '12.2',
          supportEndsOn: '2028-03-31',
        }),
      ).toMatchObject({ status: 'applied' });
      expect(
        await tamB.push('customer.update', {
          customerId: id,
          patch: { calendar: { ...calendar, closures: [] } },
        }),
      ).toMatchObject({ status: 'applied' });
      expect((await tamB.push('customer.archive', { customerId: id })).error?.code).toBe('not_allowed');
      await tamB.pullAll();
      expect(tamB.get('deployedProduct', productId)).toMatchObject({ productVersion: '12.2' });
    },
  );

  it.skipIf(!!skip)(
    'only administrators and managers of the team create customers; archiving keeps the customer readable',
    async () => {
      const base = {
        nameJa: '南十字株式会社',
        nameLatin: 'Minami Juji K.K.',
        contractTier: 'standard',
        supportPolicyId: 'standard',
        contractStart: '2026-12-01',
        contractEnd: '2027-11-30',
        calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
        tamId: fx.users.tamA.id,
        backupTamId: null,
        team: 'X',
      };
      const tamA = await replica(fx.users.tamA.email);
      const managerY = await replica(fx.users.managerY.email);
      const admin = await replica(fx.users.admin.email);
      expect((await tamA.push('customer.create', { ...base, id: randomUUID() })).error?.code).toBe(
        'not_allowed',
      );
      expect((await managerY.push('customer.create', { ...base, id: randomUUID() })).error?.code).toBe(
        'not_allowed',
      );
      const id = randomUUID();
      expect(await admin.push('customer.create', { ...base, id })).toMatchObject({ status: 'applied' });
      const managerX = await replica(fx.users.managerX.email);
      expect(await managerX.push('customer.archive', { customerId: id })).toMatchObject({
        status: 'applied',
      });
      await tamA.pullAll();
      expect(tamA.get('customer', id)).toMatchObject({ deleted: false });
      expect(tamA.get('customer', id)?.archivedAt).toBe(new Date(clock).toISOString());
    },
  );

  it.skipIf(!!skip)('a TAM records their own absence; managers keep the duty roster', async () => {
    const tamA = await replica(fx.users.tamA.email);
    const managerX = await replica(fx.users.managerX.email);
    const absence = {
      id: randomUUID(),
      userId: fx.users.tamA.id,
      startDate: '2026-12-01',
      endDate: '2026-12-02',
      kind: 'leave',
    };
    expect(await tamA.push('absence.upsert', absence)).toMatchObject({ status: 'applied' });
    expect(
      (await tamA.push('absence.upsert', { ...absence, id: randomUUID(), userId: fx.users.tamB.id })).error
        ?.code,
    ).toBe('not_allowed');
    expect(
      (
        await tamA.push('dutyShift.upsert', {
          id: randomUUID(),
          userId: fx.users.managerX.id,
          startsAt: '2026-11-27T09:00:00Z',
          endsAt: '2026-11-27T18:00:00Z',
        })
      ).error?.code,
    ).toBe('not_allowed');
    const shift = randomUUID();
    expect(
      await managerX.push('dutyShift.upsert', {
        id: shift,
        userId: fx.users.managerX.id,
        startsAt: '2026-11-27T09:00:00Z',
        endsAt: '2026-11-27T18:00:00Z',
      }),
    ).toMatchObject({ status: 'applied' });
    await tamA.pullAll();
    expect(tamA.get('absence', absence.id)).toMatchObject({ userId: fx.users.tamA.id });
    expect(tamA.get('dutyShift', shift)).toMatchObject({ userId: fx.users.managerX.id });
  });
});
