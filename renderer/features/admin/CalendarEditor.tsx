// The business calendar editor on the customer page: weekly hours (split days, Saturdays),
// time zone, public-holiday country and region (the coming 12 months' holidays listed with
// their names), one-off and yearly closures, and a live preview from the SLA engine of when
// the clock of an e-mail received now would start. Saved with customer.update (offline too).
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/entities';
import { holidayCountries, holidayRegions, WEEKDAY_KEYS } from '../../../shared/sla';
import { formatDateTime, formatLocalDate, userTimeZone } from '../../format/datetime';
import { mutate } from '../../replica';
import { useLocale, useMinuteNow } from '../../ui/common';
import { calendarOf, clockStartPreview, comingHolidays, draftOf, type CalendarDraft } from './calendar-model';
import { canEditCustomer, OutcomeLine, useActor, useOutcome } from './common';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.(
    'timeZone',
  ) ?? ['Asia/Tokyo', 'UTC'];
  return zones;
}

export function CalendarEditor({ customer }: { customer: Customer }) {
  const { t } = useTranslation('admin');
  const actor = useActor();
  const [open, setOpen] = useState(false);
  const formId = useId();
  if (!canEditCustomer(actor, customer)) return null;
  return (
    <div className="ws-actions-block">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
        data-testid="calendar-edit"
      >
        {t('calendar.edit')}
      </button>
      {open && <CalendarForm id={formId} customer={customer} onDone={() => setOpen(false)} />}
    </div>
  );
}

function CalendarForm({ id, customer, onDone }: { id: string; customer: Customer; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const locale = useLocale();
  const now = useMinuteNow();
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(customer.calendar));
  const [closure, setClosure] = useState('');
  const [yearFrom, setYearFrom] = useState('');
  const [yearTo, setYearTo] = useState('');
  const [yearlyError, setYearlyError] = useState(false);
  const [saving, setSaving] = useState(false);
  const { outcome, report } = useOutcome();
  const checked = useMemo(() => calendarOf(draft), [draft]);
  const countries = useMemo(() => holidayCountries(), []);
  const regions = useMemo(() => holidayRegions(draft.country), [draft.country]);
  const holidays = useMemo(
    () => (checked.ok ? comingHolidays(checked.calendar, now, locale) : []),
    [checked, now, locale],
  );
  const nowIso = new Date(now).toISOString();
  const preview = checked.ok ? clockStartPreview(checked.calendar, customer, nowIso) : null;
  const set = (patch: Partial<CalendarDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const ids = {
    zone: useId(),
    country: useId(),
    region: useId(),
    closure: useId(),
    from: useId(),
    to: useId(),
    zones: useId(),
    hint: useId(),
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!checked.ok) return;
    setSaving(true);
    const result = await mutate('customer.update', {
      customerId: customer.id,
      patch: { calendar: checked.calendar },
    });
    setSaving(false);
    if (report(result)) onDone();
  };

  return (
    <form
      id={id}
      className="ws-form"
      onSubmit={(e) => void save(e)}
      aria-label={t('calendar.title')}
      data-testid="calendar-form"
    >
      <div className="ws-row">
        <div className="ws-field">
          <label htmlFor={ids.zone}>{t('customer.timeZone')}</label>
          <input
            id={ids.zone}
            list={ids.zones}
            value={draft.timeZone}
            onChange={(e) => set({ timeZone: e.target.value })}
            autoComplete="off"
          />
          <datalist id={ids.zones}>
            {timeZones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.country}>{t('customer.country')}</label>
          <select
            id={ids.country}
            value={draft.country}
            onChange={(e) => set({ country: e.target.value, region: '' })}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={ids.region}>{t('customer.region')}</label>
          <select id={ids.region} value={draft.region} onChange={(e) => set({ region: e.target.value })}>
            <option value="">{t('customer.regionNone')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} — {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('calendar.weekly')}</legend>
        <p id={ids.hint} className="muted">
          {t('calendar.weeklyHint')}
        </p>
        {WEEKDAY_KEYS.map((d) => (
          <div className="ws-field" key={d}>
            <label htmlFor={`${id}-${d}`}>{tc(`weekday.${d}`)}</label>
            <input
              id={`${id}-${d}`}
              value={draft.hours[d]}
              aria-describedby={ids.hint}
              aria-invalid={!checked.ok && checked.badDays.includes(d)}
              onChange={(e) => set({ hours: { ...draft.hours, [d]: e.target.value } })}
              placeholder="09:00-12:00, 13:00-18:00"
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('calendar.closures')}</legend>
        {draft.closures.length === 0 ? (
          <p className="muted">{t('calendar.noClosures')}</p>
        ) : (
          <ul data-testid="calendar-closures">
            {draft.closures.map((c) => (
              <li key={c}>
                <time dateTime={c}>{formatLocalDate(c, locale)}</time>{' '}
                <button
                  type="button"
                  aria-label={t('calendar.removeClosure', { date: c })}
                  onClick={() => set({ closures: draft.closures.filter((x) => x !== c) })}
                >
                  {t('actions.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="ws-row">
          <div className="ws-field">
            <label htmlFor={ids.closure}>{t('calendar.closureDate')}</label>
            <input
              id={ids.closure}
              type="date"
              value={closure}
              onChange={(e) => setClosure(e.target.value)}
            />
          </div>
          <button
            type="button"
            disabled={!/^\d{4}-\d{2}-\d{2}$/.test(closure)}
            onClick={() => {
              set({ closures: [...new Set([...draft.closures, closure])].sort() });
              setClosure('');
            }}
          >
            {t('calendar.addClosure')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('calendar.yearly')}</legend>
        {draft.yearly.length > 0 && (
          <ul data-testid="calendar-yearly">
            {draft.yearly.map((y, i) => {
              const range = y.from === y.to ? y.from : `${y.from} – ${y.to}`;
              return (
                <li key={`${y.from}-${y.to}-${i}`}>
                  {range}{' '}
                  <button
                    type="button"
                    aria-label={t('calendar.removeYearly', { range })}
                    onClick={() => set({ yearly: draft.yearly.filter((_, j) => j !== i) })}
                  >
                    {t('actions.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="ws-row">
          <div className="ws-field">
            <label htmlFor={ids.from}>{t('calendar.yearlyFrom')}</label>
            <input
              id={ids.from}
              value={yearFrom}
              onChange={(e) => setYearFrom(e.target.value)}
              placeholder="12-29"
              size={6}
            />
          </div>
          <div className="ws-field">
            <label htmlFor={ids.to}>{t('calendar.yearlyTo')}</label>
            <input
              id={ids.to}
              value={yearTo}
              onChange={(e) => setYearTo(e.target.value)}
              placeholder="01-03"
              size={6}
            />
          </div>
          <button
            type="button"
            onClick={() => {
              const to = yearTo.trim() || yearFrom.trim();
              if (!MONTH_DAY.test(yearFrom.trim()) || !MONTH_DAY.test(to)) {
                setYearlyError(true);
                return;
              }
              setYearlyError(false);
              set({ yearly: [...draft.yearly, { from: yearFrom.trim(), to }] });
              setYearFrom('');
              setYearTo('');
            }}
          >
            {t('calendar.addYearly')}
          </button>
        </div>
        {yearlyError && (
          <p role="alert" className="ws-error">
            {t('calendar.badYearly')}
          </p>
        )}
      </fieldset>
      <section aria-label={t('calendar.previewTitle')} className="ws-panel">
        <h4>{t('calendar.previewTitle')}</h4>
        {!checked.ok ? (
          <p role="alert" className="ws-error" data-testid="calendar-invalid">
            {checked.badDays.length > 0
              ? checked.badDays.map((d) => t('calendar.badWindows', { day: tc(`weekday.${d}`) })).join(' ')
              : t('calendar.invalid', { issues: checked.issues.join('; ') })}
          </p>
        ) : preview ? (
          <p role="status" data-testid="calendar-preview">
            {preview.deferred
              ? t('calendar.preview', {
                  customer: formatDateTime(preview.startsAt, checked.calendar.timeZone, locale),
                  mine: formatDateTime(preview.startsAt, userTimeZone(), locale),
                })
              : t('calendar.previewNow')}
          </p>
        ) : null}
        <h4 id={`${id}-holidays`}>{t('calendar.holidaysTitle')}</h4>
        {holidays.length === 0 ? (
          <p className="muted">{t('calendar.noHolidays')}</p>
        ) : (
          <ul aria-labelledby={`${id}-holidays`} data-testid="calendar-holidays">
            {holidays.map((h) => (
              <li key={h.date}>
                <time dateTime={h.date}>{formatLocalDate(h.date, locale)}</time> {h.name}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="ws-actions">
        <button type="submit" disabled={!checked.ok || saving}>
          {saving ? t('actions.saving') : t('calendar.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('actions.cancel')}
        </button>
      </div>
      <OutcomeLine outcome={outcome} testId="calendar-outcome" />
    </form>
  );
}
