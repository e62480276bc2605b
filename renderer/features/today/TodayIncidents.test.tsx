import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { Customer, Incident } from '../../../shared/model/entities';
import { initI18n } from '../../i18n';
import { setClockForTests, tickNowForTests } from '../../format/ticker';
import { useUiStore } from '../../state/ui-store';
import { TodayIncidents } from './TodayIncidents';

// Thursday 26 November 2026, 10:00 in Tokyo.
const NOW = Date.parse('2026-11-26T10:00:00+09:00');
const env = { version: 1, updatedAt: '2026-11-01T00:00:00Z', deleted: false };

function customer(id: string, tier: Customer['contractTier'], policy: string): Customer {
  return {
    ...env,
    id,
    nameJa: `顧客 ${id}`,
    nameLatin: `Customer ${id}`,
    contractTier: tier,
    supportPolicyId: policy,
    contractStart: '2025-12-01',
    contractEnd: '2028-11-30',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
    tamId: 'tam',
    backupTamId: null,
    team: 't',
  };
}

function incident(
  id: string,
  customerId: string,
  severity: Incident['severity'],
  receivedAt: string,
  firstResponseAt: string | null = null,
): Incident {
  return {
    ...env,
    id,
    customerId,
    title: `Incident ${id}`,
    description: '',
    severity,
    channel: 'phone',
    status: 'in_progress',
    receivedAt,
    firstResponseAt,
    resolvedAt: null,
    severityHistory: [{ severity, at: receivedAt, by: 'tam' }],
    createdBy: 'tam',
  };
}

const msa = customer('msa', 'msa_enterprise', 'msa-enterprise');
// Standard tier with the same targets, so that only the tier separates a tie.
const std = customer('std', 'standard', 'msa-enterprise');

const incidents = [
  incident('answered', 'msa', 1, '2026-11-26T09:00:00+09:00', '2026-11-26T09:10:00+09:00'),
  incident('running-std', 'std', 1, '2026-11-26T09:50:00+09:00'),
  incident('running-msa', 'msa', 1, '2026-11-26T09:50:00+09:00'),
  incident('l3', 'msa', 3, '2026-11-26T09:30:00+09:00'),
  incident('breached', 'msa', 2, '2026-11-26T05:00:00+09:00'),
  incident('at-risk', 'std', 1, '2026-11-26T09:35:00+09:00'),
];

let now = NOW;
const heightDescriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');

beforeAll(() => {
  // happy-dom does no layout: give the scroll container a height so rows are virtualised in.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  useUiStore.setState({ locale: 'en' });
});
afterAll(() => {
  if (heightDescriptor) Object.defineProperty(HTMLElement.prototype, 'clientHeight', heightDescriptor);
  setClockForTests(null);
});
afterEach(() => cleanup());

function renderList() {
  const i18n = initI18n('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <TodayIncidents incidents={incidents} customers={[msa, std]} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const order = () =>
  screen.getAllByTestId('today-incident').map((row) => row.getAttribute('data-incident-id'));

describe('Today: my open incidents', () => {
  it('lists them by urgency: breached, at risk, least time left (MSA Enterprise first on a tie), answered last', async () => {
    now = NOW;
    setClockForTests(() => now);
    renderList();
    expect(await screen.findAllByTestId('today-incident')).toHaveLength(6);
    expect(order()).toEqual(['breached', 'at-risk', 'running-msa', 'running-std', 'l3', 'answered']);
    const first = screen.getAllByTestId('today-incident')[0]!;
    expect(first.getAttribute('data-state')).toBe('breached');
    expect(within(first).getByText('Breached')).toBeTruthy();
    // 4 h target from 05:00: due 09:00, one hour past.
    // Past due, the timer says so in words and the duration carries no minus sign.
    expect(within(first).getByTestId('countdown').textContent).toMatch(
      /^Overdue by 01:00:00$|^超過時間 01:00:00$/,
    );
    expect(within(first).getByRole('link', { name: 'Incident breached' }).getAttribute('href')).toBe(
      '/incidents/breached',
    );
  });

  it('re-sorts when a state changes, and the countdowns follow the clock', async () => {
    now = NOW;
    setClockForTests(() => now);
    renderList();
    await screen.findAllByTestId('today-incident');
    const atRisk = () =>
      screen.getAllByTestId('today-incident').find((r) => r.getAttribute('data-incident-id') === 'at-risk')!;
    expect(within(atRisk()).getByTestId('countdown').textContent).toContain('00:05:00');

    // 10:05: 'at-risk' (due 10:05) breaches, 'running-*' are now at risk (7:30 left of 30 min is the threshold).
    now = Date.parse('2026-11-26T10:05:00+09:00');
    act(() => tickNowForTests());
    expect(atRisk().getAttribute('data-state')).toBe('breached');
    expect(within(atRisk()).getByTestId('countdown').textContent).toContain('00:00:00');
    now += 1000;
    act(() => tickNowForTests());
    expect(within(atRisk()).getByTestId('countdown').textContent).toMatch(/(Overdue by|超過時間) 00:00:01$/);
    expect(within(atRisk()).getByTestId('countdown').textContent).not.toContain('-');
    // Breached by due time: 'breached' (09:00) before 'at-risk' (10:05).
    expect(order()).toEqual(['breached', 'at-risk', 'running-msa', 'running-std', 'l3', 'answered']);

    now = Date.parse('2026-11-26T10:13:00+09:00');
    act(() => tickNowForTests());
    expect(screen.getAllByTestId('today-incident').map((r) => r.getAttribute('data-state'))).toEqual([
      'breached',
      'breached',
      'at_risk',
      'at_risk',
      'running',
      'met',
    ]);
  });
});
