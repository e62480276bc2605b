import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { SlaInputError } from './errors';
import { contractYearOf, validateHealthCheckDate } from './health-check';
import type { Calendar, HealthCheckInput } from './schemas';

const ms = (iso: string): number => DateTime.fromISO(iso).toMillis();
const tokyo: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP', closures: ['2026-12-29'] };
const base: HealthCheckInput = {
  calendar: tokyo,
  contract: { start: '2026-04-01', end: '2028-03-31' },
  date: '2026-11-26',
  agreedOn: '2026-11-12',
  existing: [],
};
const codes = (r: ReturnType<typeof validateHealthCheckDate>) => (r.ok ? [] : r.reasons.map((x) => x.code));

describe('health check date', () => {
  it("accepts a business day agreed 14 days ahead; its window is that day's hours", () => {
    const r = validateHealthCheckDate(base);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(ms(r.window.start)).toBe(ms('2026-11-26T09:00:00+09:00'));
      expect(ms(r.window.end)).toBe(ms('2026-11-26T18:00:00+09:00'));
    }
  });

  it('spans the first opening to the last closing on split days', () => {
    const split: Calendar = {
      ...tokyo,
      weekly: {
        thu: [
          ['09:00', '12:00'],
          ['13:00', '17:30'],
        ],
      },
    };
    const r = validateHealthCheckDate({ ...base, calendar: split });
    expect(r.ok && [ms(r.window.start), ms(r.window.end)]).toEqual([
      ms('2026-11-26T09:00:00+09:00'),
      ms('2026-11-26T17:30:00+09:00'),
    ]);
  });

  it('needs 14 days of notice in local dates', () => {
    const r = validateHealthCheckDate({ ...base, agreedOn: '2026-11-13' });
    expect(r).toEqual({
      ok: false,
      reasons: [
        {
          code: 'too_soon',
          params: {
            date: '2026-11-26',
            agreedOn: '2026-11-13',
            noticeDays: 13,
            minimumDays: 14,
            earliestDate: '2026-11-27',
          },
        },
      ],
    });
    // An instant is read in the customer's zone: 16:00 UTC on the 12th is the 13th in Tokyo.
    expect(codes(validateHealthCheckDate({ ...base, agreedOn: '2026-11-12T16:00:00Z' }))).toEqual([
      'too_soon',
    ]);
    expect(validateHealthCheckDate({ ...base, agreedOn: '2026-11-12T14:00:00Z' }).ok).toBe(true);
  });

  it('must fall on a business day of the customer calendar', () => {
    const weekend = validateHealthCheckDate({ ...base, date: '2026-11-28', agreedOn: '2026-11-01' });
    expect(!weekend.ok && weekend.reasons).toEqual([
      { code: 'not_business_day', params: { date: '2026-11-28', closed: 'weekly' } },
    ]);
    const holiday = validateHealthCheckDate({ ...base, date: '2026-11-23', agreedOn: '2026-11-01' });
    expect(!holiday.ok && holiday.reasons[0]?.params).toMatchObject({ closed: 'holiday' });
    const closure = validateHealthCheckDate({ ...base, date: '2026-12-29', agreedOn: '2026-11-01' });
    expect(!closure.ok && closure.reasons[0]?.params).toMatchObject({ closed: 'closure' });
  });

  it('allows one per contract year, counted from the contract start', () => {
    const existing = [{ id: 'hc-1', date: '2026-06-10' }];
    const r = validateHealthCheckDate({ ...base, existing });
    expect(!r.ok && r.reasons).toEqual([
      {
        code: 'already_this_contract_year',
        params: {
          contractYear: 1,
          yearStart: '2026-04-01',
          yearEnd: '2027-03-31',
          existingDate: '2026-06-10',
          existingId: 'hc-1',
        },
      },
    ]);
    expect(validateHealthCheckDate({ ...base, existing, rescheduling: 'hc-1' }).ok).toBe(true);
    expect(validateHealthCheckDate({ ...base, existing: [{ date: '2027-04-01' }] }).ok).toBe(true); // year 2
  });

  it('must lie within the contract', () => {
    const before = validateHealthCheckDate({ ...base, date: '2026-03-31', agreedOn: '2026-01-01' });
    expect(!before.ok && before.reasons).toEqual([
      {
        code: 'outside_contract',
        params: { date: '2026-03-31', contractStart: '2026-04-01', contractEnd: '2028-03-31' },
      },
    ]);
    expect(codes(validateHealthCheckDate({ ...base, date: '2028-04-03', agreedOn: '2028-01-01' }))).toEqual([
      'outside_contract',
    ]);
  });

  it('reports every failing rule at once', () => {
    const r = validateHealthCheckDate({
      ...base,
      date: '2026-11-28',
      agreedOn: '2026-11-20',
      existing: [{ date: '2026-05-01' }],
    });
    expect(codes(r).sort()).toEqual(['already_this_contract_year', 'not_business_day', 'too_soon']);
    const r2 = validateHealthCheckDate({ ...base, date: '2026-03-29', agreedOn: '2026-03-28' });
    expect(codes(r2).sort()).toEqual(['not_business_day', 'outside_contract', 'too_soon']);
  });

  it('rejects malformed input as an error, not as a reason', () => {
    expect(() => validateHealthCheckDate({ ...base, date: '2026-02-30' })).toThrow(SlaInputError);
  });
});

describe('contract years', () => {
  it('run from each anniversary, clamped like months', () => {
    expect(contractYearOf('2026-04-01', '2026-04-01')).toBe(1);
    expect(contractYearOf('2026-04-01', '2027-03-31')).toBe(1);
    expect(contractYearOf('2026-04-01', '2027-04-01')).toBe(2);
    expect(contractYearOf('2026-04-01', '2026-03-31')).toBe(0);
    expect(contractYearOf('2024-02-29', '2025-02-27')).toBe(1);
    expect(contractYearOf('2024-02-29', '2025-02-28')).toBe(2);
  });
});
