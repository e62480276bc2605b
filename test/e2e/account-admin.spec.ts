// Account administration end to end, on the real central API (demo data) and real IndexedDB:
// a manager imports a CSV of 50 customers of which 10 are invalid (the preview says why for
// each), 40 appear (in the app and on the server), and importing the same file again changes
// nothing; a TAM edits a customer's calendar offline (a closure) and the due time of that
// customer's open incident follows before any sync, and the server agrees after it.
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Customer } from '../../shared/model/entities';
import { computeResponseSla, MSA_ENTERPRISE_POLICY } from '../../shared/sla';
import { apiToken, pushAll, rowsOf, serverRows, type Change, type PushResult } from './support/api';
import { signIn } from './support/ui';

const customersOf = (rows: Map<string, Change>) => rowsOf<Customer>(rows, 'customer');
const statuses = (results: PushResult[]) => results.map((r) => r.status);

/** 50 customer rows with Japanese headers: 40 valid, 10 invalid for 10 stated reasons. */
function customerCsv(tag: string): { csv: string; invalid: Array<{ line: number; reason: RegExp }> } {
  const header =
    '顧客コード,顧客名,顧客名(英字),フリガナ,契約種別,契約開始日,契約終了日,担当TAM,営業時間,毎年の休業期間';
  const lines: string[] = [header];
  const invalid: Array<{ line: number; reason: RegExp }> = [];
  for (let i = 1; i <= 50; i++) {
    const n = String(i).padStart(2, '0');
    let row = [
      `${tag}-${n}`,
      `取込顧客${n}株式会社`,
      `Import ${tag} ${n} K.K.`,
      `トリコミ${n}`,
      'MSA Enterprise',
      '2026-12-01',
      '2029-11-30',
      i % 2 ? 'tam1@example.com' : 'tam2@example.com',
      '"mon-fri 09:00-12:00,13:00-18:00; sat 09:00-12:00"',
      '12-29..01-03',
    ];
    const bad = i % 5 === 0 ? i / 5 : 0; // rows 5, 10, ..., 50 are invalid
    const set = (col: number, value: string) => (row = row.map((v, k) => (k === col ? value : v)));
    switch (bad) {
      case 1:
        set(7, 'nobody@example.com');
        invalid.push({ line: i + 1, reason: /no user with e-mail nobody@example\.com/ });
        break;
      case 2:
        set(1, '');
        invalid.push({ line: i + 1, reason: /name_ja is empty/ });
        break;
      case 3:
        set(5, '2026-13-45');
        invalid.push({
          line: i + 1,
          reason: /contract_start|breaks a rule|could not accept|cannot be accepted|not valid/i,
        });
        break;
      case 4:
        set(6, '2025-01-01');
        invalid.push({ line: i + 1, reason: /cannot end/ });
        break;
      case 5:
        set(4, 'Platinum');
        invalid.push({ line: i + 1, reason: /contract_tier: “Platinum” is not valid/ });
        break;
      case 6:
        set(8, 'someday 9 to 5');
        invalid.push({ line: i + 1, reason: /business_hours: “someday 9 to 5” is not valid/ });
        break;
      case 7:
        set(9, '13-40..01-03');
        invalid.push({
          line: i + 1,
          reason: /yearly_closures: “13-40\.\.01-03” is not valid|yearlyClosures/,
        });
        break;
      case 8:
        set(7, '');
        invalid.push({ line: i + 1, reason: /tam_email is empty/ });
        break;
      case 9:
        set(0, `${tag}-01`);
        invalid.push({ line: i + 1, reason: /the same entry as row 2/ });
        break;
      case 10:
        set(7, 'manager@example.com');
        invalid.push({ line: i + 1, reason: /active TAM/ });
        break;
    }
    lines.push(row.join(','));
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, invalid };
}

test.describe('account administration', () => {
  test('a manager imports 50 customers: 10 reasons shown, 40 appear, a second import changes nothing', async ({
    page,
    request,
  }) => {
    const tag = `Q${Date.now().toString(36).toUpperCase()}`;
    const { csv, invalid } = customerCsv(tag);
    const file = { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };
    await signIn(page, 'manager@example.com');
    await page.goto('/#/customers');
    await page.getByTestId('customer-import').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Import and export customers' })).toBeVisible();

    await page.getByLabel('Files to import (CSV or XLSX)').setInputFiles(file);
    await expect(page.getByTestId('import-summary')).toHaveText(
      'New: 40 · changed: 0 · unchanged: 0 · with errors: 10',
    );
    const bad = page.locator('[data-testid="import-row"][data-status="invalid"]');
    await expect(bad).toHaveCount(10);
    for (const { line, reason } of invalid) {
      const row = bad.filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${line}$`) }) });
      await expect(row.getByTestId('import-issues'), `row ${line}`).toHaveText(reason);
    }
    await page.getByTestId('import-apply').click();
    await expect(page.getByTestId('import-result')).toHaveText(
      'Import finished: 40 rows written, 0 refused.',
    );
    await expect(page.getByTestId('import-progress')).toHaveAttribute('value', '40');

    // 40 customers appear in the app…
    await page.goto('/#/customers');
    await page.getByTestId('customer-search').fill(`Import ${tag}`);
    await expect(page.getByTestId('customer-count')).toHaveText('Customers found: 40');
    // …found by their kana reading too…
    await page.getByTestId('customer-search').fill('とりこみ07');
    await expect(page.getByTestId('customer-list').getByRole('link')).toHaveText([`Import ${tag} 07 K.K.`]);
    // …and on the server once synced, with their calendar.
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
    const token = await apiToken(request, 'manager@example.com');
    const imported = () =>
      serverRows(request, token).then((rows) =>
        customersOf(rows).filter((c) => c.nameLatin.startsWith(`Import ${tag} `)),
      );
    await expect.poll(async () => (await imported()).length).toBe(40);
    const first = (await imported()).find((c) => c.nameLatin === `Import ${tag} 01 K.K.`)!;
    expect(first.calendar).toMatchObject({
      yearlyClosures: [{ from: '12-29', to: '01-03' }],
      weekly: { sat: [['09:00', '12:00']] },
    });
    const versions = new Map((await imported()).map((c) => [c.id, c.version]));

    // The same file again: every valid row unchanged, nothing to apply, nothing written.
    await page.goto('/#/customers/import');
    await page.getByLabel('Files to import (CSV or XLSX)').setInputFiles(file);
    await expect(page.getByTestId('import-summary')).toHaveText(
      'New: 0 · changed: 0 · unchanged: 40 · with errors: 10',
    );
    await expect(page.getByTestId('import-nothing')).toBeVisible();
    await expect(page.getByTestId('import-apply')).toHaveCount(0);
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
    expect(new Map((await imported()).map((c) => [c.id, c.version]))).toEqual(versions);

    // Archived, they leave the lists (and the portfolio the other specs count) but stay readable.
    const ids = [...versions.keys()];
    const archive = statuses(
      await pushAll(
        request,
        token,
        ids.map((customerId) => ({ name: 'customer.archive', args: { customerId } })),
      ),
    );
    expect(archive).toEqual(ids.map(() => 'applied'));
    await page.goto('/#/customers');
    await page.getByTestId('customer-search').fill(`Import ${tag}`);
    await expect(page.getByTestId('customer-count')).toHaveText('Customers found: 0');
    await page.getByLabel('Show archived customers').check();
    await expect(page.getByTestId('customer-count')).toHaveText('Customers found: 40');
  });

  test('a closure added offline moves the due time of the customer’s open incident at once; the server agrees after sync', async ({
    page,
    context,
    request,
  }) => {
    const token = await apiToken(request, 'tam1@example.com');
    const sakura = customersOf(await serverRows(request, token)).find(
      (c) => c.nameLatin === 'Sakura Bank, Ltd.',
    )!;
    // A level-3 incident (business-hours clock) received a minute ago by phone.
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const incidentId = randomUUID();
    const title = `Calendar test ${Date.now().toString(36)}`;
    const push = await request.post('/v1/sync/push', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        clientId: randomUUID(),
        mutations: [
          {
            id: 1,
            name: 'incident.create',
            args: { id: incidentId, customerId: sakura.id, title, severity: 3, channel: 'phone', receivedAt },
          },
        ],
      },
    });
    expect(((await push.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe(
      'applied',
    );

    const dueWith = (calendar: Customer['calendar']) =>
      computeResponseSla({
        receivedAt,
        severity: 3,
        channel: 'phone',
        calendar,
        now: new Date().toISOString(),
        policy: MSA_ENTERPRISE_POLICY,
      }).dueAt;
    const before = dueWith(sakura.calendar);
    // Close the customer on the day the incident is due (the clock's last business day).
    const closure = DateTime.fromISO(before, { zone: sakura.calendar.timeZone }).toISODate()!;
    const changed = {
      ...sakura.calendar,
      closures: [...new Set([...(sakura.calendar.closures ?? []), closure])].sort(),
    };
    const after = dueWith(changed);
    expect(after).not.toBe(before);

    await signIn(page, 'tam1@example.com');
    await page.goto(`/#/incidents/${incidentId}`);
    const due = page.getByTestId('sla-due').locator('time').first();
    await expect(due).toHaveAttribute('datetime', before);

    // Offline: add the closure in the calendar editor of the customer page.
    await context.setOffline(true);
    await expect(page.getByTestId('connection-state')).toContainText('Offline');
    await page.goto(`/#/customers/${sakura.id}`);
    await page.getByRole('button', { name: 'Edit business calendar' }).click();
    const form = page.getByTestId('calendar-form');
    await expect(form.getByTestId('calendar-preview')).toBeVisible();
    await expect(form.getByTestId('calendar-holidays')).toBeVisible();
    await form.getByLabel('Closure date').fill(closure);
    await form.getByRole('button', { name: 'Add closure' }).click();
    await form.getByRole('button', { name: 'Save calendar' }).click();
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('pending-count')).toHaveText('1 change not yet sent');

    // Before any sync, the incident's due time follows the new calendar.
    await page.goto(`/#/incidents/${incidentId}`);
    await expect(due).toHaveAttribute('datetime', after);
    await expect(page.getByTestId('pending-count')).toHaveText('1 change not yet sent');

    // Online: the change is sent, and the server's calendar gives the same due time.
    await context.setOffline(false);
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
    const serverCalendar = async () =>
      customersOf(await serverRows(request, token)).find((c) => c.id === sakura.id)!.calendar;
    await expect.poll(async () => (await serverCalendar()).closures ?? []).toContain(closure);
    expect(dueWith(await serverCalendar())).toBe(after);
    await expect(due).toHaveAttribute('datetime', after);

    // Leave the customer's calendar as the demo has it, for the other specs.
    expect(
      statuses(
        await pushAll(request, token, [
          { name: 'customer.update', args: { customerId: sakura.id, patch: { calendar: sakura.calendar } } },
        ]),
      ),
    ).toEqual(['applied']);
  });
});
