import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { SlaInputError } from './errors';
import { computeResponseSla, safeComputeResponseSla } from './response-sla';
import type { ResponseSlaRequest } from './response-sla';
import { STANDARD_POLICY } from './policy';
import type { SupportPolicy } from './policy';
import type { Calendar, ResponseSlaInput } from './schemas';

const ms = (iso: string): number => {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`bad instant: ${iso}`);
  return dt.toMillis();
};

// ---- public golden cases (a copy kept in the repository: fixtures/sla-cases.json) ----
const casesPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sla-cases.json');

interface GoldenCase extends ResponseSlaRequest {
  id: string;
  expect: { clockStartAt?: string; dueAt: string; state: string; remainingMs?: number | null };
}

function loadCases(): GoldenCase[] {
  if (!existsSync(casesPath)) return [];
  return (JSON.parse(readFileSync(casesPath, 'utf8')) as { cases: GoldenCase[] }).cases;
}
const golden = loadCases();

describe('golden cases (sla-cases.json)', () => {
  it('the golden file exists and has cases', () => {
    expect(existsSync(casesPath), `missing golden cases file: ${casesPath}`).toBe(true);
    expect(golden.length).toBeGreaterThan(0);
  });

  it.each(golden.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = computeResponseSla(c);
    expect(ms(r.dueAt)).toBe(ms(c.expect.dueAt));
    expect(r.state).toBe(c.expect.state);
    if (c.expect.clockStartAt !== undefined) expect(ms(r.clockStartAt)).toBe(ms(c.expect.clockStartAt));
    if (c.expect.remainingMs !== undefined) expect(r.remainingMs).toBe(c.expect.remainingMs);
  });
});

// ---- rules of docs/domain.md ---------------------------------------------------------------
const tokyo: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
const base = { calendar: tokyo, channel: 'portal' } as const;
const H = 3_600_000;
const M = 60_000;

describe('clock start', () => {
  it('starts a level 1/2 phone call at receipt even out of hours', () => {
    const r = computeResponseSla({
      ...base,
      channel: 'phone',
      severity: 2,
      receivedAt: '2026-11-28T03:00:00+09:00',
      now: '2026-11-28T03:00:00+09:00',
    });
    expect(ms(r.clockStartAt)).toBe(ms('2026-11-28T03:00:00+09:00'));
    expect(ms(r.dueAt)).toBe(ms('2026-11-28T07:00:00+09:00'));
    expect(r.deferred).toBeNull();
    expect(r.clock).toBe('calendar');
  });

  it('defers a level 1/2 request out of hours by portal, email or TAM, and says why', () => {
    for (const channel of ['portal', 'email', 'tam'] as const) {
      const r = computeResponseSla({
        ...base,
        channel,
        severity: 1,
        receivedAt: '2026-11-27T18:00:00+09:00',
        now: '2026-11-27T19:00:00+09:00',
      });
      expect(r.deferred?.reason, channel).toBe('out_of_hours_non_phone');
      expect(ms(r.deferred?.until ?? '')).toBe(ms('2026-11-30T09:00:00+09:00'));
      expect(ms(r.dueAt)).toBe(ms('2026-11-30T09:30:00+09:00'));
      expect(r.state).toBe('running');
      expect(r.remainingMs).toBe(30 * M); // clock not started: the whole target remains
    }
  });

  it('does not defer a level 1/2 request received in hours by any channel', () => {
    const r = computeResponseSla({
      ...base,
      channel: 'email',
      severity: 2,
      receivedAt: '2026-11-27T17:00:00+09:00',
      now: '2026-11-27T17:00:00+09:00',
    });
    expect(r.deferred).toBeNull();
    expect(ms(r.dueAt)).toBe(ms('2026-11-27T21:00:00+09:00')); // calendar time runs past the close
  });

  it('starts a level 3/4 request received out of hours at the next opening, by any channel', () => {
    const r = computeResponseSla({
      ...base,
      channel: 'phone',
      severity: 3,
      receivedAt: '2026-11-28T10:00:00+09:00',
      now: '2026-11-28T10:00:00+09:00',
    });
    expect(r.deferred).toEqual({ reason: 'out_of_hours_business_clock', until: r.clockStartAt });
    expect(ms(r.clockStartAt)).toBe(ms('2026-11-30T09:00:00+09:00'));
    expect(ms(r.dueAt)).toBe(ms('2026-11-30T15:00:00+09:00'));
    expect(r.clock).toBe('business');
  });

  it('can turn the out-of-hours channel rule off per policy', () => {
    const policy: SupportPolicy = {
      ...STANDARD_POLICY,
      id: 'no-deferral',
      targets: { ...STANDARD_POLICY.targets, 1: { minutes: 60, clock: 'calendar' } },
      outOfHoursNonPhoneDeferral: false,
    };
    const r = computeResponseSla({
      ...base,
      policy,
      severity: 1,
      receivedAt: '2026-11-28T03:00:00+09:00',
      now: '2026-11-28T03:10:00+09:00',
    });
    expect(r.deferred).toBeNull();
    expect(ms(r.dueAt)).toBe(ms('2026-11-28T04:00:00+09:00'));
  });
});

describe('state and remaining time', () => {
  const l3 = { ...base, severity: 3, receivedAt: '2026-11-26T15:00:00+09:00' } as const; // due Fri 12:00

  it('counts remaining business time, paused outside business hours', () => {
    const evening = computeResponseSla({ ...l3, now: '2026-11-26T20:00:00+09:00' });
    expect(evening.remainingMs).toBe(3 * H);
    expect(evening.state).toBe('running');
  });

  it('is at risk strictly below 25% of the target remaining', () => {
    // 6 h target: at risk when less than 90 minutes remain.
    expect(computeResponseSla({ ...l3, now: '2026-11-27T10:30:00+09:00' }).state).toBe('running'); // exactly 90 min left
    expect(computeResponseSla({ ...l3, now: '2026-11-27T10:31:00+09:00' }).state).toBe('at_risk');
  });

  it('is breached from the due instant on, with the overdue time as negative remaining', () => {
    const at = computeResponseSla({ ...l3, now: '2026-11-27T12:00:00+09:00' });
    expect(at.state).toBe('breached');
    expect(at.remainingMs).toBe(0);
    const later = computeResponseSla({ ...l3, now: '2026-11-30T10:00:00+09:00' });
    expect(later.state).toBe('breached');
    expect(later.remainingMs).toBe(-(6 * H + H)); // Fri 12:00-18:00 and Mon 09:00-10:00
  });

  it('is met by a response at or before due, missed after; settled means no remaining time', () => {
    const met = computeResponseSla({
      ...l3,
      firstResponseAt: '2026-11-27T12:00:00+09:00',
      now: '2026-12-10T00:00:00+09:00',
    });
    expect(met.state).toBe('met');
    expect(met.remainingMs).toBeNull();
    const missed = computeResponseSla({
      ...l3,
      firstResponseAt: '2026-11-27T12:00:00.001+09:00',
      now: '2026-12-10T00:00:00+09:00',
    });
    expect(missed.state).toBe('missed');
    expect(missed.remainingMs).toBeNull();
  });

  it('evaluates the incident as it stood at now: a later response does not count yet', () => {
    const r = computeResponseSla({
      ...l3,
      firstResponseAt: '2026-11-27T11:00:00+09:00',
      now: '2026-11-27T10:45:00+09:00',
    });
    expect(r.state).toBe('at_risk');
  });

  it('uses remaining calendar time for calendar clocks', () => {
    const r = computeResponseSla({
      ...base,
      channel: 'phone',
      severity: 2,
      receivedAt: '2026-11-26T16:00:00+09:00',
      now: '2026-11-26T19:00:00+09:00',
    });
    expect(r.remainingMs).toBe(H);
    expect(r.state).toBe('running'); // 25% of 4 h is 60 min: exactly 60 left is not at risk
  });
});

describe('severity changes', () => {
  const received = '2026-11-26T10:00:00+09:00';

  it('recomputes the due time from the receipt under the new level', () => {
    const r = computeResponseSla({
      ...base,
      severity: 3,
      receivedAt: received,
      severityChanges: [{ at: '2026-11-26T10:05:00+09:00', severity: 1 }],
      now: '2026-11-26T10:10:00+09:00',
    });
    expect(r.severity).toBe(1);
    expect(ms(r.dueAt)).toBe(ms('2026-11-26T10:30:00+09:00'));
    expect(r.state).toBe('running');
  });

  it('takes the latest change at or before now, ignoring later ones', () => {
    const changes = [
      { at: '2026-11-26T11:00:00+09:00', severity: 2 as const },
      { at: '2026-11-26T10:05:00+09:00', severity: 4 as const },
      { at: '2026-11-26T12:00:00+09:00', severity: 1 as const },
    ];
    const r = computeResponseSla({
      ...base,
      severity: 3,
      receivedAt: received,
      severityChanges: changes,
      now: '2026-11-26T11:30:00+09:00',
    });
    expect(r.severity).toBe(2);
    expect(ms(r.dueAt)).toBe(ms('2026-11-26T14:00:00+09:00'));
    const atChange = computeResponseSla({
      ...base,
      severity: 3,
      receivedAt: received,
      severityChanges: changes,
      now: '2026-11-26T12:00:00+09:00',
    });
    expect(atChange.severity).toBe(1);
    expect(atChange.state).toBe('breached'); // due 10:30 from the receipt
  });

  it('changes nothing once the first response has settled the SLA', () => {
    const r = computeResponseSla({
      ...base,
      severity: 4,
      receivedAt: received,
      firstResponseAt: '2026-11-26T11:00:00+09:00',
      severityChanges: [{ at: '2026-11-26T11:00:00+09:00', severity: 1 }],
      now: '2026-11-27T00:00:00+09:00',
    });
    expect(r.severity).toBe(4);
    expect(r.state).toBe('met');
    expect(ms(r.dueAt)).toBe(ms('2026-11-26T18:00:00+09:00'));
  });

  it('switches clocks with the level (business -> calendar with deferral)', () => {
    const r = computeResponseSla({
      ...base,
      channel: 'email',
      severity: 4,
      receivedAt: '2026-11-28T08:00:00+09:00',
      severityChanges: [{ at: '2026-11-28T08:30:00+09:00', severity: 2 }],
      now: '2026-11-28T09:00:00+09:00',
    });
    expect(r.deferred?.reason).toBe('out_of_hours_non_phone');
    expect(ms(r.dueAt)).toBe(ms('2026-11-30T13:00:00+09:00'));
  });
});

describe('customer zone, not the machine zone', () => {
  it('computes New York business hours for a laptop anywhere', () => {
    const r = computeResponseSla({
      calendar: { timeZone: 'America/New_York', country: 'US' },
      channel: 'portal',
      severity: 4,
      receivedAt: '2026-10-30T22:00:00+09:00', // Fri 09:00 EDT, seen from Tokyo
      now: '2026-10-30T22:00:00+09:00',
    });
    expect(ms(r.dueAt)).toBe(ms('2026-10-30T17:00:00-04:00'));
    expect(r.dueAt.endsWith('-04:00')).toBe(true); // shown in the customer's offset
  });

  it('skips the US observed Independence Day (substitute)', () => {
    const r = computeResponseSla({
      calendar: { timeZone: 'America/New_York', country: 'US' },
      channel: 'portal',
      severity: 3,
      receivedAt: '2026-07-02T15:00:00-04:00',
      now: '2026-07-02T15:00:00-04:00',
    });
    expect(ms(r.dueAt)).toBe(ms('2026-07-06T12:00:00-04:00'));
  });
});

describe('policies', () => {
  it('applies another policy given as data', () => {
    const r = computeResponseSla({
      ...base,
      policy: STANDARD_POLICY,
      severity: 1,
      channel: 'phone',
      receivedAt: '2026-11-27T17:00:00+09:00',
      now: '2026-11-27T17:00:00+09:00',
    });
    expect(r.clock).toBe('business');
    expect(ms(r.dueAt)).toBe(ms('2026-11-30T10:00:00+09:00'));
  });
});

describe('invalid input', () => {
  const valid: ResponseSlaRequest = {
    ...base,
    severity: 3,
    receivedAt: '2026-11-26T10:00:00+09:00',
    now: '2026-11-26T11:00:00+09:00',
  };

  it('throws SlaInputError listing each problem', () => {
    const bad = { ...valid, receivedAt: '2026-11-26T10:00:00', severity: 5 } as unknown as ResponseSlaRequest;
    expect(() => computeResponseSla(bad)).toThrow(SlaInputError);
    const r = safeComputeResponseSla(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.path).sort()).toEqual(['receivedAt', 'severity']);
  });

  it('rejects a response before the receipt, a bad calendar and a bad policy', () => {
    const early = safeComputeResponseSla({ ...valid, firstResponseAt: '2026-11-26T09:00:00+09:00' });
    expect(!early.ok && early.error.issues[0]?.path).toBe('firstResponseAt');
    const cal = safeComputeResponseSla({ ...valid, calendar: { timeZone: 'Asia/Tokyo', country: 'ZZ' } });
    expect(!cal.ok && cal.error.issues[0]?.path).toBe('calendar.country');
    const policy = safeComputeResponseSla({ ...valid, policy: { ...STANDARD_POLICY, atRiskFraction: 2 } });
    expect(!policy.ok && policy.error.issues[0]?.path).toBe('policy.atRiskFraction');
    const change = safeComputeResponseSla({ ...valid, severityChanges: [{ at: 'soon', severity: 1 }] });
    expect(!change.ok && change.error.issues[0]?.path).toBe('severityChanges.0.at');
  });

  it('accepts what ResponseSlaInputSchema validated, type and all', () => {
    const validated: ResponseSlaInput = { ...valid, severityChanges: [], firstResponseAt: null };
    expect(computeResponseSla(validated).state).toBe('running');
  });

  it('returns the value when valid', () => {
    const r = safeComputeResponseSla(valid);
    expect(r.ok && ms(r.value.dueAt)).toBe(ms('2026-11-26T16:00:00+09:00'));
  });
});
