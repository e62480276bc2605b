// Chart and report periods as local dates of the customer's zone: [from, to), `to` exclusive.
// The arithmetic here is on plain calendar dates (no zone, no Date in local time), so nothing
// depends on the laptop's zone; turning an instant into the customer's local date is the SLA
// engine's job (`localDateOf`).

/** A half-open period of the customer's local dates, 'YYYY-MM-DD': from (inclusive) to `to` (exclusive). */
export interface DatePeriod {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. @throws RangeError when it is not a real date. */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (m !== null) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (dateOfDay(t / DAY_MS) === date) return t / DAY_MS;
  }
  throw new RangeError(`Not a date (expected YYYY-MM-DD): ${date}`);
}

/** The 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** 'YYYY-MM' of a date or an ISO local date-time. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** @throws RangeError unless both ends are dates and from < to. */
export function checkPeriod(period: DatePeriod): void {
  if (dayNumber(period.from) >= dayNumber(period.to)) {
    throw new RangeError(`The period must end after it starts: [${period.from}, ${period.to})`);
  }
}

export function inPeriod(date: string, period: DatePeriod): boolean {
  return date >= period.from && date < period.to;
}

/** Every month ('YYYY-MM') the period touches, in order; a partial first or last month included. */
export function monthsOf(period: DatePeriod): string[] {
  checkPeriod(period);
  const last = monthOf(addDays(period.to, -1));
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** Every date of the period, in order. */
export function daysOf(period: DatePeriod): string[] {
  checkPeriod(period);
  const first = dayNumber(period.from);
  const end = dayNumber(period.to);
  const days: string[] = [];
  for (let d = first; d < end; d++) days.push(dateOfDay(d));
  return days;
}
