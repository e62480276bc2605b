// The TAM workspace end to end, on the real central API with demo data: a TAM signs in,
// finds a customer, schedules a health check too soon (refused, with the reason) and then
// on a valid business day, and logs the daily report of the customer's open level-1
// incident — first in Japanese, then the same screens in English. Plus an accessibility
// check (axe) of the customer page, the requests board and the daily report page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { businessDay } from '../../shared/sla';

// Demo data (server/seed/demo.ts): tam1's MSA Enterprise customer in Tokyo, its primary
// contact writes Japanese, it has one open level-1 incident, one health check scheduled in
// the current contract year, and the year-end break as closure days.
const CUSTOMER = { ja: '株式会社さくら銀行', en: 'Sakura Bank, Ltd.' };
const L1_TITLE =
  '勘定系サーバーでスキャン後にシステムクラッシュ (system crash after scan on core banking servers)';

type Lang = 'ja' | 'en';
const UI = {
  ja: {
    mainNav: 'メインナビゲーション',
    customersNav: 'お客様',
    search: 'お客様を検索',
    query: 'さくら',
    schedule: 'ヘルスチェックを予定する',
    submit: '予定する',
    date: 'ヘルスチェック実施日',
    cancel: 'キャンセル',
    move: '変更する',
    moved: 'ヘルスチェックを',
    tooSoon: '少なくとも 14 日前までに合意する必要があります',
    dailyFor: `${L1_TITLE} の日次報告`,
    subject: '【日次状況報告】',
    via: '電話',
    logSubmit: '送付済みとして記録',
    logged: '記録しました',
    reportsNav: 'レポート',
  },
  en: {
    mainNav: 'Main navigation',
    customersNav: 'Customers',
    search: 'Search customers',
    query: 'SAKURA bank',
    schedule: 'Schedule a health check',
    submit: 'Schedule',
    date: 'Health check date',
    cancel: 'Cancel',
    move: 'Move',
    moved: 'Health check moved to',
    tooSoon: 'It must be agreed at least 14 days in advance',
    dailyFor: `Daily report for ${L1_TITLE}`,
    subject: '[Daily status report]',
    via: 'email',
    logSubmit: 'Log as sent',
    logged: 'Logged: sent by email',
    reportsNav: 'Reports',
  },
} as const;

const ZONE = 'Asia/Tokyo';

/** The customer's calendar in the demo data (closures: the year-end break). */
function demoCalendar(year: number) {
  return { timeZone: ZONE, country: 'JP', closures: [`${year}-12-29`, `${year}-12-30`, `${year}-12-31`] };
}

/** The first business day of the customer at least `days` days after today (customer's date). */
function businessDayFrom(days: number): string {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const calendar = demoCalendar(today.year);
  for (let d = today.plus({ days }); ; d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    if (businessDay(calendar, date).closed === null) return date;
  }
}

async function signIn(page: Page) {
  await page.goto('/#/sign-in');
  // The browser speaks Japanese: the app opens in Japanese.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM ワークステーション');
  await expect(page.getByLabel('サーバーのアドレス')).not.toHaveValue('');
  await page.getByLabel('メールアドレス').fill('tam1@example.com');
  await page.getByLabel('パスワード').fill('demo');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

async function openCustomer(page: Page, lang: Lang) {
  const ui = UI[lang];
  await page
    .getByRole('navigation', { name: ui.mainNav })
    .getByRole('link', { name: ui.customersNav })
    .click();
  await expect(page).toHaveURL(/#\/customers$/);
  await page.getByLabel(ui.search).fill(ui.query);
  const list = page.getByTestId('customer-list');
  // Bootstrap sync may still be running: the list fills in as the replica does.
  await expect(list.getByRole('link')).toHaveCount(1);
  await list.getByRole('link', { name: CUSTOMER[lang] }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(CUSTOMER[lang].replace(/[.,]/g, '\\$&')) }),
  ).toBeVisible();
}

async function healthChecks(page: Page, lang: Lang) {
  const ui = UI[lang];
  const section = page.getByTestId('health-check-section');

  // 10 days out: refused, and the form says why.
  await section.getByRole('button', { name: ui.schedule }).click();
  const form = section.getByTestId('health-check-schedule-form');
  await form.getByLabel(ui.date).fill(DateTime.now().setZone(ZONE).plus({ days: 10 }).toISODate()!);
  const reasons = form.getByTestId('health-check-reasons');
  await expect(reasons.locator('[data-reason="too_soon"]')).toContainText(ui.tooSoon);
  // The contract year already has its health check (the demo's scheduled one).
  await expect(reasons.locator('[data-reason="already_this_contract_year"]')).toBeVisible();
  await form.getByRole('button', { name: ui.submit, exact: true }).click();
  await expect(reasons).toBeFocused();
  await form.getByRole('button', { name: ui.cancel }).click();
  await expect(form).toHaveCount(0);

  // 20 days out, on a business day: move this contract year's health check there.
  const target = businessDayFrom(20);
  const scheduled = section.locator('[data-testid="health-check"][data-status="scheduled"]');
  await expect(scheduled).toHaveCount(1);
  // Its calendar invitation before the move: the customer's zone, a UID, a SEQUENCE.
  const before = await invitation(page, scheduled);
  const movedDate = (await scheduled.getAttribute('data-date')) !== target;
  await scheduled.getByTestId('move-health-check').click();
  const move = scheduled.getByTestId('health-check-schedule-form');
  await move.getByLabel(ui.date).fill(target);
  await expect(move.getByTestId('health-check-reasons')).toHaveCount(0);
  await expect(move.getByTestId('health-check-window')).toContainText('09:00');
  await move.getByRole('button', { name: ui.move, exact: true }).click();
  await expect(
    section.locator(`[data-testid="health-check"][data-status="scheduled"][data-date="${target}"]`),
  ).toBeVisible();
  await expect(section.getByRole('status').filter({ hasText: ui.moved })).toBeVisible();
  // The updated invitation: the same UID, a higher SEQUENCE when the date changed, the new day.
  const after = await invitation(page, scheduled);
  expect(after.uid).toBe(before.uid);
  expect(after.sequence).toBe(before.sequence + (movedDate ? 1 : 0));
  expect(after.dtstart).toBe(`DTSTART;TZID=Asia/Tokyo:${target.replaceAll('-', '')}T090000`);
}

/** Downloads a health check's .ics and reads its UID, SEQUENCE and DTSTART line. */
async function invitation(page: Page, check: Locator) {
  const download = page.waitForEvent('download');
  await check.getByTestId('health-check-ics').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^health-check-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = (await readFile(await file.path(), 'utf8')).replace(/\r\n[ \t]/g, '');
  expect(ics).toMatch(/^METHOD:REQUEST\r$/m);
  return {
    uid: /^UID:(.+)\r$/m.exec(ics)?.[1],
    sequence: Number(/^SEQUENCE:(\d+)\r$/m.exec(ics)?.[1]),
    dtstart: /^DTSTART;TZID=[^\r]*/m.exec(ics)?.[0],
  };
}

async function dailyReport(page: Page, lang: Lang) {
  const ui = UI[lang];
  await page.getByTestId('customer-incidents').getByRole('link', { name: ui.dailyFor }).click();
  await expect(page).toHaveURL(/#\/reports\/daily\/[0-9a-f-]+$/);
  const draft = page.getByTestId('daily-draft');
  // The primary contact writes Japanese: the draft starts in Japanese.
  await expect(draft.getByTestId('draft-language')).toHaveValue('ja');
  if (lang === 'en') await draft.getByTestId('draft-language').selectOption('en');
  await expect(draft.getByTestId('draft-subject')).toHaveValue(
    new RegExp(`^${ui.subject.replace(/[[\]]/g, '\\$&')}`),
  );
  await expect(draft.getByTestId('draft-body')).toHaveValue(/勘定系サーバー/);
  await expect(draft.getByTestId('draft-body')).toHaveValue(
    lang === 'ja' ? /現在のステータス: 新規受付/ : /Current status: New/,
  );

  const log = draft.getByTestId('log-sent-form');
  await log.getByLabel(ui.via, { exact: true }).check();
  await log.getByRole('button', { name: ui.logSubmit }).click();
  await expect(log.getByTestId('log-sent-message')).toContainText(ui.logged);

  // The report log lists it.
  await page.getByRole('navigation', { name: ui.mainNav }).getByRole('link', { name: ui.reportsNav }).click();
  await expect(
    page.getByTestId('report-log').getByRole('row').filter({ hasText: CUSTOMER[lang] }).first(),
  ).toBeVisible();
}

test.describe('TAM workspace', () => {
  test('customer, health check and daily report — in Japanese, then in English', async ({ page }) => {
    await signIn(page);

    await openCustomer(page, 'ja');
    await expect(page.getByTestId('products')).toContainText('サポート終了');
    await expect(page.getByTestId('customer-holidays').getByRole('listitem').first()).toBeVisible();
    await healthChecks(page, 'ja');
    await dailyReport(page, 'ja');

    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM Workstation');
    await openCustomer(page, 'en');
    await expect(page.getByTestId('products')).toContainText('Support ended');
    await healthChecks(page, 'en');
    await dailyReport(page, 'en');
  });

  test('no serious or critical accessibility violation on the customer page, requests and daily report', async ({
    page,
  }) => {
    await signIn(page);
    await openCustomer(page, 'ja');
    await expect(page.getByTestId('customer-timeline')).toBeVisible();
    const scan = async (where: string) => {
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(bad).toEqual([]);
    };
    await scan('customer page');

    await page
      .getByRole('navigation', { name: UI.ja.mainNav })
      .getByRole('link', { name: 'リクエスト' })
      .click();
    await expect(
      page.getByTestId('board-signature_release').getByTestId('request-card').first(),
    ).toBeVisible();
    await scan('requests');

    await openCustomer(page, 'ja');
    await page.getByTestId('customer-incidents').getByRole('link', { name: UI.ja.dailyFor }).click();
    await expect(page.getByTestId('daily-draft')).toBeVisible();
    await scan('daily report');
  });
});
