import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessDay,
  businessTimeBetween,
  compileCalendar,
  isOpenAt,
  localDateOf,
  nextClosing,
  nextOpening,
} from './business-time';
import { SlaInputError } from './errors';
import { parseInstant } from './instant';
import type { Calendar } from './schemas';

const H = 3_600_000;
const M = 60_000;
const t = (iso: string): number => {
  const ms = parseInstant(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
};

const tokyo: Calendar = { timeZone: 'Asia/Tokyo', country: 'JP' };
const weekdays = (windows: Array<[string, string]>) => ({
  mon: windows,
  tue: windows,
  wed: windows,
  thu: windows,
  fri: windows,
});
const split: Calendar = {
  timeZone: 'Asia/Tokyo',
  country: 'JP',
  weekly: weekdays([
    ['09:00', '12:00'],
    ['13:00', '18:00'],
  ]),
};
const saturday: Calendar = {
  timeZone: 'Asia/Tokyo',
  country: 'JP',
  weekly: { ...weekdays([['09:00', '18:00']]), sat: [['09:00', '13:00']], sun: [] },
};

describe('default business hours (Mon-Fri 09:00-18:00, customer zone)', () => {
  it('opens at 09:00 inclusive and closes at 18:00 exclusive', () => {
    expect(isOpenAt(tokyo, t('2026-11-26T09:00:00+09:00'))).toBe(true);
    expect(isOpenAt(tokyo, t('2026-11-26T08:59:59.999+09:00'))).toBe(false);
    expect(isOpenAt(tokyo, t('2026-11-26T17:59:59.999+09:00'))).toBe(true);
    expect(isOpenAt(tokyo, t('2026-11-26T18:00:00+09:00'))).toBe(false);
    expect(isOpenAt(tokyo, t('2026-11-28T10:00:00+09:00'))).toBe(false); // Saturday
  });

  it('finds the next opening over a weekend', () => {
    expect(nextOpening(tokyo, t('2026-11-27T18:00:00+09:00'))).toBe(t('2026-11-30T09:00:00+09:00'));
    expect(nextOpening(tokyo, t('2026-11-26T10:00:00+09:00'))).toBe(t('2026-11-26T10:00:00+09:00'));
    expect(nextOpening(tokyo, t('2026-11-26T06:00:00+09:00'))).toBe(t('2026-11-26T09:00:00+09:00'));
  });

  it('adds business time, ending exactly at a close rather than at the next opening', () => {
    expect(addBusinessTime(tokyo, t('2026-05-01T10:00:00+09:00'), 8 * H)).toBe(
      t('2026-05-01T18:00:00+09:00'),
    );
    expect(addBusinessTime(tokyo, t('2026-11-26T15:00:00+09:00'), 6 * H)).toBe(
      t('2026-11-27T12:00:00+09:00'),
    );
    expect(addBusinessTime(tokyo, t('2026-11-26T15:00:00+09:00'), 0)).toBe(t('2026-11-26T15:00:00+09:00'));
  });

  it('skips Golden Week including its substitute holiday', () => {
    expect(addBusinessTime(tokyo, t('2026-05-01T14:00:00+09:00'), 8 * H)).toBe(
      t('2026-05-07T13:00:00+09:00'),
    );
    expect(businessDay(tokyo, '2026-05-06')).toEqual({
      date: '2026-05-06',
      closed: 'holiday',
      intervals: [],
    });
  });

  it('measures business time between instants', () => {
    expect(businessTimeBetween(tokyo, t('2026-11-27T17:00:00+09:00'), t('2026-11-30T10:00:00+09:00'))).toBe(
      2 * H,
    );
    expect(businessTimeBetween(tokyo, t('2026-11-30T10:00:00+09:00'), t('2026-11-27T17:00:00+09:00'))).toBe(
      -2 * H,
    );
    expect(businessTimeBetween(tokyo, t('2026-11-28T10:00:00+09:00'), t('2026-11-28T12:00:00+09:00'))).toBe(
      0,
    );
  });

  it('reads local dates in the customer zone', () => {
    expect(localDateOf(tokyo, t('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
});

describe('split and weekend windows', () => {
  it('pauses over lunch', () => {
    expect(isOpenAt(split, t('2026-11-26T12:30:00+09:00'))).toBe(false);
    expect(nextOpening(split, t('2026-11-26T12:30:00+09:00'))).toBe(t('2026-11-26T13:00:00+09:00'));
    expect(nextClosing(split, t('2026-11-26T10:00:00+09:00'))).toBe(t('2026-11-26T12:00:00+09:00'));
    expect(addBusinessTime(split, t('2026-11-26T11:00:00+09:00'), 2 * H)).toBe(
      t('2026-11-26T14:00:00+09:00'),
    );
    expect(businessTimeBetween(split, t('2026-11-26T11:00:00+09:00'), t('2026-11-26T14:00:00+09:00'))).toBe(
      2 * H,
    );
    expect(businessTimeBetween(split, t('2026-11-26T00:00:00+09:00'), t('2026-11-27T00:00:00+09:00'))).toBe(
      8 * H,
    );
  });

  it('works Saturday mornings', () => {
    expect(addBusinessTime(saturday, t('2026-11-27T17:00:00+09:00'), 3 * H)).toBe(
      t('2026-11-28T11:00:00+09:00'),
    );
    expect(nextOpening(saturday, t('2026-11-28T13:00:00+09:00'))).toBe(t('2026-11-30T09:00:00+09:00'));
  });

  it('merges overlapping windows', () => {
    const overlapping: Calendar = {
      timeZone: 'UTC',
      country: 'GB',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['11:00', '14:00'],
        ],
      },
    };
    expect(businessDay(overlapping, '2026-11-30').intervals).toEqual([
      { start: t('2026-11-30T09:00:00Z'), end: t('2026-11-30T14:00:00Z') },
    ]);
  });
});

describe('holidays and closures', () => {
  it('follows regional holidays (Fronleichnam in Bavaria, not in Berlin)', () => {
    const by: Calendar = { timeZone: 'Europe/Berlin', country: 'DE', region: 'BY' };
    const be: Calendar = { timeZone: 'Europe/Berlin', country: 'DE', region: 'BE' };
    const wed = t('2026-06-03T17:00:00+02:00');
    expect(addBusinessTime(by, wed, 2 * H)).toBe(t('2026-06-05T10:00:00+02:00'));
    expect(addBusinessTime(be, wed, 2 * H)).toBe(t('2026-06-04T10:00:00+02:00'));
    expect(businessDay(by, '2026-01-06').closed).toBe('holiday');
  });

  it('stays closed over a configured year-end break', () => {
    const yearEnd: Calendar = {
      timeZone: 'Asia/Tokyo',
      country: 'JP',
      closures: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03'],
    };
    expect(addBusinessTime(yearEnd, t('2026-12-28T17:00:00+09:00'), 2 * H)).toBe(
      t('2027-01-04T10:00:00+09:00'),
    );
    expect(businessDay(yearEnd, '2026-12-30').closed).toBe('closure');
    expect(businessDay(yearEnd, '2027-01-01').closed).toBe('holiday');
    expect(businessDay(yearEnd, '2027-01-02').closed).toBe('closure');
    expect(businessDay(tokyo, '2026-12-30').closed).toBe(null);
  });

  it('closes a yearly recurring range that runs over New Year, every year', () => {
    const yearly: Calendar = {
      timeZone: 'Asia/Tokyo',
      country: 'JP',
      yearlyClosures: [{ from: '12-29', to: '01-03' }],
    };
    expect(addBusinessTime(yearly, t('2026-12-28T17:00:00+09:00'), 2 * H)).toBe(
      t('2027-01-04T10:00:00+09:00'),
    );
    expect(addBusinessTime(yearly, t('2027-12-28T17:00:00+09:00'), 2 * H)).toBe(
      t('2028-01-04T10:00:00+09:00'),
    );
    expect(businessDay(yearly, '2026-12-29').closed).toBe('closure');
    expect(businessDay(yearly, '2030-01-03').closed).toBe('closure');
    expect(businessDay(yearly, '2026-12-28').closed).toBe(null);
    expect(businessDay(yearly, '2027-01-04').closed).toBe(null);
  });

  it('closes a yearly range within one year and a leap day only in leap years', () => {
    const summer: Calendar = {
      timeZone: 'Asia/Tokyo',
      country: 'JP',
      yearlyClosures: [
        { from: '08-13', to: '08-15' },
        { from: '02-29', to: '02-29' },
      ],
    };
    expect(businessDay(summer, '2026-08-13').closed).toBe('closure');
    expect(businessDay(summer, '2026-08-14').closed).toBe('closure');
    expect(businessDay(summer, '2026-08-17').closed).toBe(null);
    expect(businessDay(summer, '2028-02-29').closed).toBe('closure');
    expect(businessDay(summer, '2027-03-01').closed).toBe(null);
  });
});

describe('daylight-saving transitions in the customer zone', () => {
  const ny: Calendar = { timeZone: 'America/New_York', country: 'US' };

  it('carries business time over the spring-forward weekend', () => {
    expect(addBusinessTime(ny, t('2026-03-06T17:00:00-05:00'), 2 * H)).toBe(t('2026-03-09T10:00:00-04:00'));
    expect(businessTimeBetween(ny, t('2026-03-06T17:00:00-05:00'), t('2026-03-09T10:00:00-04:00'))).toBe(
      2 * H,
    );
    expect(nextOpening(ny, t('2026-03-07T12:00:00-05:00'))).toBe(t('2026-03-09T09:00:00-04:00'));
  });

  it('gives a 24-hour window 23 hours in spring and 25 in autumn', () => {
    const allSunday: Calendar = {
      timeZone: 'America/New_York',
      country: 'US',
      weekly: { sun: [['00:00', '24:00']] },
    };
    const length = (date: string) =>
      businessDay(allSunday, date).intervals.reduce((s, i) => s + i.end - i.start, 0);
    expect(length('2026-03-08')).toBe(23 * H);
    expect(length('2026-11-01')).toBe(25 * H);
    expect(length('2026-11-08')).toBe(24 * H);
  });

  it('counts the missing and the repeated hour in a night window (Berlin)', () => {
    const night: Calendar = {
      timeZone: 'Europe/Berlin',
      country: 'DE',
      weekly: { sun: [['01:00', '04:00']] },
    };
    expect(businessTimeBetween(night, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z'))).toBe(2 * H);
    expect(businessTimeBetween(night, t('2026-10-24T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(4 * H);
    // 01:30 local + 1 h of business time on fall-back night is 02:30 CEST, still in the window.
    expect(addBusinessTime(night, t('2026-10-25T01:30:00+02:00'), H)).toBe(t('2026-10-25T02:30:00+02:00'));
    expect(addBusinessTime(night, t('2026-10-25T01:30:00+02:00'), 2 * H)).toBe(
      t('2026-10-25T02:30:00+01:00'),
    );
    expect(isOpenAt(night, t('2026-03-29T03:30:00+02:00'))).toBe(true);
  });

  it('keeps Berlin business hours at 09:00 local across the switch', () => {
    const berlin: Calendar = { timeZone: 'Europe/Berlin', country: 'DE', region: 'BY' };
    expect(addBusinessTime(berlin, t('2026-03-27T17:00:00+01:00'), 2 * H)).toBe(
      t('2026-03-30T10:00:00+02:00'),
    );
    expect(addBusinessTime(berlin, t('2026-10-23T17:30:00+02:00'), H)).toBe(t('2026-10-26T09:30:00+01:00'));
  });
});

describe('open spans across midnight', () => {
  it('closes only at the end of a chain of touching windows', () => {
    const roundTheClock: Calendar = {
      timeZone: 'Asia/Tokyo',
      country: 'JP',
      weekly: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '12:00']] },
    };
    expect(nextClosing(roundTheClock, t('2026-11-30T10:00:00+09:00'))).toBe(t('2026-12-02T12:00:00+09:00'));
    expect(nextClosing(roundTheClock, t('2026-12-02T13:00:00+09:00'))).toBe(t('2026-12-02T13:00:00+09:00'));
    expect(addBusinessTime(roundTheClock, t('2026-11-30T23:00:00+09:00'), 2 * H + 30 * M)).toBe(
      t('2026-12-01T01:30:00+09:00'),
    );
  });
});

describe('invalid calendars', () => {
  it('throw SlaInputError naming the field', () => {
    const bad = { timeZone: 'Mars/Olympus', country: 'JP' } as Calendar;
    expect(() => compileCalendar(bad)).toThrow(SlaInputError);
    try {
      compileCalendar(bad);
    } catch (e) {
      expect((e as SlaInputError).issues.map((i) => i.path)).toEqual(['calendar.timeZone']);
    }
    expect(() =>
      isOpenAt({ timeZone: 'Asia/Tokyo', country: 'JP', weekly: { mon: [['18:00', '09:00']] } }, 0),
    ).toThrow(/before its end/);
    expect(() => isOpenAt({ timeZone: 'Asia/Tokyo', country: 'JP', weekly: {} }, 0)).toThrow(
      /at least one opening window/,
    );
  });

  it('report a calendar that never opens', () => {
    const closures: string[] = [];
    for (let d = 0; d < 1200; d++)
      closures.push(new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const shut: Calendar = { timeZone: 'UTC', country: 'GB', closures };
    expect(() => nextOpening(shut, t('2026-01-01T00:00:00Z'))).toThrow(/no opening within/);
  });
});
