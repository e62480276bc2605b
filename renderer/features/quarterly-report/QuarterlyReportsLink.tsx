// The way into the quarterly reports (and the critical-incident reports) from the Reports area.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function QuarterlyReportsLink() {
  const { t } = useTranslation('quarterlyReport');
  return (
    <Link to="/reports/quarterly" data-testid="quarterly-reports-link">
      {t('link')}
    </Link>
  );
}
