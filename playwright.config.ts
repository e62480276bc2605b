import { defineConfig } from '@playwright/test';

// End-to-end tests. 'web' drives the renderer in Debian's Chromium against the real central
// API (demo data, throw-away database) which also serves the built app. 'electron' launches
// the desktop app and runs only where the Electron binary exists.
// A port per run (kept in the environment so the workers, which load this file again, agree):
// two runs on one machine never collide.
process.env.E2E_PORT ??= String(20_000 + (process.pid % 20_000));
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test',
  outputDir: `test-results/run-${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node scripts/serve-e2e.mjs --port ${port}`,
    url: `${baseURL}/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        launchOptions: {
          executablePath: chromium,
          // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/e2e-electron',
    },
  ],
});
