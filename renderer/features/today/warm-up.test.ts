import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Incident } from '../../../shared/model/entities';
import { holidayYearsOf, rememberHolidayYears, warmHolidayYears } from './warm-up';

const customer = (id: string, country: string, region?: string) =>
  ({
    id,
    calendar: region === undefined ? { timeZone: 'UTC', country } : { timeZone: 'UTC', country, region },
  }) as unknown as Customer;
const incident = (customerId: string, receivedAt: string) =>
  ({ customerId, receivedAt }) as unknown as Incident;
const NOW = Date.parse('2026-11-26T01:00:00Z');

describe('holiday years computed ahead on the next start', () => {
  afterEach(() => localStorage.clear());

  it('covers the calendars of the listed incidents from the oldest receipt to now, oldest first', () => {
    const customers = [
      customer('a', 'JP'),
      customer('b', 'US', 'CA'),
      customer('c', 'JP'),
      customer('idle', 'GB'),
    ];
    const years = holidayYearsOf(
      customers,
      [
        incident('a', '2025-03-01T00:00:00Z'),
        incident('b', '2026-01-01T00:00:00Z'),
        incident('c', '2026-05-01T00:00:00Z'),
      ],
      NOW,
    );
    expect(years).toEqual([
      { country: 'JP', year: 2025 },
      { country: 'US', region: 'CA', year: 2025 },
      { country: 'JP', year: 2026 },
      { country: 'US', region: 'CA', year: 2026 },
    ]);
  });

  it('keeps the hint and warms those years in the background', async () => {
    vi.useFakeTimers();
    try {
      rememberHolidayYears([{ country: 'JP', year: 2026 }]);
      expect(JSON.parse(localStorage.getItem('tam.today.holidayYears') ?? 'null')).toEqual([
        { country: 'JP', year: 2026 },
      ]);
      warmHolidayYears();
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
  });
});
