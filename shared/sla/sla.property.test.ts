// Property tests against a brute-force reference that walks time minute by minute, reading
// local time straight from Intl and holidays straight from date-holidays. Random calendars
// (DST and odd-offset zones, split, night and weekend windows, closures), receipt times near
// DST switches, severities and channels must give the same clock start and due time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Holidays from 'date-holidays';
import { addBusinessTime, businessTimeBetween, isOpenAt, nextOpening } from './business-time';
import { formatHhmm } from './civil';
import { parseInstant } from './instant';
import { MSA_ENTERPRISE_POLICY } from './policy';
import { computeResponseSla } from './response-sla';
import type { Calendar, Channel, Severity, WeekdayKey } from './schemas';

const MIN = 60_000;
const DAY = 86_400_000;

// ---- the reference -------------------------------------------------------------------------
const formatters = new Map<string, Intl.DateTimeFormat>();
function localOf(timeZone: string, t: number): { date: string; weekday: number; minute: number } {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const m = /(\d+)\/(\d+)\/(\d+),? (\d+):(\d+)/.exec(f.format(t));
  if (!m) throw new Error('unexpected Intl output');
  const [, mo, d, y, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { date, weekday: weekday === 0 ? 7 : weekday, minute: h * 60 + mi };
}

const holidaySets = new Map<string, Set<string>>();
function isHoliday(country: string, region: string | undefined, date: string): boolean {
  const key = `${country}/${region ?? ''}/${date.slice(0, 4)}`;
  let set = holidaySets.get(key);
  if (set === undefined) {
    const hd = region === undefined ? new Holidays(country) : new Holidays(country, region);
    set = new Set(
      hd
        .getHolidays(Number(date.slice(0, 4)))
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaySets.set(key, set);
  }
  return set.has(date);
}

const KEYS: WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DEFAULT_DAY: Array<[string, string]> = [['09:00', '18:00']];

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// Per calendar, the weekday windows in minutes (index 1..7) and the closures as a set.
const prepared = new WeakMap<Calendar, { windows: Array<Array<[number, number]>>; closures: Set<string> }>();
function prepare(cal: Calendar) {
  let p = prepared.get(cal);
  if (p === undefined) {
    const windows = [
      [],
      ...KEYS.map((k, i) => {
        const day = cal.weekly === undefined ? (i < 5 ? DEFAULT_DAY : []) : (cal.weekly[k] ?? []);
        return day.map(([s, e]) => [toMinutes(s), toMinutes(e)] as [number, number]);
      }),
    ];
    p = { windows, closures: new Set(cal.closures ?? []) };
    prepared.set(cal, p);
  }
  return p;
}

function refOpen(cal: Calendar, t: number): boolean {
  const { date, weekday, minute } = localOf(cal.timeZone, t);
  const p = prepare(cal);
  if (p.closures.has(date)) return false;
  if (isHoliday(cal.country, cal.region, date)) return false;
  return (p.windows[weekday] ?? []).some(([s, e]) => s <= minute && minute < e);
}

const REF_LIMIT = 200 * 24 * 60; // minutes; the generated calendars open far more often

function refNextOpening(cal: Calendar, t: number): number {
  for (let i = 0; i < REF_LIMIT; i++, t += MIN) if (refOpen(cal, t)) return t;
  throw new Error('reference: no opening');
}

function refAddBusiness(cal: Calendar, from: number, minutes: number): number {
  let t = from;
  for (let counted = 0, i = 0; i < REF_LIMIT; i++, t += MIN) {
    if (refOpen(cal, t) && ++counted === minutes) return t + MIN;
  }
  throw new Error('reference: too far');
}

function refBusinessMinutes(cal: Calendar, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += MIN) if (refOpen(cal, t)) n++;
  return n;
}

function refSla(
  cal: Calendar,
  receivedAt: number,
  severity: Severity,
  channel: Channel,
): { start: number; due: number } {
  const target = MSA_ENTERPRISE_POLICY.targets[severity];
  const business = target.clock === 'business';
  let start = receivedAt;
  if ((business || channel !== 'phone') && !refOpen(cal, receivedAt)) start = refNextOpening(cal, receivedAt);
  const due = business ? refAddBusiness(cal, start, target.minutes) : start + target.minutes * MIN;
  return { start, due };
}

// ---- generators ----------------------------------------------------------------------------
const PLACES: Array<{ timeZone: string; country: string; region?: string }> = [
  { timeZone: 'Asia/Tokyo', country: 'JP' },
  { timeZone: 'America/New_York', country: 'US' },
  { timeZone: 'Europe/Berlin', country: 'DE', region: 'BY' },
  { timeZone: 'Australia/Lord_Howe', country: 'AU', region: 'NSW' }, // 30-minute DST
  { timeZone: 'America/Santiago', country: 'CL' }, // falls back at midnight
  { timeZone: 'Asia/Kathmandu', country: 'IN' }, // +05:45 (no NP holiday data)
  { timeZone: 'America/St_Johns', country: 'CA' }, // -03:30 with DST
  { timeZone: 'Europe/London', country: 'GB' },
];

// DST switches of those zones in 2026, to aim receipt times at.
const ANCHORS = [
  '2026-03-08T07:00:00Z', // New York spring
  '2026-11-01T06:00:00Z', // New York autumn
  '2026-03-29T01:00:00Z', // EU spring
  '2026-10-25T01:00:00Z', // EU autumn
  '2026-04-04T15:00:00Z', // Lord Howe autumn
  '2026-10-03T15:30:00Z', // Lord Howe spring
  '2026-04-05T03:00:00Z', // Santiago
  '2026-09-06T04:00:00Z', // Santiago
  '2026-03-08T05:30:00Z', // St John's
  '2026-05-01T00:00:00Z', // Golden Week
  '2026-12-28T00:00:00Z', // year end
].map(parseInstant);

const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 56 }))
  .map(([s, len]) => [s * 15, Math.min(1440, s * 15 + len * 15)] as const)
  .map(([s, e]) => [formatHhmm(s), formatHhmm(e)] as [string, string]);

const dayArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Array<[string, string]>>([]) },
  { weight: 3, arbitrary: fc.array(windowArb, { minLength: 1, maxLength: 3 }) },
);

const weeklyArb = fc
  .tuple(dayArb, dayArb, dayArb, dayArb, dayArb, dayArb, dayArb)
  .map(
    (days) =>
      Object.fromEntries(KEYS.map((k, i) => [k, days[i] ?? []])) as Record<
        WeekdayKey,
        Array<[string, string]>
      >,
  )
  // Keep the reference's walk short: at least 16 open hours a week (overlaps counted once is
  // not needed for that bound; sparse weeks would only make the reference slow).
  .filter(
    (w) =>
      KEYS.reduce((sum, k) => sum + w[k].reduce((s, [a, b]) => s + toMinutes(b) - toMinutes(a), 0), 0) >=
      16 * 60,
  );

const calendarArb: fc.Arbitrary<Calendar> = fc
  .tuple(
    fc.constantFrom(...PLACES),
    fc.option(weeklyArb, { nil: undefined, freq: 4 }),
    fc.array(fc.integer({ min: -3, max: 6 }), { maxLength: 4 }),
    fc.constantFrom(...ANCHORS),
  )
  .map(([place, weekly, closureOffsets, anchor]) => {
    const closures = [
      ...new Set(closureOffsets.map((d) => new Date(anchor + d * DAY).toISOString().slice(0, 10))),
    ];
    return { ...place, ...(weekly === undefined ? {} : { weekly }), closures };
  });

// A receipt near one of the anchors, on a whole minute.
const receiptArb = fc
  .tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 }))
  .map(([anchor, minutes]) => anchor + minutes * MIN);

const severityArb = fc.constantFrom<Severity>(1, 2, 3, 4);
const channelArb = fc.constantFrom<Channel>('portal', 'phone', 'email', 'tam');

// ---- properties ----------------------------------------------------------------------------
describe('against the minute-by-minute reference', () => {
  it('clock start and due time agree for random calendars, receipts, levels and channels', () => {
    fc.assert(
      fc.property(
        calendarArb,
        receiptArb,
        severityArb,
        channelArb,
        (calendar, receivedAt, severity, channel) => {
          const iso = new Date(receivedAt).toISOString();
          const r = computeResponseSla({ calendar, receivedAt: iso, severity, channel, now: iso });
          const ref = refSla(calendar, receivedAt, severity, channel);
          expect(parseInstant(r.clockStartAt)).toBe(ref.start);
          expect(parseInstant(r.dueAt)).toBe(ref.due);
          expect(r.deferred !== null).toBe(ref.start !== receivedAt);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('business time between two instants is the count of open minutes', () => {
    fc.assert(
      fc.property(
        calendarArb,
        receiptArb,
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (calendar, from, minutes) => {
          const to = from + minutes * MIN;
          expect(businessTimeBetween(calendar, from, to)).toBe(refBusinessMinutes(calendar, from, to) * MIN);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('open/closed agrees at any instant, and the next opening is the first open minute', () => {
    fc.assert(
      fc.property(calendarArb, receiptArb, fc.integer({ min: 0, max: MIN - 1 }), (calendar, t0, jitter) => {
        const t = t0 + jitter;
        expect(isOpenAt(calendar, t)).toBe(refOpen(calendar, t0));
        const next = nextOpening(calendar, t0);
        expect(next).toBe(refNextOpening(calendar, t0));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('adding business time and measuring it back are inverse', () => {
    fc.assert(
      fc.property(
        calendarArb,
        receiptArb,
        fc.integer({ min: 1, max: 20 * 60 * 60_000 }),
        (calendar, from, duration) => {
          const due = addBusinessTime(calendar, from, duration);
          expect(businessTimeBetween(calendar, from, due)).toBe(duration);
          expect(due).toBeGreaterThan(from);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('remaining business time and state follow the reference as now moves', () => {
    fc.assert(
      fc.property(
        calendarArb,
        receiptArb,
        fc.constantFrom<Severity>(3, 4),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (calendar, receivedAt, severity, elapsed) => {
          const now = receivedAt + elapsed * MIN;
          const r = computeResponseSla({
            calendar,
            receivedAt: new Date(receivedAt).toISOString(),
            severity,
            channel: 'portal',
            now: new Date(now).toISOString(),
          });
          const ref = refSla(calendar, receivedAt, severity, 'portal');
          const target = MSA_ENTERPRISE_POLICY.targets[severity].minutes;
          if (now >= ref.due) {
            expect(r.state).toBe('breached');
            const overdue = refBusinessMinutes(calendar, ref.due, now) * MIN;
            expect(r.remainingMs).toBe(overdue === 0 ? 0 : -overdue);
          } else {
            const left = refBusinessMinutes(calendar, Math.max(now, ref.start), ref.due);
            expect(r.remainingMs).toBe(left * MIN);
            expect(r.state).toBe(left < 0.25 * target ? 'at_risk' : 'running');
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
