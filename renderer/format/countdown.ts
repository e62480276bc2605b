// Countdown text for a response timer: `01:02:03` (hours, minutes, seconds) under a day,
// `2d 03:04` (days, hours, minutes) from a day on. The text is the duration only, never signed:
// past due, the timer says so in words beside it ("Overdue by 01:45:52" / "超過時間 01:45:52"),
// not with a minus sign. Whole seconds are rounded up in absolute value, so the timer reads
// 00:00:00 exactly at the due instant and 00:00:01 (overdue) just after it.
import type { Locale } from '../i18n/locale';

const DAY_UNIT: Record<Locale, string> = { en: 'd', ja: '日' };
const two = (n: number) => String(n).padStart(2, '0');

export function formatCountdown(ms: number, locale: Locale = 'en'): string {
  if (!Number.isFinite(ms)) return '—';
  const total = Math.ceil(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}${DAY_UNIT[locale] ?? DAY_UNIT.en} ${two(hours)}:${two(minutes)}`;
  return `${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/** The same duration spelled out for screen readers, e.g. "1 hour 2 minutes overdue". */
export function countdownParts(ms: number): {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const total = Math.ceil(Math.abs(ms) / 1000);
  return {
    overdue: ms < 0,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
