// The customer's contacts with add, edit and remove (contact.upsert / contact.remove):
// names in Japanese and Latin script, e-mail, phone, role, language, and whether the contact
// receives the daily and quarterly reports.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Customer } from '../../../shared/model/entities';
import { mutate } from '../../replica';
import { RecordForm, RecordsEditor } from './RecordsEditor';

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
  return (
    <RecordsEditor<Contact, ContactDraft>
      customer={customer}
      rows={contacts}
      empty={tc('contacts.none')}
      testId={{ table: 'contacts', item: 'contact' }}
      columns={[
        {
          header: tc('contacts.name'),
          cell: (c) => (
            <>
              {c.name}
              {c.nameLatin && <span className="muted"> ({c.nameLatin})</span>}
              {c.isPrimary && <span className="ws-badge ws-badge-accent">{tc('contacts.primary')}</span>}
            </>
          ),
        },
        { header: tc('contacts.role'), cell: (c) => c.role ?? '—' },
        { header: tc('contacts.email'), cell: (c) => c.email ?? '—' },
        { header: tc('contacts.phone'), cell: (c) => c.phone ?? '—' },
        { header: tc('contacts.language'), cell: (c) => tc(`language.${c.locale}`) },
        {
          header: t('contacts.reports'),
          cell: (c) => (c.receivesReports ? t('contacts.yes') : t('contacts.no')),
        },
      ]}
      nameOf={(c) => c.name}
      labels={{
        actions: t('contacts.actions'),
        add: t('contacts.add'),
        editOf: (name) => t('contacts.editOf', { name }),
        removeOf: (name) => t('contacts.removeOf', { name }),
      }}
      toDraft={(c) => ({ ...c, receivesReports: c.receivesReports ?? false })}
      blank={blank}
      save={(draft) => mutate('contact.upsert', { ...draft, customerId: customer.id })}
      remove={(c) => mutate('contact.remove', { contactId: c.id })}
      form={(props) => <ContactForm key={props.initial.id} {...props} />}
    />
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
  return (
    <RecordForm
      label={t('contacts.title')}
      testId="contact-form"
      draft={d}
      missing={(draft) => (draft.name.trim() === '' ? t('contacts.name') : null)}
      clean={(draft) => ({ ...draft, name: draft.name.trim() })}
      onSave={onSave}
      onCancel={onCancel}
    >
      {(base) => {
        const text = (
          key: 'name' | 'nameLatin' | 'email' | 'phone' | 'role',
          label: string,
          type = 'text',
        ) => (
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
                  [key]:
                    key === 'name' ? e.target.value : e.target.value.trim() === '' ? null : e.target.value,
                })
              }
            />
          </div>
        );
        return (
          <>
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
          </>
        );
      }}
    </RecordForm>
  );
}
