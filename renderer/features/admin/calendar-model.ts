// The calendar editor's model, pure: the draft as form text, back to a calendar, the
// holidays of the coming 12 months and the live clock-start preview from the SLA engine.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../../shared/model/entities';
import { BusinessCalendarSchema } from '../../../shared/model/entities';
import {
  DEFAULT_WEEKLY,
  namedPublicHolidays,
  safeComputeResponseSla,
  WEEKDAY_KEYS,
} from '../../../shared/sla';
import type { WeekdayKey } from '../../../shared/sla';
import { policyOfCustomer } from '../../../shared/sla/policy';
import type { Customer } from '../../../shared/model/entities';

export interface CalendarDraft {
  timeZone: string;
  country: string;
  region: string;
  /** Per weekday: windows as text, e.g. '09:00-12:00, 13:00-18:00' ('' = closed). */
  hours: Record<WeekdayKey, string>;
  closures: string[];
  yearly: Array<{ from: string; to: string }>;
}

export function draftOf(calendar: BusinessCalendar): CalendarDraft {
  const weekly = calendar.weekly ?? DEFAULT_WEEKLY;
  const hours = Object.fromEntries(
    WEEKDAY_KEYS.map((d) => [d, (weekly[d] ?? []).map(([s, e]) => `${s}-${e}`).join(', ')]),
  ) as Record<WeekdayKey, string>;
  return {
    timeZone: calendar.timeZone,
    country: calendar.country,
    region: calendar.region ?? '',
    hours,
    closures: [...(calendar.closures ?? [])].sort(),
    yearly: [...(calendar.yearlyClosures ?? [])],
  };
}

/** Windows of one day's text, or null when the text is not HH:MM-HH:MM, ... */
export function parseWindows(text: string): Array<[string, string]> | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return [];
  const out: Array<[string, string]> = [];
  for (const part of t.split(/[,、]/)) {
    const m = /^\s*(\d{1,2}):(\d{2})\s*[-~〜–]\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) return null;
    out.push([`${m[1]!.padStart(2, '0')}:${m[2]}`, `${m[3]!.padStart(2, '0')}:${m[4]}`]);
  }
  return out;
}

export type DraftResult =
  | { ok: true; calendar: BusinessCalendar }
  | { ok: false; badDays: WeekdayKey[]; issues: string[] };

/** The calendar a draft describes, checked with the shared schema. */
export function calendarOf(draft: CalendarDraft): DraftResult {
  const badDays: WeekdayKey[] = [];
  const weekly: Partial<Record<WeekdayKey, Array<[string, string]>>> = {};
  for (const d of WEEKDAY_KEYS) {
    const w = parseWindows(draft.hours[d]);
    if (w === null) badDays.push(d);
    else if (w.length > 0) weekly[d] = w;
  }
  if (badDays.length > 0) return { ok: false, badDays, issues: [] };
  const candidate = {
    timeZone: draft.timeZone.trim(),
    country: draft.country,
    ...(draft.region ? { region: draft.region } : {}),
    weekly,
    ...(draft.closures.length > 0 ? { closures: [...new Set(draft.closures)].sort() } : {}),
    ...(draft.yearly.length > 0 ? { yearlyClosures: draft.yearly } : {}),
  };
  const parsed = BusinessCalendarSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      badDays: [],
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  return { ok: true, calendar: parsed.data };
}

/** Public holidays from the customer's today to a year later, with names in the UI language. */
export function comingHolidays(
  calendar: BusinessCalendar,
  nowMs: number,
  lang: string,
): Array<{ date: string; name: string }> {
  const today = DateTime.fromMillis(nowMs, { zone: calendar.timeZone });
  const from = today.toISODate()!;
  const to = today.plus({ months: 12 }).toISODate()!;
  return namedPublicHolidays(calendar.country, calendar.region, from, to, lang);
}

/**
 * When the clock of an e-mail received now would start (the customer's support policy; a
 * business-time level so the business hours decide): now when open, else the next opening.
 */
export function clockStartPreview(
  calendar: BusinessCalendar,
  customer: Pick<Customer, 'supportPolicyId' | 'contractTier'>,
  nowIso: string,
): { startsAt: string; deferred: boolean } | null {
  const result = safeComputeResponseSla({
    receivedAt: nowIso,
    severity: 3,
    channel: 'email',
    calendar,
    now: nowIso,
    policy: policyOfCustomer(customer),
  });
  if (!result.ok) return null;
  return { startsAt: result.value.clockStartAt, deferred: result.value.deferred !== null };
}
