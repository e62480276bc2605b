// Dates and times for the screens, via luxon in the user's language. Every instant is shown
// in an explicit zone: the customer's (where the contract's hours run) and the user's own
// (the laptop may be elsewhere).
import { DateTime } from 'luxon';
import type { Locale } from '../i18n/locale';

/** The luxon locale of a UI language: Japanese, or the user's own English (en-US, en-GB...). */
let englishTag: string | null = null;

export function luxonLocale(locale: Locale): string {
  if (locale === 'ja') return 'ja-JP';
  if (englishTag === null) {
    const langs = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
    englishTag = langs.find((l) => /^en(-|$)/i.test(l)) ?? 'en-US';
  }
  return englishTag;
}

/** The user's (the laptop's) IANA zone. */
export function userTimeZone(): string {
  return DateTime.local().zoneName ?? 'UTC';
}

function inZone(iso: string, zone: string): DateTime | null {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return dt.isValid ? dt : null;
}

/** "2026/11/26(木) 10:00" / "Thu 26 Nov 2026, 10:00" in the given zone. */
export function formatDateTime(iso: string, zone: string, locale: Locale): string {
  const dt = inZone(iso, zone);
  if (!dt) return iso;
  return dt.setLocale(luxonLocale(locale)).toLocaleString({
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** Time only ("10:00") when the instant is on today's date in that zone, else the full date-time. */
export function formatDateTimeShort(
  iso: string,
  zone: string,
  locale: Locale,
  now: number = Date.now(),
): string {
  const dt = inZone(iso, zone);
  if (!dt) return iso;
  const today = DateTime.fromMillis(now, { zone }).toISODate();
  if (dt.toISODate() === today)
    return dt
      .setLocale(luxonLocale(locale))
      .toLocaleString({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return dt
    .setLocale(luxonLocale(locale))
    .toLocaleString({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** A local date ('YYYY-MM-DD', a customer's calendar date) in the user's language. */
export function formatLocalDate(date: string, locale: Locale): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!dt.isValid) return date;
  return dt
    .setLocale(luxonLocale(locale))
    .toLocaleString({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

export { formatZone } from './zone';

/** The value of an <input type="datetime-local"> showing `iso` as wall time in `zone`. */
export function toWallInput(iso: string, zone: string): string {
  const dt = inZone(iso, zone);
  return dt ? dt.toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/**
 * The instant a wall time typed into an <input type="datetime-local"> means in `zone`, as ISO
 * with the zone's offset; null when empty or invalid. In a daylight-saving gap luxon moves
 * the time forward by the gap.
 */
export function fromWallInput(value: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toISO() : null;
}
