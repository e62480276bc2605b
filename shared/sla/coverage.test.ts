import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { coverageAt } from './coverage';
import { SlaInputError } from './errors';
import type { Calendar, DutyShift } from './schemas';

const ms = (iso: string | null): number => DateTime.fromISO(iso ?? 'missing').toMillis();
const tokyo: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
const roster: DutyShift[] = [
  { userId: 'dm-day', start: '2026-11-26T09:00:00+09:00', end: '2026-11-26T18:00:00+09:00' },
  { userId: 'dm-evening', start: '2026-11-26T18:00:00+09:00', end: '2026-11-27T00:00:00+09:00' },
  { userId: 'dm-night', start: '2026-11-27T00:00:00+09:00', end: '2026-11-27T09:00:00+09:00' },
  { userId: 'dm-day', start: '2026-11-27T09:00:00+09:00', end: '2026-11-27T18:00:00+09:00' },
  { userId: 'dm-weekend', start: '2026-11-27T18:00:00+09:00', end: '2026-11-30T09:00:00+09:00' },
];
const base = { calendar: tokyo, tamUserId: 'tam-sato', roster };

describe('coverage', () => {
  it('is the TAM during business hours, until the close', () => {
    const c = coverageAt({ ...base, at: '2026-11-26T10:00:00+09:00' });
    expect(c).toMatchObject({
      answerer: 'tam',
      userId: 'tam-sato',
      reason: 'business_hours',
      phoneOnly: false,
    });
    expect(ms(c.until)).toBe(ms('2026-11-26T18:00:00+09:00'));
  });

  it('is the rostered duty manager out of hours, phone only, until the next handover', () => {
    const c = coverageAt({ ...base, at: '2026-11-26T20:00:00+09:00' });
    expect(c).toMatchObject({
      answerer: 'duty_manager',
      userId: 'dm-evening',
      reason: 'outside_business_hours',
      phoneOnly: true,
    });
    expect(ms(c.until)).toBe(ms('2026-11-27T00:00:00+09:00'));
    const night = coverageAt({ ...base, at: '2026-11-27T03:00:00+09:00' });
    expect(night.userId).toBe('dm-night');
    expect(ms(night.until)).toBe(ms('2026-11-27T09:00:00+09:00')); // the TAM is back
  });

  it('is the duty manager over the weekend until the TAM is back on Monday', () => {
    const c = coverageAt({ ...base, at: '2026-11-28T12:00:00+09:00' });
    expect(c).toMatchObject({ answerer: 'duty_manager', userId: 'dm-weekend', phoneOnly: true });
    expect(ms(c.until)).toBe(ms('2026-11-30T09:00:00+09:00'));
  });

  it('hands over to the duty manager while the TAM is on leave, in business hours', () => {
    const leave = [{ start: '2026-11-27T00:00:00+09:00', end: '2026-11-28T00:00:00+09:00' }];
    const c = coverageAt({ ...base, leave, at: '2026-11-27T10:00:00+09:00' });
    expect(c).toMatchObject({
      answerer: 'duty_manager',
      userId: 'dm-day',
      reason: 'tam_on_leave',
      phoneOnly: false,
    });
    expect(ms(c.until)).toBe(ms('2026-11-27T18:00:00+09:00')); // dm-day hands over to dm-weekend
    const before = coverageAt({ ...base, leave, at: '2026-11-26T17:00:00+09:00' });
    expect(before.answerer).toBe('tam');
    expect(ms(before.until)).toBe(ms('2026-11-26T18:00:00+09:00'));
  });

  it('treats public holidays as out of hours', () => {
    const c = coverageAt({ ...base, roster: [], at: '2026-11-23T10:00:00+09:00' }); // 勤労感謝の日
    expect(c).toMatchObject({
      answerer: 'duty_manager',
      userId: null,
      reason: 'outside_business_hours',
      phoneOnly: true,
    });
    expect(ms(c.until)).toBe(ms('2026-11-24T09:00:00+09:00'));
  });

  it('lets the later of overlapping shifts take over', () => {
    const overlapping: DutyShift[] = [
      { userId: 'a', start: '2026-11-28T00:00:00+09:00', end: '2026-11-29T00:00:00+09:00' },
      { userId: 'b', start: '2026-11-28T06:00:00+09:00', end: '2026-11-28T12:00:00+09:00' },
    ];
    const c = coverageAt({ ...base, roster: overlapping, at: '2026-11-28T08:00:00+09:00' });
    expect(c.userId).toBe('b');
    expect(ms(c.until)).toBe(ms('2026-11-28T12:00:00+09:00'));
  });

  it("uses the customer's zone, wherever the TAM's laptop is", () => {
    const ny: Calendar = { timeZone: 'America/New_York', country: 'US' };
    const c = coverageAt({ calendar: ny, tamUserId: 't', at: '2026-11-26T23:30:00+09:00' }); // Thu 09:30 EST, but Thanksgiving
    expect(c.answerer).toBe('duty_manager');
    const next = coverageAt({ calendar: ny, tamUserId: 't', at: '2026-11-27T23:30:00+09:00' }); // Fri 09:30 EST
    expect(next.answerer).toBe('tam');
    expect(ms(next.until)).toBe(ms('2026-11-27T18:00:00-05:00'));
  });

  it('rejects malformed input', () => {
    expect(() => coverageAt({ ...base, at: 'now' })).toThrow(SlaInputError);
    expect(() =>
      coverageAt({
        ...base,
        leave: [{ start: '2026-11-27T00:00:00Z', end: '2026-11-26T00:00:00Z' }],
        at: '2026-11-26T00:00:00Z',
      }),
    ).toThrow(/end after it starts/);
  });
});
