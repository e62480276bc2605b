// On the customer list: new customer, import/export (managers, administrators), the roster
// and absences (everyone), and whether archived customers are listed too.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isManager, useActor } from './common';

export function CustomersAdminLinks({
  showArchived,
  onShowArchived,
}: {
  showArchived: boolean;
  onShowArchived: (v: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const actor = useActor();
  const id = useId();
  return (
    <div className="ws-actions">
      {isManager(actor) && (
        <>
          <Link to="/customers/new" className="ws-button-link" data-testid="customer-new">
            {t('customer.newLink')}
          </Link>
          <Link to="/customers/import" className="ws-button-link" data-testid="customer-import">
            {t('customer.importLink')}
          </Link>
        </>
      )}
      <Link to="/roster" className="ws-button-link">
        {t('roster.title')}
      </Link>
      <label htmlFor={id} className="ws-radio">
        <input
          id={id}
          type="checkbox"
          checked={showArchived}
          onChange={(e) => onShowArchived(e.target.checked)}
        />{' '}
        {t('customer.showArchived')}
      </label>
    </div>
  );
}
