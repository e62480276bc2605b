// Hostile values for property-based tests: wrong types, huge strings, deep nesting,
// prototype keys, SQL and HTML meta-characters, invalid dates and time zones, and, for each
// mutation, valid arguments to corrupt.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { MutationName } from '../../../shared/mutations';
import type { CustomerKey, ReliabilityFixture } from './fixture';

export const SQL_META = [
  "'",
  "' OR '1'='1",
  "'; DROP TABLE records; --",
  '"; DELETE FROM sessions; --',
  '1; UPDATE sync_state SET last_version = 0',
  "') ON CONFLICT DO NOTHING; --",
  '\\',
  '%',
  '_',
  '$1',
  '?',
  '/* */',
  "E'\\x00'",
  'NULL',
];

export const HTML_META = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.domain)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '&lt;b&gt;',
  '<a href="https://evil.example">click</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
];

export const UNICODE_TRAPS = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202Ealert',
  '\uFEFF',
  '\u200B',
  'ｱｲｳ',
  '𠮷野家',
  '\r\nX-Injected: 1',
  '\t',
];

export const INVALID_DATES = [
  '2026-02-30T10:00:00+09:00',
  '2026-13-01T00:00:00Z',
  '2026-00-10',
  '2026-02-29',
  '9999-99-99',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00+25:00',
  '2026-01-01T10:00:00',
  '1/2/2026',
  'yesterday',
  'NaN',
  '',
  ' 2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00Z; DROP TABLE records',
  '+275760-09-13T00:00:00.001Z',
  '-000001-01-01T00:00:00Z',
];

export const INVALID_TIME_ZONES = [
  'Mars/Olympus_Mons',
  'UTC+9',
  'GMT+25',
  '../../etc/passwd',
  'Asia/Tokyo\u0000',
  'asia/tokyo ',
  '',
  'Europe/',
  '<script>',
  'A'.repeat(300),
];

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
];

const fromList = (list: readonly string[]) => fc.constantFrom(...list);

/** Strings a user, a bug or an attacker might send. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fromList(SQL_META),
    fromList(HTML_META),
    fromList(UNICODE_TRAPS),
    fromList(INVALID_DATES),
    fromList(INVALID_TIME_ZONES),
    fromList(PROTO_KEYS),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 20_001, max: 200_000 }).map((n) => 'x'.repeat(n)),
    fc
      .tuple(fromList([...SQL_META, ...HTML_META]), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${b}${a}${b}`),
  );
}

/** Nested arrays/objects this deep (built iteratively). */
export function deepNest(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** An object with an own "__proto__" key etc., as JSON.parse would make it. */
export function protoObject(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as Record<string, unknown>;
}

/** Any JSON value of a hostile kind (usually of the wrong type wherever it is put). */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0, -1, 1e308, -0, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
    { weight: 1, arbitrary: fc.array(hostileString(), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 400 })
        .chain((d) => fc.constantFrom(deepNest(d, 'array'), deepNest(d, 'object'))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fromList(PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }))
        .map(([k, v]) => protoObject(k, { polluted: v })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Schema-valid arguments of every mutation, on the rows of one of the fixture's customers. */
export function validArgs(
  name: MutationName,
  fx: ReliabilityFixture,
  customer: CustomerKey = 'c1',
): Record<string, unknown> {
  const c1 = fx.customers[customer].id;
  const i1 = fx.openIncidents[customer].id;
  const now = new Date(Date.now() - 60_000).toISOString();
  switch (name) {
    case 'incident.create':
      return {
        id: randomUUID(),
        customerId: c1,
        title: 'Scan stops',
        severity: 2,
        channel: 'phone',
        receivedAt: now,
        description: 'd',
      };
    case 'incident.setSeverity':
      return { incidentId: i1, severity: 1, eventId: randomUUID(), reason: 'r' };
    case 'incident.setStatus':
      return { incidentId: i1, from: 'new', to: 'in_progress', eventId: randomUUID(), note: 'n' };
    case 'incident.recordResponse':
      return {
        incidentId: i1,
        eventId: randomUUID(),
        at: now,
        body: 'Answered',
        isAnswer: true,
        visibility: 'customer',
      };
    case 'timeline.append':
      return {
        id: randomUUID(),
        incidentId: i1,
        kind: 'note',
        at: now,
        body: 'note',
        visibility: 'internal',
      };
    case 'request.create':
      return {
        id: randomUUID(),
        customerId: c1,
        type: 'signature_release',
        title: 'FP',
        description: 'd',
        product: 'Endpoint Security',
        productVersion: '12.1',
      };
    case 'request.advance':
      return { requestId: fx.requests[customer].id, from: 'submitted', to: 'in_analysis', note: 'n' };
    case 'healthCheck.schedule':
      return { id: randomUUID(), customerId: c1, agreedOn: '2026-06-01', scheduledDate: '2026-06-30' };
    case 'healthCheck.recordFinding':
      return {
        healthCheckId: fx.healthChecks[customer].id,
        findingId: randomUUID(),
        area: 'a',
        finding: 'f',
        severity: 'low',
        recommendation: 'r',
        status: 'open',
      };
    case 'healthCheck.complete':
      return { healthCheckId: fx.healthChecks[customer].id, completedAt: now };
    case 'report.logSent':
      return {
        id: randomUUID(),
        customerId: c1,
        kind: 'custom',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        sentAt: now,
        via: 'email',
        note: 'n',
      };
    case 'customer.update':
      return { customerId: c1, patch: { nameLatin: 'Alpha' } };
    case 'customer.create': {
      const c = fx.customers[customer];
      return {
        id: randomUUID(),
        nameJa: '新規株式会社',
        nameLatin: 'New K.K.',
        contractTier: c.contractTier,
        supportPolicyId: c.supportPolicyId,
        contractStart: '2026-01-01',
        contractEnd: '2027-12-31',
        calendar: c.calendar,
        tamId: c.tamId,
        backupTamId: null,
        team: c.team,
      };
    }
    case 'customer.archive':
      return { customerId: c1 };
    case 'contact.upsert':
      return { id: randomUUID(), customerId: c1, name: 'Contact', locale: 'ja' };
    case 'contact.remove':
      return { contactId: rowOf(fx, 'contact', c1) };
    case 'deployedProduct.upsert':
      return {
        id: randomUUID(),
        customerId: c1,
        product: 'Endpoint Security',
        productVersion: '12.2',
        supportEndsOn: '2030-12-31',
      };
    case 'deployedProduct.remove':
      return { deployedProductId: rowOf(fx, 'deployedProduct', c1) };
    case 'absence.upsert':
      return {
        id: randomUUID(),
        userId: fx.customers[customer].tamId,
        startDate: '2026-04-01',
        endDate: '2026-04-02',
        kind: 'leave',
      };
    case 'absence.remove':
      return {
        absenceId: fx.rows.find(
          (r) => r.entity === 'absence' && r.row.userId === fx.customers[customer].tamId,
        )!.row.id,
      };
    case 'dutyShift.upsert':
      return {
        id: randomUUID(),
        userId: managerOfTeam(fx, customer),
        startsAt: '2026-04-01T09:00:00Z',
        endsAt: '2026-04-01T18:00:00Z',
      };
    case 'dutyShift.remove':
      return {
        dutyShiftId: fx.rows.find(
          (r) => r.entity === 'dutyShift' && r.row.userId === managerOfTeam(fx, customer),
        )!.row.id,
      };
    // Alerts are made by the server: a schema-valid id that names none is refused as not_found.
    case 'alert.markRead':
      return { alertIds: [randomUUID()] };
    case 'alert.acknowledge':
      return { alertId: randomUUID(), eventId: randomUUID() };
    // Templates of the customer's TAM: their personal set (only they may keep it).
    case 'replyTemplate.create':
      return {
        id: randomUUID(),
        scope: 'user',
        ownerId: fx.customers[customer].tamId,
        name: 'First answer',
        language: 'ja',
        body: '{{customer.name}} 御中\n件番 {{incident.number}}',
      };
    case 'replyTemplate.update':
      return { templateId: personalTemplateOf(fx, customer), name: 'Renamed', body: '{{tam.signature}}' };
    case 'replyTemplate.delete':
      return { templateId: personalTemplateOf(fx, customer) };
    // Saved views belong to the actor: a new one is made; an id that names none is refused as not_found.
    case 'savedView.create':
      return {
        id: randomUUID(),
        name: 'Open level 1',
        filter: { status: 'open', severity: 1, customerId: c1, search: 'ライセンス' },
      };
    case 'savedView.rename':
      return { savedViewId: randomUUID(), name: 'Renamed' };
    case 'savedView.update':
      return { savedViewId: randomUUID(), filter: { status: '', severity: '', customerId: '', search: '' } };
    case 'savedView.delete':
      return { savedViewId: randomUUID() };
  }
}

/** The personal reply template of the customer's TAM. */
function personalTemplateOf(fx: ReliabilityFixture, customer: CustomerKey): string {
  const tamId = fx.customers[customer].tamId;
  return fx.rows.find((r) => r.entity === 'replyTemplate' && r.row.ownerId === tamId)!.row.id;
}

/** The id of a fixture row of this entity that belongs to the customer. */
function rowOf(fx: ReliabilityFixture, entity: 'contact' | 'deployedProduct', customerId: string): string {
  return fx.rows.find((r) => r.entity === entity && r.row.customerId === customerId)!.row.id;
}

/** The manager of the customer's team (coverage mutations aimed at that team). */
function managerOfTeam(fx: ReliabilityFixture, customer: CustomerKey): string {
  return Object.values(fx.users).find((u) => u.role === 'manager' && u.team === fx.customers[customer].team)!
    .id;
}

/** Valid arguments with one field (or the whole) replaced by a hostile value. */
export function corruptedArgs(name: MutationName, fx: ReliabilityFixture): fc.Arbitrary<unknown> {
  const base = validArgs(name, fx);
  const keys = Object.keys(base);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), hostileValue())
        .map(([k, v]) => ({ ...validArgs(name, fx), [k]: v })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...keys)).map(([k]) => {
        const a = validArgs(name, fx);
        delete a[k];
        return a;
      }),
    },
    { weight: 1, arbitrary: hostileValue() },
    {
      weight: 1,
      arbitrary: fc.tuple(fromList(PROTO_KEYS), hostileValue()).map(([k, v]) => ({
        ...protoObject(k, v),
        ...Object.fromEntries(keys.slice(1).map((key) => [key, validArgs(name, fx)[key]])),
      })),
    },
    ...(name === 'customer.update'
      ? [
          {
            weight: 2,
            arbitrary: fc
              .tuple(fromList(INVALID_TIME_ZONES), fc.constantFrom('JP', 'XX', 'jp', ''))
              .map(([timeZone, country]) => ({
                customerId: fx.customers.c1.id,
                patch: { calendar: { timeZone, country } },
              })),
          },
        ]
      : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), fromList(INVALID_DATES))
        .map(([k, v]) => ({ ...validArgs(name, fx), [k]: v })),
    },
  );
}

/**
 * Arguments that pass the schema but point at nothing (random UUIDs for every reference),
 * with markup and SQL in the text and unknown fields (a __proto__ key among them): the
 * server must reject each mutation with a reason and change no data.
 */
export function danglingArgs(
  name: MutationName,
  fx: ReliabilityFixture,
): fc.Arbitrary<Record<string, unknown>> {
  const REFS = [
    'customerId',
    'incidentId',
    'requestId',
    'healthCheckId',
    'userId',
    'tamId',
    'contactId',
    'deployedProductId',
    'absenceId',
    'dutyShiftId',
  ];
  return fc
    .tuple(
      fromList([...SQL_META, ...HTML_META].filter((s) => s.trim().length > 0)),
      fc.dictionary(
        fc.constantFrom('extra', 'version', 'deleted', 'createdBy', 'role', 'isAdmin'),
        fc.jsonValue({ maxDepth: 1 }),
        { maxKeys: 3 },
      ),
      fc.boolean(),
    )
    .map(([text, extra, proto]) => {
      const args: Record<string, unknown> = { ...validArgs(name, fx), ...extra };
      for (const key of REFS) if (key in args) args[key] = randomUUID();
      // A saved view's filter names its customer inside the filter.
      if (typeof args.filter === 'object' && args.filter !== null && 'customerId' in args.filter)
        args.filter = { ...args.filter, customerId: randomUUID() };
      for (const key of [
        'title',
        'body',
        'note',
        'reason',
        'area',
        'finding',
        'recommendation',
        'description',
      ])
        if (typeof args[key] === 'string') args[key] = text;
      return proto ? { ...protoObject('__proto__', { isAdmin: true }), ...args } : args;
    });
}
