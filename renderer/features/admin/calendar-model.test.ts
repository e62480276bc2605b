import { describe, expect, it } from 'vitest';
import { calendarOf, clockStartPreview, comingHolidays, draftOf, parseWindows } from './calendar-model';

const MSA = { supportPolicyId: 'msa-enterprise', contractTier: 'msa_enterprise' } as const;

describe('calendar editor model', () => {
  it('turns a calendar into form text and back, split days and Saturdays included', () => {
    const calendar = {
      timeZone: 'Asia/Tokyo',
      country: 'JP',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ] as Array<[string, string]>,
        sat: [['09:00', '12:00']] as Array<[string, string]>,
      },
      closures: ['2026-12-31'],
      yearlyClosures: [{ from: '12-29', to: '01-03' }],
    };
    const draft = draftOf(calendar);
    expect(draft.hours.mon).toBe('09:00-12:00, 13:00-18:00');
    expect(draft.hours.tue).toBe('');
    expect(calendarOf(draft)).toEqual({ ok: true, calendar });
    expect(calendarOf({ ...draft, hours: { ...draft.hours, wed: '9-5' } })).toEqual({
      ok: false,
      badDays: ['wed'],
      issues: [],
    });
    const bad = calendarOf({ ...draft, timeZone: 'Mars/Base' });
    expect(bad.ok).toBe(false);
    expect(parseWindows('9:00-12:00、13:00〜18:00')).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
  });

  it('previews when an e-mail received now starts the clock, following closures', () => {
    const calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
    // Friday 2026-11-27 20:00 in Tokyo: closed; the clock starts Monday 09:00.
    const now = '2026-11-27T11:00:00.000Z';
    expect(clockStartPreview(calendar, MSA, now)).toEqual({
      startsAt: '2026-11-30T09:00:00.000+09:00',
      deferred: true,
    });
    expect(clockStartPreview({ ...calendar, closures: ['2026-11-30'] }, MSA, now)?.startsAt).toBe(
      '2026-12-01T09:00:00.000+09:00',
    );
    expect(clockStartPreview(calendar, MSA, '2026-11-27T01:00:00.000Z')).toEqual({
      startsAt: '2026-11-27T10:00:00.000+09:00',
      deferred: false,
    });
  });

  it('lists the coming 12 months of holidays with names', () => {
    const list = comingHolidays(
      { timeZone: 'Asia/Tokyo', country: 'JP' },
      Date.parse('2026-11-27T00:00:00Z'),
      'ja',
    );
    expect(list[0]).toEqual({ date: '2027-01-01', name: '元日' });
    expect(list.at(-1)!.date <= '2027-11-27').toBe(true);
    expect(list.length).toBeGreaterThan(10);
  });
});
