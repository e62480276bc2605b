// On the customer page: the archived note, and for those allowed, edit and archive/restore.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '../../../shared/model/entities';
import { mutate } from '../../replica';
import { useConfirm } from '../../ui/Dialog';
import { customerName, useLocale } from '../../ui/common';
import { canEditCustomer, isManager, OutcomeLine, useActor, useOutcome } from './common';

export function CustomerAdminBar({ customer }: { customer: Customer }) {
  const { t } = useTranslation('admin');
  const locale = useLocale();
  const actor = useActor();
  const { outcome, report } = useOutcome();
  const [confirm, confirmDialog] = useConfirm();
  const archived = (customer.archivedAt ?? null) !== null;
  const manages = isManager(actor) && canEditCustomer(actor, customer);
  const toggle = async () => {
    const ok =
      archived ||
      (await confirm({
        title: t('customer.archive'),
        message: t('customer.archiveConfirm', { name: customerName(customer, locale) }),
        confirmLabel: t('customer.archive'),
        danger: true,
      }));
    if (!ok) return;
    report(await mutate('customer.archive', { customerId: customer.id, archived: !archived }));
  };
  return (
    <>
      {archived && (
        <p className="ws-error" data-testid="customer-archived">
          <span className="ws-badge">{t('customer.archived')}</span> {t('customer.archivedNote')}
        </p>
      )}
      {canEditCustomer(actor, customer) && (
        <div className="ws-actions">
          <Link to={`/customers/${customer.id}/edit`} className="ws-button-link">
            {t('customer.editLink')}
          </Link>
          {manages && (
            <button type="button" onClick={() => void toggle()} data-testid="customer-archive">
              {archived ? t('customer.restore') : t('customer.archive')}
            </button>
          )}
        </div>
      )}
      <OutcomeLine outcome={outcome} />
      {confirmDialog}
    </>
  );
}
