// UTC offsets of an IANA zone as a table of transitions, built once per (zone, UTC year).
// Intl is slow (µs per call) and luxon slower, so hot paths read offsets from the table with
// plain arithmetic. The table samples the zone once a day and bisects each change to the ms;
// it would miss two transitions within 24 h, which no zone has had in modern times.
import { IANAZone } from 'luxon';
import { civilFromDays, DAY_MS, HOUR_MS } from './civil';

interface YearTable {
  from: number; // first instant of the UTC year
  to: number; // first instant of the next UTC year
  startOffset: number; // ms
  at: number[]; // instants where the offset changes …
  off: number[]; // … and the offset (ms) from then on
}

export interface ZoneTable {
  readonly name: string;
  readonly format: (epochMs: number) => string;
  readonly years: Map<number, YearTable>;
  last: YearTable | undefined;
}

/** One offset segment: instants [start, end) share the offset `off` (ms). */
export interface OffsetSegment {
  start: number;
  end: number;
  off: number;
}

const zones = new Map<string, ZoneTable>();

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The cached table of a zone. The caller has validated the name. */
export function zoneTable(name: string): ZoneTable {
  let z = zones.get(name);
  if (z === undefined) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`Unknown IANA time zone: ${name}`);
    const dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    z = { name, format: (t) => dtf.format(t), years: new Map(), last: undefined };
    zones.set(name, z);
  }
  return z;
}

const FORMAT_RE = /(\d+)\/(\d+)\/(\d+),?\s+(A|B)\D*?\s*(\d+):(\d+):(\d+)/;

/** Offset (ms) straight from Intl: the slow path used to build tables. */
function intlOffset(z: ZoneTable, t: number): number {
  const whole = t - (((t % 1000) + 1000) % 1000);
  const m = FORMAT_RE.exec(z.format(whole));
  if (!m) throw new Error(`Cannot read the local time of ${z.name} from Intl`);
  let year = Number(m[3]);
  if (m[4] === 'B') year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[1]) - 1, Number(m[2]));
  d.setUTCHours(Number(m[5]), Number(m[6]), Number(m[7]), 0);
  return d.getTime() - whole;
}

function utcYearOf(t: number): number {
  return civilFromDays(Math.floor(t / DAY_MS)).year;
}

function yearTable(z: ZoneTable, year: number): YearTable {
  let y = z.years.get(year);
  if (y !== undefined) return y;
  // setUTCFullYear, not Date.UTC, which maps years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  const start = d.getTime();
  d.setUTCFullYear(year + 1, 0, 1);
  const to = d.getTime();
  const startOffset = intlOffset(z, start);
  const at: number[] = [];
  const off: number[] = [];
  let prevT = start;
  let prevOff = startOffset;
  for (let t = start + DAY_MS; prevT < to - 1; t += DAY_MS) {
    const sample = Math.min(t, to - 1);
    const o = intlOffset(z, sample);
    if (o !== prevOff) {
      // Bisect to the first ms showing the new offset.
      let lo = prevT;
      let hi = sample;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(z, mid) === prevOff) lo = mid;
        else hi = mid;
      }
      at.push(hi);
      off.push(intlOffset(z, hi));
      prevOff = o;
    }
    prevT = sample;
  }
  y = { from: start, to, startOffset, at, off };
  z.years.set(year, y);
  return y;
}

/** UTC offset (ms) of the zone at an instant. */
export function offsetAt(z: ZoneTable, t: number): number {
  let y = z.last;
  if (y === undefined || t < y.from || t >= y.to) {
    y = yearTable(z, utcYearOf(t));
    z.last = y;
  }
  let o = y.startOffset;
  const at = y.at;
  for (let i = 0; i < at.length; i++) {
    if (t >= (at[i] as number)) o = y.off[i] as number;
    else break;
  }
  return o;
}

/** The local "wall" time of an instant, as ms since 1970-01-01T00:00 local. */
export function wallOf(z: ZoneTable, t: number): number {
  return t + offsetAt(z, t);
}

/** Epoch day of the local date of an instant. */
export function localDayOf(z: ZoneTable, t: number): number {
  return Math.floor((t + offsetAt(z, t)) / DAY_MS);
}

/** The constant-offset segments covering instants [from, to). */
export function offsetSegments(z: ZoneTable, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  let segStart = from;
  let off = offsetAt(z, from);
  const lastYear = utcYearOf(to - 1);
  for (let year = utcYearOf(from); year <= lastYear; year++) {
    const y = yearTable(z, year);
    for (let i = 0; i < y.at.length; i++) {
      const t = y.at[i] as number;
      if (t <= segStart || t >= to) continue;
      const o = y.off[i] as number;
      if (o === off) continue;
      out.push({ start: segStart, end: t, off });
      segStart = t;
      off = o;
    }
    // A year table starts from Intl, not from the previous year: honour a change at the seam.
    const next = year + 1;
    if (next <= lastYear) {
      const ny = yearTable(z, next);
      if (ny.startOffset !== off && ny.from > segStart && ny.from < to) {
        out.push({ start: segStart, end: ny.from, off });
        segStart = ny.from;
        off = ny.startOffset;
      }
    }
  }
  out.push({ start: segStart, end: to, off });
  return out;
}

// Offsets in use lie within -12 h … +14 h; this margin covers them with room to spare.
const MARGIN_MS = 16 * HOUR_MS;

/**
 * All instants whose local wall time lies in [wallFrom, wallTo), appended to `out` as
 * [start, end) pairs in instant order (not merged). Exact across DST: a skipped hour has no
 * instants, a repeated hour has two runs of them.
 */
export function instantsOfWall(z: ZoneTable, wallFrom: number, wallTo: number, out: number[]): void {
  const segs = offsetSegments(z, wallFrom - MARGIN_MS, wallTo + MARGIN_MS);
  for (const s of segs) {
    const lo = Math.max(wallFrom - s.off, s.start);
    const hi = Math.min(wallTo - s.off, s.end);
    if (lo < hi) out.push(lo, hi);
  }
}

/** Sorts flat [start, end, …] pairs and merges overlapping or touching ones, in place. */
export function mergePairs(pairs: number[]): number[] {
  const n = pairs.length / 2;
  if (n <= 1) return pairs;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) idx.push(i);
  idx.sort((a, b) => (pairs[2 * a] as number) - (pairs[2 * b] as number));
  const out: number[] = [];
  for (const i of idx) {
    const s = pairs[2 * i] as number;
    const e = pairs[2 * i + 1] as number;
    const k = out.length;
    if (k >= 2 && (out[k - 1] as number) >= s) out[k - 1] = Math.max(out[k - 1] as number, e);
    else out.push(s, e);
  }
  return out;
}

/**
 * The first instant at which the local clock shows `wall` or later (a wall time inside a
 * skipped hour maps to the end of the gap; inside a repeated hour, to its first occurrence).
 */
export function instantOfWall(z: ZoneTable, wall: number): number {
  const out: number[] = [];
  instantsOfWall(z, wall, wall + 2 * DAY_MS, out);
  const first = mergePairs(out)[0];
  if (first === undefined) throw new Error(`No instant shows the local time ${wall} in ${z.name}`);
  return first;
}
