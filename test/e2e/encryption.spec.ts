// Field encryption at rest, on real IndexedDB in Chromium (browser mode: the key is a
// non-extractable WebCrypto key kept in its own small database). What IndexedDB stores for an
// incident carries no clear title or description, while the app shows them, including in the
// title search and after an offline reload.
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

interface StoredView {
  replicas: string[];
  /** The stored incident with this id, its binary values shown as their length only. */
  record: Record<string, unknown> | null;
  /** Stored records (of every table of the replica) whose clear text contains the needle. */
  clearHits: string[];
  keyExtractable: boolean | null;
}

/** Reads the replica straight from IndexedDB (no app code, no Dexie): what the disk holds. */
function readStored(page: Page, incidentId: string, needle: string): Promise<StoredView> {
  return page.evaluate(
    async ({ incidentId, needle }) => {
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const openDb = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const replicas = names.filter((n) => n.startsWith('tam-replica:'));
      const db = await openDb(replicas[0]!);
      const clearHits: string[] = [];
      let record: Record<string, unknown> | null = null;
      const decoder = new TextDecoder();
      const text = (v: unknown): string =>
        ArrayBuffer.isView(v)
          ? decoder.decode(v as Uint8Array)
          : v && typeof v === 'object'
            ? Object.values(v as Record<string, unknown>)
                .map(text)
                .join(' ')
            : String(v);
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await request(db.transaction(store).objectStore(store).getAll());
        for (const row of rows as Record<string, unknown>[]) {
          if (text(row).includes(needle)) clearHits.push(store);
          if (store === 'incidents' && row.id === incidentId) {
            record = Object.fromEntries(
              Object.entries(row).map(([k, v]) => [k, ArrayBuffer.isView(v) ? `bytes:${v.byteLength}` : v]),
            );
          }
        }
      }
      db.close();
      let keyExtractable: boolean | null = null;
      if (names.includes('tam-replica-keys')) {
        const keys = await openDb('tam-replica-keys');
        const all = (await request(keys.transaction('keys').objectStore('keys').getAll())) as {
          key: CryptoKey;
        }[];
        keyExtractable = all[0]?.key.extractable ?? null;
        keys.close();
      }
      return { replicas, record, clearHits, keyExtractable };
    },
    { incidentId, needle },
  );
}

test('incident titles are stored encrypted, shown in clear, searchable, and open after an offline reload', async ({
  page,
  context,
}) => {
  const suffix = Date.now().toString(36);
  const title = `Encrypted title ${suffix}`;
  await signIn(page, 'tam1@example.com');

  await page.keyboard.press('Control+n');
  await page.getByRole('combobox', { name: 'Customer *' }).fill('Sakura');
  await page.getByRole('option', { name: /Sakura Bank/ }).click();
  await page.getByLabel('Title *').fill(title);
  await page.getByTestId('severity-2').check();
  await page.getByLabel('Channel *').selectOption('phone');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes sent');
  const incidentId = /#\/incidents\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(incidentId).toBeTruthy();

  const stored = await readStored(page, incidentId!, title);
  expect(stored.replicas).toHaveLength(1);
  // The record is there, its index fields in clear, its title and description sealed.
  expect(stored.record).toMatchObject({ id: incidentId, customerId: expect.any(String), status: 'new' });
  expect(stored.record).not.toHaveProperty('title');
  expect(stored.record).not.toHaveProperty('description');
  expect(stored.record?.$sealed).toMatch(/^bytes:\d+$/);
  // Nowhere in the replica (incidents, timeline, outbox, shadow rows) is the title in clear.
  expect(stored.clearHits).toEqual([]);
  expect(stored.keyExtractable).toBe(false);

  // Title search reads decrypted rows.
  await page.goto(`/#/incidents?q=${encodeURIComponent(suffix)}`);
  await expect(page.getByTestId('incident-row').filter({ hasText: title })).toBeVisible();

  // Offline reload: the key comes from the browser profile, the replica opens.
  await context.setOffline(true);
  await page.goto(`/#/incidents/${incidentId}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByTestId('replica-locked')).toHaveCount(0);
  await context.setOffline(false);
});
