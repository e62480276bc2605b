// The data the reliability suites start from: the server harness fixture (two TAMs of team X
// with a customer each, a TAM of team Y, their managers, an admin) plus what every mutation
// needs to have something to act on: a scheduled health check, a signature request and a
// deployed product per customer, and TAM A as backup of TAM B's customer (so two TAMs and
// the manager change the same rows).
import { randomUUID } from 'node:crypto';
import type { Customer, HealthCheck, Incident, Request, TaggedRow } from '../../../shared/model/entities';
import { buildFixture, type Fixture } from '../../../server/testing/harness';

const stamp = '2026-01-01T00:00:00.000Z';
const env = () => ({ id: randomUUID(), version: 0, updatedAt: stamp, deleted: false });

export type CustomerKey = 'c1' | 'c2' | 'c3';

export interface ReliabilityFixture extends Fixture {
  healthChecks: Record<CustomerKey, HealthCheck>;
  requests: Record<CustomerKey, Request>;
  /** An open incident of each customer (c1: i1, c2: i2, c3: a new one). */
  openIncidents: Record<CustomerKey, Incident>;
}

export function buildReliabilityFixture(options: { tamABacksUpC2?: boolean } = {}): ReliabilityFixture {
  const fx = buildFixture();
  const { c1, c2, c3 } = fx.customers;
  if (options.tamABacksUpC2 ?? true) {
    c2.backupTamId = fx.users.tamA.id;
    const row = fx.rows.find((r) => r.entity === 'customer' && r.row.id === c2.id);
    if (row) (row.row as Customer).backupTamId = fx.users.tamA.id;
  }
  const healthCheck = (c: Customer): HealthCheck => ({
    ...env(),
    customerId: c.id,
    agreedOn: '2026-01-05',
    scheduledDate: '2026-02-02',
    status: 'scheduled',
    findings: [],
    completedAt: null,
  });
  const request = (c: Customer): Request => ({
    ...env(),
    customerId: c.id,
    type: 'signature_release',
    stage: 'submitted',
    title: `False positive at ${c.nameLatin}`,
    description: '',
    product: 'Endpoint Security',
    productVersion: '12.1',
    incidentId: null,
    priority: 'prioritised',
    stageHistory: [{ stage: 'submitted', at: stamp, by: c.tamId, note: null }],
    createdBy: c.tamId,
  });
  const healthChecks = { c1: healthCheck(c1), c2: healthCheck(c2), c3: healthCheck(c3) };
  const i3: Incident = {
    ...fx.incidents.i2,
    ...env(),
    customerId: c3.id,
    title: 'Incident of Gamma',
    severityHistory: [{ severity: 3, at: '2026-01-05T01:00:00.000Z', by: c3.tamId }],
    createdBy: c3.tamId,
  };
  const requests = { c1: request(c1), c2: request(c2), c3: request(c3) };
  const extra: TaggedRow[] = [
    { entity: 'incident', row: i3 },
    {
      entity: 'timelineEvent',
      row: {
        ...env(),
        incidentId: i3.id,
        customerId: c3.id,
        kind: 'note',
        at: '2026-01-05T03:00:00.000Z',
        authorId: c3.tamId,
        body: 'Gamma note',
        visibility: 'internal',
        isAnswer: false,
        meta: null,
      },
    },
    ...Object.values(healthChecks).map((row): TaggedRow => ({ entity: 'healthCheck', row })),
    ...Object.values(requests).map((row): TaggedRow => ({ entity: 'request', row })),
    // One row of every other entity: contacts and reports per customer.
    ...[c1, c2, c3].map(
      (c): TaggedRow => ({
        entity: 'contact',
        row: {
          ...env(),
          customerId: c.id,
          name: `${c.nameLatin} IT`,
          nameLatin: null,
          email: 'it@example.com',
          phone: null,
          role: 'IT',
          locale: 'ja',
          isPrimary: true,
        },
      }),
    ),
    ...[c1, c2, c3].map(
      (c): TaggedRow => ({
        entity: 'report',
        row: {
          ...env(),
          customerId: c.id,
          kind: 'quarterly',
          periodStart: '2025-10-01',
          periodEnd: '2025-12-31',
          sentAt: stamp,
          via: 'email',
          incidentId: null,
          authorId: c.tamId,
          note: null,
        },
      }),
    ),
    // An attachment per customer (on its request): the row syncs in the customer's scope.
    ...[c1, c2, c3].map(
      (c): TaggedRow => ({
        entity: 'attachment',
        row: {
          ...env(),
          customerId: c.id,
          incidentId: null,
          requestId: requests[c === c1 ? 'c1' : c === c2 ? 'c2' : 'c3'].id,
          fileName: `${c.nameLatin} logs.zip`,
          mediaType: 'application/zip',
          size: 0,
          sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          uploadedBy: c.tamId,
          at: stamp,
          state: 'uploaded',
        },
      }),
    ),
    // An absence of every TAM and a shift of every manager (global rows).
    ...[fx.users.tamA, fx.users.tamB, fx.users.tamC].map(
      (u): TaggedRow => ({
        entity: 'absence',
        row: {
          ...env(),
          userId: u.id,
          startDate: '2026-03-02',
          endDate: '2026-03-06',
          kind: 'leave',
          note: null,
        },
      }),
    ),
    ...[fx.users.managerX, fx.users.managerY].map(
      (u): TaggedRow => ({
        entity: 'dutyShift',
        row: {
          ...env(),
          userId: u.id,
          startsAt: '2026-01-01T09:00:00.000Z',
          endsAt: '2026-01-08T09:00:00.000Z',
          note: null,
        },
      }),
    ),
    ...[c2, c3].map(
      (c): TaggedRow => ({
        entity: 'deployedProduct',
        row: {
          ...env(),
          customerId: c.id,
          product: 'Endpoint Security',
          productVersion: '12.1',
          supportEndsOn: '2099-12-31',
        },
      }),
    ),
    // An alert to every user (about Alpha's open incident): each belongs to its recipient alone.
    ...Object.values(fx.users).map(
      (u): TaggedRow => ({
        entity: 'alert',
        row: {
          ...env(),
          recipientId: u.id,
          role: 'responder',
          customerId: c1.id,
          incidentId: fx.incidents.i1.id,
          stage: 'breach',
          severity: 3,
          at: stamp,
          dueAt: stamp,
          urgent: true,
          title: 'Alpha incident',
          readAt: null,
          acknowledgedAt: null,
        },
      }),
    ),
    // A weekly health snapshot of each customer (the server makes them; server/health).
    ...[c1, c2, c3].map(
      (c): TaggedRow => ({
        entity: 'healthSnapshot',
        row: {
          ...env(),
          customerId: c.id,
          weekStart: '2026-01-05',
          asOf: stamp,
          rating: 'green',
          score: 100,
          reasons: [],
        },
      }),
    ),
    // Reply templates: each team's set holds one, and every user has a personal one.
    ...[...new Set(Object.values(fx.users).map((u) => u.team))].map(
      (team): TaggedRow => ({
        entity: 'replyTemplate',
        row: {
          ...env(),
          scope: 'team',
          team,
          ownerId: null,
          name: `Team ${team} first answer`,
          language: 'ja',
          body: '{{customer.name}} 御中\n{{tam.signature}}',
          updatedBy: Object.values(fx.users).find((u) => u.team === team)!.id,
        },
      }),
    ),
    ...Object.values(fx.users).map(
      (u): TaggedRow => ({
        entity: 'replyTemplate',
        row: {
          ...env(),
          scope: 'user',
          team: u.team,
          ownerId: u.id,
          name: `${u.name} personal`,
          language: 'en',
          body: 'Dear {{customer.name}},\n{{tam.signature}}',
          updatedBy: u.id,
        },
      }),
    ),
    // Saved views: every user has one of their own (only they receive it).
    ...Object.values(fx.users).map(
      (u): TaggedRow => ({
        entity: 'savedView',
        row: {
          ...env(),
          userId: u.id,
          name: `${u.name} open level 1`,
          filter: { status: 'open', severity: 1, customerId: '', search: '' },
          createdAt: stamp,
        },
      }),
    ),
  ];
  fx.rows.push(...extra);
  return {
    ...fx,
    healthChecks,
    requests,
    openIncidents: { c1: fx.incidents.i1, c2: fx.incidents.i2, c3: i3 },
  };
}
