import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory';
import { applyMutation } from './index';
import type { MutationContext } from './types';
import {
  MAX_FUTURE_MS,
  MAX_PAST_DAYS,
  TIME_OUT_OF_RANGE,
  checkTimeBounds,
  timeBounds,
  timeBoundsMessage,
} from './time-bounds';

const DAY = 86_400_000;
// Thursday 2026-11-26 12:00 in Tokyo.
const NOW = '2026-11-26T03:00:00.000Z';
const nowMs = Date.parse(NOW);
const tokyo = (contractStart: string) => ({ now: NOW, contractStart, timeZone: 'Asia/Tokyo' });

describe('timeBounds', () => {
  it('allows 400 days back when the contract started earlier, and 5 minutes ahead', () => {
    const b = timeBounds(tokyo('2020-04-01'));
    expect(b).toEqual({
      earliest: nowMs - MAX_PAST_DAYS * DAY,
      earliestBound: 'too_old',
      latest: nowMs + MAX_FUTURE_MS,
    });
    expect(MAX_PAST_DAYS).toBe(400);
    expect(MAX_FUTURE_MS).toBe(5 * 60_000);
  });

  it('starts at 00:00 of the contract start in the customer zone when that is later', () => {
    expect(timeBounds(tokyo('2026-04-01'))).toMatchObject({
      earliest: Date.parse('2026-03-31T15:00:00Z'),
      earliestBound: 'before_contract',
    });
    expect(
      timeBounds({ now: NOW, contractStart: '2026-04-01', timeZone: 'America/Los_Angeles' }).earliest,
    ).toBe(Date.parse('2026-04-01T07:00:00Z'));
  });
});

describe('checkTimeBounds', () => {
  it('accepts instants within the bounds, edges included', () => {
    expect(checkTimeBounds(NOW, tokyo('2025-04-01'))).toBeNull();
    expect(checkTimeBounds(nowMs + MAX_FUTURE_MS, tokyo('2025-04-01'))).toBeNull();
    expect(checkTimeBounds(nowMs - MAX_PAST_DAYS * DAY, tokyo('2020-04-01'))).toBeNull();
    expect(checkTimeBounds('2026-03-31T15:00:00Z', tokyo('2026-04-01'))).toBeNull();
  });

  it('names the bound crossed: future, too old, before the contract', () => {
    expect(checkTimeBounds(nowMs + MAX_FUTURE_MS + 1, tokyo('2025-04-01'))).toMatchObject({
      code: TIME_OUT_OF_RANGE,
      bound: 'future',
      limit: nowMs + MAX_FUTURE_MS,
    });
    expect(checkTimeBounds('0001-01-01T00:00:00Z', tokyo('2020-04-01'))).toMatchObject({
      code: TIME_OUT_OF_RANGE,
      bound: 'too_old',
      limit: nowMs - MAX_PAST_DAYS * DAY,
    });
    expect(checkTimeBounds(nowMs - MAX_PAST_DAYS * DAY - 1, tokyo('2020-04-01'))?.bound).toBe('too_old');
    expect(checkTimeBounds('2026-03-31T14:59:59.999Z', tokyo('2026-04-01'))).toMatchObject({
      bound: 'before_contract',
      contractStart: '2026-04-01',
    });
    expect(checkTimeBounds('not a time', tokyo('2026-04-01'))?.bound).toBe('before_contract');
  });

  it('explains each bound and what to do', () => {
    const v = (at: string, start: string) =>
      timeBoundsMessage('The receipt time', checkTimeBounds(at, tokyo(start))!);
    expect(v('2026-11-27T00:00:00Z', '2025-04-01')).toMatch(
      /more than 5 minutes after the server's clock.*check the device clock/,
    );
    expect(v('2020-01-01T00:00:00Z', '2019-04-01')).toMatch(/more than 400 days in the past.*check the year/);
    expect(v('2026-03-01T00:00:00Z', '2026-04-01')).toMatch(
      /before the customer's contract start \(2026-04-01\).*within the contract/,
    );
  });
});

describe('the mutations apply the bounds', () => {
  const TAM = '00000000-0000-4000-8000-000000000001';
  const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
  const INCIDENT = '00000000-0000-4000-8000-0000000000a1';
  const env = (id: string) => ({ id, version: 1, updatedAt: '2026-01-01T00:00:00.000Z', deleted: false });
  const store = () =>
    new MemoryStore([
      {
        entity: 'user',
        row: { ...env(TAM), name: 'TAM', email: 't@example.com', role: 'tam', team: 'X', locale: 'ja' },
      },
      {
        entity: 'customer',
        row: {
          ...env(CUSTOMER),
          nameJa: '顧客',
          nameLatin: 'Customer',
          contractTier: 'msa_enterprise',
          supportPolicyId: 'msa-enterprise',
          contractStart: '2026-04-01',
          contractEnd: '2029-03-31',
          calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
          tamId: TAM,
          backupTamId: null,
          team: 'X',
        },
      },
      {
        entity: 'incident',
        row: {
          ...env(INCIDENT),
          customerId: CUSTOMER,
          title: 't',
          description: '',
          severity: 2,
          channel: 'phone',
          status: 'new',
          receivedAt: '2026-11-26T01:00:00.000Z',
          firstResponseAt: null,
          resolvedAt: null,
          severityHistory: [{ severity: 2, at: '2026-11-26T01:00:00.000Z', by: TAM }],
          createdBy: TAM,
        },
      },
      {
        entity: 'healthCheck',
        row: {
          ...env('00000000-0000-4000-8000-0000000000b1'),
          customerId: '00000000-0000-4000-8000-0000000000c1',
          agreedOn: '2026-10-01',
          scheduledDate: '2026-11-20',
          status: 'scheduled',
          findings: [
            { id: 'f1', area: 'a', finding: 'f', severity: 'low', recommendation: 'r', status: 'open' },
          ],
          completedAt: null,
        },
      },
    ] as never);
  const ctx = (s: MemoryStore): MutationContext => ({
    actor: { id: TAM, role: 'tam', team: 'X' },
    now: NOW,
    read: s,
  });
  const run = async (name: string, args: Record<string, unknown>) => applyMutation(name, args, ctx(store()));

  it.each([
    [
      'incident.create',
      {
        id: '00000000-0000-4000-8000-0000000000a2',
        customerId: CUSTOMER,
        title: 'x',
        severity: 3,
        channel: 'portal',
      },
      'receivedAt',
    ],
    [
      'incident.recordResponse',
      {
        incidentId: INCIDENT,
        eventId: '00000000-0000-4000-8000-0000000000e1',
        body: 'answer',
        isAnswer: true,
      },
      'at',
    ],
    [
      'timeline.append',
      {
        id: '00000000-0000-4000-8000-0000000000e2',
        incidentId: INCIDENT,
        kind: 'note',
        body: 'n',
        visibility: 'internal',
      },
      'at',
    ],
    [
      'report.logSent',
      {
        id: '00000000-0000-4000-8000-0000000000f1',
        customerId: CUSTOMER,
        kind: 'custom',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        via: 'email',
      },
      'sentAt',
    ],
    ['healthCheck.complete', { healthCheckId: '00000000-0000-4000-8000-0000000000b1' }, 'completedAt'],
  ] as const)(
    '%s rejects %s years back, before the contract and in the future',
    async (name, base, field) => {
      for (const at of ['0001-01-01T00:00:00Z', '2026-03-31T14:59:00Z', '2026-11-26T03:05:01Z']) {
        const r = await run(name, { ...base, [field]: at });
        expect(r.ok ? null : r.error.code, `${name} ${at}`).toBe(TIME_OUT_OF_RANGE);
      }
      if (name !== 'incident.create') return; // the others may not precede the incident's receipt
      expect((await run(name, { ...base, [field]: '2026-04-01T00:00:00+09:00' })).ok).toBe(true);
      expect((await run(name, { ...base, [field]: '2026-11-26T03:05:00Z' })).ok).toBe(true);
    },
  );
});
