// Create a request: customer, type, product + version from the customer's deployed
// products, title, description, linked incident (optional). A private patch is refused,
// with the reason, for a version whose support has ended (product lifecycle).
import type { TFunction } from 'i18next';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, RequestType } from '../../../shared/model/entities';
import { newId } from '../../../shared/sync/ids';
import { localToday, privatePatchEligibility, productChoices } from '../../../shared/products/support';
import type { PatchEligibility } from '../../../shared/products/support';
import { formatLocalDate } from '../../format/datetime';
import { mutate, useDeployedProducts, useIncidentsByCustomer } from '../../replica';
import {
  customerName,
  Heading,
  OutcomeMessage,
  useLocale,
  useMinuteNow,
  type HeadingLevel,
  type Outcome,
} from '../../ui/common';
import { REQUEST_TYPES } from './model';
import { errorText } from '../../i18n/describe-error';

export function NewRequestForm({
  customers,
  fixedCustomer,
  headingLevel,
}: {
  customers: readonly Customer[];
  fixedCustomer?: Customer;
  headingLevel: HeadingLevel;
}) {
  const { t } = useTranslation(['requests', 'glossary']);
  const locale = useLocale();
  const now = useMinuteNow();
  const ids = {
    customer: useId(),
    type: useId(),
    product: useId(),
    version: useId(),
    title: useId(),
    description: useId(),
    incident: useId(),
    refusal: useId(),
  };
  const [customerId, setCustomerId] = useState(fixedCustomer?.id ?? '');
  const [type, setType] = useState<RequestType>('signature_release');
  const [product, setProduct] = useState('');
  const [version, setVersion] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const refusalRef = useRef<HTMLParagraphElement>(null);

  const customer = fixedCustomer ?? customers.find((c) => c.id === customerId);
  const deployments = useDeployedProducts(customer?.id ?? '');
  const incidents = useIncidentsByCustomer(customer?.id ?? '');
  const today = customer ? localToday(new Date(now), customer.calendar.timeZone) : null;
  const choices = useMemo(
    () => (today ? productChoices(deployments ?? [], today) : []),
    [deployments, today],
  );
  const chosenProduct = choices.find((c) => c.product === product) ?? choices[0];
  const chosenVersion =
    chosenProduct?.versions.find((v) => v.version === version) ?? chosenProduct?.versions[0];
  const eligibility: PatchEligibility | null =
    type === 'private_patch' && today && chosenProduct && chosenVersion
      ? privatePatchEligibility(deployments ?? [], chosenProduct.product, chosenVersion.version, today)
      : null;
  const refusal = eligibility && !eligibility.ok ? refusalText(eligibility, t, locale) : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!customer || !chosenProduct || !chosenVersion) {
      setOutcome({ ok: false, text: t('create.incomplete') });
      return;
    }
    if (refusal) {
      refusalRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await mutate('request.create', {
      id: newId(),
      customerId: customer.id,
      type,
      title,
      product: chosenProduct.product,
      productVersion: chosenVersion.version,
      ...(description.trim() ? { description } : {}),
      ...(incidentId ? { incidentId } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setOutcome({ ok: true, text: t('create.created', { title: title.trim() }) });
      setTitle('');
      setDescription('');
      setIncidentId('');
    } else {
      setOutcome({
        ok: false,
        text: t('error', { message: errorText(result.error) }),
        detail: result.error.message,
      });
    }
  };

  return (
    <form
      className="ws-form"
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={`${ids.type}-heading`}
      data-testid="new-request-form"
    >
      <Heading level={headingLevel} id={`${ids.type}-heading`}>
        {t('create.title')}
      </Heading>
      {!fixedCustomer && (
        <div className="ws-field">
          <label htmlFor={ids.customer}>{t('create.customer')}</label>
          <select
            id={ids.customer}
            value={customer?.id ?? ''}
            onChange={(e) => {
              setCustomerId(e.target.value);
              setProduct('');
              setVersion('');
              setIncidentId('');
            }}
            required
          >
            <option value="">{t('create.pickCustomer')}</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {customerName(c, locale)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="ws-field">
        <label htmlFor={ids.type}>{t('create.type')}</label>
        <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as RequestType)}>
          {REQUEST_TYPES.map((rt) => (
            <option key={rt} value={rt}>
              {t(`glossary:requestType.${rt}`)}
            </option>
          ))}
        </select>
      </div>
      {customer && choices.length === 0 && deployments !== undefined && (
        <p className="muted">{t('create.noProducts')}</p>
      )}
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={ids.product}>{t('create.product')}</label>
          <select
            id={ids.product}
            value={chosenProduct?.product ?? ''}
            onChange={(e) => {
              setProduct(e.target.value);
              setVersion('');
            }}
            disabled={choices.length === 0}
          >
            {choices.map((c) => (
              <option key={c.product} value={c.product}>
                {c.product}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.version}>{t('create.version')}</label>
          <select
            id={ids.version}
            value={chosenVersion?.version ?? ''}
            onChange={(e) => setVersion(e.target.value)}
            disabled={!chosenProduct}
            aria-describedby={refusal ? ids.refusal : undefined}
          >
            {(chosenProduct?.versions ?? []).map((v) => (
              <option key={v.version} value={v.version}>
                {v.version} — {t(`support.${v.state.status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div aria-live="polite">
        {refusal && (
          <p id={ids.refusal} ref={refusalRef} tabIndex={-1} className="ws-error" data-testid="patch-refusal">
            {refusal}
          </p>
        )}
      </div>
      <div className="ws-field">
        <label htmlFor={ids.title}>{t('create.requestTitle')}</label>
        <input
          id={ids.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={300}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={ids.description}>{t('create.description')}</label>
        <textarea
          id={ids.description}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={3}
          maxLength={20000}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={ids.incident}>{t('create.incident')}</label>
        <select
          id={ids.incident}
          value={incidentId}
          onChange={(e) => setIncidentId(e.target.value)}
          disabled={!customer}
        >
          <option value="">{t('create.noIncident')}</option>
          {(incidents ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </div>
      <OutcomeMessage outcome={outcome} testId="new-request-message" />
      <button type="submit" disabled={busy || !customer}>
        {t('create.submit')}
      </button>
    </form>
  );
}

function refusalText(
  e: Exclude<PatchEligibility, { ok: true }>,
  t: TFunction<['requests', 'glossary']>,
  locale: 'ja' | 'en',
): string {
  if (e.reason === 'support_ended') {
    return t('create.refusedEnded', {
      product: e.product,
      version: e.version,
      date: formatLocalDate(e.endedOn, locale),
    });
  }
  return t('create.refusedNotDeployed', { product: e.product, version: e.version });
}
