import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../shared/model/entities';
import { countingChecks, dayWindow, scheduleVerdict, sortHealthChecks } from './schedule-model';

const check = (
  id: string,
  scheduledDate: string,
  status: HealthCheck['status'] = 'scheduled',
  deleted = false,
): HealthCheck => ({
  id,
  version: 1,
  updatedAt: '2026-11-20T00:00:00Z',
  deleted,
  customerId: 'c',
  agreedOn: '2026-10-01',
  scheduledDate,
  status,
  findings: [],
  completedAt: null,
});
const customer = {
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  contractStart: '2025-09-01',
  contractEnd: '2028-08-31',
};

describe('scheduleVerdict', () => {
  it('waits for two complete dates', () => {
    expect(scheduleVerdict({ customer, checks: [], agreedOn: '2026-11-26', date: '' })).toEqual({
      state: 'incomplete',
    });
    expect(scheduleVerdict({ customer, checks: [], agreedOn: '2026-11-26', date: '2026-02-30' })).toEqual({
      state: 'incomplete',
    });
  });
  it('ignores cancelled and deleted checks and the one being moved', () => {
    const checks = [
      check('a', '2027-01-07', 'cancelled'),
      check('b', '2027-01-08', 'scheduled', true),
      check('c', '2027-01-12'),
    ];
    expect(countingChecks(checks, 'c')).toEqual([]);
    expect(
      scheduleVerdict({ customer, checks, agreedOn: '2026-11-26', date: '2026-12-16', rescheduling: 'c' }),
    ).toEqual({
      state: 'ok',
      window: { start: '2026-12-16T09:00:00.000+09:00', end: '2026-12-16T18:00:00.000+09:00' },
    });
    const refused = scheduleVerdict({ customer, checks, agreedOn: '2026-11-26', date: '2026-12-16' });
    expect(refused.state === 'refused' && refused.reasons.map((r) => r.code)).toEqual([
      'already_this_contract_year',
    ]);
  });
});

describe('dayWindow', () => {
  it("is the business day's hours, or null on a closed day", () => {
    expect(dayWindow(customer.calendar, '2026-12-16')).toEqual({
      start: '2026-12-16T00:00:00.000Z',
      end: '2026-12-16T09:00:00.000Z',
    });
    expect(dayWindow(customer.calendar, '2026-12-19')).toBeNull();
    expect(dayWindow(customer.calendar, 'nope')).toBeNull();
  });
});

describe('sortHealthChecks', () => {
  it('newest date first, cancelled last, deleted out', () => {
    const sorted = sortHealthChecks([
      check('old', '2025-12-01', 'completed'),
      check('x', '2027-03-01', 'cancelled'),
      check('new', '2026-12-16'),
      check('gone', '2026-12-20', 'scheduled', true),
    ]);
    expect(sorted.map((h) => h.id)).toEqual(['new', 'old', 'x']);
  });
});
