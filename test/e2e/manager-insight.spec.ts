// Manager insight end to end on the real central API with demo data: the portfolio shows each
// customer's health (rating, reasons, weekly sparkline from the server's snapshots) and the
// quarter against the one before; the manager exports the portfolio to XLSX and a customer's
// quarterly report to PPTX, and both files are read back here.
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const CUSTOMER = { ja: '株式会社さくら銀行', en: 'Sakura Bank, Ltd.' };

async function signIn(page: Page) {
  await page.goto('/#/sign-in');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByLabel('Server address')).not.toHaveValue('');
  await page.getByLabel('Email address').fill('manager@example.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await expect(page.getByTestId('sync-state')).toContainText('Synced');
}

test.describe('manager insight', () => {
  test('portfolio health and quarter over quarter; portfolio → XLSX; quarterly report → PPTX', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Manager' })
      .click();
    const table = page.getByTestId('portfolio-table');
    await expect(table.getByTestId('portfolio-row')).toHaveCount(6);
    const sakura = table.getByTestId('portfolio-row').filter({ hasText: CUSTOMER.en });
    await expect(sakura.getByTestId('portfolio-health')).toHaveAttribute(
      'data-rating',
      /^(green|amber|red)$/,
    );
    // The server made the weekly snapshots (the demo fills a year): the sparkline has points.
    await expect(sakura.getByTestId('portfolio-sparkline')).toBeVisible({ timeout: 60_000 });
    await expect(sakura.getByTestId('portfolio-comparison').locator('li')).toHaveCount(3);
    const customerId = await sakura.getAttribute('data-customer-id');
    expect(customerId).toMatch(/^[0-9a-f-]{36}$/);

    // The portfolio to XLSX: one sheet, a row per customer with its Latin name.
    const xlsxDownload = page.waitForEvent('download');
    await page.getByTestId('portfolio-export-xlsx').click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/^Portfolio_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Portfolio']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 6);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const latin = header.indexOf('Customer (Latin)') + 1;
    const names = Array.from({ length: 6 }, (_, k) => sheet.getRow(k + 2).getCell(latin).value);
    expect(names).toContain(CUSTOMER.en);
    expect(header).toContain('SLA met, previous quarter');
    expect(header).toContain('Health reasons');

    // The customer's charts carry the 12-month health trend.
    await table.getByRole('link', { name: CUSTOMER.en }).click();
    await expect(page.getByTestId('chart-health').getByRole('img').first()).toBeVisible();

    // The quarterly report as a PPTX deck: title, summary, a slide per chart, next steps.
    await page.goto(`/#/reports/quarterly/${customerId}`);
    await expect(page.getByTestId('quarterly-report-document')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('report-comparison-summary').first()).not.toBeEmpty();
    const pptxDownload = page.waitForEvent('download');
    await page.getByTestId('export-quarterly-pptx').click();
    const pptx = await pptxDownload;
    expect(pptx.suggestedFilename()).toMatch(/\.pptx$/);
    const { readFile } = await import('node:fs/promises');
    const zip = await JSZip.loadAsync(await readFile(await pptx.path()));
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(6);
    const first = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(first).toMatch(/<a:t>(四半期レポート|Quarterly report)<\/a:t>/);
    expect(first).toMatch(new RegExp(`<a:t>(${CUSTOMER.ja}|${CUSTOMER.en.replace('.', '\\.')})</a:t>`));
    await expect(page.getByTestId('export-pdf-status')).toContainText('.pptx');
  });
});
