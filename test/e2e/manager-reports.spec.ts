// The manager's journey end to end, on the real central API with demo data: sign in, open a
// customer from the portfolio, change the period of its charts, export its data as XLSX, then
// customise and export its quarterly report through the browser's print path. The PDF that
// Chromium prints from the report-only view is read back (pdfjs-dist, in this Node process)
// and must name the customer in Japanese, give the period, and carry the incident counts that
// shared/analytics computes from the API's own data. The running quarter is printed but not
// logged as sent (quarterly-bookkeeping.spec.ts covers logging). Plus axe checks of the
// manager view and the report preview.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { incidentRows } from '../../shared/analytics/index';
import { buildQuarterlyReport } from '../../shared/reports/index';
import type { DatePeriod } from '../../shared/analytics/index';
import type { SummarySection } from '../../shared/reports/index';
import { customerContext } from '../../shared/analytics/context';
import { customerQuarterlySchedule } from '../../shared/analytics/schedule';
import type {
  Customer,
  HealthCheck,
  Incident,
  Report,
  Request,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import { lastDayOf, reportFormat } from '../../renderer/features/report-pdf/format';
import { apiToken, rowsOf, serverRows } from './support/api';
import { signIn } from './support/ui';

const CUSTOMER = { ja: '株式会社さくら銀行', en: 'Sakura Bank, Ltd.' };

// ---------------------------------------------------------------- the API's data

interface Data {
  customers: Customer[];
  incidents: Incident[];
  events: TimelineEvent[];
  requests: Request[];
  healthChecks: HealthCheck[];
  reports: Report[];
  users: User[];
}

/** Everything the manager may see, pulled from the central API the way a replica bootstraps. */
async function apiData(request: APIRequestContext, token: string): Promise<Data> {
  const rows = await serverRows(request, token, { timelines: 'all' });
  return {
    customers: rowsOf<Customer>(rows, 'customer'),
    incidents: rowsOf<Incident>(rows, 'incident'),
    events: rowsOf<TimelineEvent>(rows, 'timelineEvent'),
    requests: rowsOf<Request>(rows, 'request'),
    healthChecks: rowsOf<HealthCheck>(rows, 'healthCheck'),
    reports: rowsOf<Report>(rows, 'report'),
    users: rowsOf<User>(rows, 'user'),
  };
}

function sakura(data: Data): Customer {
  const c = data.customers.find((x) => x.nameJa === CUSTOMER.ja);
  if (!c) throw new Error('demo customer missing');
  return c;
}

/** The customer's running contract quarter (the engine's schedule), as the app computes it. */
function currentQuarter(data: Data, customer: Customer): { index: number; period: DatePeriod } {
  const ctx = customerContext(customer, new Date().toISOString());
  const schedule = customerQuarterlySchedule(ctx, data.reports);
  let q = schedule.periods[0]!;
  for (const p of schedule.periods) if (p.start <= ctx.today) q = p;
  return { index: q.index, period: { from: q.start, to: q.endExclusive } };
}

// ---------------------------------------------------------------- reading the PDF

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await doc.destroy();
  // Text runs are split wherever the layout puts them; compare without whitespace.
  return parts.join('').replace(/\s+/g, '');
}

const squash = (s: string) => s.replace(/\s+/g, '');

// ---------------------------------------------------------------- the UI

async function noSeriousViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/**
 * How many rows a first sync receives before the first closed incident: the open work (every
 * row but closed incidents, and the open incidents' timelines), which the server sends first.
 */
async function openWorkRows(request: APIRequestContext, token: string): Promise<number> {
  let cursor: string | null = null;
  let rows = 0;
  const clientId = `e2e-${randomUUID()}`;
  for (let page = 0; page < 1000; page++) {
    const res = await request.post('/v1/sync/pull', {
      headers: { authorization: `Bearer ${token}` },
      data: { clientId, cursor, limit: 1000 },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      changes: Array<{ entity: string; op: string; data?: { status?: string } }>;
      cursor: string;
      hasMore: boolean;
    };
    for (const c of body.changes) {
      const closed = c.data?.status === 'resolved' || c.data?.status === 'closed';
      if (c.entity === 'incident' && c.op === 'put' && closed) return rows;
      rows++;
    }
    if (!body.hasMore) break;
    cursor = body.cursor;
  }
  throw new Error('the demo data has no closed incident');
}

/** The first sync's closed incidents have all arrived (the views that count them show figures). */
async function waitForHistory(page: Page) {
  await expect(page.getByTestId('history-arriving')).toHaveCount(0, { timeout: 60_000 });
}

test.describe('manager view and customer reports', () => {
  test('portfolio → customer charts → period → XLSX → quarterly report PDF, the running quarter not logged', async ({
    page,
    request,
  }) => {
    // A long journey (sign-in and first sync included) on a machine that may be busy.
    test.setTimeout(300_000);
    // The print dialog cannot be driven headless: record that the report view asked for it.
    await page.addInitScript(() => {
      (window as unknown as { __printCalls: number }).__printCalls = 0;
      window.print = () => {
        (window as unknown as { __printCalls: number }).__printCalls += 1;
      };
    });
    await signIn(page);

    // The portfolio: every customer of the team, sortable and filterable.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Manager' })
      .click();
    // The portfolio counts closed incidents: it shows figures once they have all arrived.
    await waitForHistory(page);
    const table = page.getByTestId('portfolio-table');
    await expect(table.getByTestId('portfolio-row')).toHaveCount(6);
    const customerHeader = table.getByRole('columnheader', { name: /Customer/ });
    await expect(customerHeader).toHaveAttribute('aria-sort', 'ascending');
    await customerHeader.getByRole('button').press('Enter');
    await expect(customerHeader).toHaveAttribute('aria-sort', 'descending');
    await page.getByTestId('portfolio-filter-tier').selectOption('standard');
    await expect(table.getByTestId('portfolio-row')).toHaveCount(2);
    await page.getByTestId('portfolio-filter-tier').selectOption('');
    await noSeriousViolations(page, 'manager view');

    // Open the customer's charts.
    await table.getByRole('link', { name: CUSTOMER.en }).click();
    await expect(page).toHaveURL(/#\/manager\/customers\/[0-9a-f-]+$/);
    await expect(page.getByRole('heading', { level: 2, name: /Sakura Bank, Ltd\.: charts/ })).toBeVisible();
    for (const chart of ['volume', 'outcomes', 'response-times', 'backlog', 'requests']) {
      await expect(page.getByTestId(`chart-${chart}`).getByRole('img').first()).toBeVisible();
    }

    const token = await apiToken(request);
    const data = await apiData(request, token);
    const customer = sakura(data);
    const current = currentQuarter(data, customer);
    const en = reportFormat('en', customer.calendar.timeZone);
    await expect(page.getByTestId('charts-period')).toContainText(en.period(current.period));

    // Change the period: the quarter before, then a custom range, then back to the current one.
    const picker = page.getByTestId('period-picker');
    await picker.getByTestId('period-select').selectOption(String(current.index - 1));
    await expect(page.getByTestId('charts-period')).not.toContainText(en.period(current.period));
    await picker.getByTestId('period-select').selectOption('custom');
    await picker.getByTestId('period-from').fill(current.period.from);
    await picker.getByTestId('period-to').fill('2000-01-01');
    await expect(picker.getByRole('alert')).toContainText('on or before');
    await picker.getByTestId('period-select').selectOption(String(current.index));
    await expect(page.getByTestId('charts-period')).toContainText(en.period(current.period));

    // The chart's data table is one toggle away.
    const volume = page.getByTestId('chart-volume');
    await volume.getByRole('button', { name: 'Show the data as a table' }).click();
    await expect(volume.getByRole('table')).toBeVisible();
    await noSeriousViolations(page, 'customer charts');

    // XLSX of the period: the same incident rows as the API's data.
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect(page.getByTestId('export-status')).toContainText('Saved');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('Incidents');
    if (!sheet) throw new Error('no Incidents sheet');
    const expectedRows = incidentRows({
      customer,
      incidents: data.incidents,
      events: data.events,
      period: current.period,
      now: new Date().toISOString(),
    });
    const ids: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(String(row.getCell(1).value));
    });
    expect(ids).toEqual(expectedRows.map((r) => r.incidentId));
    expect(ids.length).toBeGreaterThan(0);

    // The quarterly report: the current quarter, in Japanese (the contact's language).
    await page.getByTestId('open-quarterly-report').click();
    await expect(
      page.getByRole('heading', { level: 2, name: /Quarterly report: Sakura Bank, Ltd\./ }),
    ).toBeVisible();
    const settings = page.getByTestId('report-settings');
    await settings.getByTestId('period-select').selectOption(String(current.index));
    await settings.getByTestId('report-locale-ja').check();
    const preview = page.getByTestId('quarterly-preview');
    await expect(preview).toContainText(CUSTOMER.ja);
    // Customise: drop the requests section; the preview follows, the choice is remembered.
    await settings.getByTestId('report-section-requests').uncheck();
    await expect(preview.locator('[data-section="requests"]')).toHaveCount(0);
    await expect(preview.locator('[data-section="summary"]')).toBeVisible();
    await noSeriousViolations(page, 'quarterly report preview');

    // Export: in the browser, the report-only view opens and asks to print.
    await page.getByTestId('export-pdf').click();
    await expect(page).toHaveURL(/#\/reports\/quarterly\/[0-9a-f-]+\/print\?/);
    const view = page.getByTestId('quarterly-print-view');
    await expect(view).toHaveAttribute('data-report-ready', 'true');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls))
      .toBe(1);
    await expect(view.locator('[data-section="requests"]')).toHaveCount(0);

    // Chromium's print path, as "Save as PDF" runs it.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The bundled report font is embedded, not whatever the machine has installed.
    expect(pdf.toString('latin1')).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansJP/);
    const text = await pdfText(pdf);

    // The expectation, from the API's data through the shared report model.
    const fresh = await apiData(request, token);
    const model = buildQuarterlyReport({
      customer,
      incidents: fresh.incidents,
      events: fresh.events,
      requests: fresh.requests,
      healthChecks: fresh.healthChecks,
      reportLog: fresh.reports,
      users: fresh.users,
      period: current.period,
      locale: 'ja',
      now: new Date().toISOString(),
    });
    const summary = model.sections.find((s): s is SummarySection => s.key === 'summary')!;
    const ja = reportFormat('ja', customer.calendar.timeZone);
    expect(summary.incidents.received).toBeGreaterThan(0);
    expect(text).toContain(squash(CUSTOMER.ja));
    expect(text).toContain(squash(ja.period(current.period)));
    expect(text).toContain(squash(`${ja.t('summary.received')}${summary.incidents.received}`));
    expect(text).toContain(squash(`${ja.t('summary.resolved')}${summary.incidents.resolved}`));
    expect(text).toContain(squash(`${ja.t('summary.openAtEnd')}${summary.incidents.openAtEnd}`));
    for (const s of [1, 2, 3, 4] as const) {
      expect(text).toContain(
        squash(`${ja.t(`glossary:severityLevel.${s}`)}${summary.incidents.receivedBySeverity[s]}`),
      );
    }

    // The running quarter: the print view does not offer to log it as sent, and nothing was logged.
    await expect(view.page().getByTestId('mark-sent')).toHaveAttribute('data-state', 'running');
    await view.getByRole('link', { name: 'Back to the report' }).click();
    await expect(
      page
        .getByTestId('customer-report-log')
        .getByTestId('customer-report-log-row')
        .filter({ hasText: 'PDF export (browser print)' }),
    ).toHaveCount(0);
    // The team's report log of the Reports area leads to the quarterly reports.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.getByTestId('quarterly-reports-link').click();
    await expect(page.getByTestId('quarterly-index').getByRole('link', { name: CUSTOMER.en })).toBeVisible();
    const after = await apiData(request, token);
    expect(
      after.reports.filter(
        (r) =>
          r.customerId === customer.id && r.kind === 'quarterly' && r.periodStart === current.period.from,
      ),
    ).toHaveLength(0);
  });

  test('daily critical-incident report: preview, print view, e-mail file', async ({ page, request }) => {
    test.setTimeout(120_000);
    await page.addInitScript(() => {
      window.print = () => {};
    });
    await signIn(page);
    const token = await apiToken(request);
    const data = await apiData(request, token);
    const customer = sakura(data);
    const critical = data.incidents.find(
      (i) =>
        i.customerId === customer.id && i.severity === 1 && i.status !== 'resolved' && i.status !== 'closed',
    );
    if (!critical) throw new Error('demo level-1 incident missing');

    // From the Reports area: the quarterly index lists the open level-1 incidents.
    await page.goto('/#/reports/quarterly');
    await page
      .getByTestId('daily-critical-list')
      .getByRole('link', { name: new RegExp(critical.title.slice(0, 10)) })
      .click();
    await expect(page).toHaveURL(new RegExp(`#/reports/daily-critical/${critical.id}$`));
    const doc = page.getByTestId('daily-critical-document');
    // The contact writes Japanese: the report does too.
    await expect(doc.getByRole('heading', { level: 4 })).toContainText(
      '日次レポート（クリティカルインシデント）',
    );
    await expect(doc).toContainText(critical.title);
    await expect(doc).toContainText(CUSTOMER.ja);
    await noSeriousViolations(page, 'daily critical report');

    // The browser cannot make PDF bytes: the page says the e-mail carries the HTML report.
    await expect(page.getByTestId('daily-export-hint')).toContainText('HTML attachment');
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('daily-export-eml').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(
      /^daily-report_Sakura Bank_ Ltd\._\d{4}-\d{2}-\d{2}_no\d+\.eml$/,
    );
    const { readFile } = await import('node:fs/promises');
    const eml = await readFile(await download.path(), 'utf8');
    expect(eml).toContain('X-Unsent: 1');
    expect(eml).toMatch(/Content-Type: text\/html; charset=UTF-8/);
    expect(eml).toMatch(/filename="daily-report_Sakura Bank_ Ltd\._[^"]+\.html"/);
    const bodies = [
      ...eml.matchAll(/Content-Transfer-Encoding: base64\r\n(?:[^\r\n]+\r\n)*\r\n([A-Za-z0-9+/=\r\n]+)/g),
    ].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'));
    expect(
      bodies.some(
        (b) => b.startsWith('<!doctype html>') && b.includes(CUSTOMER.ja) && b.includes('日次レポート'),
      ),
    ).toBe(true);
    await expect(page.getByTestId('daily-export-status')).toContainText('.eml');

    // The report-only view for the browser's print path.
    await page.getByTestId('daily-export-pdf').click();
    await expect(page.getByTestId('daily-print-view')).toHaveAttribute('data-report-ready', 'true');
    await expect(page.getByTestId('daily-print-view').getByRole('heading', { level: 1 })).toContainText('第');
  });

  test('closed incidents still arriving: portfolio and quarterly report say so, then count them all', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // The first stage ends on a page boundary (pages sized to the open work), then pages of
    // one row: once the open work and the first closed incident are written, the next pull waits.
    const token = await apiToken(request);
    const openWork = await openWorkRows(request, token);
    let received = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sawClosedStage = false;
    await page.route('**/v1/sync/pull', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      if (sawClosedStage) await released;
      else body.limit = received < openWork ? Math.min(1000, openWork - received) : 1;
      const response = await route.fetch({ postData: JSON.stringify(body) });
      const text = await response.text();
      if (response.ok()) {
        const answer = JSON.parse(text) as { stage?: string; changes: unknown[] };
        received += answer.changes.length;
        if (answer.stage === 'closed-incidents') sawClosedStage = true;
      }
      await route.fulfill({ status: response.status(), contentType: 'application/json', body: text });
    });
    await page.goto('/#/sign-in');
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByLabel('Server address')).not.toHaveValue('');
    await page.getByLabel('Email address').fill('manager@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).not.toHaveURL(/sign-in/);
    await expect.poll(() => sawClosedStage, { timeout: 60_000 }).toBe(true);

    // The replica is usable, the closed incidents are not all here: no figure, no export.
    await page.goto('/#/manager');
    const arriving = page.getByTestId('history-arriving');
    await expect(arriving).toContainText('Closed incidents are still arriving');
    await expect(arriving).toContainText('%');
    await expect(page.getByTestId('portfolio-table')).toHaveCount(0);
    await expect(page.getByTestId('portfolio-export-xlsx')).toHaveCount(0);

    const data = await apiData(request, token);
    const customer = sakura(data);
    const current = currentQuarter(data, customer);
    await page.goto(
      `/#/reports/quarterly/${customer.id}/print?from=${current.period.from}&to=${lastDayOf(current.period)}&lang=ja`,
    );
    const view = page.getByTestId('quarterly-print-view');
    await expect(view.getByTestId('history-arriving')).toBeVisible();
    await expect(view).toHaveAttribute('data-report-ready', 'false');
    await expect(view.locator('[data-section="summary"]')).toHaveCount(0);

    // The rest arrives: the report counts every incident the API holds.
    release();
    await expect(view).toHaveAttribute('data-report-ready', 'true', { timeout: 90_000 });
    const model = buildQuarterlyReport({
      customer,
      incidents: data.incidents,
      events: data.events,
      requests: data.requests,
      healthChecks: data.healthChecks,
      reportLog: data.reports,
      users: data.users,
      period: current.period,
      locale: 'ja',
      now: new Date().toISOString(),
    });
    const summary = model.sections.find((s): s is SummarySection => s.key === 'summary')!;
    const ja = reportFormat('ja', customer.calendar.timeZone);
    const shown = squash(await view.locator('[data-section="summary"]').innerText());
    expect(shown).toContain(squash(`${ja.t('summary.received')}${summary.incidents.received}`));
    expect(shown).toContain(squash(`${ja.t('summary.resolved')}${summary.incidents.resolved}`));
    await page.goto('/#/manager');
    await waitForHistory(page);
    await expect(page.getByTestId('portfolio-table').getByTestId('portfolio-row')).toHaveCount(6);
  });
});
