import { describe, expect, it } from 'vitest';
import { formatCountdown } from './countdown';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatCountdown', () => {
  it('hours, minutes and seconds under a day', () => {
    expect(formatCountdown(H + 2 * M + 3 * S)).toBe('01:02:03');
    expect(formatCountdown(29 * M + 59 * S)).toBe('00:29:59');
    expect(formatCountdown(23 * H + 59 * M + 59 * S)).toBe('23:59:59');
  });

  it('no sign once past due: the label beside it says "overdue"', () => {
    expect(formatCountdown(-(H + 2 * M + 3 * S))).toBe('01:02:03');
  });

  it('reads 00:00:00 at the due instant and rounds partial seconds away from zero', () => {
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(1)).toBe('00:00:01');
    expect(formatCountdown(999)).toBe('00:00:01');
    expect(formatCountdown(-1)).toBe('00:00:01');
    expect(formatCountdown(1000)).toBe('00:00:01');
    expect(formatCountdown(1001)).toBe('00:00:02');
  });

  it('days, hours and minutes from a day on, in the user language', () => {
    expect(formatCountdown(2 * D + 3 * H + 4 * M)).toBe('2d 03:04');
    expect(formatCountdown(2 * D + 3 * H + 4 * M, 'ja')).toBe('2日 03:04');
    expect(formatCountdown(-(D + 5 * M))).toBe('1d 00:05');
    expect(formatCountdown(24 * H)).toBe('1d 00:00');
  });

  it('a dash for no value', () => {
    expect(formatCountdown(Number.NaN)).toBe('—');
  });
});
