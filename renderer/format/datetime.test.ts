import { describe, expect, it } from 'vitest';
import { formatDateTime, formatZone, fromWallInput, toWallInput } from './datetime';

describe('date-time in a zone', () => {
  const iso = '2026-11-26T01:30:00Z'; // 10:30 in Tokyo, 01:30 in London, 20:30 the day before in New York

  it('shows the instant as wall time of the given zone, whatever the machine zone', () => {
    expect(formatDateTime(iso, 'Asia/Tokyo', 'ja')).toContain('10:30');
    expect(formatDateTime(iso, 'Asia/Tokyo', 'ja')).toContain('2026');
    expect(formatDateTime(iso, 'America/New_York', 'en')).toContain('20:30');
    expect(formatDateTime(iso, 'America/New_York', 'en')).toContain('25');
  });

  it('writes Japanese dates in Japanese', () => {
    expect(formatDateTime(iso, 'Asia/Tokyo', 'ja')).toMatch(/11月|\(木\)|木/);
  });

  it('names a zone by its city in the UI language and the offset, never the raw id', () => {
    expect(formatZone('Asia/Tokyo', iso, 'ja')).toBe('東京 (UTC+9)');
    expect(formatZone('Asia/Tokyo', iso, 'en')).toBe('Tokyo (UTC+9)');
    expect(formatZone('America/New_York', iso, 'en')).toBe('New York (UTC-5)');
    expect(formatZone('America/New_York', '2026-07-01T00:00:00Z', 'ja')).toBe('ニューヨーク (UTC-4)');
    expect(formatZone('Europe/London', iso, 'en')).toBe('London (UTC)');
    expect(formatZone('Asia/Kolkata', iso, 'en')).toBe('Kolkata (UTC+5:30)');
    expect(formatZone('Europe/Warsaw', iso, 'ja')).toMatch(/^\S.*ヨーロッパ.* \(UTC\+1\)$/);
  });

  it('names UTC once, not "UTC, UTC"', () => {
    expect(formatZone('UTC', iso, 'ja')).toBe('UTC');
    expect(formatZone('Etc/UTC', undefined, 'en')).toBe('UTC');
  });

  it('round-trips the wall time of a datetime-local input in the customer zone', () => {
    expect(toWallInput(iso, 'Asia/Tokyo')).toBe('2026-11-26T10:30');
    expect(Date.parse(fromWallInput('2026-11-26T10:30', 'Asia/Tokyo')!)).toBe(Date.parse(iso));
    expect(Date.parse(fromWallInput('2026-11-25T20:30', 'America/New_York')!)).toBe(Date.parse(iso));
    expect(fromWallInput('', 'Asia/Tokyo')).toBeNull();
    expect(fromWallInput('26/11/2026 10:30', 'Asia/Tokyo')).toBeNull();
  });
});
