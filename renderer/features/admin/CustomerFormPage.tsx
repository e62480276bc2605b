// /customers/new and /customers/:id/edit: the customer form. A manager (their team) or an
// administrator creates customers (customer.create); editing sends the changed fields with
// customer.update, whose rules decide what a TAM may change (names) and what not.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Customer } from '../../../shared/model/entities';
import { holidayCountries, holidayRegions } from '../../../shared/sla';
import { mutate, useCustomer, useReplica, useUsers } from '../../replica';
import { customerName, Loading, NoReplica, useLocale } from '../../ui/common';
import { isManager, OutcomeLine, useActor, useOutcome } from './common';

type Fields = Pick<
  Customer,
  | 'nameJa'
  | 'nameLatin'
  | 'contractTier'
  | 'supportPolicyId'
  | 'contractStart'
  | 'contractEnd'
  | 'tamId'
  | 'backupTamId'
  | 'team'
> & { nameKana: string; timeZone: string; country: string; region: string };

const POLICIES = ['msa-enterprise', 'standard'] as const;

function fieldsOf(c: Customer | undefined, team: string): Fields {
  return {
    nameJa: c?.nameJa ?? '',
    nameLatin: c?.nameLatin ?? '',
    nameKana: c?.nameKana ?? '',
    contractTier: c?.contractTier ?? 'msa_enterprise',
    supportPolicyId: c?.supportPolicyId ?? 'msa-enterprise',
    contractStart: c?.contractStart ?? '',
    contractEnd: c?.contractEnd ?? '',
    tamId: c?.tamId ?? '',
    backupTamId: c?.backupTamId ?? null,
    team: c?.team ?? team,
    timeZone: c?.calendar.timeZone ?? 'Asia/Tokyo',
    country: c?.calendar.country ?? 'JP',
    region: c?.calendar.region ?? '',
  };
}

export function CustomerFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('admin');
  const db = useReplica();
  const customer = useCustomer(id);
  const actor = useActor();
  if (!db) return <NoReplica titleId="customer-form-title" title={t('customer.newTitle')} />;
  if (id && customer === undefined) return <Loading />;
  if (!id && !isManager(actor)) {
    return (
      <section className="ws-page" aria-labelledby="customer-form-title">
        <h2 id="customer-form-title">{t('customer.newTitle')}</h2>
        <p role="alert" className="ws-error">
          {t('customer.notAllowed')}
        </p>
      </section>
    );
  }
  return <CustomerForm key={id ?? 'new'} customer={customer} team={actor?.team ?? ''} />;
}

function CustomerForm({ customer, team }: { customer: Customer | undefined; team: string }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const { t: tg } = useTranslation('glossary');
  const locale = useLocale();
  const navigate = useNavigate();
  const actor = useActor();
  const users = useUsers();
  const tams = useMemo(() => (users ?? []).filter((u) => u.role === 'tam'), [users]);
  const [f, setF] = useState<Fields>(() => fieldsOf(customer, team));
  const [missing, setMissing] = useState<string[]>([]);
  const { outcome, setOutcome, report } = useOutcome();
  const base = useId();
  const countries = useMemo(() => holidayCountries(), []);
  const regions = useMemo(() => holidayRegions(f.country), [f.country]);
  const set = (patch: Partial<Fields>) => setF((x) => ({ ...x, ...patch }));
  const fid = (k: string) => `${base}-${k}`;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const labels: Record<string, string> = {
      nameJa: t('customer.nameJa'),
      nameLatin: t('customer.nameLatin'),
      contractStart: t('customer.contractStart'),
      contractEnd: t('customer.contractEnd'),
      tamId: t('customer.tam'),
      team: t('customer.team'),
    };
    const empty = Object.keys(labels).filter((k) => String(f[k as keyof Fields] ?? '').trim() === '');
    setMissing(empty);
    if (empty.length > 0) {
      setOutcome({
        kind: 'error',
        text: empty.map((k) => t('customer.required', { field: labels[k] })).join(' '),
      });
      return;
    }
    if (f.contractEnd < f.contractStart) {
      setOutcome({ kind: 'error', text: t('customer.endBeforeStart') });
      return;
    }
    const own = {
      nameJa: f.nameJa.trim(),
      nameLatin: f.nameLatin.trim(),
      nameKana: f.nameKana.trim() === '' ? null : f.nameKana.trim(),
      contractTier: f.contractTier,
      supportPolicyId: f.supportPolicyId,
      contractStart: f.contractStart,
      contractEnd: f.contractEnd,
      tamId: f.tamId,
      backupTamId: f.backupTamId,
      team: f.team.trim(),
    };
    if (!customer) {
      const id = crypto.randomUUID();
      const calendar = {
        timeZone: f.timeZone,
        country: f.country,
        ...(f.region ? { region: f.region } : {}),
      };
      const result = await mutate('customer.create', { id, ...own, calendar });
      if (report(result, t('customer.created'))) void navigate(`/customers/${id}`);
      return;
    }
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(own)) {
      const before = (customer as unknown as Record<string, unknown>)[k] ?? null;
      if (before !== v) patch[k] = v;
    }
    const calendar = { ...customer.calendar, timeZone: f.timeZone, country: f.country };
    if (f.region) calendar.region = f.region;
    else delete calendar.region;
    if (JSON.stringify(calendar) !== JSON.stringify(customer.calendar)) patch.calendar = calendar;
    if (Object.keys(patch).length === 0) {
      void navigate(`/customers/${customer.id}`);
      return;
    }
    if (report(await mutate('customer.update', { customerId: customer.id, patch })))
      void navigate(`/customers/${customer.id}`);
  };

  const title = customer
    ? t('customer.editTitle', { name: customerName(customer, locale) })
    : t('customer.newTitle');
  const input = (
    k: 'nameJa' | 'nameLatin' | 'nameKana' | 'contractStart' | 'contractEnd' | 'team' | 'timeZone',
    label: string,
    type = 'text',
    extra: Record<string, unknown> = {},
  ) => (
    <div className="ws-field">
      <label htmlFor={fid(k)}>{label}</label>
      <input
        id={fid(k)}
        type={type}
        value={f[k]}
        aria-invalid={missing.includes(k)}
        onChange={(e) => set({ [k]: e.target.value })}
        {...extra}
      />
    </div>
  );
  return (
    <section className="ws-page" aria-labelledby="customer-form-title">
      <p className="ws-breadcrumb">
        <Link to="/customers">{tc('list.title')}</Link>
      </p>
      <h2 id="customer-form-title">{title}</h2>
      <form className="ws-form" onSubmit={(e) => void submit(e)} noValidate data-testid="customer-form">
        <div className="ws-row">
          {input('nameJa', `${t('customer.nameJa')} *`)}
          {input('nameLatin', `${t('customer.nameLatin')} *`)}
          {input('nameKana', t('customer.nameKana'), 'text', { 'aria-describedby': fid('kana-hint') })}
        </div>
        <p id={fid('kana-hint')} className="muted">
          {t('customer.nameKanaHint')}
        </p>
        <div className="ws-row">
          <div className="ws-field">
            <label htmlFor={fid('tier')}>{t('customer.tier')}</label>
            <select
              id={fid('tier')}
              value={f.contractTier}
              onChange={(e) => set({ contractTier: e.target.value as Fields['contractTier'] })}
            >
              <option value="msa_enterprise">{tg('tier.msa_enterprise')}</option>
              <option value="standard">{tg('tier.standard')}</option>
            </select>
          </div>
          <div className="ws-field">
            <label htmlFor={fid('policy')}>{t('customer.policy')}</label>
            <select
              id={fid('policy')}
              value={f.supportPolicyId}
              onChange={(e) => set({ supportPolicyId: e.target.value })}
            >
              {[...new Set([...POLICIES, f.supportPolicyId])].map((p) => (
                <option key={p} value={p}>
                  {p === 'msa-enterprise'
                    ? tc('policy.msaEnterprise')
                    : p === 'standard'
                      ? tc('policy.standard')
                      : p}
                </option>
              ))}
            </select>
          </div>
          {input('contractStart', `${t('customer.contractStart')} *`, 'date')}
          {input('contractEnd', `${t('customer.contractEnd')} *`, 'date')}
        </div>
        <div className="ws-row">
          <div className="ws-field">
            <label htmlFor={fid('tam')}>{t('customer.tam')} *</label>
            <select
              id={fid('tam')}
              value={f.tamId}
              aria-invalid={missing.includes('tamId')}
              onChange={(e) => set({ tamId: e.target.value })}
            >
              <option value="">—</option>
              {tams.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </div>
          <div className="ws-field">
            <label htmlFor={fid('backup')}>{t('customer.backupTam')}</label>
            <select
              id={fid('backup')}
              value={f.backupTamId ?? ''}
              onChange={(e) => set({ backupTamId: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">{t('customer.none')}</option>
              {tams.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </div>
          {input('team', `${t('customer.team')} *`, 'text', { readOnly: actor?.role !== 'admin' })}
        </div>
        <div className="ws-row">
          {input('timeZone', t('customer.timeZone'))}
          <div className="ws-field">
            <label htmlFor={fid('country')}>{t('customer.country')}</label>
            <select
              id={fid('country')}
              value={f.country}
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
            <label htmlFor={fid('region')}>{t('customer.region')}</label>
            <select id={fid('region')} value={f.region} onChange={(e) => set({ region: e.target.value })}>
              <option value="">{t('customer.regionNone')}</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} — {r.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="ws-actions">
          <button type="submit">{customer ? t('actions.save') : t('customer.create')}</button>
          <Link to={customer ? `/customers/${customer.id}` : '/customers'}>{t('actions.cancel')}</Link>
        </div>
        <OutcomeLine outcome={outcome} testId="customer-form-outcome" />
      </form>
    </section>
  );
}
