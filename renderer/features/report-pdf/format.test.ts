import { describe, expect, it } from 'vitest';
import { lastDayOf, reportFormat } from './format';

describe('report formats (fixed per language, in the customer’s zone)', () => {
  const ja = reportFormat('ja', 'Asia/Tokyo');
  const en = reportFormat('en', 'America/New_York');

  it('dates, months and periods (shown with their last day)', () => {
    expect(ja.date('2026-09-01')).toBe('2026年9月1日');
    expect(en.date('2026-09-01')).toBe('2026-09-01');
    expect(ja.month('2026-09')).toBe('2026年9月');
    expect(en.month('2026-09')).toBe('2026-09');
    expect(lastDayOf({ from: '2026-09-01', to: '2026-12-01' })).toBe('2026-11-30');
    expect(ja.period({ from: '2026-09-01', to: '2026-12-01' })).toBe('2026年9月1日 ～ 2026年11月30日');
    expect(en.period({ from: '2026-09-01', to: '2026-12-01' })).toBe('2026-09-01 – 2026-11-30');
  });

  it('instants in the customer’s zone, whatever the laptop’s', () => {
    expect(ja.dateTime('2026-03-01T00:30:00Z')).toBe('2026年3月1日 09:30');
    expect(en.dateTime('2026-03-01T00:30:00Z')).toBe('2026-02-28 19:30');
    expect(ja.dateTime(null)).toBe('—');
  });

  it('durations in whole minutes, rounded up', () => {
    expect(ja.duration(45 * 60_000)).toBe('45分');
    expect(ja.duration(4 * 3_600_000 + 10 * 60_000)).toBe('4時間10分');
    expect(en.duration(4 * 3_600_000)).toBe('4 h');
    expect(en.duration(26 * 3_600_000 + 1)).toBe('1 d 2 h 1 min');
    expect(en.duration(0)).toBe('0 min');
    expect(en.duration(null)).toBe('—');
  });

  it('percentages with one decimal and counts with grouping', () => {
    expect(ja.pct((2 / 3) * 100)).toBe('66.7%');
    expect(en.pct(null)).toBe('—');
    expect(en.count(12345)).toBe('12,345');
  });
});
