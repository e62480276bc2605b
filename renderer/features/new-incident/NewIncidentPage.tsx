// New incident (route /incidents/new; Ctrl+N / Cmd+N from anywhere): customer, title, level
// with each level's definition and target, channel, and receipt time in the customer's zone
// (shown also in the user's), with the out-of-hours warning of the contract. After creating,
// the incident opens.
import { useId, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Channel, Customer, Severity } from '../../../shared/model/entities';
import { ChannelSchema } from '../../../shared/model/entities';
import { receiptTiming } from '../../../shared/coverage/out-of-hours';
import { policyOfCustomer } from '../../../shared/sla/policy';
import { newId } from '../../../shared/sync/ids';
import { formatDateTime, formatZone, fromWallInput, toWallInput, userTimeZone } from '../../format/datetime';
import { getNow, useNowSelector } from '../../format/ticker';
import { mutate, useCustomers } from '../../replica';
import { useLocale } from '../../ui/common';
import { useTargetText, checkFormTime, timeBoundsText } from '../incident';
import { CustomerCombobox } from './CustomerCombobox';
import type { TimeBoundsViolation } from '../../../shared/mutations/time-bounds';
import { validateDraft, type FieldErrors } from './validate';
import { errorText } from '../../i18n/describe-error';
import { ErrorDetails } from '../../layout/ErrorDetails';

const LEVELS: readonly Severity[] = [1, 2, 3, 4];

export function NewIncidentPage() {
  const customers = useCustomers();
  return <NewIncidentForm customers={customers ?? []} />;
}

export function NewIncidentForm({ customers }: { customers: readonly Customer[] }) {
  const { t } = useTranslation(['newIncident', 'incident', 'glossary']);
  const locale = useLocale();
  const navigate = useNavigate();
  const id = useId();
  const targetText = useTargetText();
  // `?customer=<id>`: the customer chosen beforehand (the command palette's "new incident for…").
  const [params] = useSearchParams();
  const [customerId, setCustomerId] = useState(() => params.get('customer') ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  // The receipt time as typed (customer's wall time); null: "now" (kept current until edited).
  const [receivedWall, setReceivedWall] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors & { bounds?: TimeBoundsViolation }>({});
  const [failure, setFailure] = useState<{ text: string; detail: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const customer = customers.find((c) => c.id === customerId);
  const zone = customer?.calendar.timeZone ?? userTimeZone();
  const mine = userTimeZone();
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const wallValue = receivedWall ?? toWallInput(new Date(minute * 60_000).toISOString(), zone);
  const receivedAt =
    receivedWall === null ? new Date(minute * 60_000).toISOString() : fromWallInput(receivedWall, zone);

  const timing = useMemo(
    () =>
      customer && receivedAt && channel
        ? receiptTiming({
            calendar: customer.calendar,
            policy: policyOfCustomer(customer),
            severity: severity || 1,
            channel,
            receivedAt,
          })
        : null,
    [customer, receivedAt, channel, severity],
  );
  const policy = customer ? policyOfCustomer(customer) : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFailure(null);
    // "Now" means the moment of creating, not the minute shown.
    const at = receivedWall === null ? new Date(getNow()).toISOString() : receivedAt;
    const found = validateDraft({ customerId, title, severity, channel, receivedAt: at }, getNow(), customer);
    setErrors(found);
    const first = (['customer', 'title', 'severity', 'channel', 'receivedAt'] as const).find((k) => found[k]);
    if (first) {
      formRef.current
        ?.querySelector<HTMLElement>(`[data-field="${first}"] input, [data-field="${first}"] select`)
        ?.focus();
      return;
    }
    setBusy(true);
    const incidentId = newId();
    const result = await mutate('incident.create', {
      id: incidentId,
      customerId,
      title: title.trim(),
      severity: severity as Severity,
      channel: channel as Channel,
      receivedAt: at as string,
      ...(description.trim() ? { description: description.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setFailure({ text: errorText(result.error), detail: result.error.message });
      return;
    }
    void navigate(`/incidents/${incidentId}`);
  }

  // The time bounds (shared rule) shown as soon as a typed receipt time crosses one.
  const liveBounds =
    customer && receivedWall !== null && receivedAt
      ? checkFormTime(receivedAt, customer, minute * 60_000)
      : null;
  const boundsText = (v: TimeBoundsViolation) => timeBoundsText(v, zone, locale);
  const err = (k: keyof FieldErrors) => {
    if (k === 'receivedAt' && errors.bounds) return boundsText(errors.bounds);
    const key = errors[k];
    return key ? t(key) : null;
  };
  const errorId = (k: string) => `${id}-${k}-error`;
  const errorCount = (['customer', 'title', 'severity', 'channel', 'receivedAt'] as const).filter(
    (k) => errors[k],
  ).length;

  return (
    <section aria-labelledby="area-title" className="ws-new-incident">
      <h2 id="area-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {errorCount > 0 && (
        <div className="ws-callout ws-callout-bad" role="alert" data-testid="form-errors">
          <p>{t('errors.summary')}</p>
          <ul>
            {(['customer', 'title', 'severity', 'channel', 'receivedAt'] as const)
              .filter((k) => errors[k])
              .map((k) => (
                <li key={k}>{err(k)}</li>
              ))}
          </ul>
        </div>
      )}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        className="ws-form ws-panel"
        data-testid="new-incident-form"
      >
        <div className="ws-field" data-field="customer">
          <label htmlFor={`${id}-customer`}>{t('customer')}</label>
          <CustomerCombobox
            customers={customers}
            value={customerId}
            onChange={setCustomerId}
            inputId={`${id}-customer`}
            error={!!errors.customer}
            describedBy={errors.customer ? errorId('customer') : undefined}
          />
          {errors.customer && (
            <span id={errorId('customer')} className="ws-error-text">
              {err('customer')}
            </span>
          )}
        </div>

        <div className="ws-field" data-field="title">
          <label htmlFor={`${id}-title`}>{t('incidentTitle')}</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={400}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? errorId('title') : undefined}
            data-testid="title-input"
          />
          {errors.title && (
            <span id={errorId('title')} className="ws-error-text">
              {err('title')}
            </span>
          )}
        </div>

        <fieldset
          className="ws-field ws-levels"
          data-field="severity"
          aria-describedby={errors.severity ? errorId('severity') : undefined}
        >
          <legend>{t('severity')}</legend>
          {LEVELS.map((l) => (
            <label key={l} className={`ws-level-option${severity === l ? ' ws-level-on' : ''}`}>
              <input
                type="radio"
                name={`${id}-severity`}
                value={l}
                checked={severity === l}
                onChange={() => setSeverity(l)}
                data-testid={`severity-${l}`}
              />
              <span className="ws-level-text">
                <strong>
                  {t('glossary:levelShort', { level: l })} {t(`glossary:severity.${l}`)}
                </strong>
                <span>{t(`incident:severity.definition.${l}`)}</span>
                {policy && (
                  <span className="muted ws-small">{t('target', { target: targetText(policy, l) })}</span>
                )}
              </span>
            </label>
          ))}
          {errors.severity && (
            <span id={errorId('severity')} className="ws-error-text">
              {err('severity')}
            </span>
          )}
        </fieldset>

        <div className="ws-field" data-field="channel">
          <label htmlFor={`${id}-channel`}>{t('channel')}</label>
          <select
            id={`${id}-channel`}
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel | '')}
            aria-invalid={errors.channel ? true : undefined}
            aria-describedby={errors.channel ? errorId('channel') : undefined}
            data-testid="channel-select"
          >
            <option value="">—</option>
            {ChannelSchema.options.map((c) => (
              <option key={c} value={c}>
                {t(`glossary:channel.${c}`)}
              </option>
            ))}
          </select>
          {errors.channel && (
            <span id={errorId('channel')} className="ws-error-text">
              {err('channel')}
            </span>
          )}
        </div>

        <div className="ws-field" data-field="receivedAt">
          <label htmlFor={`${id}-received`}>
            {customer
              ? t('receivedAt', { zone: formatZone(zone, receivedAt ?? undefined, locale) })
              : t('receivedAtNoCustomer')}
          </label>
          <div className="ws-inline">
            <input
              id={`${id}-received`}
              type="datetime-local"
              value={wallValue}
              onChange={(e) => setReceivedWall(e.target.value)}
              aria-invalid={errors.receivedAt ? true : undefined}
              aria-describedby={`${id}-received-hint ${id}-received-mine${errors.receivedAt ? ` ${errorId('receivedAt')}` : ''}`}
              data-testid="received-input"
            />
            <button type="button" onClick={() => setReceivedWall(null)}>
              {t('useNow')}
            </button>
          </div>
          <span id={`${id}-received-hint`} className="muted ws-small">
            {t('receivedAtHint')}
          </span>
          <span id={`${id}-received-mine`} className="ws-small" data-testid="received-mine">
            {receivedAt && mine !== zone
              ? t('receivedMine', {
                  time: formatDateTime(receivedAt, mine, locale),
                  zone: formatZone(mine, receivedAt, locale),
                })
              : ''}
          </span>
          {errors.receivedAt ? (
            <span id={errorId('receivedAt')} className="ws-error-text" data-testid="received-error">
              {err('receivedAt')}
            </span>
          ) : (
            liveBounds && (
              <span className="ws-error-text" role="status" data-testid="received-bounds">
                {boundsText(liveBounds)}
              </span>
            )
          )}
        </div>

        {timing?.kind === 'out_of_hours' && timing.warn && customer && (
          <div className="ws-callout ws-callout-warn" role="status" data-testid="out-of-hours-warning">
            <strong>{t('outOfHours.title')}</strong>
            <p>
              {timing.deferred
                ? t('outOfHours.body', {
                    channel: t(`glossary:channel.${channel || 'phone'}`),
                    at: formatDateTime(timing.clockStartAt, zone, locale),
                  })
                : t('outOfHours.bodyNotDeferred', { channel: t(`glossary:channel.${channel || 'phone'}`) })}
            </p>
          </div>
        )}
        {timing?.kind === 'out_of_hours' &&
          !timing.warn &&
          timing.deferred &&
          customer &&
          severity !== '' && (
            <p className="ws-callout" role="status" data-testid="out-of-hours-info">
              {t('outOfHours.phoneBusinessClock', {
                level: severity,
                at: formatDateTime(timing.clockStartAt, zone, locale),
              })}
            </p>
          )}
        {timing && timing.kind !== 'invalid' && severity !== '' && customer && (
          <p className="muted" data-testid="due-preview">
            {t('due', { due: formatDateTime(timing.dueAt, zone, locale) })}
          </p>
        )}

        <div className="ws-field">
          <label htmlFor={`${id}-description`}>{t('description')}</label>
          <textarea
            id={`${id}-description`}
            rows={4}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={20_000}
          />
        </div>

        {failure && (
          <>
            <p className="ws-error-text" role="alert">
              {failure.text}
            </p>
            <ErrorDetails message={failure.detail} />
          </>
        )}
        <div className="ws-button-row">
          <button type="submit" disabled={busy} data-testid="create-incident">
            {busy ? t('saving') : t('submit')}
          </button>
          <button type="button" onClick={() => void navigate(-1)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
