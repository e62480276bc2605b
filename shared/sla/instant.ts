// ISO-8601 instants <-> epoch milliseconds. Parsing is strict and never consults the machine's
// zone: an instant must carry 'Z' or an explicit offset, since a bare local date-time would be
// read in the laptop's zone by Date.parse. Both directions are hand-written (no regex, no Date)
// because they run several times per SLA computation.
import { DAY_MS, daysFromCivil, daysInMonth, MINUTE_MS } from './civil';

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch ms of an ISO-8601 instant with an offset, or NaN if invalid. Accepted:
 * YYYY-MM-DDTHH:MM[:SS[.fraction]] followed by Z or ±HH:MM or ±HHMM ('t', 'z' and a space
 * for 'T' are tolerated, as RFC 3339 allows). Fractions beyond ms are truncated.
 */
export function parseInstant(s: string): number {
  if (typeof s !== 'string' || s.length < 17) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    minute < 0 ||
    minute > 59 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    (sep !== 84 && sep !== 116 && sep !== 32) ||
    day > daysInMonth(year, month)
  ) {
    return NaN;
  }
  let i = 16;
  let second = 0;
  let ms = 0;
  let fractionNonZero = false;
  if (s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    const dot = s.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      i++;
      const begin = i;
      let scale = 100;
      while (i < s.length) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (c !== 0) fractionNonZero = true;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      const n = i - begin;
      if (n < 1 || n > 9) return NaN;
      ms = Math.floor(ms + 1e-9);
    }
  }
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || fractionNonZero))) return NaN;
  let offsetMin = 0;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    if (i + 1 !== s.length) return NaN;
  } else if (z === 43 || z === 45) {
    const oh = digits(s, i + 1, 2);
    let om: number;
    if (s.charCodeAt(i + 3) === 58) {
      om = digits(s, i + 4, 2);
      if (i + 6 !== s.length) return NaN;
    } else {
      om = digits(s, i + 3, 2);
      if (i + 5 !== s.length) return NaN;
    }
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  return (
    daysFromCivil(year, month, day) * DAY_MS +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    ms -
    offsetMin * MINUTE_MS
  );
}

export function isInstant(text: string): boolean {
  return !Number.isNaN(parseInstant(text));
}

const PAD2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const suffixes = new Map<number, string>();

function offsetSuffix(offMin: number): string {
  let s = suffixes.get(offMin);
  if (s === undefined) {
    const abs = Math.abs(offMin);
    s = offMin === 0 ? 'Z' : `${offMin < 0 ? '-' : '+'}${PAD2[Math.floor(abs / 60)]}:${PAD2[abs % 60]}`;
    suffixes.set(offMin, s);
  }
  return s;
}

/**
 * ISO string of an instant shown at a UTC offset (ms), e.g. '2026-11-27T12:00:00.000+09:00'
 * ('Z' at offset 0). Years 0000-9999.
 */
export function formatInstant(epochMs: number, offsetMs: number): string {
  const offMin = Math.round(offsetMs / MINUTE_MS);
  const local = Math.floor(epochMs) + offMin * MINUTE_MS;
  const days = Math.floor(local / DAY_MS);
  let rest = local - days * DAY_MS;
  // civilFromDays, inlined to spare an allocation on this hot path.
  const zz = days + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const ms = rest - sec * 1000;
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${PAD2[month]}-${PAD2[day]}T${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[ms]}${offsetSuffix(offMin)}`;
}
