// Keys belong to the input method while it composes: the customer combobox does not pick on
// the Enter that confirms a kana-kanji conversion, and Esc that cancels a conversion does not
// close the finding form.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import type { Customer, HealthCheck } from '../../shared/model/entities';
import { initI18n } from '../i18n';
import { CustomerCombobox } from '../features/new-incident/CustomerCombobox';
import { RecordFindingForm } from '../features/health-checks/RecordFindingForm';

afterEach(() => cleanup());

const customer: Customer = {
  version: 1,
  updatedAt: '2026-11-01T00:00:00Z',
  deleted: false,
  id: '00000000-0000-4000-8000-0000000000c1',
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-12-01',
  contractEnd: '2028-11-30',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: 'tam',
  backupTamId: null,
  team: 't',
};

const withI18n = (node: React.ReactNode) => <I18nextProvider i18n={initI18n('ja')}>{node}</I18nextProvider>;

describe('IME composition', () => {
  it('the customer combobox ignores Enter, arrows and Esc while composing', () => {
    const onChange = vi.fn();
    render(
      withI18n(
        <CustomerCombobox customers={[customer]} value="" onChange={onChange} inputId="c" error={false} />,
      ),
    );
    const input = screen.getByTestId('customer-input');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'さくら' } });
    // Confirming the conversion: Enter with isComposing (Chrome) or keyCode 229 (Safari, old Edge).
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', isComposing: true });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 229 });
    fireEvent.keyDown(input, { key: 'ArrowDown', code: 'ArrowDown', isComposing: true });
    fireEvent.keyDown(input, { key: 'Escape', code: 'Escape', isComposing: true });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('listbox')).toBeTruthy();
    // After the conversion, Enter picks the highlighted customer.
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    expect(onChange).toHaveBeenCalledWith(customer.id);
  });

  it('Esc while composing does not close the finding form; Esc afterwards does', () => {
    const onDone = vi.fn();
    const check: HealthCheck = {
      version: 1,
      updatedAt: '2026-11-01T00:00:00Z',
      deleted: false,
      id: '00000000-0000-4000-8000-0000000000d1',
      customerId: customer.id,
      agreedOn: '2026-11-01',
      scheduledDate: '2026-11-20',
      status: 'scheduled',
      findings: [],
      completedAt: null,
    };
    render(withI18n(<RecordFindingForm check={check} onDone={onDone} />));
    const area = document.activeElement as HTMLElement;
    expect(area.tagName).toBe('INPUT');
    fireEvent.keyDown(area, { key: 'Escape', code: 'Escape', isComposing: true });
    fireEvent.keyDown(area, { key: 'Escape', code: 'Escape', keyCode: 229 });
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.keyDown(area, { key: 'Escape', code: 'Escape' });
    expect(onDone).toHaveBeenCalledWith(false);
  });
});
