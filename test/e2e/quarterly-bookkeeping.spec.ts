// Quarterly report bookkeeping on the real central API with demo data, in Chromium:
// - printing a quarterly report logs nothing by itself: the print view asks, naming the
//   period, and a cancelled print ("Not sent") leaves the log as it was; only "Mark as sent"
//   logs the report, once;
// - the running quarter cannot be logged: the print view does not offer it and the API
//   rejects report.logSent with period_not_ended;
// - the quarterly report due date is the one of shared/analytics (customerQuarterlySchedule),
//   the same on Today, in the manager table and on the quarterly report pages.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  currentQuarter,
  customerQuarterlySchedule,
  nextQuarterlyReport,
} from '../../shared/analytics/schedule';
import type { Customer, Report } from '../../shared/model/entities';
import { localDateOf } from '../../shared/sla/index';
import { formatLocalDate } from '../../renderer/format/datetime';
import { apiToken, rowsOf, serverRows } from './support/api';
import { signIn } from './support/ui';

const FABRIKAM = 'Fabrikam Manufacturing Ltd.';
const TOKYO_METRO = 'Tokyo Metro Logistics Co., Ltd.';

/** Customers and reports as the manager's replica gets them from the API. */
async function apiData(
  request: APIRequestContext,
  token: string,
): Promise<{ customers: Customer[]; reports: Report[] }> {
  const rows = await serverRows(request, token);
  return { customers: rowsOf<Customer>(rows, 'customer'), reports: rowsOf<Report>(rows, 'report') };
}

function byName(customers: readonly Customer[], nameLatin: string): Customer {
  const c = customers.find((x) => x.nameLatin === nameLatin);
  if (!c) throw new Error(`demo customer missing: ${nameLatin}`);
  return c;
}

const quarterlyLogged = (reports: readonly Report[], customerId: string, periodStart: string) =>
  reports.filter(
    (r) => r.customerId === customerId && r.kind === 'quarterly' && r.periodStart === periodStart,
  ).length;

test.describe('quarterly report bookkeeping', () => {
  test('printing logs nothing; "Not sent" logs nothing; the running quarter cannot be logged; "Mark as sent" logs once', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // The print dialog cannot be driven headless: print() returns at once, as when the user
    // closes the dialog without printing.
    await page.addInitScript(() => {
      (window as unknown as { __printCalls: number }).__printCalls = 0;
      window.print = () => {
        (window as unknown as { __printCalls: number }).__printCalls += 1;
      };
    });
    const printCalls = () =>
      page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls);
    await signIn(page);

    const token = await apiToken(request);
    const before = await apiData(request, token);
    const customer = byName(before.customers, FABRIKAM);
    const now = new Date().toISOString();
    const schedule = customerQuarterlySchedule({ customer, now }, before.reports);
    const today = localDateOf(customer.calendar, Date.parse(now));
    const running = currentQuarter(schedule, today);
    const owed = nextQuarterlyReport(schedule);
    // The demo leaves Fabrikam's last completed quarter to send.
    expect(owed.period).not.toBeNull();
    const unsent = owed.period!;
    expect(unsent.end < today).toBe(true);
    expect(running.end >= today).toBe(true);
    const reportsBefore = before.reports.length;

    // The report page opens on the running quarter (what the charts show) and names the report owed.
    await page.goto(`/#/reports/quarterly/${customer.id}`);
    const settings = page.getByTestId('report-settings');
    await expect(settings.getByTestId('period-select')).toHaveValue(String(running.index));
    await expect(page.getByTestId('quarterly-owed').getByTestId('quarterly-due')).toHaveAttribute(
      'data-due-date',
      unsent.dueDate,
    );
    // Periods are named by their dates, not by a running number.
    await expect(
      settings.getByTestId('period-select').locator(`option[value="${running.index}"]`),
    ).not.toContainText(/Q\d+:/);

    // The running quarter: printing is possible, logging is not offered.
    await page.getByTestId('export-pdf').click();
    const view = page.getByTestId('quarterly-print-view');
    await expect(view).toHaveAttribute('data-report-ready', 'true');
    await expect.poll(printCalls).toBe(1);
    const runningPanel = page.getByTestId('mark-sent');
    await expect(runningPanel).toHaveAttribute('data-state', 'running');
    await expect(runningPanel.getByTestId('mark-sent-running')).toBeVisible();
    await expect(runningPanel.getByTestId('mark-sent-confirm')).toHaveCount(0);

    // ... and the API refuses it with a code of its own.
    const pushed = await request.post('/v1/sync/push', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        clientId: `e2e-quarterly-push-${randomUUID()}`,
        mutations: [
          {
            id: 1,
            name: 'report.logSent',
            args: {
              id: randomUUID(),
              customerId: customer.id,
              kind: 'quarterly',
              periodStart: running.start,
              periodEnd: running.end,
              sentAt: now,
              via: 'email',
            },
          },
        ],
      },
    });
    expect(pushed.ok()).toBe(true);
    const result = ((await pushed.json()) as { results: Array<{ status: string; error?: { code: string } }> })
      .results[0];
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'period_not_ended' } });

    // The completed quarter: print, then say it was not sent (the print was cancelled).
    await view.getByRole('link', { name: 'Back to the report' }).click();
    await page.getByTestId('quarterly-owed-show').click();
    await expect(settings.getByTestId('period-select')).toHaveValue(String(unsent.index));
    // The app navigates within the page: the print counter keeps counting.
    await page.getByTestId('export-pdf').click();
    await expect(view).toHaveAttribute('data-report-ready', 'true');
    await expect.poll(printCalls).toBe(2);
    const panel = page.getByTestId('mark-sent');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    // The confirmation names the period by its dates.
    await expect(panel).toContainText(formatLocalDate(unsent.start, 'en'));
    await expect(panel).toContainText(formatLocalDate(unsent.end, 'en'));
    await panel.getByTestId('mark-sent-dismiss').click();
    await expect(page.getByTestId('mark-sent-dismissed')).toBeVisible();
    const afterCancel = await apiData(request, token);
    expect(quarterlyLogged(afterCancel.reports, customer.id, unsent.start)).toBe(0);
    expect(afterCancel.reports.length).toBe(reportsBefore);

    // Print again and confirm: the report is logged once, on the server too. (In the browser a
    // reload drops the session's token, so the journey stays in the page.)
    await view.getByRole('link', { name: 'Back to the report' }).click();
    await expect(settings.getByTestId('period-select')).toHaveValue(String(unsent.index));
    await page.getByTestId('export-pdf').click();
    await expect(view).toHaveAttribute('data-report-ready', 'true');
    await expect.poll(printCalls).toBe(3);
    await page.getByTestId('mark-sent').getByTestId('mark-sent-confirm').click();
    await expect(page.getByTestId('mark-sent-done')).toBeVisible();
    await expect
      .poll(async () => quarterlyLogged((await apiData(request, token)).reports, customer.id, unsent.start))
      .toBe(1);

    // The period is now logged: the print view says so instead of offering it again.
    await view.getByRole('link', { name: 'Back to the report' }).click();
    await page.getByTestId('export-pdf').click();
    await expect(view).toHaveAttribute('data-report-ready', 'true');
    await expect.poll(printCalls).toBe(4);
    await expect(page.getByTestId('mark-sent')).toHaveAttribute('data-state', 'logged');
    await view.getByRole('link', { name: 'Back to the report' }).click();
    const log = page.getByTestId('customer-report-log');
    await expect(
      log.getByTestId('customer-report-log-row').filter({ hasText: 'PDF export (browser print)' }),
    ).toHaveCount(1);
  });

  test('the quarterly report due date is the same on Today, in the manager table and on the quarterly pages', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await signIn(page);
    const token = await apiToken(request);
    const data = await apiData(request, token);
    const customer = byName(data.customers, TOKYO_METRO);
    const owed = nextQuarterlyReport(
      customerQuarterlySchedule({ customer, now: new Date().toISOString() }, data.reports),
    );
    // The demo's Tokyo Metro contract has a quarter ending within two weeks, so its report is on Today.
    expect(owed.dueDate).not.toBeNull();
    const due = owed.dueDate!;

    // Today (the manager is no one's TAM: every customer of the team).
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Today' })
      .click();
    const today = page.locator(`[data-testid="quarterly-due"][data-customer-id="${customer.id}"]`);
    await expect(today).toHaveAttribute('data-due-date', due);
    const shown = (await today.textContent()) ?? '';

    // The manager table.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Manager' })
      .click();
    const row = page
      .getByTestId('portfolio-row')
      .filter({ has: page.getByRole('link', { name: TOKYO_METRO }) });
    await expect(row.getByTestId('quarterly-due')).toHaveAttribute('data-due-date', due);
    const inTable = (await row.getByTestId('quarterly-due').textContent()) ?? '';
    expect(shown).toContain(inTable.trim());

    // The charts link opens the report page on the quarter the charts show; the page names the same due date.
    await row.getByRole('link', { name: TOKYO_METRO }).click();
    const chartsQuarter = await page.getByTestId('period-picker').getByTestId('period-select').inputValue();
    await page.getByTestId('open-quarterly-report').click();
    await expect(page.getByTestId('report-settings').getByTestId('period-select')).toHaveValue(chartsQuarter);
    await expect(page.getByTestId('quarterly-owed').getByTestId('quarterly-due')).toHaveAttribute(
      'data-due-date',
      due,
    );
    await expect(page.getByTestId('quarterly-owed')).toContainText(inTable.trim());

    // The quarterly reports index.
    await page.goto('/#/reports/quarterly');
    const indexRow = page
      .getByTestId('quarterly-index')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: TOKYO_METRO }) });
    await expect(indexRow.getByTestId('quarterly-due')).toHaveAttribute('data-due-date', due);
  });
});
