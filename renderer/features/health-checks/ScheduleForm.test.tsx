import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Customer, HealthCheck } from '../../../shared/model/entities';
import { initI18n } from '../../i18n';
import { useUiStore } from '../../state/ui-store';
import { ScheduleForm } from './ScheduleForm';

const mutate = vi.fn();
vi.mock('../../replica/hooks', () => ({ mutate: (...args: unknown[]) => mutate(...args) }));

const customer: Customer = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 1,
  updatedAt: '2026-11-26T00:00:00Z',
  deleted: false,
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

// Contract year 2 (2026-09-01 to 2027-08-31) already has this one.
const scheduled: HealthCheck = {
  id: '00000000-0000-4000-8000-0000000000c1',
  version: 1,
  updatedAt: '2026-11-24T00:00:00Z',
  deleted: false,
  customerId: customer.id,
  agreedOn: '2026-11-24',
  scheduledDate: '2027-01-07',
  status: 'scheduled',
  findings: [],
  completedAt: null,
};

let i18n: ReturnType<typeof initI18n>;

beforeAll(() => {
  useUiStore.getState().setLocale('en');
  i18n = initI18n('en');
});

beforeEach(() => {
  mutate.mockReset();
  // 2026-11-26 10:00 in Tokyo: the agreed-on date defaults to the customer's today.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T01:00:00Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderForm(props: Partial<Parameters<typeof ScheduleForm>[0]> = {}) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ScheduleForm customer={customer} checks={[scheduled]} headingLevel={3} {...props} />
    </I18nextProvider>,
  );
}

const dateInput = () => screen.getByLabelText('Health check date');

describe('ScheduleForm', () => {
  it("defaults the agreement to the customer's today", () => {
    renderForm();
    expect((screen.getByLabelText('Arrangements agreed on') as HTMLInputElement).value).toBe('2026-11-26');
  });

  it('shows every reason a date is refused: too soon, not a business day, contract year taken', () => {
    renderForm();
    fireEvent.change(dateInput(), { target: { value: '2026-12-06' } }); // a Sunday, 10 days out
    const reasons = screen.getByTestId('health-check-reasons');
    const items = within(reasons).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-reason'))).toEqual([
      'too_soon',
      'not_business_day',
      'already_this_contract_year',
    ]);
    expect(items[0]?.textContent).toContain('at least 14 days in advance');
    expect(items[0]?.textContent).toContain('only 10 days before');
    expect(items[1]?.textContent).toContain("is not a working day of the customer's week");
    expect(items[2]?.textContent).toContain('Contract year 2');
    expect(screen.queryByTestId('health-check-ok')).toBeNull();
  });

  it("names a public holiday of the customer's country", () => {
    renderForm({ rescheduling: scheduled });
    fireEvent.change(dateInput(), { target: { value: '2027-01-11' } }); // 成人の日 (Coming of Age Day)
    const items = within(screen.getByTestId('health-check-reasons')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-reason'))).toEqual(['not_business_day']);
    expect(items[0]?.textContent).toContain("is a public holiday in the customer's calendar");
  });

  it("accepts a business day 20 days out when moving the year's check, and shows the window in both zones", () => {
    renderForm({ rescheduling: scheduled });
    fireEvent.change(dateInput(), { target: { value: '2026-12-16' } });
    expect(screen.queryByTestId('health-check-reasons')).toBeNull();
    const window = screen.getByTestId('health-check-window');
    expect(window.textContent).toContain("Customer's time");
    expect(window.textContent).toContain('My time');
    expect(window.textContent).toContain('09:00');
    expect(window.textContent).toContain('18:00');
    expect(window.textContent).toContain('Tokyo (UTC+9)');
  });

  it('does not send a refused date, and moves focus to the reasons', async () => {
    renderForm();
    fireEvent.change(dateInput(), { target: { value: '2026-12-06' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    });
    expect(mutate).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByTestId('health-check-reasons'));
  });

  it('sends a valid date and shows the error the mutation answers with', async () => {
    mutate.mockResolvedValue({
      ok: false,
      error: { code: 'rule_violation', message: 'The server refused it.' },
    });
    renderForm({ rescheduling: scheduled });
    fireEvent.change(dateInput(), { target: { value: '2026-12-16' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    });
    expect(mutate).toHaveBeenCalledWith('healthCheck.schedule', {
      id: scheduled.id,
      customerId: customer.id,
      agreedOn: '2026-11-26',
      scheduledDate: '2026-12-16',
    });
    // Worded from the code; the server's English message only under "Show details".
    expect(screen.getByRole('alert').textContent).toBe(
      'Not saved: The change breaks a rule of the contract or the workflow (see the details).',
    );
    expect(screen.getByTestId('error-details').textContent).toContain('The server refused it.');
  });
});
