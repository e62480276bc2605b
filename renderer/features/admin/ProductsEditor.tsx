// The customer's deployed products with their support status, and add, edit and remove
// (deployedProduct.upsert / deployedProduct.remove).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, DeployedProduct } from '../../../shared/model/entities';
import { productSupportRows, type ProductSupportRow } from '../../../shared/products/support';
import { formatLocalDate } from '../../format/datetime';
import { mutate } from '../../replica';
import { useLocale } from '../../ui/common';
import { RecordForm, RecordsEditor } from './RecordsEditor';

type ProductDraft = Pick<DeployedProduct, 'id' | 'product' | 'productVersion' | 'supportEndsOn'>;
type Row = ProductSupportRow<DeployedProduct> & { id: string };

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
  const rows = useMemo(
    () =>
      productSupportRows<DeployedProduct>(products, today).map((r): Row => ({ ...r, id: r.deployment.id })),
    [products, today],
  );
  return (
    <RecordsEditor<Row, ProductDraft>
      customer={customer}
      rows={rows}
      empty={tc('products.none')}
      testId={{ table: 'products', item: 'product' }}
      columns={[
        { header: tc('products.product'), cell: (r) => r.deployment.product },
        { header: tc('products.version'), cell: (r) => r.deployment.productVersion },
        {
          header: tc('products.supportEnds'),
          cell: (r) => formatLocalDate(r.deployment.supportEndsOn, locale),
        },
        {
          header: tc('products.status'),
          cell: ({ state }) => (
            <span className={`ws-badge ws-support-${state.status}`}>
              {state.status === 'ending_soon'
                ? tc('products.endingSoon', { days: state.daysLeft })
                : state.status === 'ended'
                  ? tc('products.ended')
                  : tc('products.supported')}
            </span>
          ),
        },
      ]}
      nameOf={(r) => `${r.deployment.product} ${r.deployment.productVersion}`}
      labels={{
        actions: t('products.actions'),
        add: t('products.add'),
        editOf: (name) => t('products.editOf', { name }),
        removeOf: (name) => t('products.removeOf', { name }),
      }}
      toDraft={(r) => r.deployment}
      blank={() => ({ id: crypto.randomUUID(), product: '', productVersion: '', supportEndsOn: '' })}
      save={(draft) => mutate('deployedProduct.upsert', { ...draft, customerId: customer.id })}
      remove={(r) => mutate('deployedProduct.remove', { deployedProductId: r.deployment.id })}
      form={(props) => <ProductForm key={props.initial.id} {...props} />}
    />
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
  const fields = [
    ['product', t('products.product'), 'text'],
    ['productVersion', t('products.version'), 'text'],
    ['supportEndsOn', t('products.supportEnds'), 'date'],
  ] as const;
  return (
    <RecordForm
      label={t('products.add')}
      testId="product-form"
      draft={d}
      missing={(draft) => fields.find(([k]) => draft[k].trim() === '')?.[1] ?? null}
      clean={(draft) => ({
        ...draft,
        product: draft.product.trim(),
        productVersion: draft.productVersion.trim(),
      })}
      onSave={onSave}
      onCancel={onCancel}
    >
      {(base) => (
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
      )}
    </RecordForm>
  );
}
