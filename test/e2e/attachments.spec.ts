// Attachments end to end: the real central API (demo data) serves the built app; Chromium with
// real IndexedDB. A TAM attaches two files offline, reloads, comes back online, and both are
// uploaded (progress shown per file and in the status bar); the manager downloads one and its
// bytes are the file's.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, email: string) {
  await page.goto('/#/sign-in');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByLabel('Server address')).not.toHaveValue('');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/#\/today$/);
  await expect(page.getByTestId('sync-state')).toContainText('Synced');
}

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

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('attach two files offline, reload, go online: both uploaded; the manager downloads one intact', async ({
  page,
  context,
}) => {
  // Two sign-ins, a reload and 5 MB through IndexedDB on a slow shared machine.
  test.setTimeout(180_000);
  const title = `Attachments ${Date.now().toString(36)}`;
  // Larger than one upload chunk (4 MiB): it travels in two.
  const capture = randomBytes(5 * 1024 * 1024 + 123);
  const log = Buffer.from('2026-12-03 10:00:00 agent stopped\n'.repeat(200));

  await signIn(page, 'tam1@example.com');
  await createIncident(page, title);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
  const incidentUrl = page.url();

  await context.setOffline(true);
  await expect(page.getByTestId('connection-state')).toContainText('Offline');
  await page.getByTestId('attachment-input').setInputFiles([
    { name: 'capture.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: capture },
    { name: 'agent.log', mimeType: 'text/plain', buffer: log },
  ]);
  const items = page.getByTestId('attachment');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'capture.pcap' })).toContainText('Waiting to upload');
  await expect(items.filter({ hasText: 'agent.log' })).toContainText('Waiting to upload');

  // A reload offline keeps both files (their bytes are in IndexedDB), each with its progress.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('attachment-progress')).toHaveCount(2);
  await expect(page.getByTestId('upload-status')).toHaveText('Uploading 2 files (0 %)');

  // Online again (browser mode forgets the token on reload: sign in again); the uploads resume.
  await context.setOffline(false);
  await expect(page.getByTestId('connection-state')).toHaveText('Online');
  await page.getByTestId('sign-in-again').click();
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(items.filter({ hasText: 'capture.pcap' })).toContainText('Uploaded', { timeout: 30_000 });
  await expect(items.filter({ hasText: 'agent.log' })).toContainText('Uploaded');
  await expect(page.getByTestId('upload-status')).toHaveCount(0);

  // The manager, on another computer, downloads the capture: the same bytes.
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const managerContext = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
  });
  const manager = await managerContext.newPage();
  await signIn(manager, 'manager@example.com');
  await manager.goto(incidentUrl);
  await expect(manager.getByRole('heading', { level: 2, name: title })).toBeVisible();
  const row = manager.getByTestId('attachment').filter({ hasText: 'capture.pcap' });
  await expect(row).toContainText('Uploaded');
  const downloading = manager.waitForEvent('download');
  await row.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('capture.pcap');
  const path = await download.path();
  expect(sha256(readFileSync(path))).toBe(sha256(capture));
  await managerContext.close();
});
