// Valid arguments never break the server (issue 12, Found #1). fast-check makes, for every
// mutation, arguments that pass its schema with every field at or around its limits (the
// longest text in ASCII, kana and surrogate pairs, text the schema trims, the shortest, random
// Unicode; the earliest and latest dates and instants the schema takes; every enum value;
// references to live, closed, foreign and missing rows), pushes them in batches over real HTTP
// on SQLite and PostgreSQL, and requires: 200, and every mutation applied or rejected with a
// reason — never a 5xx, never `internal` (a server failure the push survived is still a bug).
// Before the field limits had one definition, a request stage note over 2,000 characters made
// the push answer 500 for ever.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelSchema,
  ContractTierSchema,
  FIELD_LIMITS,
  FindingSeveritySchema,
  FindingStatusSchema,
  IncidentStatusSchema,
  ReportKindSchema,
  ReportViaSchema,
  RequestStageSchema,
  RequestTypeSchema,
  TimelineKindSchema,
  VisibilitySchema,
} from '../../shared/model/entities';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES, type MutationName } from '../../shared/mutations';
import { openDatabase, type Db } from '../../server/db';
import {
  createTestDatabase,
  engineCases,
  http,
  login,
  seedFixture,
  startApi,
  type RunningApi,
  type TestDatabase,
} from '../../server/testing/harness';
import { buildReliabilityFixture, type ReliabilityFixture } from './support/fixture';
import { recordFigures } from './support/figures';
import { RUN_SEED, SCALE } from './support/scale';

const L = FIELD_LIMITS;

/** Text a field takes, at and around its limit. `trimmed`: the schema trims it first; `min`: its shortest length after that. */
function text(
  max: number,
  { trimmed = false, min = 0 }: { trimmed?: boolean; min?: number } = {},
): fc.Arbitrary<string> {
  const fits = (s: string) => {
    const t = trimmed ? s.trim() : s;
    return t.length >= min && t.length <= max;
  };
  return fc
    .oneof(
      fc.constant('x'.repeat(max)),
      fc.constant('あ'.repeat(max)),
      fc.constant('😀'.repeat(Math.floor(max / 2))),
      // A lone high surrogate at the very end (JavaScript counts UTF-16 units).
      fc.constant('y'.repeat(max - 1) + '\uD83D'),
      fc.constant(`${'q'.repeat(max - 1)}\u0000`),
      fc.constant('z'.repeat(Math.max(min, 1))),
      fc.constant(trimmed ? ` \t${'p'.repeat(max)}\n ` : ' '.repeat(max)),
      fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 300) }),
      fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 100) }),
      fc.constant("'); drop table records; -- <img src=x onerror=alert(1)>"),
    )
    .filter(fits);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The ids of the incident and request a batch creates first. */
interface Fresh {
  incident: string;
  request: string;
}

describe.each(engineCases())('valid arguments at their limits on $engine', ({ engine, skip }) => {
  let tdb: TestDatabase;
  let db: Db;
  let server: RunningApi;
  let fx: ReliabilityFixture;
  const tokens: Record<string, string> = {};
  const outcomes: Record<string, number> = {};
  let pushes = 0;

  beforeAll(async () => {
    if (skip) return;
    tdb = await createTestDatabase(engine);
    db = await openDatabase(tdb.config);
    fx = buildReliabilityFixture();
    await seedFixture(db, fx);
    server = await startApi({ db });
    for (const who of ['admin', 'managerX', 'tamA'] as const)
      tokens[who] = await login(server.base, fx.users[who].email);
  });
  afterAll(async () => {
    if (skip) return;
    console.log(
      `limits on ${engine}: ${pushes} pushes, outcomes ${JSON.stringify(outcomes)}, seed ${RUN_SEED}`,
    );
    recordFigures(`limits-${engine}`, { engine, pushes, outcomes, seed: RUN_SEED });
    await server?.close();
    await db?.close();
    await tdb?.drop();
  });

  /** Arguments for one mutation that its schema accepts, fields at their limits. */
  function argsOf(
    name: MutationName,
    fresh: Fresh = { incident: fx.openIncidents.c1.id, request: fx.requests.c1.id },
  ): fc.Arbitrary<Record<string, unknown>> {
    const now = Date.now();
    const instant = fc.oneof(
      fc.constantFrom(
        iso(now - 60_000),
        iso(now - 4 * 60_000 + 1).replace('Z', '+00:00'),
        iso(now + 4 * 60_000),
        '2026-01-05T01:00:00.000Z',
        '2025-04-01T00:00:00+14:00',
        '0000-01-01T00:00:00Z',
        '1970-01-01T00:00:00-23:59',
        '9999-12-31T23:59:59.999999999+23:59',
      ),
      fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date(now), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
    const date = fc.oneof(
      fc.constantFrom(
        '0000-01-01',
        '9999-12-31',
        '2024-02-29',
        '2025-04-01',
        '2028-03-31',
        iso(now).slice(0, 10),
      ),
      fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    const id = fc.uuid({ version: 4 });
    const customers = Object.values(fx.customers).map((c) => c.id);
    // Mostly rows that exist (live, closed, foreign), sometimes none.
    const ref = (ids: string[]) =>
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: id });
    const customerId = ref(customers);
    // The batch's own new incident and request first: their state is known, so changes get as far as writing.
    const incidentId = fc.oneof(
      { weight: 3, arbitrary: fc.constant(fresh.incident) },
      {
        weight: 2,
        arbitrary: ref([...Object.values(fx.openIncidents).map((i) => i.id), fx.incidents.i1closed.id]),
      },
    );
    const requestId = fc.oneof(
      { weight: 3, arbitrary: fc.constant(fresh.request) },
      { weight: 2, arbitrary: ref(Object.values(fx.requests).map((r) => r.id)) },
    );
    const pair = <T>(valid: Array<[T, T]>, all: readonly T[]) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...valid) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...all), fc.constantFrom(...all)) },
      );
    const healthCheckId = ref(Object.values(fx.healthChecks).map((h) => h.id));
    const userId = ref(Object.values(fx.users).map((u) => u.id));
    const templateId = ref(fx.rows.filter((r) => r.entity === 'replyTemplate').map((r) => r.row.id));
    const templateName = text(L.templateName, { trimmed: true, min: 1 });
    // Bodies at the limit, and bodies with every field (known and unknown) up to it.
    const templateBody = fc.oneof(
      text(L.templateBody, { trimmed: true, min: 1 }),
      fc
        .array(
          fc.constantFrom(
            '{{customer.name}}',
            '{{incident.number}}',
            '{{ incident.level }}',
            '{{incident.dueAt}}',
            '{{tam.signature}}',
            '{{unknown.field}}',
            '御中\n',
            '{',
          ),
          { minLength: 1, maxLength: 50 },
        )
        .map((parts) => parts.join(' ')),
    );
    const severity = fc.constantFrom(1, 2, 3, 4);
    const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const calendar = fc.constantFrom(
      { timeZone: 'Asia/Tokyo', country: 'JP' },
      { timeZone: 'Pacific/Kiritimati', country: 'US', closures: ['0000-01-01', '9999-12-31'] },
      {
        timeZone: 'America/Los_Angeles',
        country: 'US',
        closures: Array.from({ length: 400 }, (_, i) => iso(Date.UTC(2026, 0, 1 + i)).slice(0, 10)),
      },
      { timeZone: 'Europe/London', country: 'GB', weekly: {} },
    );
    // A saved view's Incidents-list filter: every field at its values and limits, '' for "any".
    const incidentFilter = fc.record({
      status: fc.constantFrom('', 'open', ...IncidentStatusSchema.options),
      severity: fc.constantFrom('', 1, 2, 3, 4),
      customerId: fc.oneof(fc.constant(''), customerId),
      search: fc.oneof(fc.constant(''), text(L.filterSearch)),
    });
    switch (name) {
      case 'incident.create':
        return fc.record(
          {
            id,
            customerId,
            title: text(L.title, { trimmed: true, min: 1 }),
            severity,
            channel: fc.constantFrom(...ChannelSchema.options),
            receivedAt: instant,
            description: optional(text(L.description)),
          },
          { requiredKeys: ['id', 'customerId', 'title', 'severity', 'channel', 'receivedAt'] },
        );
      case 'incident.setSeverity':
        return fc.record(
          { incidentId, severity, eventId: id, reason: optional(text(L.changeNote)) },
          { requiredKeys: ['incidentId', 'severity', 'eventId'] },
        );
      case 'incident.setStatus':
        return fc
          .record(
            {
              incidentId,
              change: pair(
                [
                  ['new', 'in_progress'],
                  ['new', 'waiting_customer'],
                  ['in_progress', 'waiting_customer'],
                ],
                IncidentStatusSchema.options,
              ),
              eventId: id,
              note: optional(text(L.changeNote)),
            },
            { requiredKeys: ['incidentId', 'change', 'eventId'] },
          )
          .map(({ change: [from, to], ...rest }) => ({ ...rest, from, to }));
      case 'incident.recordResponse':
        return fc.record(
          {
            incidentId,
            eventId: id,
            at: instant,
            body: text(L.eventBody, { trimmed: true, min: 1 }),
            isAnswer: fc.boolean(),
            visibility: optional(fc.constantFrom(...VisibilitySchema.options)),
          },
          { requiredKeys: ['incidentId', 'eventId', 'at', 'body', 'isAnswer'] },
        );
      case 'timeline.append':
        return fc.record({
          id,
          incidentId,
          kind: fc.constantFrom(...TimelineKindSchema.options),
          at: instant,
          body: text(L.eventBody, { trimmed: true, min: 1 }),
          visibility: fc.constantFrom(...VisibilitySchema.options),
        });
      case 'request.create':
        return fc.record(
          {
            id,
            customerId,
            type: fc.constantFrom(...RequestTypeSchema.options),
            title: text(L.title, { trimmed: true, min: 1 }),
            description: optional(text(L.description)),
            product: fc.oneof(fc.constant('Endpoint Security'), text(L.name, { trimmed: true, min: 1 })),
            productVersion: fc.oneof(
              fc.constantFrom('12.1', '11.0'),
              text(L.productVersion, { trimmed: true, min: 1 }),
            ),
            incidentId: optional(incidentId),
          },
          { requiredKeys: ['id', 'customerId', 'type', 'title', 'product', 'productVersion'] },
        );
      case 'request.advance':
        return fc
          .record(
            {
              requestId,
              change: pair(
                [
                  ['submitted', 'in_analysis'],
                  ['in_analysis', 'release_scheduled'],
                ],
                RequestStageSchema.options,
              ),
              note: optional(text(L.stageNote)),
            },
            { requiredKeys: ['requestId', 'change'] },
          )
          .map(({ change: [from, to], ...rest }) => ({ ...rest, from, to }));
      case 'healthCheck.schedule':
        return fc.record({
          id: fc.oneof(id, healthCheckId),
          customerId,
          agreedOn: date,
          scheduledDate: date,
        });
      case 'healthCheck.recordFinding':
        return fc.record(
          {
            healthCheckId,
            findingId: id,
            area: text(L.name, { trimmed: true, min: 1 }),
            finding: text(L.findingText, { trimmed: true, min: 1 }),
            severity: fc.constantFrom(...FindingSeveritySchema.options),
            recommendation: text(L.findingText, { trimmed: true, min: 1 }),
            status: optional(fc.constantFrom(...FindingStatusSchema.options)),
          },
          { requiredKeys: ['healthCheckId', 'findingId', 'area', 'finding', 'severity', 'recommendation'] },
        );
      case 'healthCheck.complete':
        return fc.record(
          { healthCheckId, completedAt: optional(instant) },
          { requiredKeys: ['healthCheckId'] },
        );
      case 'report.logSent':
        return fc.record(
          {
            id,
            customerId,
            kind: fc.constantFrom(...ReportKindSchema.options),
            periodStart: date,
            periodEnd: date,
            sentAt: instant,
            via: fc.constantFrom(...ReportViaSchema.options),
            incidentId: optional(incidentId),
            eventId: optional(id),
            note: optional(text(L.reportNote)),
          },
          { requiredKeys: ['id', 'customerId', 'kind', 'periodStart', 'periodEnd', 'sentAt', 'via'] },
        );
      case 'customer.update':
        return fc.record({
          customerId,
          patch: fc.record(
            {
              nameJa: text(L.name, { trimmed: true, min: 1 }),
              nameLatin: text(L.name, { trimmed: true, min: 1 }),
              calendar,
              contractTier: fc.constantFrom(...ContractTierSchema.options),
              supportPolicyId: text(L.supportPolicyId, { trimmed: true, min: 1 }),
              contractStart: date,
              contractEnd: date,
              tamId: userId,
              backupTamId: fc.option(userId, { nil: null }),
              team: fc.constantFrom('X', 'Y', 'x'.repeat(L.team)),
            },
            { requiredKeys: [] },
          ),
        });
      case 'alert.markRead':
        return fc.record({ alertIds: fc.array(id, { minLength: 1, maxLength: 200 }) });
      case 'alert.acknowledge':
        return fc.record({ alertId: id, eventId: id });
      case 'customer.create':
        return fc.record(
          {
            id,
            nameJa: text(L.name, { trimmed: true, min: 1 }),
            nameLatin: text(L.name, { trimmed: true, min: 1 }),
            nameKana: fc.option(text(L.name, { trimmed: true }), { nil: null }),
            contractTier: fc.constantFrom(...ContractTierSchema.options),
            supportPolicyId: text(L.supportPolicyId, { trimmed: true, min: 1 }),
            contractStart: date,
            contractEnd: date,
            calendar,
            tamId: userId,
            backupTamId: fc.option(userId, { nil: null }),
            team: fc.constantFrom('X', 'Y', 'x'.repeat(L.team)),
          },
          {
            requiredKeys: [
              'id',
              'nameJa',
              'nameLatin',
              'contractTier',
              'supportPolicyId',
              'contractStart',
              'contractEnd',
              'calendar',
              'tamId',
              'backupTamId',
              'team',
            ],
          },
        );
      case 'customer.archive':
        return fc.record({ customerId, archived: fc.boolean() }, { requiredKeys: ['customerId'] });
      case 'contact.upsert':
        return fc.record(
          {
            id,
            customerId,
            name: text(L.name, { trimmed: true, min: 1 }),
            nameLatin: fc.option(text(L.name), { nil: null }),
            email: fc.option(fc.constantFrom('it@example.com', `${'a'.repeat(60)}@example.co.jp`), {
              nil: null,
            }),
            phone: fc.option(text(L.phone), { nil: null }),
            role: fc.option(text(L.name), { nil: null }),
            locale: fc.constantFrom('ja', 'en'),
            isPrimary: fc.boolean(),
            receivesReports: fc.boolean(),
          },
          { requiredKeys: ['id', 'customerId', 'name', 'locale'] },
        );
      case 'contact.remove':
        return fc.record({ contactId: id });
      case 'deployedProduct.upsert':
        return fc.record({
          id,
          customerId,
          product: text(L.name, { trimmed: true, min: 1 }),
          productVersion: text(L.productVersion, { trimmed: true, min: 1 }),
          supportEndsOn: date,
        });
      case 'deployedProduct.remove':
        return fc.record({ deployedProductId: id });
      case 'absence.upsert':
        return fc.record(
          {
            id,
            userId,
            startDate: date,
            endDate: date,
            kind: fc.constantFrom('leave', 'sick', 'training', 'other'),
            note: fc.option(text(L.coverageNote), { nil: null }),
          },
          { requiredKeys: ['id', 'userId', 'startDate', 'endDate', 'kind'] },
        );
      case 'absence.remove':
        return fc.record({ absenceId: id });
      case 'dutyShift.upsert':
        return fc.record(
          {
            id,
            userId,
            startsAt: instant,
            endsAt: instant,
            note: fc.option(text(L.coverageNote), { nil: null }),
          },
          { requiredKeys: ['id', 'userId', 'startsAt', 'endsAt'] },
        );
      case 'dutyShift.remove':
        return fc.record({ dutyShiftId: id });
      case 'replyTemplate.create':
        return fc.record(
          {
            id,
            scope: fc.constantFrom('team', 'user'),
            ownerId: userId,
            name: templateName,
            language: fc.constantFrom('ja', 'en'),
            body: templateBody,
          },
          { requiredKeys: ['id', 'scope', 'name', 'language', 'body'] },
        );
      case 'replyTemplate.update':
        return fc.record(
          {
            templateId,
            name: templateName,
            language: fc.constantFrom('ja', 'en'),
            body: templateBody,
          },
          { requiredKeys: ['templateId'] },
        );
      case 'replyTemplate.delete':
        return fc.record({ templateId });
      case 'savedView.create':
        return fc.record({ id, name: text(L.name, { trimmed: true, min: 1 }), filter: incidentFilter });
      case 'savedView.rename':
        return fc.record({ savedViewId: id, name: text(L.name, { trimmed: true, min: 1 }) });
      case 'savedView.update':
        return fc.record({ savedViewId: id, filter: incidentFilter });
      case 'savedView.delete':
        return fc.record({ savedViewId: id });
    }
  }

  const mutation = (fresh: Fresh) =>
    fc.constantFrom(...MUTATION_NAMES).chain((name) =>
      argsOf(name, fresh)
        .filter((args) => MUTATION_ARG_SCHEMAS[name].safeParse(args).success)
        .map((args) => ({ name: name as string, args })),
    );
  /** A batch: a new incident and request of customer c1, then random mutations (which mostly name them). */
  const batchOf = fc
    .record({ incident: fc.uuid({ version: 4 }), request: fc.uuid({ version: 4 }) })
    .chain((fresh) =>
      fc.array(mutation(fresh), { minLength: 1, maxLength: 6 }).map((random) => [
        {
          name: 'incident.create',
          args: {
            id: fresh.incident,
            customerId: fx.customers.c1.id,
            title: 'Limits',
            severity: 3,
            channel: 'email',
            receivedAt: iso(Date.now() - 3_600_000),
          },
        },
        {
          name: 'request.create',
          args: {
            id: fresh.request,
            customerId: fx.customers.c1.id,
            type: 'signature_release',
            title: 'Limits',
            product: 'Endpoint Security',
            productVersion: '12.1',
          },
        },
        ...random,
      ]),
    );

  it.skipIf(!!skip)(
    'each mutation with every text field at its longest is applied or rejected with a reason',
    async () => {
      // Deterministic companions of the property: the longest text of each field, where the rows
      // of the fixture let the mutation get as far as writing.
      const c1 = fx.customers.c1.id;
      const i1 = crypto.randomUUID();
      const request = crypto.randomUUID();
      const at = iso(Date.now() - 60_000);
      const cases: Array<{ name: MutationName; args: Record<string, unknown> }> = [
        {
          name: 'incident.create',
          args: {
            id: i1,
            customerId: c1,
            title: 'x'.repeat(L.title),
            severity: 3,
            channel: 'email',
            receivedAt: at,
            description: 'あ'.repeat(L.description),
          },
        },
        {
          name: 'incident.setSeverity',
          args: {
            incidentId: i1,
            severity: 2,
            eventId: crypto.randomUUID(),
            reason: 'r'.repeat(L.changeNote),
          },
        },
        {
          name: 'incident.recordResponse',
          args: {
            incidentId: i1,
            eventId: crypto.randomUUID(),
            at,
            body: 'b'.repeat(L.eventBody),
            isAnswer: false,
          },
        },
        {
          name: 'incident.setStatus',
          args: {
            incidentId: i1,
            from: 'new',
            to: 'in_progress',
            eventId: crypto.randomUUID(),
            note: 'n'.repeat(L.changeNote),
          },
        },
        {
          name: 'timeline.append',
          args: {
            id: crypto.randomUUID(),
            incidentId: i1,
            kind: 'note',
            at,
            body: '😀'.repeat(L.eventBody / 2),
            visibility: 'internal',
          },
        },
        {
          name: 'request.create',
          args: {
            id: request,
            customerId: c1,
            type: 'signature_release',
            title: 't'.repeat(L.title),
            description: 'd'.repeat(L.description),
            product: 'p'.repeat(L.name),
            productVersion: 'v'.repeat(L.productVersion),
          },
        },
        {
          name: 'request.advance',
          args: { requestId: request, from: 'submitted', to: 'in_analysis', note: 'n'.repeat(L.stageNote) },
        },
        {
          name: 'healthCheck.recordFinding',
          args: {
            healthCheckId: fx.healthChecks.c1.id,
            findingId: crypto.randomUUID(),
            area: 'a'.repeat(L.name),
            finding: 'f'.repeat(L.findingText),
            severity: 'high',
            recommendation: 'r'.repeat(L.findingText),
          },
        },
        {
          name: 'report.logSent',
          args: {
            id: crypto.randomUUID(),
            customerId: c1,
            kind: 'custom',
            periodStart: '2026-01-01',
            periodEnd: '2026-01-31',
            sentAt: at,
            via: 'email',
            incidentId: i1,
            eventId: crypto.randomUUID(),
            note: 'n'.repeat(L.reportNote),
          },
        },
        {
          name: 'customer.update',
          args: {
            customerId: c1,
            patch: {
              nameJa: 'あ'.repeat(L.name),
              nameLatin: 'l'.repeat(L.name),
              supportPolicyId: 's'.repeat(L.supportPolicyId),
            },
          },
        },
      ];
      const res = await http(server.base, 'POST', '/v1/sync/push', {
        token: tokens.admin,
        body: {
          clientId: `longest-${engine}-${RUN_SEED}`,
          mutations: cases.map((c, i) => ({ id: i + 1, ...c })),
        },
      });
      expect(res.status).toBe(200);
      expect(
        (res.body.results as Array<{ status: string; error?: unknown }>).map(
          (r, i) => `${cases[i]!.name}: ${r.status} ${JSON.stringify(r.error ?? '')}`,
        ),
      ).toEqual(cases.map((c) => `${c.name}: applied ""`));
    },
  );

  it.skipIf(!!skip)(
    'every mutation, every field at its limits: 200, and each applied or rejected with a reason, never internal',
    async () => {
      // Every mutation once at the longest text first (the case that used to break), then random batches.
      for (const name of MUTATION_NAMES) {
        const [sample] = fc.sample(
          argsOf(name).filter((args) => MUTATION_ARG_SCHEMAS[name].safeParse(args).success),
          { numRuns: 1, seed: RUN_SEED },
        );
        expect(sample, name).toBeDefined();
      }
      let clientSeq = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('admin', 'managerX', 'tamA'), batchOf, async (who, batch) => {
          const clientId = `limits-${engine}-${clientSeq++}-${RUN_SEED}`;
          const body = {
            clientId,
            mutations: batch.map((m, i) => ({ id: i + 1, name: m.name, args: m.args })),
          };
          const res = await http(server.base, 'POST', '/v1/sync/push', { token: tokens[who], body });
          pushes++;
          const what = `${who}: ${batch.map((m) => m.name).join(', ')}`;
          expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
          for (const r of res.body.results as Array<{
            id: number;
            status: string;
            error?: { code: string; message: string };
          }>) {
            const key = r.status === 'applied' ? 'applied' : (r.error?.code ?? 'rejected');
            outcomes[key] = (outcomes[key] ?? 0) + 1;
            expect(r.error?.code, `${what}, mutation ${r.id}: ${JSON.stringify(r.error)}`).not.toBe(
              'internal',
            );
            if (r.status === 'rejected') expect(r.error?.message.length, what).toBeGreaterThan(0);
          }
        }),
        { numRuns: SCALE.hostileRuns * 2, seed: RUN_SEED, endOnFailure: true },
      );
      expect(outcomes.applied ?? 0).toBeGreaterThan(0);
    },
  );
});
