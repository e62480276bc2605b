// One search indexer per computer (real central API with demo data, real IndexedDB, Web Locks
// and BroadcastChannel of Chromium): two windows of one browser profile on one replica; only
// the window holding the search lock starts the search worker (each start leaves the
// performance mark `tam-search:indexer-start`, and the palette shows the window's role in
// `data-search-role`); the other window's palette still finds an incident by a word written
// only in its timeline, through the indexing window; once that window closes, the other one
// becomes the indexer (its worker loads the persisted index) and still finds it.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/ui';

// tam1's demo incident at level 2 (its title and description do not contain the note's words).
const DEMO_L2 = '配送管理端末で定義ファイル更新が失敗';
const NOTE = 'Verified the lighthouse telemetry recalibration with the penguin observatory';

/** How many times this window started indexing. */
const indexerStarts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('tam-search:indexer-start').length);

/** Opens the palette, searches for the note's words and expects its timeline entry. */
async function findNote(page: Page) {
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('palette');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.getByTestId('palette-input').fill('penguin recalibration');
  const hit = palette.locator('[data-testid="palette-item"][data-kind="event"]');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText(DEMO_L2);
  await expect(hit.locator('mark')).toHaveText(['recalibration', 'penguin']);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
}

test.describe('search indexer', () => {
  test('two windows of one profile: one indexes, the other searches through it, then takes over', async ({
    page,
    context,
  }) => {
    await signIn(page, 'tam1@example.com');
    await expect(page.getByTestId('palette')).toHaveAttribute('data-search-role', 'indexer');

    // A note with words found nowhere else, written in the first window.
    await page.goto(`/#/incidents?q=${encodeURIComponent(DEMO_L2)}`);
    await page.getByTestId('incident-row').filter({ hasText: DEMO_L2 }).first().click();
    await expect(page.getByTestId('incident-page')).toBeVisible();
    await page.getByLabel('What happened').selectOption('note');
    await page.getByLabel('Details').fill(NOTE);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('timeline-event').filter({ hasText: NOTE })).toBeVisible();

    // A second window of the same profile: it does not index.
    const second = await context.newPage();
    await second.goto('/#/today');
    await expect(second.getByTestId('today-incident').first()).toBeVisible();
    await expect(second.getByTestId('palette')).toHaveAttribute('data-search-role', 'follower');
    expect(await indexerStarts(second)).toBe(0);
    expect(await indexerStarts(page)).toBe(1);
    await expect(page.getByTestId('palette')).toHaveAttribute('data-search-role', 'indexer');

    // Its palette finds the note through the first window's index.
    await findNote(second);
    expect(await indexerStarts(second)).toBe(0);

    // The indexing window closes: the second one takes the lock, indexes and still finds it.
    await page.close();
    await expect(second.getByTestId('palette')).toHaveAttribute('data-search-role', 'indexer');
    expect(await indexerStarts(second)).toBe(1);
    await findNote(second);
  });
});
