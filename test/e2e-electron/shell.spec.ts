// The desktop shell end to end in Electron: the localized application menu, Help > Keyboard
// shortcuts reaching the page, tam-workstation:// links from a second start, and a clicked
// notification opening its incident. Runs only where the Electron binary exists and starts
// (scripts/electron-runtime.mjs); elsewhere the file is skipped with the reason. The update
// prompt needs a packaged build (electron-updater does nothing in a development build): its
// flow is unit-tested with fakes in main/updates/updater.test.ts and main/app.test.ts.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Runtime {
  available: boolean;
  binary?: string;
  reason?: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runtimeScript = pathToFileURL(path.join(root, 'scripts', 'electron-runtime.mjs')).href;
const { electronRuntime } = (await import(runtimeScript)) as { electronRuntime: () => Promise<Runtime> };
const runtime = await electronRuntime();
const skipReason = `Electron cannot run on this machine: ${runtime.reason ?? 'unknown reason'}`;

const INCIDENT = '2b7e1516-28ae-4d2a-abf7-158809cf4f3c';
const CUSTOMER = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

test.describe('desktop shell (Electron)', () => {
  test.skip(!runtime.available, skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  test.beforeAll(async () => {
    const serverUrl = String(test.info().project.use.baseURL ?? 'http://127.0.0.1:4791');
    profile = await mkdtemp(path.join(tmpdir(), 'tam-e2e-shell-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    }
    app = await electron.launch({
      executablePath: runtime.binary!,
      args: [root, '--lang=en-US'],
      env: { ...env, TAM_SERVER_URL: serverUrl, TAM_USER_DATA_DIR: profile },
      timeout: 30_000,
    });
    page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test.afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  const menuLabels = () =>
    app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label) ?? []);

  test('the application menu follows the app language, with Help items of our own', async () => {
    // The page reports its language once it has started.
    const language = await page.evaluate(() => document.documentElement.lang);
    const expected =
      language === 'ja' ? ['編集', '表示', 'ウインドウ', 'ヘルプ'] : ['Edit', 'View', 'Window', 'Help'];
    await expect.poll(menuLabels).toEqual(expect.arrayContaining(expected));
    const help = await app.evaluate(({ Menu }) => {
      const menu = Menu.getApplicationMenu();
      return ['shortcuts', 'open-logs'].map((id) => menu?.getMenuItemById(id)?.label ?? null);
    });
    expect(help.every((label) => typeof label === 'string' && label.length > 0)).toBe(true);
    // A development build keeps reload; the packaged-build template is unit-tested.
    expect(await menuLabels()).not.toContain('Electron');
  });

  test('Help > Keyboard shortcuts reaches the page as the tam:shortcuts event', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __shortcuts?: number };
      w.__shortcuts = 0;
      window.addEventListener('tam:shortcuts', () => {
        w.__shortcuts = (w.__shortcuts ?? 0) + 1;
      });
    });
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('shortcuts')?.click());
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __shortcuts?: number }).__shortcuts))
      .toBe(1);
  });

  test('a tam-workstation:// link given to a second start opens its view', async () => {
    await app.evaluate(({ app: electronApp }, link) => {
      electronApp.emit('second-instance', {}, ['tam-workstation', link], process.cwd());
    }, `tam-workstation://incident/${INCIDENT}`);
    await expect(page).toHaveURL(new RegExp(`#/incidents/${INCIDENT}$`));
    await app.evaluate(({ app: electronApp }, link) => {
      electronApp.emit('second-instance', {}, ['tam-workstation', link], process.cwd());
    }, `tam-workstation://customer/${CUSTOMER}`);
    await expect(page).toHaveURL(new RegExp(`#/customers/${CUSTOMER}$`));
    // A hostile link changes nothing.
    await app.evaluate(({ app: electronApp }) => {
      electronApp.emit(
        'second-instance',
        {},
        ['tam-workstation', 'tam-workstation://incident/../../etc/passwd'],
        process.cwd(),
      );
    });
    await expect(page).toHaveURL(new RegExp(`#/customers/${CUSTOMER}$`));
  });

  test('clicking a notification opens its incident', async () => {
    // Keep the notification object the main process creates, instead of showing it.
    await app.evaluate(({ Notification }) => {
      const g = globalThis as unknown as { __lastNotification?: Electron.Notification };
      Notification.prototype.show = function (this: Electron.Notification) {
        g.__lastNotification = this;
      };
    });
    await page.evaluate(async (id) => {
      const api = (window as unknown as { tamDesktop: { notify(a: unknown): Promise<unknown> } }).tamDesktop;
      await api.notify({
        title: 'SLA breached',
        body: 'test',
        tag: 'sla:e2e',
        open: { kind: 'incident', id },
      });
    }, INCIDENT);
    await page.evaluate(() => (location.hash = '#/today'));
    await app.evaluate(() => {
      (globalThis as unknown as { __lastNotification?: Electron.Notification }).__lastNotification?.emit(
        'click',
      );
    });
    await expect(page).toHaveURL(new RegExp(`#/incidents/${INCIDENT}$`));
  });
});
