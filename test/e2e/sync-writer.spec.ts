// The sync's replica writes run in the replica writer worker (renderer/sync/writer): a first
// sync fills the replica from there, and the window's live views follow what the worker
// writes (Dexie's cross-context notification), with nothing written on the window's thread
// and no pull page parsed there (each crosses to the worker as the bytes of its JSON).
import { expect, test, type Page, type Worker } from '@playwright/test';
import { apiToken, push, rowsOf, serverRows } from './support/api';
import { signIn } from './support/ui';

interface WriterStats {
  calls: number;
  pages: number;
  rows: number;
  parsed: number;
}

/** The replica writer worker of the page and what it has written (it exposes its counts). */
async function writerWorker(page: Page): Promise<{ worker: Worker; stats: WriterStats }> {
  for (const worker of page.workers()) {
    const stats = await worker
      .evaluate(() => (self as unknown as { replicaWriterStats?: WriterStats }).replicaWriterStats ?? null)
      .catch(() => null);
    if (stats) return { worker, stats };
  }
  throw new Error(`no replica writer worker among ${page.workers().length} workers`);
}

/** Records per object store of the page's replica, read from IndexedDB directly. */
async function storedCounts(page: Page, stores: string[]): Promise<Record<string, number>> {
  return page.evaluate(async (names) => {
    const dbs = await indexedDB.databases();
    const name = dbs.find((d) => d.name?.startsWith('tam-replica:'))?.name;
    if (!name) throw new Error('no replica database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, number> = {};
    for (const store of names) {
      out[store] = await new Promise<number>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return out;
  }, stores);
}

test('a first sync is written by the writer worker, and a live view follows its writes', async ({
  page,
  request,
}) => {
  const windowErrors: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('replica writer')) windowErrors.push(m.text());
  });
  await signIn(page, 'tam1@example.com');

  // The first sync went through the worker: every page, and the replica holds the scope.
  const tamToken = await apiToken(request, 'tam1@example.com');
  const scope = await serverRows(request, tamToken, { timelines: 'all' });
  const customers = rowsOf<{ id: string; name: string }>(scope, 'customer');
  const incidents = rowsOf<{ id: string }>(scope, 'incident');
  const { worker, stats } = await writerWorker(page);
  expect(stats.pages).toBeGreaterThan(0);
  // Every page crossed as bytes and was parsed in the worker, not in the window.
  expect(stats.parsed).toBe(stats.pages);
  expect(stats.rows).toBeGreaterThanOrEqual(customers.length + incidents.length);
  expect(await storedCounts(page, ['customers', 'incidents'])).toEqual({
    customers: customers.length,
    incidents: incidents.length,
  });
  expect(windowErrors).toEqual([]);

  // A live view: the incident list, searched for a title that does not exist yet.
  const title = `Writer worker ${Date.now().toString(36)}`;
  await page.goto(`/#/incidents?q=${encodeURIComponent(title)}`);
  await expect(page.getByTestId('incident-count')).toBeVisible();
  const rows = page.getByTestId('incident-row').filter({ hasText: title });
  await expect(rows).toHaveCount(0);

  // The manager records an incident for one of the TAM's customers: the server pokes the TAM's
  // window, its engine pulls, the worker writes the page, and the list shows it, no reload.
  const managerToken = await apiToken(request, 'manager@example.com');
  await push(request, managerToken, 'incident.create', {
    id: crypto.randomUUID(),
    customerId: customers[0]!.id,
    title,
    severity: 2,
    channel: 'phone',
    receivedAt: new Date().toISOString(),
  });
  await expect(rows).toHaveCount(1);
  const after = (await worker.evaluate(
    () => (self as unknown as { replicaWriterStats: WriterStats }).replicaWriterStats,
  )) as WriterStats;
  expect(after.pages).toBeGreaterThan(stats.pages);
  expect(after.parsed).toBe(after.pages);
  expect(windowErrors).toEqual([]);
});
