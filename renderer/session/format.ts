// Date-time display for the sync and session UI, in the UI language and the device's zone.
// Intl formatters are costly to build: one per (locale, style), kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, style: 'datetime' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale === 'ja' ? 'ja-JP' : 'en-GB',
      style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, 'datetime').format(d);
}

export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = new Date().toDateString() === d.toDateString();
  return sameDay ? dateFormat(locale, 'time').format(d) : formatDateTime(iso, locale);
}

export function formatCount(n: number, locale: string): string {
  const key = `${locale}:number`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB');
    formatters.set(key, f);
  }
  return f.format(n);
}
