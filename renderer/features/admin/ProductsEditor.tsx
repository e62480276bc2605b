// The customer's deployed products with their support status, and add, edit and remove
// (deployedProduct.upsert / deployedProduct.remove).
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, DeployedProduct } from '../../../shared/model/entities';
import { productSupportRows } from '../../../shared/workspace/product-support';
import { formatLocalDate } from '../../format/datetime';
import { mutate } from '../../replica/hooks';
import { useLocale } from '../customers/common';
import { canEditCustomer, OutcomeLine, useActor, useOutcome } from './common';

type ProductDraft = Pick<DeployedProduct, 'id' | 'product' | 'productVersion' | 'supportEndsOn'>;

export function ProductsEditor({
  customer,
  products,
  today,
}: {
  customer: Customer;
  products: DeployedProduct[];
  today: string;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const locale = useLocale();
  const actor = useActor();
  const editable = canEditCustomer(actor, customer);
  const rows = useMemo(() => productSupportRows<DeployedProduct>(products, today), [products, today]);
  const [editing, setEditing] = useState<ProductDraft | null>(null);
  const { outcome, report } = useOutcome();

  const remove = async (p: DeployedProduct) => {
    const name = `${p.product} ${p.productVersion}`;
    if (!window.confirm(t('actions.confirmRemove', { name }))) return;
    report(await mutate('deployedProduct.remove', { deployedProductId: p.id }), t('actions.removed'));
  };

  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">{tc('products.none')}</p>
      ) : (
        <table className="ws-table" data-testid="products">
          <thead>
            <tr>
              <th scope="col">{tc('products.product')}</th>
              <th scope="col">{tc('products.version')}</th>
              <th scope="col">{tc('products.supportEnds')}</th>
              <th scope="col">{tc('products.status')}</th>
              {editable && <th scope="col">{t('products.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ deployment: d, state }) => (
              <tr key={d.id}>
                <th scope="row">{d.product}</th>
                <td>{d.productVersion}</td>
                <td>{formatLocalDate(d.supportEndsOn, locale)}</td>
                <td>
                  <span className={`ws-badge ws-support-${state.status}`}>
                    {state.status === 'ending_soon'
                      ? tc('products.endingSoon', { days: state.daysLeft })
                      : state.status === 'ended'
                        ? tc('products.ended')
                        : tc('products.supported')}
                  </span>
                </td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      aria-label={t('products.editOf', { name: `${d.product} ${d.productVersion}` })}
                      onClick={() => setEditing(d)}
                    >
                      {t('actions.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={t('products.removeOf', { name: `${d.product} ${d.productVersion}` })}
                      onClick={() => void remove(d)}
                    >
                      {t('actions.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && !editing && (
        <button
          type="button"
          onClick={() =>
            setEditing({ id: crypto.randomUUID(), product: '', productVersion: '', supportEndsOn: '' })
          }
          data-testid="product-add"
        >
          {t('products.add')}
        </button>
      )}
      {editing && (
        <ProductForm
          key={editing.id}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSave={async (d) => {
            if (report(await mutate('deployedProduct.upsert', { ...d, customerId: customer.id })))
              setEditing(null);
          }}
        />
      )}
      <OutcomeLine outcome={outcome} testId="product-outcome" />
    </>
  );
}

function ProductForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: ProductDraft;
  onSave: (d: ProductDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const [d, setD] = useState(initial);
  const [missing, setMissing] = useState<string | null>(null);
  const base = useId();
  const fields = [
    ['product', t('products.product'), 'text'],
    ['productVersion', t('products.version'), 'text'],
    ['supportEndsOn', t('products.supportEnds'), 'date'],
  ] as const;
  return (
    <form
      className="ws-form"
      aria-label={t('products.add')}
      data-testid="product-form"
      onSubmit={(e) => {
        e.preventDefault();
        const empty = fields.find(([k]) => d[k].trim() === '');
        if (empty) {
          setMissing(empty[1]);
          return;
        }
        void onSave({ ...d, product: d.product.trim(), productVersion: d.productVersion.trim() });
      }}
    >
      <div className="ws-row">
        {fields.map(([k, label, type]) => (
          <div className="ws-field" key={k}>
            <label htmlFor={`${base}-${k}`}>{label} *</label>
            <input
              id={`${base}-${k}`}
              type={type}
              value={d[k]}
              required
              onChange={(e) => setD({ ...d, [k]: e.target.value })}
            />
          </div>
        ))}
      </div>
      {missing && (
        <p role="alert" className="ws-error">
          {t('customer.required', { field: missing })}
        </p>
      )}
      <div className="ws-actions">
        <button type="submit">{t('actions.save')}</button>
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
