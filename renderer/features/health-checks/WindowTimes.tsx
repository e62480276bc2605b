// A health check's window (the business day's hours) in the customer's zone and in mine.
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatZone, userTimeZone } from '../../format/datetime';
import { useLocale } from '../../ui/common';

export function WindowTimes({
  window,
  customerZone,
}: {
  window: { start: string; end: string };
  customerZone: string;
}) {
  const { t } = useTranslation('healthChecks');
  const locale = useLocale();
  const mine = userTimeZone();
  const line = (zone: string) =>
    t('window.range', {
      start: formatDateTime(window.start, zone, locale),
      end: formatDateTime(window.end, zone, locale),
      zone: formatZone(zone, window.start, locale),
    });
  return (
    <dl className="ws-dl ws-dl-compact" data-testid="health-check-window">
      <dt>{t('window.customerZone')}</dt>
      <dd>{line(customerZone)}</dd>
      <dt>{t('window.myZone')}</dt>
      <dd>{line(mine)}</dd>
    </dl>
  );
}
