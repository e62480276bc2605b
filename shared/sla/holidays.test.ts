import { describe, expect, it } from 'vitest';
import {
  holidayCountries,
  holidayRegions,
  isKnownCountry,
  isKnownRegion,
  namedPublicHolidays,
  publicHolidayNames,
  publicHolidays,
} from './holidays';

describe('public holidays', () => {
  it('include Japanese substitute holidays (振替休日) and only type public', () => {
    const jp = publicHolidays('JP', undefined, 2026);
    expect(jp.has('2026-05-06')).toBe(true); // 憲法記念日 (振替休日)
    expect(jp.has('2026-01-01')).toBe(true);
    expect(jp.has('2026-09-22')).toBe(true); // 国民の休日
    expect(jp.has('2026-01-02')).toBe(false); // bank holiday
    expect(jp.has('2026-12-31')).toBe(false); // bank holiday
    expect(jp.has('2026-11-15')).toBe(false); // observance
    const jp2024 = publicHolidays('JP', undefined, 2024);
    for (const d of ['2024-02-12', '2024-05-06', '2024-08-12', '2024-09-23', '2024-11-04'])
      expect(jp2024.has(d), d).toBe(true);
  });

  it('include US observed days', () => {
    const us = publicHolidays('US', undefined, 2026);
    expect(us.has('2026-07-03')).toBe(true);
    expect(us.has('2026-07-04')).toBe(true);
    expect(us.has('2026-11-26')).toBe(true);
    expect(us.has('2026-11-27')).toBe(false);
  });

  it('depend on the region', () => {
    const by = publicHolidays('DE', 'BY', 2026);
    const be = publicHolidays('DE', 'BE', 2026);
    expect(by.has('2026-01-06')).toBe(true);
    expect(by.has('2026-06-04')).toBe(true); // Fronleichnam
    expect(be.has('2026-06-04')).toBe(false);
    expect(be.has('2026-03-08')).toBe(true); // Frauentag, Berlin only
    expect(by.has('2026-03-08')).toBe(false);
    expect(publicHolidays('DE', undefined, 2026).has('2026-06-04')).toBe(false);
  });

  it('close every date of a multi-day holiday', () => {
    const ae = publicHolidays('AE', undefined, 2026);
    for (const d of ['2026-03-20', '2026-03-21', '2026-03-22']) expect(ae.has(d), d).toBe(true);
    expect(ae.has('2026-03-19')).toBe(false);
    expect(ae.has('2026-03-23')).toBe(false);
  });

  it('are cached per (country, region, year)', () => {
    expect(publicHolidays('JP', undefined, 2026)).toBe(publicHolidays('JP', undefined, 2026));
    expect(publicHolidays('JP', undefined, 2027)).not.toBe(publicHolidays('JP', undefined, 2026));
  });

  it('know which countries and regions exist', () => {
    expect(isKnownCountry('JP')).toBe(true);
    expect(isKnownCountry('XX')).toBe(false);
    expect(isKnownCountry('jp')).toBe(false);
    expect(isKnownRegion('DE', 'BY')).toBe(true);
    expect(isKnownRegion('DE', 'XX')).toBe(false);
    expect(isKnownRegion('XX', 'BY')).toBe(false);
  });
});

describe('public holiday names', () => {
  it('names every public holiday in the language asked, whatever was asked first', () => {
    const en = publicHolidayNames('JP', undefined, 2027, 'en');
    const ja = publicHolidayNames('JP', undefined, 2027, 'ja');
    expect(en.get('2027-01-01')).toBe("New Year's Day");
    expect(ja.get('2027-01-01')).toBe('元日');
    expect([...ja.keys()].sort()).toEqual([...publicHolidays('JP', undefined, 2027)].sort());
  });
});

describe('named holidays for a preview', () => {
  it('lists the coming holidays with names in Japanese or English, the same dates the engine closes', () => {
    const ja = namedPublicHolidays('JP', undefined, '2026-12-01', '2027-01-31', 'ja');
    expect(ja.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-11']);
    expect(ja[0]!.name).toBe('元日');
    const en = namedPublicHolidays('JP', undefined, '2026-12-01', '2027-01-31', 'en');
    expect(en[0]!.name).toMatch(/New Year/);
    expect(holidayCountries().some((c) => c.code === 'JP')).toBe(true);
    expect(holidayRegions('DE').some((r) => r.code === 'BY')).toBe(true);
  });
});
