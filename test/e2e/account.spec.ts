// Accounts end to end (issues 12 and 14): the administrator creates a user in the Users screen
// and reads the one-time password once; that user signs in with it, is sent to the change-
// password form, sets their own, and then syncs; the sessions list shows where they are signed
// in and signs out the other sessions; a TAM who still has customers cannot be deactivated, and
// the screen lists the customers to reassign first.
import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/#/sign-in');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByLabel('Server address')).not.toHaveValue('');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('accounts', () => {
  test('admin creates a user; the one-time password must be replaced before anything syncs', async ({
    page,
    browser,
    request,
  }) => {
    await signIn(page, 'admin@example.com', 'demo');
    await expect(page.getByTestId('sync-state')).toContainText('Synced');
    await page.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Users' })).toBeVisible();
    await expect(page.getByTestId('user-row').filter({ hasText: 'tam1@example.com' })).toBeVisible();

    const email = `tam3-${Date.now()}@example.com`;
    const form = page.getByTestId('create-user-form');
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Name').fill('TAM Three');
    await form.getByLabel('Role').selectOption('tam');
    await form.getByLabel('Team').fill('msa-tokyo');
    await form.getByLabel('Language').selectOption('en');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('user-created')).toContainText(email);
    const oneTimePassword = (await page.getByTestId('one-time-password').textContent()) ?? '';
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText(
      'Has not set a password yet',
    );

    // A TAM with customers cannot be deactivated: the screen lists the customers.
    await page
      .getByTestId('user-row')
      .filter({ hasText: 'tam1@example.com' })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    // Asked in the app's own dialog (no window.confirm), naming the action.
    await page
      .getByRole('dialog', { name: 'Deactivate' })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await expect(page.getByTestId('admin-error')).toContainText('still assigned to these customers');
    await expect(page.getByTestId('blocking-customers').getByRole('listitem')).not.toHaveCount(0);

    // The new user, in another browser profile.
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const tam3 = await context.newPage();
    await signIn(tam3, email, oneTimePassword);
    await expect(tam3).toHaveURL(/#\/account$/);
    await expect(tam3.getByTestId('password-change-required')).toBeVisible();
    const change = tam3.getByTestId('change-password-form');
    await change.getByLabel('Current password').fill(oneTimePassword);
    // The shared policy answers before anything is sent.
    await change.getByLabel('New password', { exact: true }).fill('short');
    await change.getByLabel('New password again').fill('short');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(tam3.getByTestId('change-password-message')).toContainText('at least 12 characters');
    await change.getByLabel('New password', { exact: true }).fill('three blind mice run');
    await change.getByLabel('New password again').fill('three blind mice run');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(tam3.getByTestId('change-password-message')).toContainText('Your password was changed');
    await expect(tam3.getByTestId('password-change-required')).toHaveCount(0);
    await expect(tam3.getByTestId('sync-state')).toContainText('Synced');

    // Sessions: a second sign-in over the API shows up, and "sign out everywhere else" ends it.
    const login = await request.post('/v1/auth/login', { data: { email, password: 'three blind mice run' } });
    expect(login.status()).toBe(200);
    const token = ((await login.json()) as { token: string }).token;
    await tam3.getByRole('button', { name: 'Reload' }).click();
    await expect(tam3.getByTestId('session-row')).toHaveCount(2);
    await expect(tam3.getByTestId('session-row').filter({ hasText: 'This session' })).toHaveCount(1);
    await tam3.getByTestId('sign-out-everywhere').click();
    await expect(tam3.getByTestId('sessions-notice')).toContainText('1 other session was signed out');
    await expect(tam3.getByTestId('session-row')).toHaveCount(1);
    const me = await request.get('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe('session_revoked');
    await context.close();
  });
});
