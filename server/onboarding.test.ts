// Onboarding end to end over the API, on both engines (issue "Account administration", its
// black-box check): the admin creates a TAM and hands over a one-time password; the manager
// creates a customer for that TAM with a business calendar, a contact and a deployed product;
// the TAM must set a password of their own, then pulls exactly that customer; another TAM never
// sees it; once the customer is reassigned and the TAM deactivated, the TAM's token and
// sign-in are refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db';
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

describe.each(engineCases())('onboarding on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({ db });
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  it.skipIf(!!skip)(
    'admin creates tam3; manager creates a customer for tam3; tam3 sets a password, pulls exactly it; deactivation ends it',
    async () => {
      const admin = await login(server.base, fx.users.admin.email);
      const created = await http(server.base, 'POST', '/v1/admin/users', {
        token: admin,
        body: { email: 'tam3@test.example', name: 'TAM 3 (三)', role: 'tam', team: 'X', locale: 'ja' },
      });
      expect(created.status).toBe(201);
      const tam3Id = created.body.user.id as string;
      const oneTimePassword = created.body.oneTimePassword as string;
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);

      // The manager creates the customer (with its calendar), a contact and a product for tam3.
      const manager = new TestReplica(server.base, await login(server.base, fx.users.managerX.email));
      await manager.pullAll();
      expect(manager.has('user', tam3Id)).toBe(true);
      const customerId = randomUUID();
      const contactId = randomUUID();
      const productId = randomUUID();
      const calendar = {
        timeZone: 'Asia/Tokyo',
        country: 'JP',
        weekly: {
          mon: [['09:00', '18:00']],
          tue: [['09:00', '18:00']],
          wed: [['09:00', '18:00']],
          thu: [['09:00', '18:00']],
          fri: [['09:00', '17:00']],
        },
        yearlyClosures: [{ from: '12-29', to: '01-03' }],
      };
      const made = await manager.push('customer.create', {
        id: customerId,
        nameJa: '三河精機株式会社',
        nameLatin: 'Mikawa Seiki K.K.',
        contractTier: 'msa_enterprise',
        supportPolicyId: 'msa-enterprise',
        contractStart: '2026-12-01',
        contractEnd: '2029-11-30',
        calendar,
        tamId: tam3Id,
        backupTamId: null,
        team: 'X',
      });
      expect(made, JSON.stringify(made.error)).toMatchObject({ status: 'applied' });
      expect(
        await manager.push('contact.upsert', {
          id: contactId,
          customerId,
          name: '三河 一郎',
          email: 'ichiro@mikawa.example',
          locale: 'ja',
          isPrimary: true,
          receivesReports: true,
        }),
      ).toMatchObject({ status: 'applied' });
      expect(
        await manager.push('deployedProduct.upsert', {
          id: productId,
          customerId,
          product: 'Endpoint Security',
          productVersion: '12.1',
          supportEndsOn: '2028-03-31',
        }),
      ).toMatchObject({ status: 'applied' });

      // tam3 signs in with the one-time password: everything but setting a password is refused.
      const tam3 = await login(server.base, 'tam3@test.example', oneTimePassword);
      const blocked = await http(server.base, 'POST', '/v1/sync/pull', {
        token: tam3,
        body: { clientId: randomUUID(), cursor: null },
      });
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
      const changed = await http(server.base, 'POST', '/v1/auth/password', {
        token: tam3,
        body: { currentPassword: oneTimePassword, newPassword: 'Mikawa-sakura-2026!' },
      });
      expect(changed.status).toBe(200);

      // Then tam3 pulls exactly that customer, with its contact and product.
      const r3 = new TestReplica(server.base, tam3);
      await r3.pullAll();
      expect(r3.ids('customer')).toEqual([customerId]);
      expect(r3.ids('contact')).toEqual([contactId]);
      expect(r3.ids('deployedProduct')).toEqual([productId]);
      expect(r3.get('customer', customerId)).toMatchObject({ calendar, tamId: tam3Id });

      // tam1 (tamA) never sees it.
      const tamA = new TestReplica(server.base, await login(server.base, fx.users.tamA.email));
      await tamA.pullAll();
      expect(
        tamA.has('customer', customerId) ||
          tamA.has('contact', contactId) ||
          tamA.has('deployedProduct', productId),
      ).toBe(false);

      // Deactivation waits until the customer is reassigned (the answer lists it), then ends tam3's access.
      const refused = await http(server.base, 'PATCH', `/v1/admin/users/${tam3Id}`, {
        token: admin,
        body: { active: false },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('user_has_customers');
      expect(refused.body.error.customers.map((c: { id: string }) => c.id)).toEqual([customerId]);
      expect(
        await manager.push('customer.update', { customerId, patch: { tamId: fx.users.tamB.id } }),
      ).toMatchObject({ status: 'applied' });
      const deactivated = await http(server.base, 'PATCH', `/v1/admin/users/${tam3Id}`, {
        token: admin,
        body: { active: false },
      });
      expect(deactivated.status).toBe(200);
      const after = await http(server.base, 'POST', '/v1/sync/pull', {
        token: tam3,
        body: { clientId: randomUUID(), cursor: null },
      });
      expect(after.status).toBe(401);
      const signIn = await http(server.base, 'POST', '/v1/auth/login', {
        body: { email: 'tam3@test.example', password: 'Mikawa-sakura-2026!' },
      });
      expect(signIn.status).toBe(403);
      expect(signIn.body.error.code).toBe('account_deactivated');
    },
  );
});
