// The health column of the portfolio in a DOM: the rating and its reasons in the user's
// language (from shared/health over fixture rows) and the sparkline of the weekly snapshots.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { portfolioComparison, portfolioRows } from '../../../shared/analytics/index';
import { customer, incident, user, uuid } from '../../../shared/analytics/testing/fixtures';
import {
  customerHealth,
  healthSnapshotRow,
  healthTrend,
  assessHealth,
  NO_HEALTH_ISSUES,
} from '../../../shared/health/index';
import { initI18n } from '../../i18n';
import { PortfolioTable } from './PortfolioTable';
import type { PortfolioHealth } from './PortfolioTable';

const tam = user(uuid('tam'), '佐藤 花子');
const now = '2026-02-10T12:00:00+09:00';
const c = customer({ id: uuid('c1'), contractStart: '2025-10-01', contractEnd: '2026-09-30', tamId: tam.id });
const incidents = [
  incident({ id: uuid('i1'), customerId: c.id, severity: 1, receivedAt: '2026-02-10T09:00:00+09:00' }),
];
const input = {
  customers: [c],
  incidents,
  users: [tam],
  healthChecks: [],
  reportLog: [],
  deployedProducts: [],
  now,
};
const rows = portfolioRows(input);
const snapshots = [
  healthSnapshotRow(c.id, '2026-01-26', '2026-01-26T00:00:00+09:00', assessHealth(NO_HEALTH_ISSUES)),
  healthSnapshotRow(
    c.id,
    '2026-02-02',
    '2026-02-02T00:00:00+09:00',
    assessHealth({ ...NO_HEALTH_ISSUES, openLevel2: 1 }),
  ),
  healthSnapshotRow(
    c.id,
    '2026-02-09',
    '2026-02-09T00:00:00+09:00',
    assessHealth({ ...NO_HEALTH_ISSUES, openLevel1: 2 }),
  ),
];

function healthMap(): Map<string, PortfolioHealth> {
  const h = customerHealth(input).get(c.id)!;
  return new Map([
    [
      c.id,
      {
        rating: h.rating,
        score: h.score,
        reasons: h.reasons,
        trend: healthTrend(c, snapshots, Date.parse(now)),
      },
    ],
  ]);
}

function renderTable(locale: 'en' | 'ja') {
  return render(
    <I18nextProvider i18n={initI18n(locale)}>
      <MemoryRouter>
        <PortfolioTable
          rows={rows}
          locale={locale}
          health={healthMap()}
          comparison={portfolioComparison({ customers: [c], incidents, reportLog: [], now })}
        />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('portfolio health column', () => {
  it('shows the rating, every reason with its figure, and a sparkline of the weekly snapshots', () => {
    renderTable('en');
    const cell = screen.getByTestId('portfolio-health');
    // An open level-1 incident unanswered past its 30 minutes (met 0 %, one breach), the report
    // of the first quarter never logged, no health check this contract year: red.
    expect(cell.getAttribute('data-rating')).toBe('red');
    expect(within(cell).getByText('Red')).toBeTruthy();
    expect([...cell.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'SLA met 0% this quarter (target 95%)',
      '1 SLA breach this quarter',
      '1 quarterly report overdue',
      '1 open level-1/2 incident',
      'No health check scheduled this contract year',
    ]);
    const spark = screen.getByTestId('portfolio-sparkline');
    expect(spark.getAttribute('data-points')).toBe('3');
    expect(spark.getAttribute('aria-label')).toBe('Health score over 3 weeks: 100 then 50');
  });

  it('speaks Japanese', () => {
    renderTable('ja');
    const cell = screen.getByTestId('portfolio-health');
    expect(within(cell).getByText('要対応')).toBeTruthy();
    expect(cell.textContent).toContain('レベル 1/2 の未解決インシデント 1 件');
    expect(screen.getByRole('columnheader', { name: 'ヘルス' })).toBeTruthy();
  });
});

describe('portfolio quarter over quarter', () => {
  it('shows each figure beside the previous quarter with the change and its direction', () => {
    renderTable('en');
    const items = [...screen.getByTestId('portfolio-comparison').querySelectorAll('li')];
    expect(items.map((li) => [li.getAttribute('data-figure'), li.getAttribute('data-trend')])).toEqual([
      ['slaMetPct', 'not_comparable'],
      ['breaches', 'worsened'],
      ['received', 'changed'],
    ]);
    expect(items[1]!.textContent).toBe('SLA missed or breached: 1 (Previous period 0, +1, worse)');
  });
});
