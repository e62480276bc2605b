// Offline full-text search end to end (real central API with demo data, real IndexedDB, the
// search index in its Web Worker): offline, a TAM writes a timeline note on an incident; the
// command palette (Ctrl+K) finds that incident by a word that appears only in the note, typed
// in another form of Japanese (hiragana and half-width katakana), and opens it.
import { expect, test, type Page } from '@playwright/test';

// tam1's demo incident at level 2 (its title and description do not contain the note's words).
const DEMO_L2 = '配送管理端末で定義ファイル更新が失敗';

async function signIn(page: Page) {
  await page.goto('/#/sign-in');
  await expect(page.getByLabel('サーバーのアドレス')).not.toHaveValue('');
  await page.getByLabel('メールアドレス').fill('tam1@example.com');
  await page.getByLabel('パスワード').fill('demo');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/#\/today$/);
  await expect(page.getByTestId('sync-state')).toContainText('同期済み');
}

test.describe('command palette search', () => {
  test('offline, the palette finds an incident by a word only in a timeline note, in Japanese, and opens it', async ({
    page,
    context,
  }) => {
    await signIn(page);
    await context.setOffline(true);

    // Open the demo incident and add a note with words found nowhere else.
    await page.goto(`/#/incidents?q=${encodeURIComponent(DEMO_L2)}`);
    await page.getByTestId('incident-row').filter({ hasText: DEMO_L2 }).first().click();
    await expect(page.getByTestId('incident-page')).toBeVisible();
    const incidentUrl = page.url();
    const note = 'ペンギン観測システムのキャリブレーション手順を確認しました';
    await page.getByLabel('種類').selectOption('note');
    await page.getByLabel('内容').fill(note);
    await page.getByRole('button', { name: '追加', exact: true }).click();
    await expect(page.getByTestId('timeline-event').filter({ hasText: note })).toBeVisible();

    // Elsewhere, Ctrl+K: the palette; "ぺんぎん ｷｬﾘﾌﾞﾚｰｼｮﾝ" finds the note, under its incident's title.
    await page.goto('/#/today');
    await expect(page.getByTestId('today-incident').first()).toBeVisible();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('palette');
    await expect(palette).toBeVisible();
    await expect(page.getByTestId('palette-input')).toBeFocused();
    await page.getByTestId('palette-input').fill('ぺんぎん ｷｬﾘﾌﾞﾚｰｼｮﾝ');
    const hit = palette.locator('[data-testid="palette-item"][data-kind="event"]');
    await expect(hit).toHaveCount(1);
    await expect(hit).toContainText(DEMO_L2);
    await expect(hit.locator('mark')).toHaveText(['ペンギン', 'キャリブレーション']);
    // A word that is nowhere finds nothing.
    await page.getByTestId('palette-input').fill('ぺんぎん 火山');
    await expect(palette.locator('[data-testid="palette-item"][data-kind="event"]')).toHaveCount(0);

    // Back to the note's words; keyboard to the hit, Enter opens the incident.
    await page.getByTestId('palette-input').fill('ぺんぎん ｷｬﾘﾌﾞﾚｰｼｮﾝ');
    await expect(hit).toHaveCount(1);
    for (let i = 0; i < 10 && (await hit.getAttribute('aria-selected')) !== 'true'; i++)
      await page.keyboard.press('ArrowDown');
    await expect(hit).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page).toHaveURL(incidentUrl);
    await expect(page.getByTestId('timeline-event').filter({ hasText: note })).toBeVisible();
  });
});
