// Headless Chromium (Debian's), driven through Playwright, with a profile on disk so that a
// replica written in one launch is there for the next (the cold-start measure).
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1400, height: 900 },
  });
}

export async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

/** Opens a benchmark page and waits until its script has installed window.bench. */
export async function openBenchPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`  [page error] ${err.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'bench ready', undefined, { timeout: 60_000 });
  return page;
}

export interface HeapUsage {
  usedMb: number;
  totalMb: number;
}

export async function heapUsage(cdp: CDPSession, collect: boolean): Promise<HeapUsage> {
  if (collect) await cdp.send('HeapProfiler.collectGarbage');
  const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  return { usedMb: h.usedSize / 1048576, totalMb: h.totalSize / 1048576 };
}

/** Main-thread metrics of the page's renderer (seconds of busy time so far). */
export async function mainThreadMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Runs `fn` under the CDP sampling profiler; returns its result and the profile. */
export async function profiled<T>(
  cdp: CDPSession | null,
  fn: () => Promise<T>,
): Promise<{ result: T; profile: unknown }> {
  if (!cdp) return { result: await fn(), profile: null };
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    const result = await fn();
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    return { result, profile };
  } catch (err) {
    await cdp.send('Profiler.stop').catch(() => undefined);
    throw err;
  }
}
