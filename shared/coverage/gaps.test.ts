import { describe, expect, it } from 'vitest';
import type { Absence, DutyShift } from '../model/entities';
import { coverageGaps } from './gaps';

const env = (id: string) => ({ id, version: 1, updatedAt: '2026-01-01T00:00:00.000Z', deleted: false });
const customer = { id: 'c1', tamId: 'tam', calendar: { timeZone: 'Asia/Tokyo', country: 'JP' } };
const absence: Absence = {
  ...env('a1'),
  userId: 'tam',
  startDate: '2026-12-01',
  endDate: '2026-12-02',
  kind: 'leave',
  note: null,
};
const from = Date.parse('2026-11-30T00:00:00+09:00');
const to = Date.parse('2026-12-07T00:00:00+09:00');

describe('coverageGaps', () => {
  it('flags the business hours of the TAM’s leave that no duty manager covers', () => {
    expect(coverageGaps([customer], [absence], [], from, to)).toEqual([
      { customerId: 'c1', start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T09:00:00.000Z' },
      { customerId: 'c1', start: '2026-12-02T00:00:00.000Z', end: '2026-12-02T09:00:00.000Z' },
    ]);
  });

  it('follows the roster at once: a shift over the leave closes the gap it covers', () => {
    const shift: DutyShift = {
      ...env('s1'),
      userId: 'm',
      startsAt: '2026-12-01T00:00:00.000Z',
      endsAt: '2026-12-02T03:00:00.000Z',
      note: null,
    };
    expect(coverageGaps([customer], [absence], [shift], from, to)).toEqual([
      { customerId: 'c1', start: '2026-12-02T03:00:00.000Z', end: '2026-12-02T09:00:00.000Z' },
    ]);
    expect(coverageGaps([customer], [], [], from, to)).toEqual([]);
  });
});
