import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { Customer } from '../../../shared/model/entities';
import { initI18n } from '../../i18n';
import { setClockForTests } from '../../format/ticker';
import { useUiStore } from '../../state/ui-store';
import { NewIncidentForm } from './NewIncidentPage';

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
const other: Customer = {
  ...customer,
  id: '00000000-0000-4000-8000-0000000000c2',
  nameJa: '北斗製薬株式会社',
  nameLatin: 'Hokuto Pharmaceutical Co., Ltd.',
};

beforeAll(() => {
  // Monday 30 November 2026, 12:00 in Tokyo.
  setClockForTests(() => Date.parse('2026-11-30T12:00:00+09:00'));
});
afterAll(() => setClockForTests(null));
afterEach(() => cleanup());

function renderForm(locale: 'en' | 'ja' = 'en') {
  useUiStore.setState({ locale });
  const i18n = initI18n(locale);
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <NewIncidentForm customers={[customer, other]} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

function chooseCustomer(query: string) {
  const input = screen.getByTestId('customer-input');
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: query } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('new incident: out-of-hours warning', () => {
  it('warns when an email arrives on a Saturday night, with the next opening in the customer zone', () => {
    renderForm();
    chooseCustomer('さくら');
    fireEvent.change(screen.getByTestId('channel-select'), { target: { value: 'email' } });
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-28T22:00' } });
    const warning = screen.getByTestId('out-of-hours-warning');
    expect(warning.textContent).toContain('Received outside business hours');
    expect(warning.textContent).toContain('requires a phone call');
    // Next opening: Monday 30 November, 09:00 Tokyo.
    expect(warning.textContent).toMatch(/30 Nov 2026.*09:00|Nov 30, 2026.*09:00/);
  });

  it('does not warn for a phone call, nor during business hours', () => {
    renderForm();
    chooseCustomer('sakura');
    fireEvent.change(screen.getByTestId('channel-select'), { target: { value: 'phone' } });
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-28T22:00' } });
    expect(screen.queryByTestId('out-of-hours-warning')).toBeNull();
    fireEvent.change(screen.getByTestId('channel-select'), { target: { value: 'portal' } });
    expect(screen.getByTestId('out-of-hours-warning')).toBeTruthy();
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-30T10:00' } });
    expect(screen.queryByTestId('out-of-hours-warning')).toBeNull();
  });

  it('speaks Japanese', () => {
    renderForm('ja');
    chooseCustomer('Sakura');
    fireEvent.change(screen.getByTestId('channel-select'), { target: { value: 'portal' } });
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-28T22:00' } });
    expect(screen.getByTestId('out-of-hours-warning').textContent).toContain('営業時間外の受付');
  });

  it('shows what is missing instead of creating', () => {
    renderForm();
    fireEvent.click(screen.getByTestId('create-incident'));
    const errors = screen.getByTestId('form-errors');
    expect(errors.textContent).toContain('Choose the customer.');
    expect(errors.textContent).toContain('Give the incident a title.');
    expect(errors.textContent).toContain('Choose the severity.');
    expect(errors.textContent).toContain('Choose how the request arrived.');
  });
});

describe('new incident: time bounds (the shared rule, before submitting)', () => {
  it('explains a receipt before the contract start as soon as it is typed, and does not create', () => {
    renderForm();
    chooseCustomer('さくら');
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2019-11-28T10:00' } });
    expect(screen.getByTestId('received-bounds').textContent).toMatch(
      /before the customer’s contract start \(.*2025.*\)/,
    );
    fireEvent.change(screen.getByTestId('title-input'), { target: { value: 'Scan stops' } });
    fireEvent.click(screen.getByTestId('severity-3'));
    fireEvent.change(screen.getByTestId('channel-select'), { target: { value: 'phone' } });
    fireEvent.click(screen.getByTestId('create-incident'));
    expect(screen.getByTestId('form-errors').textContent).toContain('contract start');
    expect(screen.getByTestId('received-error').textContent).toContain('Enter a time within the contract');
  });

  it('refuses a receipt more than 5 minutes ahead, in Japanese too', () => {
    renderForm('ja');
    chooseCustomer('Sakura');
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-30T12:06' } });
    expect(screen.getByTestId('received-bounds').textContent).toContain('現在より 5 分以上先');
    fireEvent.change(screen.getByTestId('received-input'), { target: { value: '2026-11-30T12:04' } });
    expect(screen.queryByTestId('received-bounds')).toBeNull();
  });
});
