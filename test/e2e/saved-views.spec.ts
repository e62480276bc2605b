// Saved views end to end (real central API with demo data, real IndexedDB): a TAM filters the
// Incidents list, saves the filter under a name (the kit's dialog, from the keyboard), reloads
// the app and finds the view in the navigation; opening it from another area shows the list
// with that filter; renaming and deleting it update the navigation.
import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/#/sign-in');
  await expect(page.getByLabel('サーバーのアドレス')).not.toHaveValue('');
  await page.getByLabel('メールアドレス').fill('tam1@example.com');
  await page.getByLabel('パスワード').fill('demo');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/#\/today$/);
  await expect(page.getByTestId('sync-state')).toContainText('同期済み', { timeout: 60_000 });
}

const countOf = async (page: Page) =>
  Number(((await page.getByTestId('incident-count').textContent()) ?? '').replace(/\D/g, ''));

test.describe('saved views', () => {
  test('saves a filter, finds it in the navigation after a reload, opens it filtered, renames and deletes it', async ({
    page,
  }) => {
    // Two syncs, a reload and a dozen steps: more than the default budget on a loaded machine.
    test.setTimeout(180_000);
    await signIn(page);
    const nav = page.getByTestId('saved-views-nav');
    await expect(nav).toContainText('まだありません');

    // Every incident, then the open ones only: fewer.
    await page.goto('/#/incidents');
    await expect(page.getByTestId('incident-count')).toBeVisible();
    const all = await countOf(page);
    await page.getByLabel('ステータス', { exact: true }).selectOption('open');
    await expect(page).toHaveURL(/status=open/);
    await expect(page.getByTestId('incident-count')).not.toHaveText(`${all} 件`);
    const open = await countOf(page);
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(all);

    // Save view…: a name, Enter.
    await page.getByTestId('saved-view-save').click();
    const dialog = page.getByTestId('saved-view-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('saved-view-name')).toBeFocused();
    await page.getByTestId('saved-view-name').fill('未解決のインシデント');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/view=[0-9a-f-]{36}/);
    await expect(page.getByTestId('saved-view-current')).toContainText('未解決のインシデント');
    const link = nav.getByTestId('saved-view-link');
    await expect(link).toHaveText(['未解決のインシデント']);
    await expect(link).toHaveAttribute('aria-current', 'page');

    // A second view of the same name (case and width aside) is refused in the dialog, in Japanese.
    await page.getByTestId('saved-view-save').click();
    await page.getByTestId('saved-view-name').fill('未解決のインシデント ');
    await page.getByTestId('saved-view-submit').click();
    await expect(page.getByTestId('saved-view-error')).toContainText(
      'という名前の保存済みビューが既にあります',
    );
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Synced, then a reload: the view is still in the navigation.
    await expect(page.getByTestId('sync-state')).toContainText('同期済み', { timeout: 60_000 });
    await page.goto('/#/today');
    await page.reload();
    await expect(page.getByTestId('sync-state')).toContainText('同期済み', { timeout: 60_000 });
    await expect(nav.getByTestId('saved-view-link')).toHaveText(['未解決のインシデント']);

    // Opening it (from the keyboard) shows the Incidents list with its filter.
    await nav.getByTestId('saved-view-link').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/incidents\?status=open&view=/);
    await expect(page.getByLabel('ステータス', { exact: true })).toHaveValue('open');
    await expect(page.getByTestId('incident-count')).toHaveText(`${open} 件`);
    await expect(page.getByTestId('incident-row').first()).toBeVisible();
    await expect(page.getByTestId('incident-row').filter({ hasText: /解決済み|クローズ/ })).toHaveCount(0);

    // Rename it; then delete it (asked first): the navigation follows.
    await page.getByTestId('saved-view-rename').click();
    await expect(page.getByTestId('saved-view-name')).toHaveValue('未解決のインシデント');
    await page.getByTestId('saved-view-name').fill('対応中');
    await page.getByTestId('saved-view-submit').click();
    await expect(nav.getByTestId('saved-view-link')).toHaveText(['対応中']);
    await page.getByTestId('saved-view-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect(nav).toContainText('まだありません');
    await expect(page).not.toHaveURL(/view=/);
    await expect(page.getByLabel('ステータス', { exact: true })).toHaveValue('open');
  });
});
