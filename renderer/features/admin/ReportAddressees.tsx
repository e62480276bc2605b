// Who a report to the customer goes to (the contacts that receive reports, see
// reportRecipients), with an e-mail draft to them.
import { useTranslation } from 'react-i18next';
import { reportRecipients } from '../../../shared/reports/recipients';
import { mailtoUrl } from '../../../shared/reports/daily/draft';
import { useContacts } from '../../replica';

export function ReportAddressees({ customerId, subject }: { customerId: string; subject: string }) {
  const { t } = useTranslation('admin');
  const contacts = useContacts(customerId);
  if (!contacts) return null;
  const to = reportRecipients(contacts).filter((c) => c.email);
  if (to.length === 0)
    return (
      <p className="muted" data-testid="report-addressees">
        {t('reports.none')}
      </p>
    );
  return (
    <p data-testid="report-addressees">
      {t('reports.to', { names: to.map((c) => `${c.name} <${c.email}>`).join(', ') })}{' '}
      <a href={mailtoUrl({ to: to.map((c) => c.email!), subject, body: '' })}>{t('reports.mail')}</a>
    </p>
  );
}
