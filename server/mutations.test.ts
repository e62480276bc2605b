// Every mutation through POST /v1/sync/push on both engines: its happy path, its rejections,
// and what the next pull shows.
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

describe.each(engineCases())('mutations on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: Fixture;
  // Thursday 2026-11-26 12:00 in Tokyo.
  let clock = Date.parse('2026-11-26T03:00:00Z');
  let tam: TestReplica;
  let manager: TestReplica;
  let admin: TestReplica;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildFixture();
    await seedFixture(db, fx);
    server = await startApi({
      db,
      now: () => clock,
      auth: { sessionTtlMs: 1000 * 86_400_000, idleTimeoutMs: 1000 * 86_400_000 },
      logger: !!process.env.TAM_TEST_LOG,
    });
    tam = new TestReplica(server.base, await login(server.base, fx.users.tamA.email));
    manager = new TestReplica(server.base, await login(server.base, fx.users.managerX.email));
    admin = new TestReplica(server.base, await login(server.base, fx.users.admin.email));
  });
  afterAll(async () => {
    if (skip) return;
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  const applied = async (who: TestReplica, name: string, args: unknown) => {
    const r = await who.push(name, args);
    expect(r, `${name} ${JSON.stringify(r.error)}`).toMatchObject({ status: 'applied' });
    await who.pullAll();
  };
  const rejected = async (who: TestReplica, name: string, args: unknown, code: string, message?: RegExp) => {
    const before = who.cursor;
    const r = await who.push(name, args);
    expect(r.status, name).toBe('rejected');
    expect(r.error?.code, r.error?.message).toBe(code);
    if (message) expect(r.error?.message).toMatch(message);
    // Nothing changed: a pull from the same cursor brings nothing new.
    if (before !== null) {
      const page = await who.pullOnce();
      expect(page.changes).toEqual([]);
    }
    return r.error!;
  };

  const newIncident = async (overrides: Record<string, unknown> = {}) => {
    const id = randomUUID();
    await applied(tam, 'incident.create', {
      id,
      customerId: fx.customers.c1.id,
      title: 'Scan engine crash',
      severity: 2,
      channel: 'phone',
      receivedAt: '2026-11-26T11:30:00+09:00',
      ...overrides,
    });
    return id;
  };

  it.skipIf(!!skip)(
    'incident.create: creates a new incident; refuses a used id, a future receipt, an unknown customer',
    async () => {
      await tam.pullAll();
      const id = await newIncident({ description: '詳細' });
      expect(tam.get('incident', id)).toMatchObject({
        status: 'new',
        severity: 2,
        channel: 'phone',
        receivedAt: '2026-11-26T02:30:00.000Z',
        firstResponseAt: null,
        description: '詳細',
        severityHistory: [{ severity: 2, at: '2026-11-26T02:30:00.000Z', by: fx.users.tamA.id }],
      });
      expect(tam.get('incident', id)?.version).toBeGreaterThan(0);
      const base = {
        customerId: fx.customers.c1.id,
        title: 'x',
        severity: 3,
        channel: 'portal',
        receivedAt: '2026-11-26T11:00:00+09:00',
      };
      await rejected(tam, 'incident.create', { ...base, id }, 'already_exists');
      await rejected(
        tam,
        'incident.create',
        { ...base, id: randomUUID(), receivedAt: '2026-11-27T11:00:00+09:00' },
        'time_out_of_range',
        /after the server's clock/,
      );
      await rejected(
        tam,
        'incident.create',
        { ...base, id: randomUUID(), customerId: randomUUID() },
        'not_found',
      );
    },
  );

  it.skipIf(!!skip)(
    'incident.setSeverity: before the first response it enters the SLA history, after it not',
    async () => {
      const id = await newIncident();
      await applied(tam, 'incident.setSeverity', {
        incidentId: id,
        severity: 1,
        eventId: randomUUID(),
        reason: 'data loss confirmed',
      });
      const incident = tam.get('incident', id)!;
      expect(incident.severity).toBe(1);
      expect(incident.severityHistory).toHaveLength(2);
      const events = tam
        .ids('timelineEvent')
        .map((e) => tam.get('timelineEvent', e)!)
        .filter((e) => e.incidentId === id);
      expect(events).toEqual([
        expect.objectContaining({ kind: 'severity_change', meta: { from: 2, to: 1, countsForSla: true } }),
      ]);
      await rejected(
        tam,
        'incident.setSeverity',
        { incidentId: id, severity: 1, eventId: randomUUID() },
        'rule_violation',
        /already level 1/,
      );

      await applied(tam, 'incident.recordResponse', {
        incidentId: id,
        eventId: randomUUID(),
        at: '2026-11-26T11:50:00+09:00',
        body: '回避策を案内',
        isAnswer: true,
      });
      await applied(tam, 'incident.setSeverity', { incidentId: id, severity: 3, eventId: randomUUID() });
      expect(tam.get('incident', id)).toMatchObject({ severity: 3 });
      expect(tam.get('incident', id)?.severityHistory).toHaveLength(2);
    },
  );

  it.skipIf(!!skip)('incident.setStatus: follows the transitions; a stale from is rejected', async () => {
    const id = await newIncident();
    await rejected(
      tam,
      'incident.setStatus',
      { incidentId: id, from: 'new', to: 'resolved', eventId: randomUUID() },
      'rule_violation',
      /answer/,
    );
    await applied(tam, 'incident.setStatus', {
      incidentId: id,
      from: 'new',
      to: 'in_progress',
      eventId: randomUUID(),
      note: '調査開始',
    });
    expect(tam.get('incident', id)?.status).toBe('in_progress');
    await rejected(
      tam,
      'incident.setStatus',
      { incidentId: id, from: 'new', to: 'waiting_customer', eventId: randomUUID() },
      'stale_status',
      /now 'in_progress'/,
    );
    await rejected(
      tam,
      'incident.setStatus',
      { incidentId: id, from: 'in_progress', to: 'closed', eventId: randomUUID() },
      'invalid_transition',
    );
    await applied(tam, 'incident.recordResponse', {
      incidentId: id,
      eventId: randomUUID(),
      at: '2026-11-26T11:55:00+09:00',
      body: 'fixed',
      isAnswer: true,
    });
    await applied(tam, 'incident.setStatus', {
      incidentId: id,
      from: 'in_progress',
      to: 'resolved',
      eventId: randomUUID(),
    });
    expect(tam.get('incident', id)).toMatchObject({
      status: 'resolved',
      resolvedAt: new Date(clock).toISOString(),
    });
    await applied(tam, 'incident.setStatus', {
      incidentId: id,
      from: 'resolved',
      to: 'closed',
      eventId: randomUUID(),
    });
    await rejected(
      tam,
      'incident.recordResponse',
      {
        incidentId: id,
        eventId: randomUUID(),
        at: '2026-11-26T11:56:00+09:00',
        body: 'late',
        isAnswer: false,
      },
      'invalid_transition',
    );
  });

  it.skipIf(!!skip)(
    'incident.recordResponse: the first answer sets firstResponseAt once and every response is on the timeline',
    async () => {
      const id = await newIncident();
      await applied(tam, 'incident.recordResponse', {
        incidentId: id,
        eventId: randomUUID(),
        at: '2026-11-26T11:40:00+09:00',
        body: 'ログを確認中',
        isAnswer: false,
      });
      expect(tam.get('incident', id)?.firstResponseAt).toBeNull();
      await applied(tam, 'incident.recordResponse', {
        incidentId: id,
        eventId: randomUUID(),
        at: '2026-11-26T11:45:00+09:00',
        body: 'answer',
        isAnswer: true,
      });
      expect(tam.get('incident', id)?.firstResponseAt).toBe('2026-11-26T02:45:00.000Z');
      await applied(tam, 'incident.recordResponse', {
        incidentId: id,
        eventId: randomUUID(),
        at: '2026-11-26T11:50:00+09:00',
        body: 'second answer',
        isAnswer: true,
      });
      expect(tam.get('incident', id)?.firstResponseAt).toBe('2026-11-26T02:45:00.000Z');
      const responses = tam
        .ids('timelineEvent')
        .map((e) => tam.get('timelineEvent', e)!)
        .filter((e) => e.incidentId === id && e.kind === 'response');
      expect(responses).toHaveLength(3);
      await rejected(
        tam,
        'incident.recordResponse',
        {
          incidentId: id,
          eventId: randomUUID(),
          at: '2026-11-26T10:00:00+09:00',
          body: 'before',
          isAnswer: true,
        },
        'rule_violation',
        /precede/,
      );
    },
  );

  it.skipIf(!!skip)('timeline.append: appends; refuses system kinds and a used id', async () => {
    const id = randomUUID();
    const args = {
      id,
      incidentId: fx.incidents.i1.id,
      kind: 'call',
      at: '2026-11-26T11:00:00+09:00',
      body: '顧客と電話',
      visibility: 'customer',
    };
    await applied(tam, 'timeline.append', args);
    expect(tam.get('timelineEvent', id)).toMatchObject({
      kind: 'call',
      authorId: fx.users.tamA.id,
      visibility: 'customer',
      customerId: fx.customers.c1.id,
    });
    await rejected(tam, 'timeline.append', args, 'already_exists');
    await rejected(
      tam,
      'timeline.append',
      { ...args, id: randomUUID(), kind: 'status_change' },
      'not_allowed',
    );
  });

  it.skipIf(!!skip)(
    'request.create and request.advance: workflows, stale stages, supported versions only for private patches',
    async () => {
      const sig = randomUUID();
      await applied(tam, 'request.create', {
        id: sig,
        customerId: fx.customers.c1.id,
        type: 'signature_release',
        title: '誤検知',
        product: 'Endpoint Security',
        productVersion: '12.1',
        incidentId: fx.incidents.i1.id,
      });
      expect(tam.get('request', sig)).toMatchObject({
        stage: 'submitted',
        priority: 'prioritised',
        incidentId: fx.incidents.i1.id,
      });
      for (const [from, to] of [
        ['submitted', 'in_analysis'],
        ['in_analysis', 'release_scheduled'],
        ['release_scheduled', 'released'],
        ['released', 'customer_notified'],
      ]) {
        await applied(tam, 'request.advance', { requestId: sig, from, to });
      }
      expect(tam.get('request', sig)?.stageHistory).toHaveLength(5);
      await rejected(
        tam,
        'request.advance',
        { requestId: sig, from: 'customer_notified', to: 'released' },
        'invalid_transition',
        /final stage/,
      );
      await rejected(
        tam,
        'request.advance',
        { requestId: sig, from: 'released', to: 'customer_notified' },
        'stale_stage',
      );

      const patch = randomUUID();
      await applied(tam, 'request.create', {
        id: patch,
        customerId: fx.customers.c1.id,
        type: 'private_patch',
        title: 'Private fix',
        product: 'Endpoint Security',
        productVersion: '12.1',
      });
      expect(tam.get('request', patch)?.stage).toBe('requested');
      await rejected(
        tam,
        'request.advance',
        { requestId: patch, from: 'requested', to: 'in_development' },
        'invalid_transition',
        /accepted, declined/,
      );
      await applied(tam, 'request.advance', { requestId: patch, from: 'requested', to: 'accepted' });
      await applied(tam, 'request.advance', { requestId: patch, from: 'accepted', to: 'in_development' });
      await applied(tam, 'request.advance', { requestId: patch, from: 'in_development', to: 'delivered' });
      await applied(tam, 'request.advance', {
        requestId: patch,
        from: 'delivered',
        to: 'included_in_public_patch',
      });

      const ended = await rejected(
        tam,
        'request.create',
        {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          type: 'private_patch',
          title: 'Old',
          product: 'Endpoint Security',
          productVersion: '11.0',
        },
        'version_not_supported',
      );
      expect(ended.message).toMatch(/ended on 2020-12-31/);
      await rejected(
        tam,
        'request.create',
        {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          type: 'private_patch',
          title: 'Unknown',
          product: 'Mail Gateway',
          productVersion: '1.0',
        },
        'version_not_supported',
        /not recorded as deployed/,
      );
      await rejected(
        tam,
        'request.create',
        {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          type: 'signature_release',
          title: 'x',
          product: 'P',
          productVersion: '1',
          incidentId: fx.incidents.i2.id,
        },
        'not_found',
      );
    },
  );

  it.skipIf(!!skip)(
    'healthCheck.schedule: enforces the SLA engine rule (14 days, business day, one per contract year)',
    async () => {
      const id = randomUUID();
      const tooSoon = await rejected(
        tam,
        'healthCheck.schedule',
        { id, customerId: fx.customers.c1.id, agreedOn: '2026-11-26', scheduledDate: '2026-12-03' },
        'too_soon',
      );
      expect(tooSoon.message).toMatch(/at least 14 days/);
      expect(tooSoon.message).toMatch(/2026-12-10/);
      await rejected(
        tam,
        'healthCheck.schedule',
        { id, customerId: fx.customers.c1.id, agreedOn: '2026-11-26', scheduledDate: '2026-12-19' },
        'not_business_day',
      );
      await applied(tam, 'healthCheck.schedule', {
        id,
        customerId: fx.customers.c1.id,
        agreedOn: '2026-11-26',
        scheduledDate: '2026-12-15',
      });
      expect(tam.get('healthCheck', id)).toMatchObject({
        status: 'scheduled',
        scheduledDate: '2026-12-15',
        findings: [],
      });
      await rejected(
        tam,
        'healthCheck.schedule',
        {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          agreedOn: '2026-11-26',
          scheduledDate: '2027-01-12',
        },
        'already_this_contract_year',
      );
      // Moving the same health check is fine.
      await applied(tam, 'healthCheck.schedule', {
        id,
        customerId: fx.customers.c1.id,
        agreedOn: '2026-11-26',
        scheduledDate: '2026-12-16',
      });
      expect(tam.get('healthCheck', id)?.scheduledDate).toBe('2026-12-16');
      // The server's count of moves syncs back: the invitation's SEQUENCE on every replica.
      expect(tam.get('healthCheck', id)?.rescheduleCount).toBe(1);
    },
  );

  it.skipIf(!!skip)('healthCheck.recordFinding and healthCheck.complete', async () => {
    const id = randomUUID();
    await applied(tam, 'healthCheck.schedule', {
      id,
      customerId: fx.customers.c1.id,
      agreedOn: '2026-11-26',
      scheduledDate: '2027-04-13',
    });
    await rejected(
      tam,
      'healthCheck.complete',
      { healthCheckId: id },
      'rule_violation',
      /at least one finding/,
    );
    const findingId = randomUUID();
    const finding = {
      healthCheckId: id,
      findingId,
      area: 'リアルタイムスキャン',
      finding: 'Exclusions too broad',
      severity: 'high',
      recommendation: 'Narrow them',
    };
    await applied(tam, 'healthCheck.recordFinding', finding);
    await applied(tam, 'healthCheck.recordFinding', { ...finding, status: 'accepted' });
    expect(tam.get('healthCheck', id)?.findings).toEqual([
      expect.objectContaining({ id: findingId, status: 'accepted', severity: 'high' }),
    ]);
    await rejected(
      tam,
      'healthCheck.complete',
      { healthCheckId: id },
      'rule_violation',
      /scheduled for 2027-04-13/,
    );
    clock = Date.parse('2027-04-13T08:00:00Z');
    await applied(tam, 'healthCheck.complete', { healthCheckId: id });
    expect(tam.get('healthCheck', id)).toMatchObject({
      status: 'completed',
      completedAt: '2027-04-13T08:00:00.000Z',
    });
    await rejected(tam, 'healthCheck.complete', { healthCheckId: id }, 'invalid_transition');
    clock = Date.parse('2026-11-26T03:00:00Z');
  });

  it.skipIf(!!skip)(
    'report.logSent: logs reports; a daily one goes on its level-1 incident timeline',
    async () => {
      const quarterly = randomUUID();
      await applied(tam, 'report.logSent', {
        id: quarterly,
        customerId: fx.customers.c1.id,
        kind: 'quarterly',
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
        sentAt: '2026-11-26T10:00:00+09:00',
        via: 'email',
      });
      expect(tam.get('report', quarterly)).toMatchObject({
        kind: 'quarterly',
        via: 'email',
        incidentId: null,
      });
      // The running quarter (the server's clock is in November 2026) cannot be logged as sent.
      await rejected(
        tam,
        'report.logSent',
        {
          id: randomUUID(),
          customerId: fx.customers.c1.id,
          kind: 'quarterly',
          periodStart: '2026-10-01',
          periodEnd: '2026-12-31',
          sentAt: '2026-11-26T10:00:00+09:00',
          via: 'email',
        },
        'period_not_ended',
        /still running/,
      );
      const base = {
        customerId: fx.customers.c1.id,
        kind: 'daily',
        periodStart: '2026-11-26',
        periodEnd: '2026-11-26',
        sentAt: '2026-11-26T10:00:00+09:00',
        via: 'phone',
      };
      await rejected(tam, 'report.logSent', { ...base, id: randomUUID() }, 'rule_violation', /incidentId/);
      await rejected(
        tam,
        'report.logSent',
        { ...base, id: randomUUID(), incidentId: fx.incidents.i1.id, eventId: randomUUID() },
        'rule_violation',
        /level-1/,
      );
      await rejected(
        tam,
        'report.logSent',
        { ...base, id: randomUUID(), kind: 'custom', periodStart: '2026-11-27' },
        'rule_violation',
        /before it starts/,
      );
      const l1 = await newIncident({ severity: 1 });
      const id = randomUUID();
      const eventId = randomUUID();
      await applied(tam, 'report.logSent', { ...base, id, incidentId: l1, eventId, note: '復旧作業中' });
      expect(tam.get('report', id)).toMatchObject({ kind: 'daily', incidentId: l1, via: 'phone' });
      expect(tam.get('timelineEvent', eventId)).toMatchObject({
        kind: 'report_sent',
        incidentId: l1,
        meta: { reportId: id, reportKind: 'daily', via: 'phone' },
      });
    },
  );

  it.skipIf(!!skip)(
    'customer.update: TAMs edit names and calendar; assignments are for managers; team moves for admins',
    async () => {
      await manager.pullAll();
      await admin.pullAll();
      const c1 = fx.customers.c1.id;
      await applied(tam, 'customer.update', {
        customerId: c1,
        patch: {
          nameLatin: 'Alpha Holdings',
          calendar: { timeZone: 'Asia/Tokyo', country: 'JP', closures: ['2026-12-31'] },
        },
      });
      expect(tam.get('customer', c1)).toMatchObject({
        nameLatin: 'Alpha Holdings',
        calendar: { closures: ['2026-12-31'] },
      });
      await rejected(
        tam,
        'customer.update',
        { customerId: c1, patch: { backupTamId: fx.users.tamB.id } },
        'not_allowed',
        /manager/,
      );
      await manager.pullAll();
      await rejected(
        manager,
        'customer.update',
        { customerId: c1, patch: { backupTamId: fx.users.managerX.id } },
        'rule_violation',
        /TAM/,
      );
      await rejected(
        manager,
        'customer.update',
        { customerId: c1, patch: { backupTamId: fx.users.tamA.id } },
        'rule_violation',
        /another person/,
      );
      await rejected(
        manager,
        'customer.update',
        { customerId: c1, patch: { contractEnd: '2020-01-01' } },
        'rule_violation',
        /cannot end/,
      );
      await rejected(
        manager,
        'customer.update',
        { customerId: c1, patch: { team: 'Y' } },
        'not_allowed',
        /administrator/,
      );
      await rejected(
        manager,
        'customer.update',
        { customerId: fx.customers.c3.id, patch: { nameLatin: 'Nope' } },
        'not_found',
      );
      await applied(manager, 'customer.update', { customerId: c1, patch: { backupTamId: fx.users.tamB.id } });
      expect(manager.get('customer', c1)?.backupTamId).toBe(fx.users.tamB.id);
      await applied(admin, 'customer.update', { customerId: c1, patch: { team: 'Y' } });
      // The manager of team X loses the customer on the next pull.
      await manager.pullAll();
      expect(manager.has('customer', c1)).toBe(false);
      await applied(admin, 'customer.update', { customerId: c1, patch: { team: 'X' } });
    },
  );
});
