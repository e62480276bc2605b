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
  // The first sync downloads the user's replica: on a busy shared machine it takes more than
  // the default 10 s (a bound on the wait, not a measure of speed).
  await expect(page.getByTestId('sync-state')).toContainText('Synced', { timeout: 60_000 });
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

test('the size limit set under Account → Attachments refuses a larger file, naming the limit', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `Attachment limit ${Date.now().toString(36)}`;
  await signIn(page, 'tam1@example.com');
  await createIncident(page, title);
  const incidentHash = new URL(page.url()).hash;

  // The settings screen knows the server's limit (GET /v1/me) and refuses more than it.
  await page.evaluate(() => {
    location.hash = '#/account';
  });
  const settings = page.getByTestId('attachment-settings');
  await expect(settings).toContainText('up to the server’s limit of 200 MB');
  const input = settings.getByTestId('attachment-max-mb');
  await expect(input).toHaveValue('200');
  await input.fill('500');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('alert')).toHaveText(
    'The server accepts at most 200 MB per file; enter 200 or less.',
  );
  await input.fill('1');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved: files up to 1 MB can be attached.');

  await page.evaluate((hash) => {
    location.hash = hash;
  }, incidentHash);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByText('up to 1 MB each')).toBeVisible();
  await page.getByTestId('attachment-input').setInputFiles([
    { name: 'big.pcap', mimeType: 'application/octet-stream', buffer: randomBytes(1024 * 1024 + 1) },
    { name: 'small.log', mimeType: 'text/plain', buffer: Buffer.from('fits\n') },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'big.pcap' })).toHaveText(
    '“big.pcap” is larger than the limit of 1 MB per file; compress or split it, then attach it again (the limit is set under Account → Attachments).',
  );
  const items = page.getByTestId('attachment');
  await expect(items).toHaveCount(1);
  await expect(items).toContainText('small.log');
});
