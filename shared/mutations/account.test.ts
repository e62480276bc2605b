// Account administration mutations over the in-memory port: who may do what, and the rows
// they write (customers, contacts, deployed products, absences, the duty roster).
import { describe, expect, it } from 'vitest';
import type { Customer, TaggedRow, User } from '../model/entities';
import { ENTITY_SCHEMAS } from '../model/entities';
import { applyMutation } from './index';
import type { MutationContext } from './index';
import { MemoryStore } from './memory';

const TAM = '00000000-0000-4000-8000-000000000001';
const MANAGER = '00000000-0000-4000-8000-000000000002';
const OTHER_TAM = '00000000-0000-4000-8000-000000000003';
const OTHER_MANAGER = '00000000-0000-4000-8000-000000000004';
const ADMIN = '00000000-0000-4000-8000-000000000005';
const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
const NEW_CUSTOMER = '00000000-0000-4000-8000-0000000000c2';
const CONTACT = '00000000-0000-4000-8000-0000000000d1';
const PRODUCT = '00000000-0000-4000-8000-0000000000e1';
const ABSENCE = '00000000-0000-4000-8000-0000000000f1';
const SHIFT = '00000000-0000-4000-8000-0000000000f2';
const NOW = '2026-11-26T03:00:00.000Z';
const env = (id: string) => ({ id, version: 5, updatedAt: '2026-01-01T00:00:00.000Z', deleted: false });

function world(): MemoryStore {
  const user = (id: string, role: User['role'], team = 'X'): TaggedRow => ({
    entity: 'user',
    row: {
      ...env(id),
      name: `${role} ${id.slice(-1)}`,
      email: `${id.slice(-1)}@x.example`,
      role,
      team,
      locale: 'ja',
    },
  });
  const customer: Customer = {
    ...env(CUSTOMER),
    nameJa: 'テスト株式会社',
    nameLatin: 'Test K.K.',
    contractTier: 'standard',
    supportPolicyId: 'standard',
    contractStart: '2025-04-01',
    contractEnd: '2028-03-31',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: TAM,
    backupTamId: null,
    team: 'X',
  };
  return new MemoryStore([
    user(TAM, 'tam'),
    user(MANAGER, 'manager'),
    user(OTHER_TAM, 'tam', 'Y'),
    user(OTHER_MANAGER, 'manager', 'Y'),
    user(ADMIN, 'admin', 'Ops'),
    { entity: 'customer', row: customer },
  ]);
}

const ACTORS = { tam: TAM, manager: MANAGER, admin: ADMIN } as const;
const ctxFor = (store: MemoryStore, role: keyof typeof ACTORS = 'tam'): MutationContext => ({
  actor: { id: ACTORS[role], role, team: role === 'admin' ? 'Ops' : 'X' },
  now: NOW,
  read: store,
});

async function ok(store: MemoryStore, name: string, args: unknown, ctx: MutationContext) {
  const result = await applyMutation(name, args, ctx);
  if (!result.ok) throw new Error(`${name} rejected: ${result.error.code} ${result.error.message}`);
  for (const w of result.writes) expect(ENTITY_SCHEMAS[w.entity].safeParse(w.row).success).toBe(true);
  store.apply(result.writes);
  return result.writes;
}

async function rejects(store: MemoryStore, name: string, args: unknown, code: string, ctx: MutationContext) {
  const result = await applyMutation(name, args, ctx);
  if (result.ok) throw new Error(`${name} was applied, expected ${code}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(15);
}

const newCustomer = {
  id: NEW_CUSTOMER,
  nameJa: '北斗電機株式会社',
  nameLatin: 'Hokuto Denki K.K.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2026-12-01',
  contractEnd: '2029-11-30',
  calendar: {
    timeZone: 'Asia/Tokyo',
    country: 'JP',
    weekly: {
      mon: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      sat: [['09:00', '12:00']],
    },
    yearlyClosures: [{ from: '12-29', to: '01-03' }],
  },
  tamId: TAM,
  backupTamId: null,
  team: 'X',
};

describe('customer.create', () => {
  it('lets a manager create a customer of their team, with nameKana defaulting to null', async () => {
    const store = world();
    const [w] = await ok(store, 'customer.create', newCustomer, ctxFor(store, 'manager'));
    expect(w?.row).toMatchObject({
      id: NEW_CUSTOMER,
      version: 0,
      nameKana: null,
      archivedAt: null,
      tamId: TAM,
      deleted: false,
    });
    await rejects(store, 'customer.create', newCustomer, 'already_exists', ctxFor(store, 'manager'));
  });

  it('refuses TAMs, other teams for a manager, non-TAM assignees and a contract that ends first', async () => {
    const store = world();
    await rejects(store, 'customer.create', newCustomer, 'not_allowed', ctxFor(store, 'tam'));
    await rejects(
      store,
      'customer.create',
      { ...newCustomer, team: 'Y' },
      'not_allowed',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'customer.create',
      { ...newCustomer, tamId: MANAGER },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'customer.create',
      { ...newCustomer, backupTamId: TAM },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'customer.create',
      { ...newCustomer, contractEnd: '2026-01-01' },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'customer.create',
      {
        ...newCustomer,
        calendar: { timeZone: 'Asia/Tokyo', country: 'JP', yearlyClosures: [{ from: '13-01', to: '01-03' }] },
      },
      'invalid_args',
      ctxFor(store, 'manager'),
    );
    await ok(
      store,
      'customer.create',
      { ...newCustomer, team: 'Y', tamId: OTHER_TAM, nameKana: 'ホクトデンキ' },
      ctxFor(store, 'admin'),
    );
  });
});

describe('customer.update and customer.archive', () => {
  it('accepts an older client patch without the fields added later, and a TAM may set the kana reading', async () => {
    const store = world();
    const [w] = await ok(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { nameLatin: 'Test Corp.' } },
      ctxFor(store, 'tam'),
    );
    expect(w?.row).not.toHaveProperty('archivedAt');
    await ok(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { nameKana: 'テスト' } },
      ctxFor(store, 'tam'),
    );
    expect((await store.get('customer', CUSTOMER))?.nameKana).toBe('テスト');
  });

  it('archives and restores (managers only); archiving twice writes nothing', async () => {
    const store = world();
    await rejects(store, 'customer.archive', { customerId: CUSTOMER }, 'not_allowed', ctxFor(store, 'tam'));
    await ok(store, 'customer.archive', { customerId: CUSTOMER }, ctxFor(store, 'manager'));
    const archived = await store.get('customer', CUSTOMER);
    expect(archived?.archivedAt).toBe(NOW);
    expect(archived?.deleted).toBe(false);
    expect(await ok(store, 'customer.archive', { customerId: CUSTOMER }, ctxFor(store, 'manager'))).toEqual(
      [],
    );
    await ok(store, 'customer.archive', { customerId: CUSTOMER, archived: false }, ctxFor(store, 'manager'));
    expect((await store.get('customer', CUSTOMER))?.archivedAt).toBeNull();
  });
});

describe('contacts and deployed products', () => {
  it('upserts a contact with defaults, edits it in place and removes it as a tombstone', async () => {
    const store = world();
    const [w] = await ok(
      store,
      'contact.upsert',
      { id: CONTACT, customerId: CUSTOMER, name: '山田 太郎', locale: 'ja' },
      ctxFor(store, 'tam'),
    );
    expect(w?.row).toMatchObject({ nameLatin: null, email: null, isPrimary: false, receivesReports: false });
    await ok(
      store,
      'contact.upsert',
      {
        id: CONTACT,
        customerId: CUSTOMER,
        name: '山田 太郎',
        nameLatin: 'Taro Yamada',
        email: 'taro@example.jp',
        phone: '03-0000-0000',
        role: 'IT',
        locale: 'ja',
        isPrimary: true,
        receivesReports: true,
      },
      ctxFor(store, 'tam'),
    );
    expect(await store.get('contact', CONTACT)).toMatchObject({
      version: 0,
      receivesReports: true,
      email: 'taro@example.jp',
    });
    await rejects(
      store,
      'contact.upsert',
      { id: CONTACT, customerId: NEW_CUSTOMER, name: 'x', locale: 'ja' },
      'not_found',
      ctxFor(store, 'tam'),
    );
    await rejects(
      store,
      'contact.upsert',
      { id: CONTACT, customerId: CUSTOMER, name: 'x', locale: 'ja', email: 'not-mail' },
      'invalid_args',
      ctxFor(store, 'tam'),
    );
    await ok(store, 'contact.remove', { contactId: CONTACT }, ctxFor(store, 'tam'));
    expect((await store.get('contact', CONTACT))?.deleted).toBe(true);
    await rejects(store, 'contact.remove', { contactId: CONTACT }, 'not_found', ctxFor(store, 'tam'));
  });

  it('keeps a contact with its customer', async () => {
    const store = world();
    await ok(store, 'customer.create', newCustomer, ctxFor(store, 'manager'));
    await ok(
      store,
      'contact.upsert',
      { id: CONTACT, customerId: CUSTOMER, name: 'A', locale: 'en' },
      ctxFor(store, 'tam'),
    );
    await rejects(
      store,
      'contact.upsert',
      { id: CONTACT, customerId: NEW_CUSTOMER, name: 'A', locale: 'en' },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
  });

  it('upserts and removes a deployed product', async () => {
    const store = world();
    await ok(
      store,
      'deployedProduct.upsert',
      {
        id: PRODUCT,
        customerId: CUSTOMER,
        product: 'Endpoint Security',
        productVersion: '12.1',
        supportEndsOn: '2027-03-31',
      },
      ctxFor(store, 'tam'),
    );
    await ok(
      store,
      'deployedProduct.upsert',
      {
        id: PRODUCT,
        customerId: CUSTOMER,
        product: 'Endpoint Security',
        productVersion: '12.2',
        supportEndsOn: '2028-03-31',
      },
      ctxFor(store, 'tam'),
    );
    expect(await store.get('deployedProduct', PRODUCT)).toMatchObject({
      productVersion: '12.2',
      deleted: false,
    });
    await rejects(
      store,
      'deployedProduct.upsert',
      { id: PRODUCT, customerId: CUSTOMER, product: 'E', productVersion: '1', supportEndsOn: '2028-02-30' },
      'invalid_args',
      ctxFor(store, 'tam'),
    );
    await ok(store, 'deployedProduct.remove', { deployedProductId: PRODUCT }, ctxFor(store, 'tam'));
    expect((await store.get('deployedProduct', PRODUCT))?.deleted).toBe(true);
  });

  it('the private-patch rule reads the deployed products recorded with these mutations', async () => {
    const store = world();
    const patch = (id: string) => ({
      id,
      customerId: CUSTOMER,
      type: 'private_patch',
      title: 'Hotfix',
      description: '',
      product: 'Endpoint Security',
      productVersion: '13.0',
    });
    await rejects(
      store,
      'request.create',
      patch('00000000-0000-4000-8000-0000000000a1'),
      'version_not_supported',
      ctxFor(store, 'tam'),
    );
    await ok(
      store,
      'deployedProduct.upsert',
      {
        id: PRODUCT,
        customerId: CUSTOMER,
        product: 'Endpoint Security',
        productVersion: '13.0',
        supportEndsOn: '2029-03-31',
      },
      ctxFor(store, 'tam'),
    );
    await ok(store, 'request.create', patch('00000000-0000-4000-8000-0000000000a2'), ctxFor(store, 'tam'));
    await ok(store, 'deployedProduct.remove', { deployedProductId: PRODUCT }, ctxFor(store, 'tam'));
    await rejects(
      store,
      'request.create',
      patch('00000000-0000-4000-8000-0000000000a3'),
      'version_not_supported',
      ctxFor(store, 'tam'),
    );
  });
});

describe('absences and the duty roster', () => {
  const absence = (userId: string) => ({
    id: ABSENCE,
    userId,
    startDate: '2026-12-01',
    endDate: '2026-12-03',
    kind: 'leave',
  });

  it('a TAM records their own absence only; a manager their team; an administrator anyone', async () => {
    const store = world();
    await ok(store, 'absence.upsert', absence(TAM), ctxFor(store, 'tam'));
    expect(await store.get('absence', ABSENCE)).toMatchObject({ userId: TAM, note: null });
    await rejects(store, 'absence.upsert', absence(OTHER_TAM), 'not_allowed', ctxFor(store, 'tam'));
    await rejects(store, 'absence.upsert', absence(OTHER_TAM), 'not_allowed', ctxFor(store, 'manager'));
    await ok(store, 'absence.upsert', absence(OTHER_TAM), ctxFor(store, 'admin'));
    await rejects(store, 'absence.remove', { absenceId: ABSENCE }, 'not_allowed', ctxFor(store, 'tam'));
    await rejects(
      store,
      'absence.upsert',
      { ...absence(TAM), endDate: '2026-11-30' },
      'rule_violation',
      ctxFor(store, 'tam'),
    );
    await ok(store, 'absence.upsert', absence(TAM), ctxFor(store, 'admin'));
    await ok(store, 'absence.remove', { absenceId: ABSENCE }, ctxFor(store, 'manager'));
    expect((await store.get('absence', ABSENCE))?.deleted).toBe(true);
  });

  it('duty shifts are for managers and administrators, taken by a manager', async () => {
    const store = world();
    const shift = {
      id: SHIFT,
      userId: MANAGER,
      startsAt: '2026-11-27T18:00:00+09:00',
      endsAt: '2026-11-28T09:00:00+09:00',
    };
    await rejects(store, 'dutyShift.upsert', shift, 'not_allowed', ctxFor(store, 'tam'));
    await rejects(
      store,
      'dutyShift.upsert',
      { ...shift, userId: TAM },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'dutyShift.upsert',
      { ...shift, endsAt: shift.startsAt },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await rejects(
      store,
      'dutyShift.upsert',
      { ...shift, userId: OTHER_MANAGER },
      'not_allowed',
      ctxFor(store, 'manager'),
    );
    await ok(store, 'dutyShift.upsert', { ...shift, userId: OTHER_MANAGER }, ctxFor(store, 'admin'));
    await rejects(store, 'dutyShift.upsert', shift, 'not_allowed', ctxFor(store, 'manager'));
    await ok(store, 'dutyShift.upsert', shift, ctxFor(store, 'admin'));
    await ok(store, 'dutyShift.upsert', shift, ctxFor(store, 'manager'));
    expect(await store.get('dutyShift', SHIFT)).toMatchObject({
      startsAt: '2026-11-27T09:00:00.000Z',
      endsAt: '2026-11-28T00:00:00.000Z',
      note: null,
    });
    await rejects(store, 'dutyShift.remove', { dutyShiftId: SHIFT }, 'not_allowed', ctxFor(store, 'tam'));
    await ok(store, 'dutyShift.remove', { dutyShiftId: SHIFT }, ctxFor(store, 'admin'));
    expect((await store.get('dutyShift', SHIFT))?.deleted).toBe(true);
  });
});
