// The refusal reasons of a health-check date, in the UI language (dates in the user's locale).
import type { TFunction } from 'i18next';
import type { HealthCheckReason } from '../../../shared/sla';
import { formatLocalDate } from '../../format/datetime';
import type { Locale } from '../../i18n/locale';

export function reasonText(reason: HealthCheckReason, t: TFunction<'healthChecks'>, locale: Locale): string {
  const d = (date: string) => formatLocalDate(date, locale);
  switch (reason.code) {
    case 'too_soon':
      return t('reason.too_soon', {
        minimumDays: reason.params.minimumDays,
        agreedOn: d(reason.params.agreedOn),
        noticeDays: reason.params.noticeDays,
        earliestDate: d(reason.params.earliestDate),
      });
    case 'not_business_day':
      return t(`reason.not_business_day.${reason.params.closed}`, { date: d(reason.params.date) });
    case 'already_this_contract_year':
      return t('reason.already_this_contract_year', {
        year: reason.params.contractYear,
        start: d(reason.params.yearStart),
        end: d(reason.params.yearEnd),
        existing: d(reason.params.existingDate),
      });
    case 'outside_contract':
      return t('reason.outside_contract', {
        date: d(reason.params.date),
        start: d(reason.params.contractStart),
        end: reason.params.contractEnd ? d(reason.params.contractEnd) : t('openEnded'),
      });
  }
}
