// The time-bounds rule (shared/mutations/time-bounds.ts) as the forms show it: a time the user
// enters (receipt, response, timeline entry) is checked before submitting, with the same rule
// the mutation applies, and explained in the user's language (namespace 'incident', timeBounds.*).
import i18next from 'i18next';
import type { Customer } from '../../../shared/model/entities';
import { MAX_PAST_DAYS, checkTimeBounds } from '../../../shared/mutations/time-bounds';
import type { TimeBoundsViolation } from '../../../shared/mutations/time-bounds';
import { formatDateTime, formatLocalDate } from '../../format/datetime';
import type { Locale } from '../../i18n/locale';

/** Null when `at` (ISO) may be recorded for this customer at `nowMs`, else which bound it crosses. */
export function checkFormTime(
  at: string,
  customer: Pick<Customer, 'contractStart' | 'calendar'>,
  nowMs: number,
): TimeBoundsViolation | null {
  return checkTimeBounds(at, {
    now: nowMs,
    contractStart: customer.contractStart,
    timeZone: customer.calendar.timeZone,
  });
}

/** Which bound was crossed and what to do, in the user's language; times shown in `zone`. */
export function timeBoundsText(v: TimeBoundsViolation, zone: string, locale: Locale): string {
  const t = i18next.getFixedT(locale, 'incident');
  const limit = new Date(v.limit).toISOString();
  switch (v.bound) {
    case 'future':
      return t('timeBounds.future', { latest: formatDateTime(limit, zone, locale) });
    case 'too_old':
      return t('timeBounds.tooOld', {
        days: MAX_PAST_DAYS,
        earliest: formatDateTime(limit, zone, locale),
      });
    case 'before_contract':
      return t('timeBounds.beforeContract', { date: formatLocalDate(v.contractStart, locale) });
  }
}
