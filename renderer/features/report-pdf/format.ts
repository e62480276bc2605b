// How values appear in a customer report: one fixed, unambiguous form per language, so the
// same report reads the same on every machine (no laptop locale or zone involved). Dates are
// the customer's local dates; instants are shown in the customer's zone, which the report
// header names.
import { DateTime } from 'luxon';
import type { DatePeriod } from '../../../shared/analytics/index';
import type { Locale } from '../../../shared/model/entities';
import { reportT, type ReportT } from '../../i18n/fixed';
import { formatZone } from '../../format/zone';

export interface ReportFormat {
  locale: Locale;
  /** Labels and domain terms in the report's language: a fixed-language t of the app's i18n. */
  t: ReportT;
  timeZone: string;
  /** The customer's zone as a reader names it at an instant: "東京 (UTC+9)" / "Tokyo (UTC+9)". */
  zone(iso?: string): string;
  /** A local date 'YYYY-MM-DD': "2026年9月1日" / "2026-09-01". */
  date(date: string): string;
  /** A month 'YYYY-MM': "2026年9月" / "2026-09". */
  month(month: string): string;
  /** An instant in the customer's zone: "2026年9月1日 14:05" / "2026-09-01 14:05". */
  dateTime(iso: string | null): string;
  /** A half-open period shown with its last day: "2026年9月1日 ～ 2026年11月30日". */
  period(period: DatePeriod): string;
  /** A duration: "45分" / "45 min", "4時間10分" / "4 h 10 min", whole minutes (rounded up from seconds). */
  duration(ms: number | null): string;
  /** A percentage with one decimal; an em dash when there is nothing to measure. */
  pct(value: number | null): string;
  /** A count with grouping. */
  count(value: number): string;
}

export const EMPTY = '—';

/** The last day of a half-open period. */
export function lastDayOf(period: DatePeriod): string {
  return DateTime.fromISO(period.to, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? period.to;
}

export function reportFormat(locale: Locale, timeZone: string): ReportFormat {
  const t = reportT(locale);
  const numberFormat = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US');
  const pctFormat = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const date = (d: string): string => {
    const dt = DateTime.fromISO(d, { zone: 'utc' });
    if (!dt.isValid) return d;
    return locale === 'ja' ? `${dt.year}年${dt.month}月${dt.day}日` : dt.toFormat('yyyy-MM-dd');
  };
  return {
    locale,
    t,
    timeZone,
    zone: (iso) => formatZone(timeZone, iso, locale),
    date,
    month(month) {
      const m = /^(\d{4})-(\d{2})$/.exec(month);
      if (!m) return month;
      return locale === 'ja' ? `${m[1]}年${Number(m[2])}月` : month;
    },
    dateTime(iso) {
      if (iso === null) return EMPTY;
      const dt = DateTime.fromISO(iso, { setZone: true }).setZone(timeZone);
      if (!dt.isValid) return iso;
      return `${date(dt.toISODate() ?? '')} ${dt.toFormat('HH:mm')}`;
    },
    period(period) {
      return t('header.periodRange', { from: date(period.from), to: date(lastDayOf(period)) });
    },
    duration(ms) {
      if (ms === null) return EMPTY;
      const totalMinutes = Math.max(0, Math.ceil(ms / 60_000));
      const days = Math.floor(totalMinutes / 1440);
      const hours = Math.floor((totalMinutes % 1440) / 60);
      const minutes = totalMinutes % 60;
      const parts: string[] = [];
      if (locale === 'ja') {
        if (days > 0) parts.push(`${days}日`);
        if (hours > 0) parts.push(`${hours}時間`);
        if (minutes > 0 || parts.length === 0) parts.push(`${minutes}分`);
        return parts.join('');
      }
      if (days > 0) parts.push(`${days} d`);
      if (hours > 0) parts.push(`${hours} h`);
      if (minutes > 0 || parts.length === 0) parts.push(`${minutes} min`);
      return parts.join(' ');
    },
    pct(value) {
      return value === null ? EMPTY : `${pctFormat.format(value)}%`;
    },
    count(value) {
      return numberFormat.format(value);
    },
  };
}
