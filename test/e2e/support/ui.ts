// The app as the e2e specs drive it: signing in a demo user in English. One copy for every spec.
import { expect, type Page } from '@playwright/test';

/** Signs a demo user in (English UI) and waits for the first sync to finish. */
export async function signIn(page: Page, email = 'manager@example.com', password = 'demo'): Promise<void> {
  await page.goto('/#/sign-in');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByLabel('Server address')).not.toHaveValue('');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  // A first sync on a busy machine can take longer than the default expect timeout.
  await expect(page.getByTestId('sync-state')).toContainText('Synced', { timeout: 60_000 });
}
