import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatInstant, parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads instants with Z or an offset, like luxon', () => {
    for (const s of [
      '2026-11-26T10:00:00+09:00',
      '2026-11-26T10:00+09:00',
      '2026-11-26T01:00:00Z',
      '2026-11-26T01:00:00.123Z',
      '2026-11-26T01:00:00.1234567-05:30',
      '2026-03-08T02:30:00-0500',
      '2000-02-29T23:59:59.999+14:00',
    ]) {
      expect(parseInstant(s), s).toBe(DateTime.fromISO(s).toMillis());
    }
    expect(parseInstant('2026-11-26t01:00:00z')).toBe(Date.UTC(2026, 10, 26, 1));
    expect(parseInstant('2026-11-26 01:00:00Z')).toBe(Date.UTC(2026, 10, 26, 1));
    expect(parseInstant('2026-11-26T24:00:00Z')).toBe(Date.UTC(2026, 10, 27));
  });

  it('rejects local date-times, which would depend on the machine zone, and nonsense', () => {
    for (const s of [
      '2026-11-26T10:00:00',
      '2026-11-26',
      '2026-02-30T10:00:00Z',
      '2026-11-26T25:00:00Z',
      '2026-11-26T24:30:00Z',
      '2026-11-26T10:60:00Z',
      '2026-11-26T10:00:00+24:00',
      '2026-11-26T10:00:00Zjunk',
      '2026-11-26T10:00:00.Z',
      'yesterday',
      '',
    ]) {
      expect(parseInstant(s), s).toBeNaN();
    }
  });
});

describe('formatInstant', () => {
  it('shows the instant at the given offset', () => {
    const t = Date.UTC(2026, 10, 27, 3);
    expect(formatInstant(t, 9 * 3_600_000)).toBe('2026-11-27T12:00:00.000+09:00');
    expect(formatInstant(t, -4.5 * 3_600_000)).toBe('2026-11-26T22:30:00.000-04:30');
    expect(formatInstant(t, 0)).toBe('2026-11-27T03:00:00.000Z');
  });

  it('round-trips through parseInstant at any offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (t, offMin) => {
          const s = formatInstant(t, offMin * 60_000);
          expect(parseInstant(s)).toBe(t);
          expect(DateTime.fromISO(s).toMillis()).toBe(t);
        },
      ),
    );
  });
});
