import { describe, expect, it } from 'vitest';
import { CalendarSchema, IsoInstantSchema, ResponseSlaInputSchema, WindowSchema } from './schemas';

const paths = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } } },
  v: unknown,
) => {
  const r = schema.safeParse(v);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
};

describe('calendar schema', () => {
  const ok = {
    timeZone: 'Europe/Berlin',
    country: 'DE',
    region: 'BY',
    weekly: {
      mon: [
        ['09:00', '12:00'],
        ['13:00', '24:00'],
      ],
      sun: [],
    },
    closures: ['2026-12-31'],
  };

  it('accepts a full calendar and a minimal one', () => {
    expect(CalendarSchema.safeParse(ok).success).toBe(true);
    expect(CalendarSchema.safeParse({ timeZone: 'Asia/Tokyo', country: 'JP' }).success).toBe(true);
  });

  it('names each invalid field', () => {
    expect(paths(CalendarSchema, { ...ok, timeZone: 'Asia/Osaka' })).toEqual(['timeZone']);
    expect(paths(CalendarSchema, { ...ok, country: 'de' })).toEqual(['country']);
    expect(paths(CalendarSchema, { ...ok, country: 'XX', region: undefined })).toEqual(['country']);
    expect(paths(CalendarSchema, { ...ok, region: 'ZZ' })).toEqual(['region']);
    expect(paths(CalendarSchema, { ...ok, closures: ['2026-02-30'] })).toEqual(['closures.0']);
    expect(paths(CalendarSchema, { ...ok, yearlyClosures: [{ from: '12-29', to: '01-03' }] })).toEqual([]);
    expect(paths(CalendarSchema, { ...ok, yearlyClosures: [{ from: '02-30', to: '13-01' }] })).toEqual([
      'yearlyClosures.0.from',
      'yearlyClosures.0.to',
    ]);
    expect(paths(CalendarSchema, { ...ok, weekly: { monday: [['09:00', '18:00']] } })).toContain('weekly');
    expect(paths(CalendarSchema, { ...ok, weekly: { mon: [['9:00', '18:00']] } })).toEqual([
      'weekly.mon.0.0',
    ]);
  });
});

describe('windows', () => {
  it('need start < end, allow 24:00 only as an end', () => {
    expect(WindowSchema.safeParse(['00:00', '24:00']).success).toBe(true);
    expect(WindowSchema.safeParse(['18:00', '09:00']).success).toBe(false);
    expect(WindowSchema.safeParse(['09:00', '09:00']).success).toBe(false);
    expect(WindowSchema.safeParse(['24:00', '24:00']).success).toBe(false);
    expect(WindowSchema.safeParse(['09:00', '24:30']).success).toBe(false);
  });
});

describe('instants', () => {
  it('require an offset', () => {
    expect(IsoInstantSchema.safeParse('2026-11-26T10:00:00+09:00').success).toBe(true);
    expect(IsoInstantSchema.safeParse('2026-11-26T10:00:00').success).toBe(false);
  });
});

describe('response SLA input', () => {
  const input = {
    receivedAt: '2026-11-26T10:00:00+09:00',
    severity: 3,
    channel: 'portal',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    now: '2026-11-26T11:00:00+09:00',
  };

  it('accepts a valid input, with a null first response', () => {
    expect(ResponseSlaInputSchema.safeParse(input).success).toBe(true);
    expect(ResponseSlaInputSchema.safeParse({ ...input, firstResponseAt: null }).success).toBe(true);
  });

  it('rejects what the engine would reject', () => {
    expect(paths(ResponseSlaInputSchema, { ...input, severity: 0 })).toEqual(['severity']);
    expect(paths(ResponseSlaInputSchema, { ...input, channel: 'fax' })).toEqual(['channel']);
    expect(paths(ResponseSlaInputSchema, { ...input, firstResponseAt: '2026-11-26T09:59:59+09:00' })).toEqual(
      ['firstResponseAt'],
    );
    expect(
      paths(ResponseSlaInputSchema, {
        ...input,
        severityChanges: [{ at: '2026-11-26T10:30:00+09:00', severity: 7 }],
      }),
    ).toEqual(['severityChanges.0.severity']);
  });
});
