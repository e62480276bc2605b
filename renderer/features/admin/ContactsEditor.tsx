// The customer's contacts with add, edit and remove (contact.upsert / contact.remove):
// names in Japanese and Latin script, e-mail, phone, role, language, and whether the contact
// receives the daily and quarterly reports.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Customer } from '../../../shared/model/entities';
import { mutate } from '../../replica/hooks';
import { canEditCustomer, OutcomeLine, useActor, useOutcome } from './common';

type ContactDraft = Omit<Contact, 'version' | 'updatedAt' | 'deleted' | 'customerId'>;

const blank = (): ContactDraft => ({
  id: crypto.randomUUID(),
  name: '',
  nameLatin: null,
  email: null,
  phone: null,
  role: null,
  locale: 'ja',
  isPrimary: false,
  receivesReports: false,
});

export function ContactsEditor({ customer, contacts }: { customer: Customer; contacts: Contact[] }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const actor = useActor();
  const editable = canEditCustomer(actor, customer);
  const [editing, setEditing] = useState<ContactDraft | null>(null);
  const { outcome, report } = useOutcome();

  const remove = async (c: Contact) => {
    if (!window.confirm(t('actions.confirmRemove', { name: c.name }))) return;
    report(await mutate('contact.remove', { contactId: c.id }), t('actions.removed'));
  };

  return (
    <>
      {contacts.length === 0 ? (
        <p className="muted">{tc('contacts.none')}</p>
      ) : (
        <table className="ws-table" data-testid="contacts">
          <thead>
            <tr>
              <th scope="col">{tc('contacts.name')}</th>
              <th scope="col">{tc('contacts.role')}</th>
              <th scope="col">{tc('contacts.email')}</th>
              <th scope="col">{tc('contacts.phone')}</th>
              <th scope="col">{tc('contacts.language')}</th>
              <th scope="col">{t('contacts.reports')}</th>
              {editable && <th scope="col">{t('contacts.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.name}
                  {c.nameLatin && <span className="muted"> ({c.nameLatin})</span>}
                  {c.isPrimary && <span className="ws-badge ws-badge-accent">{tc('contacts.primary')}</span>}
                </th>
                <td>{c.role ?? '—'}</td>
                <td>{c.email ?? '—'}</td>
                <td>{c.phone ?? '—'}</td>
                <td>{tc(`language.${c.locale}`)}</td>
                <td>{c.receivesReports ? t('contacts.yes') : t('contacts.no')}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      aria-label={t('contacts.editOf', { name: c.name })}
                      onClick={() => setEditing({ ...c, receivesReports: c.receivesReports ?? false })}
                    >
                      {t('actions.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={t('contacts.removeOf', { name: c.name })}
                      onClick={() => void remove(c)}
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
        <button type="button" onClick={() => setEditing(blank())} data-testid="contact-add">
          {t('contacts.add')}
        </button>
      )}
      {editing && (
        <ContactForm
          key={editing.id}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const ok = report(await mutate('contact.upsert', { ...draft, customerId: customer.id }));
            if (ok) setEditing(null);
          }}
        />
      )}
      <OutcomeLine outcome={outcome} testId="contact-outcome" />
    </>
  );
}

function ContactForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: ContactDraft;
  onSave: (d: ContactDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('customers');
  const [d, setD] = useState(initial);
  const [missing, setMissing] = useState(false);
  const base = useId();
  const text = (key: 'name' | 'nameLatin' | 'email' | 'phone' | 'role', label: string, type = 'text') => (
    <div className="ws-field">
      <label htmlFor={`${base}-${key}`}>{label}</label>
      <input
        id={`${base}-${key}`}
        type={type}
        value={d[key] ?? ''}
        required={key === 'name'}
        onChange={(e) =>
          setD({
            ...d,
            [key]: key === 'name' ? e.target.value : e.target.value.trim() === '' ? null : e.target.value,
          })
        }
      />
    </div>
  );
  return (
    <form
      className="ws-form"
      aria-label={t('contacts.title')}
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (d.name.trim() === '') {
          setMissing(true);
          return;
        }
        void onSave({ ...d, name: d.name.trim() });
      }}
    >
      <div className="ws-row">
        {text('name', `${t('contacts.name')} *`)}
        {text('nameLatin', t('contacts.nameLatin'))}
        {text('email', t('contacts.email'), 'email')}
        {text('phone', t('contacts.phone'), 'tel')}
        {text('role', t('contacts.role'))}
        <div className="ws-field">
          <label htmlFor={`${base}-locale`}>{t('contacts.language')}</label>
          <select
            id={`${base}-locale`}
            value={d.locale}
            onChange={(e) => setD({ ...d, locale: e.target.value as 'ja' | 'en' })}
          >
            <option value="ja">{tc('language.ja')}</option>
            <option value="en">{tc('language.en')}</option>
          </select>
        </div>
      </div>
      <label className="ws-radio">
        <input
          type="checkbox"
          checked={d.isPrimary}
          onChange={(e) => setD({ ...d, isPrimary: e.target.checked })}
        />{' '}
        {t('contacts.primary')}
      </label>
      <label className="ws-radio">
        <input
          type="checkbox"
          checked={d.receivesReports ?? false}
          onChange={(e) => setD({ ...d, receivesReports: e.target.checked })}
        />{' '}
        {t('contacts.receivesReports')}
      </label>
      {missing && (
        <p role="alert" className="ws-error">
          {t('customer.required', { field: t('contacts.name') })}
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
