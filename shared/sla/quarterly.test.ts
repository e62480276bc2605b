import { describe, expect, it } from 'vitest';
import { quarterlyDueDates, quarterlySchedule } from './quarterly';

describe('quarterly report due dates', () => {
  it('are every 3 months from the start, clamped to the month end, never drifting', () => {
    expect(quarterlyDueDates('2025-11-30', 4)).toEqual([
      '2026-02-28',
      '2026-05-30',
      '2026-08-30',
      '2026-11-30',
    ]);
    expect(quarterlyDueDates('2027-11-30', 2)).toEqual(['2028-02-29', '2028-05-30']);
    expect(quarterlyDueDates('2026-08-31', 3)).toEqual(['2026-11-30', '2027-02-28', '2027-05-31']);
  });
});

describe('quarterly schedule', () => {
  const contract = { start: '2025-11-30' };

  it('lists the periods so far with their status, the next one and the overdue ones', () => {
    const s = quarterlySchedule({
      contract,
      timeZone: 'Asia/Tokyo',
      log: [],
      now: '2026-03-01T10:00:00+09:00',
    });
    expect(s.periods).toEqual([
      {
        index: 1,
        start: '2025-11-30',
        end: '2026-02-27',
        dueDate: '2026-02-28',
        status: 'overdue',
        sentAt: null,
      },
      {
        index: 2,
        start: '2026-02-28',
        end: '2026-05-29',
        dueDate: '2026-05-30',
        status: 'upcoming',
        sentAt: null,
      },
    ]);
    expect(s.next?.index).toBe(2);
    expect(s.overdue.map((p) => p.index)).toEqual([1]);
  });

  it('marks a period sent from the report log', () => {
    const s = quarterlySchedule({
      contract,
      timeZone: 'Asia/Tokyo',
      log: [{ kind: 'quarterly', periodStart: '2025-11-30', sentAt: '2026-02-27T15:00:00+09:00' }],
      now: '2026-03-01T10:00:00+09:00',
    });
    expect(s.periods[0]?.status).toBe('sent');
    expect(s.periods[0]?.sentAt).toBe('2026-02-27T15:00:00.000+09:00');
    expect(s.overdue).toEqual([]);
  });

  it("is due on the due date and overdue the day after, in the customer's zone", () => {
    const now = '2026-02-28T16:00:00Z'; // Mar 1 01:00 in Tokyo, Feb 28 11:00 in New York
    expect(quarterlySchedule({ contract, timeZone: 'Asia/Tokyo', log: [], now }).periods[0]?.status).toBe(
      'overdue',
    );
    const ny = quarterlySchedule({ contract, timeZone: 'America/New_York', log: [], now });
    expect(ny.periods[0]?.status).toBe('due');
    expect(ny.next?.index).toBe(1);
  });

  it('stops at the contract end, with a shorter last period due the next day', () => {
    const s = quarterlySchedule({
      contract: { start: '2026-01-01', end: '2026-06-15' },
      timeZone: 'Asia/Tokyo',
      log: [],
      now: '2026-12-01T00:00:00+09:00',
    });
    expect(s.periods.map((p) => [p.start, p.end, p.dueDate])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-04-01'],
      ['2026-04-01', '2026-06-15', '2026-06-16'],
    ]);
    expect(s.next).toBeNull();
    expect(s.overdue).toHaveLength(2);
  });

  it('shows the first period before the contract has started', () => {
    const s = quarterlySchedule({
      contract: { start: '2027-01-01' },
      timeZone: 'UTC',
      log: [],
      now: '2026-12-01T00:00:00Z',
    });
    expect(s.periods.map((p) => [p.index, p.status])).toEqual([[1, 'upcoming']]);
  });
});
