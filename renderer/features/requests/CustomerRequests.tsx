// The customer page's requests section: the customer's requests (prioritised first) and
// the form to create one for this customer.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import { useRequests } from '../../replica';
import { Loading } from '../../ui/common';
import { compareRequests, isFinalStage } from './model';
import { NewRequestForm } from './NewRequestForm';
import { RequestCard } from './RequestCard';

export function CustomerRequests({ customer }: { customer: Customer }) {
  const { t } = useTranslation('requests');
  const requests = useRequests({ customerId: customer.id });
  const [creating, setCreating] = useState(false);
  if (requests === undefined) return <Loading />;
  const sorted = [...requests].sort(
    (a, b) => Number(isFinalStage(a)) - Number(isFinalStage(b)) || compareRequests(a, b),
  );
  return (
    <div>
      {sorted.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <div className="ws-card-grid" data-testid="customer-requests">
          {sorted.map((r) => (
            <RequestCard key={r.id} request={r} customer={customer} showCustomer={false} headingLevel={4} />
          ))}
        </div>
      )}
      <button type="button" aria-expanded={creating} onClick={() => setCreating((v) => !v)}>
        {creating ? t('create.hide') : t('create.open')}
      </button>
      {creating && <NewRequestForm customers={[customer]} fixedCustomer={customer} headingLevel={4} />}
    </div>
  );
}
