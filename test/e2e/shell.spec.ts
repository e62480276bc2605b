import { expect, test } from '@playwright/test';

test.describe('app shell', () => {
  test('opens in the browser locale (Japanese) and switches to English and back', async ({ page }) => {
    await page.goto('/');
    // Signed out with no offline data: the sign-in form, not an empty Today.
    await expect(page).toHaveURL(/#\/sign-in$/);
    await expect(page.getByLabel('パスワード')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM ワークステーション');
    const nav = page.getByRole('navigation', { name: 'メインナビゲーション' });
    await expect(nav.getByRole('link', { name: 'お客様' })).toBeVisible();

    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM Workstation');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(
      page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }),
    ).toBeVisible();

    // The choice is remembered across a reload.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM Workstation');

    await page.getByTestId('language-select').selectOption('ja');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('TAM ワークステーション');
  });

  test('navigates every area with the keyboard', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-select').selectOption('en');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await page.keyboard.press('Alt+2');
    await expect(page).toHaveURL(/#\/customers$/);
    await expect(nav.getByRole('link', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Alt+7');
    await expect(page).toHaveURL(/#\/manager$/);
    await expect(nav.getByRole('link', { name: 'Manager' })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Health checks' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/health-checks$/);
  });

  test('shows the keyboard shortcuts help sheet on ? and on the desktop menu event', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('#main').focus();
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('Shift+Slash');
    await expect(sheet).toBeVisible();
    await expect(sheet.locator('[data-shortcut="newIncident"]')).toContainText('Ctrl+N');
    await expect(sheet.locator('[data-shortcut="area7"]')).toContainText('Alt+7');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('tam:shortcuts')));
    await expect(sheet).toBeVisible();
    await page.getByTestId('shortcuts-close').click();
    await expect(sheet).toBeHidden();
  });

  test('shows the connection state and follows going offline', async ({ page, context }) => {
    await page.goto('/');
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByTestId('connection-state')).toHaveText('Online');
    await context.setOffline(true);
    await expect(page.getByTestId('connection-state')).toContainText('Offline');
    await context.setOffline(false);
    await expect(page.getByTestId('connection-state')).toHaveText('Online');
  });
});
