import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import type { Contact, Customer } from '../../../shared/model/entities';
import { initI18n } from '../../i18n';
import { ContactsEditor } from './ContactsEditor';

const mutate = vi.fn(async () => ({ ok: true, mutationId: 1 }));
const actor = { id: '00000000-0000-4000-8000-0000000000aa', role: 'tam', team: 'msa-tokyo' };
vi.mock('../../replica', () => ({
  mutate: (...args: unknown[]) => mutate(...(args as [])),
  useCurrentReplica: (select: (s: { actor: typeof actor }) => unknown) => select({ actor }),
}));

afterEach(() => {
  cleanup();
  mutate.mockClear();
});

const env = { version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false };
const customer = {
  ...env,
  id: '00000000-0000-4000-8000-000000000001',
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  tamId: actor.id,
  backupTamId: null,
  team: 'msa-tokyo',
} as unknown as Customer;
const contact = {
  ...env,
  id: '00000000-0000-4000-8000-0000000000c1',
  customerId: customer.id,
  name: '山田 太郎',
  nameLatin: 'Yamada Taro',
  email: 'yamada@example.jp',
  phone: null,
  role: null,
  locale: 'ja',
  isPrimary: true,
  receivesReports: true,
} as Contact;

function renderEditor() {
  const i18n = initI18n('en');
  void i18n.changeLanguage('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <ContactsEditor customer={customer} contacts={[contact]} />
    </I18nextProvider>,
  );
}

describe('contacts editor (RecordsEditor)', () => {
  it('asks before removing, in the app’s dialog: Cancel removes nothing, Remove removes the contact', async () => {
    renderEditor();
    expect(within(screen.getByTestId('contacts')).getByText('山田 太郎')).toBeTruthy();
    const dialog = screen.getByTestId('confirm-dialog') as HTMLDialogElement;

    fireEvent.click(screen.getByRole('button', { name: 'Remove contact 山田 太郎' }));
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('Remove 山田 太郎?');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    });
    expect(mutate).not.toHaveBeenCalled();
    expect(dialog.open).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Remove contact 山田 太郎' }));
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    });
    expect(mutate).toHaveBeenCalledWith('contact.remove', { contactId: contact.id });
  });

  it('refuses a contact without a name and saves a named one with the customer id', async () => {
    renderEditor();
    fireEvent.click(screen.getByTestId('contact-add'));
    const form = screen.getByTestId('contact-form');
    await act(async () => {
      fireEvent.submit(form);
    });
    expect(within(form).getByRole('alert').textContent).toMatch(/Name/);
    expect(mutate).not.toHaveBeenCalled();
    fireEvent.change(within(form).getByLabelText('Name *'), { target: { value: '  佐藤 花子 ' } });
    await act(async () => {
      fireEvent.submit(form);
    });
    expect(mutate).toHaveBeenCalledWith(
      'contact.upsert',
      expect.objectContaining({ name: '佐藤 花子', customerId: customer.id }),
    );
  });
});
