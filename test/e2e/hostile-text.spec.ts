// Text entered by users is rendered as text everywhere. Markup and script in titles, notes,
// names and findings (stored through the real API, as any client could) must show up
// literally in every view of the app that displays them, never as elements, and never run.
// Runs in Chromium against the real central API with demo data; the data belongs to tam2
// (Emily Carter), whom no other spec uses, and the customer name is restored afterwards.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiToken, push, rowsOf, serverRows } from './support/api';

const suffix = Date.now().toString(36);
/** Each payload sets window.__xss if it ever runs; the suffix makes it findable. */
const PAYLOADS = {
  title: `<img src=x onerror="window.__xss='title'"> Scan stops ${suffix}`,
  description: `<script>window.__xss='description'</script> details ${suffix}`,
  note: `<svg onload="window.__xss='note'"></svg> called back ${suffix}`,
  request: `<iframe srcdoc="<script>parent.__xss='request'</script>"></iframe> FP ${suffix}`,
  report: `<a href="javascript:window.__xss='report'">link</a> report ${suffix}`,
  finding: `<b onmouseover="window.__xss='finding'">bold</b> finding ${suffix}`,
  customer: `<img src=x onerror="window.__xss='customer'"> Contoso ${suffix}`,
};

interface Row {
  id: string;
  [key: string]: unknown;
}

async function api(request: APIRequestContext) {
  const token = await apiToken(request, 'tam2@example.com');
  const rows = await serverRows(request, token);
  return {
    rows: (entity: string) => rowsOf<Row>(rows, entity),
    push: (name: string, args: Record<string, unknown>) => push(request, token, name, args),
  };
}

/** The page shows the payload as text, and nothing of it became an element or ran. */
async function expectInert(page: Page, text: string, where: string) {
  await expect(page.getByText(text, { exact: false }).first(), `${where}: the text is shown`).toBeVisible();
  expect(
    await page
      .locator('img[src="x"], [onerror], [onload], [onmouseover], iframe[srcdoc], a[href^="javascript:"]')
      .count(),
    `${where}: markup became elements`,
  ).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    `${where}: a payload ran`,
  ).toBeUndefined();
}

test.describe('user text is rendered as text', () => {
  test('markup in titles, notes, names and findings stays inert in every view', async ({ page, request }) => {
    const tam2 = await api(request);
    const customer =
      tam2.rows('customer').find((c) => String(c.nameLatin).startsWith('Contoso')) ??
      tam2.rows('customer')[0]!;
    const originalName = String(customer.nameLatin);
    const incidentId = randomUUID();
    const at = new Date(Date.now() - 10 * 60_000).toISOString();
    await tam2.push('incident.create', {
      id: incidentId,
      customerId: customer.id,
      title: PAYLOADS.title,
      description: PAYLOADS.description,
      severity: 1,
      channel: 'phone',
      receivedAt: at,
    });
    await tam2.push('timeline.append', {
      id: randomUUID(),
      incidentId,
      kind: 'note',
      at: new Date().toISOString(),
      body: PAYLOADS.note,
      visibility: 'internal',
    });
    await tam2.push('request.create', {
      id: randomUUID(),
      customerId: customer.id,
      type: 'signature_release',
      title: PAYLOADS.request,
      product: 'Endpoint Security',
      productVersion: '12.1',
    });
    await tam2.push('report.logSent', {
      id: randomUUID(),
      customerId: customer.id,
      kind: 'daily',
      periodStart: at.slice(0, 10),
      periodEnd: at.slice(0, 10),
      sentAt: new Date().toISOString(),
      via: 'email',
      incidentId,
      eventId: randomUUID(),
      note: PAYLOADS.report,
    });
    const check =
      tam2.rows('healthCheck').find((h) => h.customerId === customer.id && h.status === 'scheduled') ??
      tam2.rows('healthCheck').find((h) => h.status === 'scheduled');
    expect(check, 'the demo data has a scheduled health check for tam2').toBeDefined();
    if (check) {
      await tam2.push('healthCheck.recordFinding', {
        healthCheckId: check.id,
        findingId: randomUUID(),
        area: 'Scan policy',
        finding: PAYLOADS.finding,
        severity: 'high',
        recommendation: `Fix it ${suffix}`,
      });
    }
    await tam2.push('customer.update', { customerId: customer.id, patch: { nameLatin: PAYLOADS.customer } });

    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto('/#/sign-in');
      await page.getByTestId('language-select').selectOption('en');
      await expect(page.getByLabel('Server address')).not.toHaveValue('');
      await page.getByLabel('Email address').fill('tam2@example.com');
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).not.toHaveURL(/sign-in/);

      // The incident list and the incident page (title, description, timeline).
      await page.goto('/#/incidents');
      await expectInert(page, PAYLOADS.title, 'incident list');
      await page.getByRole('link', { name: PAYLOADS.title }).first().click();
      await expect(page.getByRole('heading', { name: PAYLOADS.title })).toBeVisible();
      await expectInert(page, PAYLOADS.title, 'incident page');
      await expectInert(page, PAYLOADS.note, 'incident timeline');

      // Customers: the list and the customer's page (its name, incidents, requests).
      await page.goto('/#/customers');
      await expectInert(page, PAYLOADS.customer, 'customer list');
      await page.goto(`/#/customers/${customer.id}`);
      await expectInert(page, PAYLOADS.customer, 'customer page');
      await expectInert(page, PAYLOADS.title, 'customer page incidents');
      await expectInert(page, PAYLOADS.request, 'customer page requests');
      // The health-check findings checklist (on the page of the health check's customer).
      if (check) {
        await page.goto(`/#/customers/${String(check.customerId)}`);
        await expectInert(page, PAYLOADS.finding, 'health-check findings');
        await page.goto('/#/health-checks');
        await expectInert(page, PAYLOADS.customer, 'health checks');
      }

      // Requests, the report log, the daily report of the level-1 incident, Today.
      await page.goto('/#/requests');
      await expectInert(page, PAYLOADS.request, 'requests');
      await page.goto('/#/reports');
      await expectInert(page, PAYLOADS.report, 'report log');
      await page.goto(`/#/reports/daily/${incidentId}`);
      await expect(page.locator('textarea, [data-testid="daily-draft"]').first()).toBeVisible();
      expect(await page.locator('img[src="x"], [onerror], [onload]').count(), 'daily report').toBe(0);
      await page.goto('/#/today');
      await expect(page.getByRole('main')).toBeVisible();
      expect(await page.locator('img[src="x"], [onerror], [onload], [onmouseover]').count(), 'today').toBe(0);

      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await tam2.push('customer.update', { customerId: customer.id, patch: { nameLatin: originalName } });
    }
  });
});
