import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Customer, DeployedProduct } from '../../../shared/model/entities';
import { initI18n } from '../../i18n';
import { useUiStore } from '../../state/ui-store';
import { NewRequestForm } from './NewRequestForm';

const mutate = vi.fn();
const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-26T00:00:00Z', deleted: false });
const C = '00000000-0000-4000-8000-000000000001';
const products: DeployedProduct[] = [
  {
    ...env('00000000-0000-4000-8000-0000000000d1'),
    customerId: C,
    product: 'Endpoint Security',
    productVersion: '12.1',
    supportEndsOn: '2028-11-26',
  },
  {
    ...env('00000000-0000-4000-8000-0000000000d2'),
    customerId: C,
    product: 'Endpoint Security',
    productVersion: '11.0',
    supportEndsOn: '2026-06-26',
  },
];
vi.mock('../../replica/hooks', () => ({
  mutate: (...args: unknown[]) => mutate(...args),
  useDeployedProducts: () => products,
  useIncidentsByCustomer: () => [],
}));

const customer: Customer = {
  ...env(C),
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa-enterprise',
  contractStart: '2025-09-01',
  contractEnd: '2028-08-31',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: '00000000-0000-4000-8000-0000000000aa',
  backupTamId: null,
  team: 'msa-tokyo',
};

let i18n: ReturnType<typeof initI18n>;
beforeAll(() => {
  useUiStore.getState().setLocale('en');
  i18n = initI18n('en');
});
beforeEach(() => {
  mutate.mockReset();
  mutate.mockResolvedValue({ ok: true, mutationId: 1 });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T01:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderForm() {
  render(
    <I18nextProvider i18n={i18n}>
      <NewRequestForm customers={[customer]} fixedCustomer={customer} headingLevel={3} />
    </I18nextProvider>,
  );
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Fix for scan crash' } });
}

describe('NewRequestForm', () => {
  it('offers the versions the customer runs, newest first, with their support status', () => {
    renderForm();
    const options = [...(screen.getByLabelText('Version') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(['12.1 — supported', '11.0 — support ended']);
  });

  it('refuses a private patch for a version whose support ended, and says why', async () => {
    renderForm();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'private_patch' } });
    fireEvent.change(screen.getByLabelText('Version'), { target: { value: '11.0' } });
    expect(screen.getByTestId('patch-refusal').textContent).toMatch(
      /Endpoint Security 11\.0: its support ended on .*2026/,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create request' }));
    });
    expect(mutate).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByTestId('patch-refusal'));
  });

  it('creates a private patch request for a supported version', async () => {
    renderForm();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'private_patch' } });
    expect(screen.queryByTestId('patch-refusal')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create request' }));
    });
    expect(mutate).toHaveBeenCalledWith(
      'request.create',
      expect.objectContaining({
        customerId: C,
        type: 'private_patch',
        product: 'Endpoint Security',
        productVersion: '12.1',
        title: 'Fix for scan crash',
      }),
    );
    expect(screen.getByRole('status').textContent).toBe('Request "Fix for scan crash" created.');
  });

  it('lets a signature release name any deployed version', () => {
    renderForm();
    fireEvent.change(screen.getByLabelText('Version'), { target: { value: '11.0' } });
    expect(screen.queryByTestId('patch-refusal')).toBeNull();
  });
});
