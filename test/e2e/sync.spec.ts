// Offline-first end to end: the real central API (demo data) serves the built app; Chromium
// with real IndexedDB, through the app's own incident views. A TAM works offline (even across a
// reload), comes back online, and the manager's open window shows the new incident without
// reloading; two people change one incident while one is offline.
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { apiToken } from './support/api';
import { signIn } from './support/ui';

/** A new level-2 incident of Sakura Bank, received now by phone, through the new-incident form (Ctrl+N). */
async function createIncident(page: Page, title: string) {
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('heading', { level: 2, name: 'New incident' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Customer *' }).fill('Sakura');
  await page.getByRole('option', { name: /Sakura Bank/ }).click();
  await page.getByLabel('Title *').fill(title);
  await page.getByTestId('severity-2').check();
  await page.getByLabel('Channel *').selectOption('phone');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/** The incident list, searched for a title (the list reads its filters from the address). */
async function listIncidents(page: Page, title: string) {
  await page.goto(`/#/incidents?q=${encodeURIComponent(title)}`);
  await expect(page.getByTestId('incident-count')).toBeVisible();
  return page.getByTestId('incident-row').filter({ hasText: title });
}

async function newContext(page: Page): Promise<BrowserContext> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  return browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
}

/**
 * The statuses the server's timeline of an incident records, asked over the API. The status bar's
 * "All changes sent" can be read a moment before a change just made enters the outbox, so a
 * test that needs the server to hold a change asks the server.
 */
async function serverStatuses(
  request: APIRequestContext,
  token: string,
  incidentId: string,
): Promise<string[]> {
  const res = await request.get(`/v1/incidents/${encodeURIComponent(incidentId)}/timeline`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  const { events } = (await res.json()) as { events: { kind: string; meta: { to?: unknown } | null }[] };
  return events.filter((e) => e.kind === 'status_change').map((e) => String(e.meta?.to));
}

test.describe('offline-first sync', () => {
  test('work offline, reload offline, come back: the change reaches the server and the manager', async ({
    page,
    context,
  }) => {
    const suffix = Date.now().toString(36);
    const title = `Offline incident ${suffix}`;
    const note = `Offline note ${suffix}`;

    await signIn(page, 'tam1@example.com');

    // Offline: create an incident and a timeline note.
    await context.setOffline(true);
    await expect(page.getByTestId('connection-state')).toContainText('Offline');
    await createIncident(page, title);
    await expect(page.getByTestId('incident-page')).toContainText('Not synced yet');
    await page.getByLabel('What happened').selectOption('note');
    await page.getByLabel('Details').fill(note);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('timeline-event').filter({ hasText: note })).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveText('2 changes not yet sent');

    // Reload while offline: the app and both changes are still there.
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByTestId('timeline-event').filter({ hasText: note })).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveText('2 changes not yet sent');
    const row = await listIncidents(page, title);
    await expect(row).toContainText('Not synced yet');

    // The manager, signed in elsewhere, does not have it yet.
    const managerContext = await newContext(page);
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager@example.com');
    await expect(await listIncidents(manager, title)).toHaveCount(0);

    // Back online. The page's token did not survive the reload (browser mode keeps it in
    // memory only): the app asks to sign in again, then pushes.
    await context.setOffline(false);
    await expect(page.getByTestId('connection-state')).toHaveText('Online');
    await page.getByTestId('sign-in-again').click();
    await expect(page.getByLabel('Email address')).toHaveValue('tam1@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/#\/incidents\?q=/);
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
    await expect(row).toBeVisible();
    await expect(row).not.toContainText('Not synced yet');

    // The manager's list follows without a reload (server poke → pull).
    const managerRow = manager.getByTestId('incident-row').filter({ hasText: title });
    await expect(managerRow).toBeVisible();
    await managerRow.click();
    await expect(manager.getByTestId('timeline-event').filter({ hasText: note })).toBeVisible();
    await managerContext.close();
  });

  test('two people change the same incident while one is offline: both end the same, the loser is told', async ({
    page,
    context,
  }) => {
    const title = `Conflict ${Date.now().toString(36)}`;
    await signIn(page, 'tam1@example.com');
    await createIncident(page, title);
    await expect(page.getByTestId('incident-status')).toHaveText('New');
    await expect(page.getByTestId('incident-page')).not.toContainText('Not synced yet');
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');

    const managerContext = await newContext(page);
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager@example.com');
    const managerRow = await listIncidents(manager, title);
    await expect(managerRow).toBeVisible();
    await managerRow.click();
    await expect(manager.getByTestId('incident-status')).toHaveText('New');

    // The TAM, offline, puts it on hold; the manager, online, starts work on it.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Set to Waiting for the customer' }).click();
    await expect(page.getByTestId('incident-status')).toHaveText('Waiting for the customer');
    await manager.getByRole('button', { name: 'Set to In progress' }).click();
    await expect(manager.getByTestId('incident-status')).toHaveText('In progress');
    await expect(manager.getByTestId('pending-count')).toHaveText('All changes sent');
    // The manager's change must be on the server before the TAM comes back, or the TAM wins.
    const incidentId = decodeURIComponent(new URL(manager.url()).hash.split('/').pop() ?? '');
    const token = await apiToken(manager.request, 'manager@example.com');
    await expect.poll(() => serverStatuses(manager.request, token, incidentId)).toEqual(['in_progress']);

    // Back online: the TAM's change is refused, undone, and listed for the TAM only.
    await context.setOffline(false);
    await expect(page.getByTestId('incident-status')).toHaveText('In progress');
    await expect(manager.getByTestId('incident-status')).toHaveText('In progress');
    await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
    await expect(manager.getByTestId('attention-link')).toHaveCount(0);
    await page.getByTestId('attention-link').click();
    const item = page.getByTestId('attention-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Change of status');
    // Worded from the code and the status's term, never the internal codes; the server's
    // English message only under "Show details".
    await expect(item.getByTestId('attention-reason')).toHaveText(
      'The incident is now “In progress” (someone else changed it). Review the incident and choose again.',
    );
    await expect(item.getByTestId('error-details')).not.toHaveAttribute('open');
    await expect(item.getByTestId('error-details')).toContainText("The incident is now 'in_progress'");
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('attention-empty')).toBeVisible();
    await managerContext.close();
  });
});
