// The portfolio table in a DOM: sorting by each column through the header buttons (with
// aria-sort following), and filtering by TAM and by contract tier. Rows come from
// shared/analytics portfolioRows over fixture data.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { portfolioRows } from '../../../shared/analytics/index';
import { customer, incident, user, uuid } from '../../../shared/analytics/testing/fixtures';
import { initI18n } from '../../i18n';
import { useUiStore } from '../../state/ui-store';
import { PortfolioTable } from './PortfolioTable';

const sato = user(uuid('sato'), '佐藤 花子');
const smith = user(uuid('smith'), 'John Smith');
const now = '2026-02-10T12:00:00+09:00';

const iroha = customer({
  id: uuid('c1'),
  nameJa: 'いろは製作所',
  nameLatin: 'Iroha Works',
  contractStart: '2025-10-01',
  contractEnd: '2026-09-30',
  tamId: sato.id,
});
const nyt = customer({
  id: uuid('c2'),
  nameJa: 'ニューヨーク商事',
  nameLatin: 'New York Trading',
  contractTier: 'standard',
  supportPolicyId: 'standard',
  contractStart: '2025-02-10',
  contractEnd: '2027-02-09',
  calendar: { timeZone: 'America/New_York', country: 'US' },
  tamId: smith.id,
});
const aoba = customer({
  id: uuid('c3'),
  nameJa: 'あおば銀行',
  nameLatin: 'Aoba Bank',
  contractStart: '2025-06-01',
  contractEnd: '2026-05-31',
  tamId: sato.id,
});

const incidents = [
  // Iroha: two open (L1 breached, L3 running), one missed this quarter.
  incident({
    id: uuid('p2'),
    customerId: iroha.id,
    severity: 2,
    receivedAt: '2026-01-10T10:00:00+09:00',
    firstResponseAt: '2026-01-10T15:00:00+09:00',
    resolvedAt: '2026-01-12T10:00:00+09:00',
  }),
  incident({ id: uuid('p4'), customerId: iroha.id, severity: 1, receivedAt: '2025-12-20T10:00:00+09:00' }),
  incident({
    id: uuid('p5'),
    customerId: iroha.id,
    severity: 3,
    channel: 'portal',
    receivedAt: '2026-02-10T10:00:00+09:00',
  }),
  // Aoba: one open L2, answered in time.
  incident({
    id: uuid('a1'),
    customerId: aoba.id,
    severity: 2,
    receivedAt: '2026-02-09T10:00:00+09:00',
    firstResponseAt: '2026-02-09T10:30:00+09:00',
  }),
];

const rows = portfolioRows({
  customers: [iroha, nyt, aoba],
  incidents,
  users: [sato, smith],
  healthChecks: [],
  reportLog: [],
  now,
});

beforeAll(() => {
  useUiStore.setState({ locale: 'en' });
});
afterEach(() => cleanup());

function renderTable(locale: 'en' | 'ja' = 'en') {
  const i18n = initI18n(locale);
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <PortfolioTable rows={rows} locale={locale} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

const shownIds = () => screen.getAllByTestId('portfolio-row').map((r) => r.getAttribute('data-customer-id'));
const header = (name: RegExp) => screen.getByRole('columnheader', { name });

describe('PortfolioTable', () => {
  it('starts sorted by customer name, ascending, and says so on the header and in the caption', () => {
    renderTable();
    expect(shownIds()).toEqual([aoba.id, iroha.id, nyt.id]);
    expect(header(/^Customer/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^TAM/).getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toBe(
      'Customer portfolio, sorted by Customer, ascending',
    );
    // Links open the customer's charts.
    expect(
      within(screen.getAllByTestId('portfolio-row')[0]!)
        .getByRole('link', { name: 'Aoba Bank' })
        .getAttribute('href'),
    ).toBe(`/manager/customers/${aoba.id}`);
  });

  it('sorts by a column from its header button; the same button reverses the order', () => {
    renderTable();
    const openButton = within(header(/^Open incidents/)).getByRole('button');
    // A real button: reachable with Tab, activated with Enter or Space.
    expect(openButton.tagName).toBe('BUTTON');
    expect(openButton.getAttribute('type')).toBe('button');
    fireEvent.click(openButton);
    expect(header(/^Open incidents/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^Customer/).getAttribute('aria-sort')).toBe('none');
    expect(shownIds()).toEqual([nyt.id, aoba.id, iroha.id]);
    fireEvent.click(openButton);
    expect(header(/^Open incidents/).getAttribute('aria-sort')).toBe('descending');
    expect(shownIds()).toEqual([iroha.id, aoba.id, nyt.id]);
    expect(screen.getByRole('table').querySelector('caption')?.textContent).toBe(
      'Customer portfolio, sorted by Open incidents, descending',
    );
  });

  it('sorts by breaches and by SLA met, empty values last', () => {
    renderTable();
    fireEvent.click(within(header(/^Breaches/)).getByRole('button'));
    fireEvent.click(within(header(/^Breaches/)).getByRole('button'));
    expect(shownIds()[0]).toBe(iroha.id);
    fireEvent.click(within(header(/^SLA met this quarter/)).getByRole('button'));
    // New York decided nothing this quarter: last, whatever the direction.
    expect(shownIds()[2]).toBe(nyt.id);
    fireEvent.click(within(header(/^SLA met this quarter/)).getByRole('button'));
    expect(shownIds()[2]).toBe(nyt.id);
  });

  it('shows what each row is made of: open by level, SLA met % of the quarter, breaches', () => {
    renderTable();
    const irohaRow = screen
      .getAllByTestId('portfolio-row')
      .find((r) => r.getAttribute('data-customer-id') === iroha.id)!;
    expect(within(irohaRow).getByTestId('portfolio-open').textContent).toBe('2L1 1L2 0L3 1L4 0');
    const r = rows.find((x) => x.customerId === iroha.id)!;
    expect(within(irohaRow).getByTestId('portfolio-breaches').textContent).toContain(String(r.breaches));
    expect(r.breaches).toBeGreaterThan(0);
    expect(within(irohaRow).getByTestId('portfolio-sla').textContent).toContain(
      r.slaMetPct === null ? '—' : `${r.slaMetPct.toFixed(1)}%`,
    );
  });

  it('filters by TAM and by contract tier, and counts what is shown', () => {
    renderTable();
    fireEvent.change(screen.getByLabelText('TAM'), { target: { value: sato.id } });
    expect(shownIds()).toEqual([aoba.id, iroha.id]);
    expect(screen.getByTestId('portfolio-count').textContent).toBe('2 of 3 customers shown');
    fireEvent.change(screen.getByLabelText('Contract'), { target: { value: 'standard' } });
    expect(screen.queryAllByTestId('portfolio-row')).toEqual([]);
    expect(screen.getByText('No customer matches these filters.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('TAM'), { target: { value: '' } });
    expect(shownIds()).toEqual([nyt.id]);
  });

  it('speaks Japanese: Japanese names sorted in Japanese order, labels from the report labels', () => {
    renderTable('ja');
    expect(shownIds()).toEqual([aoba.id, iroha.id, nyt.id]);
    expect(header(/^お客様/).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('link', { name: 'いろは製作所' })).toBeTruthy();
  });
});
