// The shared mutation logic over the in-memory port: argument validation, domain rules, and
// exactly which rows each mutation writes.
import { describe, expect, it } from 'vitest';
import type { Customer, DeployedProduct, Incident, TaggedRow, User } from '../model/entities';
import { ENTITY_SCHEMAS } from '../model/entities';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES, applyMutation } from './index';
import type { MutationContext, MutationResult } from './index';
import { MemoryStore } from './memory';

const TAM = '00000000-0000-4000-8000-000000000001';
const MANAGER = '00000000-0000-4000-8000-000000000002';
const OTHER_TAM = '00000000-0000-4000-8000-000000000003';
const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
const INCIDENT = '00000000-0000-4000-8000-0000000000a1';
let n = 0;
const uid = () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const NOW = '2026-11-26T03:00:00.000Z'; // Thursday 12:00 in Tokyo
const env = (id: string) => ({ id, version: 5, updatedAt: '2026-01-01T00:00:00.000Z', deleted: false });

function world(): MemoryStore {
  const user = (id: string, role: User['role']): TaggedRow => ({
    entity: 'user',
    row: { ...env(id), name: id, email: `${role}@x.example`, role, team: 'X', locale: 'ja' },
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
  const incident: Incident = {
    ...env(INCIDENT),
    customerId: CUSTOMER,
    title: 'Crash',
    description: '',
    severity: 2,
    channel: 'phone',
    status: 'new',
    receivedAt: '2026-11-26T01:00:00.000Z',
    firstResponseAt: null,
    resolvedAt: null,
    severityHistory: [{ severity: 2, at: '2026-11-26T01:00:00.000Z', by: TAM }],
    createdBy: TAM,
  };
  const product = (productVersion: string, supportEndsOn: string): DeployedProduct => ({
    ...env(uid()),
    customerId: CUSTOMER,
    product: 'Endpoint Security',
    productVersion,
    supportEndsOn,
  });
  return new MemoryStore([
    user(TAM, 'tam'),
    user(MANAGER, 'manager'),
    user(OTHER_TAM, 'tam'),
    { entity: 'customer', row: customer },
    { entity: 'incident', row: incident },
    { entity: 'deployedProduct', row: product('12.1', '2030-01-01') },
    { entity: 'deployedProduct', row: product('11.0', '2026-11-25') },
  ]);
}

const ctxFor = (
  store: MemoryStore,
  role: 'tam' | 'manager' | 'admin' = 'tam',
  now = NOW,
): MutationContext => ({
  actor: { id: role === 'tam' ? TAM : MANAGER, role, team: 'X' },
  now,
  read: store,
});

async function ok(
  store: MemoryStore,
  name: string,
  args: unknown,
  ctx = ctxFor(store),
): Promise<Extract<MutationResult, { ok: true }>> {
  const result = await applyMutation(name, args, ctx);
  if (!result.ok) throw new Error(`${name} rejected: ${result.error.code} ${result.error.message}`);
  for (const w of result.writes) expect(ENTITY_SCHEMAS[w.entity].safeParse(w.row).success).toBe(true);
  store.apply(result.writes);
  return result;
}

async function rejects(store: MemoryStore, name: string, args: unknown, code: string, ctx = ctxFor(store)) {
  const result = await applyMutation(name, args, ctx);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(15);
  return result.error;
}

describe('applyMutation framework', () => {
  it('has an args schema for every mutation', () => {
    expect(MUTATION_NAMES.sort()).toEqual(Object.keys(MUTATION_ARG_SCHEMAS).sort());
    expect(MUTATION_NAMES).toEqual(
      expect.arrayContaining([
        'incident.create',
        'incident.setSeverity',
        'incident.setStatus',
        'incident.recordResponse',
        'timeline.append',
        'request.create',
        'request.advance',
        'healthCheck.schedule',
        'healthCheck.recordFinding',
        'healthCheck.complete',
        'report.logSent',
        'customer.update',
      ]),
    );
  });

  it('rejects an unknown mutation and invalid args without reading anything', async () => {
    const store = world();
    await rejects(store, 'incident.explode', {}, 'unknown_mutation');
    const bad = await rejects(store, 'incident.create', { id: 'x', severity: 7 }, 'invalid_args');
    expect(bad.message).toMatch(/id/);
    await rejects(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { calendar: { timeZone: 'Nowhere/City', country: 'JP' } } },
      'invalid_args',
    );
  });

  it('keeps the version of the row it replaces and stamps updatedAt with now', async () => {
    const store = world();
    const { writes } = await ok(store, 'incident.setStatus', {
      incidentId: INCIDENT,
      from: 'new',
      to: 'in_progress',
      eventId: uid(),
    });
    const incident = writes.find((w) => w.entity === 'incident')!.row;
    expect(incident).toMatchObject({ version: 5, updatedAt: NOW, status: 'in_progress' });
    const event = writes.find((w) => w.entity === 'timelineEvent')!.row;
    expect(event).toMatchObject({
      version: 0,
      kind: 'status_change',
      meta: { from: 'new', to: 'in_progress' },
    });
  });
});

describe('incident mutations', () => {
  it('create writes exactly one incident, normalising the instant', async () => {
    const store = world();
    const id = uid();
    const { writes } = await ok(store, 'incident.create', {
      id,
      customerId: CUSTOMER,
      title: '障害',
      severity: 1,
      channel: 'email',
      receivedAt: '2026-11-26T11:59:00+09:00',
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.row).toMatchObject({
      id,
      status: 'new',
      receivedAt: '2026-11-26T02:59:00.000Z',
      createdBy: TAM,
    });
  });

  it('setSeverity before the first response appends to the history; after it does not', async () => {
    const store = world();
    await ok(store, 'incident.setSeverity', { incidentId: INCIDENT, severity: 1, eventId: uid() });
    expect((await store.get('incident', INCIDENT))!.severityHistory.map((h) => h.severity)).toEqual([2, 1]);
    await ok(store, 'incident.recordResponse', {
      incidentId: INCIDENT,
      eventId: uid(),
      at: '2026-11-26T11:00:00+09:00',
      body: 'answer',
      isAnswer: true,
    });
    await ok(store, 'incident.setSeverity', { incidentId: INCIDENT, severity: 4, eventId: uid() });
    const incident = (await store.get('incident', INCIDENT))!;
    expect(incident.severity).toBe(4);
    expect(incident.severityHistory.map((h) => h.severity)).toEqual([2, 1]);
  });

  it('setStatus rejects a stale from and a transition the workflow does not have', async () => {
    const store = world();
    await rejects(
      store,
      'incident.setStatus',
      { incidentId: INCIDENT, from: 'in_progress', to: 'resolved', eventId: uid() },
      'stale_status',
    );
    await rejects(
      store,
      'incident.setStatus',
      { incidentId: INCIDENT, from: 'new', to: 'closed', eventId: uid() },
      'invalid_transition',
    );
    await rejects(
      store,
      'incident.setStatus',
      { incidentId: INCIDENT, from: 'new', to: 'resolved', eventId: uid() },
      'rule_violation',
    );
  });

  it('recordResponse sets firstResponseAt once, only for an answer', async () => {
    const store = world();
    const first = await ok(store, 'incident.recordResponse', {
      incidentId: INCIDENT,
      eventId: uid(),
      at: '2026-11-26T10:30:00+09:00',
      body: 'looking',
      isAnswer: false,
    });
    expect(first.writes.map((w) => w.entity)).toEqual(['timelineEvent']);
    const answer = await ok(store, 'incident.recordResponse', {
      incidentId: INCIDENT,
      eventId: uid(),
      at: '2026-11-26T10:45:00+09:00',
      body: 'answer',
      isAnswer: true,
    });
    expect(answer.writes.map((w) => w.entity).sort()).toEqual(['incident', 'timelineEvent']);
    const again = await ok(store, 'incident.recordResponse', {
      incidentId: INCIDENT,
      eventId: uid(),
      at: '2026-11-26T11:00:00+09:00',
      body: 'again',
      isAnswer: true,
    });
    expect(again.writes.map((w) => w.entity)).toEqual(['timelineEvent']);
    expect((await store.get('incident', INCIDENT))!.firstResponseAt).toBe('2026-11-26T01:45:00.000Z');
    await rejects(
      store,
      'incident.recordResponse',
      {
        incidentId: INCIDENT,
        eventId: uid(),
        at: '2026-11-27T10:00:00+09:00',
        body: 'future',
        isAnswer: true,
      },
      'time_out_of_range',
    );
  });

  it('refuses to reuse a timeline event id', async () => {
    const store = world();
    const eventId = uid();
    await ok(store, 'timeline.append', {
      id: eventId,
      incidentId: INCIDENT,
      kind: 'note',
      at: '2026-11-26T10:30:00+09:00',
      body: 'n',
      visibility: 'internal',
    });
    await rejects(
      store,
      'incident.recordResponse',
      { incidentId: INCIDENT, eventId, at: '2026-11-26T10:45:00+09:00', body: 'answer', isAnswer: true },
      'already_exists',
    );
    await rejects(
      store,
      'timeline.append',
      {
        id: uid(),
        incidentId: INCIDENT,
        kind: 'severity_change',
        at: '2026-11-26T10:30:00+09:00',
        body: 'n',
        visibility: 'internal',
      },
      'not_allowed',
    );
  });
});

describe('requests', () => {
  it("a private patch only for a version still supported on the customer's today", async () => {
    const store = world();
    const args = { customerId: CUSTOMER, type: 'private_patch', title: 'Fix', product: 'Endpoint Security' };
    await ok(store, 'request.create', { ...args, id: uid(), productVersion: '12.1' });
    // 11.0 support ended on 2026-11-25: it is 2026-11-26 in Tokyo.
    await rejects(
      store,
      'request.create',
      { ...args, id: uid(), productVersion: '11.0' },
      'version_not_supported',
    );
    // ...but on 2026-11-25 in Tokyo it was still supported.
    await ok(
      store,
      'request.create',
      { ...args, id: uid(), productVersion: '11.0' },
      ctxFor(store, 'tam', '2026-11-25T10:00:00.000Z'),
    );
  });

  it('follows the workflow of its type and priorities by contract tier', async () => {
    const store = world();
    const id = uid();
    const { writes } = await ok(store, 'request.create', {
      id,
      customerId: CUSTOMER,
      type: 'signature_release',
      title: 'FP',
      product: 'Endpoint Security',
      productVersion: '12.1',
    });
    expect(writes[0]!.row).toMatchObject({ stage: 'submitted', priority: 'normal' });
    await rejects(
      store,
      'request.advance',
      { requestId: id, from: 'submitted', to: 'accepted' },
      'invalid_transition',
    );
    await ok(store, 'request.advance', {
      requestId: id,
      from: 'submitted',
      to: 'in_analysis',
      note: 'sample received',
    });
    await rejects(
      store,
      'request.advance',
      { requestId: id, from: 'submitted', to: 'in_analysis' },
      'stale_stage',
    );
  });
});

describe('health checks', () => {
  it('schedule goes through the SLA engine and reports its reasons', async () => {
    const store = world();
    const id = uid();
    const error = await rejects(
      store,
      'healthCheck.schedule',
      { id, customerId: CUSTOMER, agreedOn: '2026-11-26', scheduledDate: '2026-12-09' },
      'too_soon',
    );
    expect(error.message).toMatch(/2026-12-10/);
    await rejects(
      store,
      'healthCheck.schedule',
      { id, customerId: CUSTOMER, agreedOn: '2026-11-26', scheduledDate: '2027-01-01' },
      'not_business_day',
    );
    await ok(store, 'healthCheck.schedule', {
      id,
      customerId: CUSTOMER,
      agreedOn: '2026-11-26',
      scheduledDate: '2026-12-10',
    });
    await rejects(
      store,
      'healthCheck.schedule',
      { id: uid(), customerId: CUSTOMER, agreedOn: '2026-11-26', scheduledDate: '2027-02-10' },
      'already_this_contract_year',
    );
    await ok(store, 'healthCheck.schedule', {
      id: uid(),
      customerId: CUSTOMER,
      agreedOn: '2026-11-26',
      scheduledDate: '2027-04-13',
    });
  });

  it('a move (a new date) counts in rescheduleCount, the invitation SEQUENCE; the same date does not', async () => {
    const store = world();
    const id = uid();
    const args = { id, customerId: CUSTOMER, agreedOn: '2026-11-26', scheduledDate: '2026-12-10' };
    await ok(store, 'healthCheck.schedule', args);
    expect((await store.get('healthCheck', id))?.rescheduleCount).toBe(0);
    await ok(store, 'healthCheck.schedule', { ...args, scheduledDate: '2026-12-11' });
    expect((await store.get('healthCheck', id))?.rescheduleCount).toBe(1);
    await ok(store, 'healthCheck.schedule', { ...args, agreedOn: '2026-11-25', scheduledDate: '2026-12-11' });
    expect((await store.get('healthCheck', id))?.rescheduleCount).toBe(1);
    await ok(store, 'healthCheck.schedule', { ...args, scheduledDate: '2026-12-14' });
    expect((await store.get('healthCheck', id))?.rescheduleCount).toBe(2);
  });

  it('findings are upserted by id; completion needs a finding and the day reached', async () => {
    const store = world();
    const id = uid();
    await ok(store, 'healthCheck.schedule', {
      id,
      customerId: CUSTOMER,
      agreedOn: '2026-11-26',
      scheduledDate: '2026-12-10',
    });
    await rejects(store, 'healthCheck.complete', { healthCheckId: id }, 'rule_violation');
    const findingId = uid();
    const finding = {
      healthCheckId: id,
      findingId,
      area: 'Scan',
      finding: 'Too broad',
      severity: 'medium',
      recommendation: 'Narrow',
    };
    await ok(store, 'healthCheck.recordFinding', finding);
    await ok(store, 'healthCheck.recordFinding', { ...finding, status: 'resolved' });
    expect((await store.get('healthCheck', id))!.findings).toEqual([
      expect.objectContaining({ id: findingId, status: 'resolved' }),
    ]);
    await rejects(store, 'healthCheck.complete', { healthCheckId: id }, 'rule_violation');
    await ok(
      store,
      'healthCheck.complete',
      { healthCheckId: id },
      ctxFor(store, 'tam', '2026-12-10T08:00:00.000Z'),
    );
    expect((await store.get('healthCheck', id))!.status).toBe('completed');
  });
});

describe('reports and customers', () => {
  it('a daily report needs a level-1 incident and lands on its timeline', async () => {
    const store = world();
    const base = {
      customerId: CUSTOMER,
      kind: 'daily',
      periodStart: '2026-11-26',
      periodEnd: '2026-11-26',
      sentAt: '2026-11-26T11:00:00+09:00',
      via: 'email',
    };
    await rejects(
      store,
      'report.logSent',
      { ...base, id: uid(), incidentId: INCIDENT, eventId: uid() },
      'rule_violation',
    );
    await ok(store, 'incident.setSeverity', { incidentId: INCIDENT, severity: 1, eventId: uid() });
    const { writes } = await ok(store, 'report.logSent', {
      ...base,
      id: uid(),
      incidentId: INCIDENT,
      eventId: uid(),
    });
    expect(writes.map((w) => w.entity).sort()).toEqual(['report', 'timelineEvent']);
  });

  it('a quarterly report cannot be logged while its quarter runs (customer local date)', async () => {
    const store = world();
    const quarter = {
      customerId: CUSTOMER,
      kind: 'quarterly',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      via: 'email',
    };
    // The default clock of these tests is in November 2026: the quarter runs.
    const error = await rejects(
      store,
      'report.logSent',
      { ...quarter, id: uid(), sentAt: '2026-11-26T11:00:00+09:00' },
      'period_not_ended',
    );
    expect(error.message).toMatch(/2026-10-01 – 2026-12-31/);
    // Its last day is still part of the quarter.
    await rejects(
      store,
      'report.logSent',
      { ...quarter, id: uid(), sentAt: '2026-12-31T17:00:00+09:00' },
      'period_not_ended',
      ctxFor(store, 'tam', '2026-12-31T08:00:00.000Z'),
    );
    // Once the quarter is over for the customer, it can be logged.
    const { writes } = await ok(
      store,
      'report.logSent',
      { ...quarter, id: uid(), sentAt: '2027-01-04T10:00:00+09:00' },
      ctxFor(store, 'tam', '2027-01-04T01:00:00.000Z'),
    );
    expect(writes.map((w) => w.entity)).toEqual(['report']);
    // A past quarter, and a custom period that runs up to today, are fine.
    await ok(store, 'report.logSent', {
      ...quarter,
      id: uid(),
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      sentAt: '2026-11-26T11:00:00+09:00',
    });
    await ok(store, 'report.logSent', {
      ...quarter,
      id: uid(),
      kind: 'custom',
      periodEnd: '2026-11-26',
      sentAt: '2026-11-26T11:00:00+09:00',
    });
  });

  it('customer.update: field permissions by role and assignment checks', async () => {
    const store = world();
    await ok(store, 'customer.update', { customerId: CUSTOMER, patch: { nameJa: '新テスト株式会社' } });
    await rejects(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { tamId: OTHER_TAM } },
      'not_allowed',
    );
    await rejects(store, 'customer.update', { customerId: CUSTOMER, patch: {} }, 'invalid_args');
    await rejects(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { tamId: MANAGER } },
      'rule_violation',
      ctxFor(store, 'manager'),
    );
    await ok(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { tamId: OTHER_TAM, backupTamId: TAM } },
      ctxFor(store, 'manager'),
    );
    expect(await store.get('customer', CUSTOMER)).toMatchObject({
      tamId: OTHER_TAM,
      backupTamId: TAM,
      nameJa: '新テスト株式会社',
    });
    await rejects(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { team: 'Y' } },
      'not_allowed',
      ctxFor(store, 'manager'),
    );
    await ok(
      store,
      'customer.update',
      { customerId: CUSTOMER, patch: { team: 'Y' } },
      ctxFor(store, 'admin'),
    );
  });
});
