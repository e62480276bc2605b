// The desktop app end to end: the built app (npm run build → out/) started by Electron
// itself through Playwright. Runs only where the Electron binary exists and starts (see
// scripts/electron-runtime.mjs); elsewhere the whole file is skipped with the reason.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DESKTOP_API_MEMBERS } from '../../shared/bridge/channels';

interface Runtime {
  available: boolean;
  binary?: string;
  reason?: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// A computed specifier: the script is plain JavaScript without type declarations.
const runtimeScript = pathToFileURL(path.join(root, 'scripts', 'electron-runtime.mjs')).href;
const { electronRuntime } = (await import(runtimeScript)) as { electronRuntime: () => Promise<Runtime> };
const runtime = await electronRuntime();
const skipReason = `Electron cannot run on this machine: ${runtime.reason ?? 'unknown reason'}`;
if (!runtime.available) console.log(`[e2e-electron] skipped. ${skipReason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(!runtime.available, skipReason);
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let profile: string;
  let serverUrl: string;

  test.beforeAll(async () => {
    serverUrl = String(test.info().project.use.baseURL ?? 'http://127.0.0.1:4791');
    // A throw-away profile: no real session is touched and no running instance holds the lock.
    profile = await mkdtemp(path.join(tmpdir(), 'tam-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    }
    app = await electron.launch({
      executablePath: runtime.binary!,
      args: [root],
      env: { ...env, TAM_SERVER_URL: serverUrl, TAM_USER_DATA_DIR: profile },
      timeout: 30_000,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('shows the app shell, served from app://tam', async () => {
    await expect(page).toHaveURL(/^app:\/\/tam\//);
    await expect(page).toHaveTitle('TAM Workstation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/TAM (Workstation|ワークステーション)/);
  });

  test('exposes exactly the bridge as window.tamDesktop, and no Node', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w.tamDesktop as Record<string, unknown> | undefined;
      return {
        members: api ? Object.keys(api).sort() : null,
        allFunctions: api ? Object.values(api).every((v) => typeof v === 'function') : false,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        buffer: typeof w.Buffer,
      };
    });
    expect(seen.members).toEqual([...DESKTOP_API_MEMBERS].sort());
    expect(seen.allFunctions).toBe(true);
    expect(seen).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      buffer: 'undefined',
    });
  });

  test('the bridge answers from the main process', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { tamDesktop: { getAppInfo(): Promise<unknown> } }).tamDesktop.getAppInfo(),
    );
    expect(info).toMatchObject({ runtime: 'electron', defaultServerUrl: serverUrl.replace(/\/$/, '') });
    const refused = await page.evaluate(() =>
      (window as unknown as { tamDesktop: { apiRequest(r: unknown): Promise<unknown> } }).tamDesktop
        .apiRequest({ method: 'GET', path: 'https://evil.example/v1/x' })
        .then(
          () => 'resolved',
          (err: Error) => err.message,
        ),
    );
    expect(refused).toMatch(/invalid arguments/);
  });

  test('the Content-Security-Policy blocks inline scripts and eval', async () => {
    const result = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      let evalRan = false;
      try {
        evalRan = (0, eval)('true') as boolean;
      } catch {
        evalRan = false;
      }
      return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, evalRan };
    });
    expect(result).toEqual({ inline: false, evalRan: false });
  });

  test('window.open creates no window and navigation away is refused', async () => {
    const opened = await page.evaluate(() => window.open('app://tam/index.html') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'app://elsewhere/index.html';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });
});
