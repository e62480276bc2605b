// SLA alerts end to end: the real API makes the alerts on its clock; Chromium with real
// IndexedDB. A TAM sees the arrival alert of a new level-1 incident that somebody else created,
// opens the incident from it and acknowledges; the timeline records it; the manager's view
// shows the team's escalations live.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { publicHolidays } from '../../shared/sla/holidays';
import { apiToken, push, rowsOf, serverRows } from './support/api';
import { signIn } from './support/ui';

interface CustomerRow {
  id: string;
  nameLatin: string;
  calendar: unknown;
}

async function customerNamed(
  request: APIRequestContext,
  token: string,
  nameLatin: string,
): Promise<CustomerRow> {
  const found = rowsOf<CustomerRow>(await serverRows(request, token), 'customer').find(
    (c) => c.nameLatin === nameLatin,
  );
  if (!found) throw new Error(`no customer ${nameLatin}`);
  return found;
}

/** A country with no public holiday today or tomorrow (UTC): the 24/7 calendar below is then open now. */
function countryWithoutHolidayNow(): string {
  const days = [0, 1].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
  for (const country of ['JP', 'US', 'GB', 'DE', 'FR', 'AU']) {
    const year = Number(days[0]!.slice(0, 4));
    const dates = new Set([
      ...publicHolidays(country, undefined, year),
      ...publicHolidays(country, undefined, year + 1),
    ]);
    if (!days.some((d) => dates.has(d))) return country;
  }
  throw new Error('every candidate country has a holiday today');
}

test.describe('SLA alerts', () => {
  let original: CustomerRow | null = null;
  let managerToken = '';

  test.afterAll(async ({ request }) => {
    // Other specs read this customer's calendar: give it back.
    if (original)
      await push(request, managerToken, 'customer.update', {
        customerId: original.id,
        patch: { calendar: original.calendar },
      });
  });

  test('a TAM is alerted of a new L1 within seconds, opens it, acknowledges; the manager sees the escalation', async ({
    page,
    request,
    browser,
  }) => {
    const suffix = Date.now().toString(36);
    managerToken = await apiToken(request, 'manager@example.com');
    // Tokyo Metro Logistics (tam1's) open round the clock in UTC for this test, so that its TAM
    // is the responder whatever the hour the suite runs at.
    original = await customerNamed(request, managerToken, 'Tokyo Metro Logistics Co., Ltd.');
    const always = [['00:00', '24:00']];
    await push(request, managerToken, 'customer.update', {
      customerId: original.id,
      patch: {
        calendar: {
          timeZone: 'UTC',
          country: countryWithoutHolidayNow(),
          weekly: {
            mon: always,
            tue: always,
            wed: always,
            thu: always,
            fri: always,
            sat: always,
            sun: always,
          },
        },
      },
    });

    await signIn(page, 'tam1@example.com');
    await expect(page.getByTestId('notifications-link')).toBeVisible();
    const unreadBefore = Number(
      (await page
        .getByTestId('unread-count')
        .textContent({ timeout: 500 })
        .catch(() => '0')) ?? '0',
    );

    // The manager records a new level-1 incident on the phone.
    const title = `Payment gateway down ${suffix}`;
    const incidentId = crypto.randomUUID();
    await push(request, managerToken, 'incident.create', {
      id: incidentId,
      customerId: original.id,
      title,
      severity: 1,
      channel: 'phone',
      receivedAt: new Date().toISOString(),
    });

    // Within 5 s the TAM's navigation counts it.
    await expect(page.getByTestId('unread-count')).toHaveText(String(unreadBefore + 1), { timeout: 5_000 });
    await page.getByTestId('notifications-link').click();
    const item = page.getByTestId('alert-item').filter({ hasText: title });
    await expect(item).toContainText('New incident');
    await expect(item).toContainText('you answer now');
    await item.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

    const mine = page.getByTestId('incident-alerts');
    await mine.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(mine.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
    await expect(page.getByTestId('incident-page')).toContainText('Alert acknowledged');
    await expect(page.getByTestId('sync-state')).toContainText('Synced');

    // The manager: an L1 received 25 minutes ago is at risk; the escalations show it live, with
    // who answers and the minutes left.
    const riskyTitle = `Mail relay rejecting ${suffix}`;
    await push(request, managerToken, 'incident.create', {
      id: crypto.randomUUID(),
      customerId: original.id,
      title: riskyTitle,
      severity: 1,
      channel: 'phone',
      receivedAt: new Date(Date.now() - 25 * 60_000).toISOString(),
    });
    const managerContext = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager@example.com');
    await manager.goto('/#/manager');
    const row = manager.getByTestId('escalation-row').filter({ hasText: riskyTitle });
    await expect(row).toContainText('At risk');
    await expect(row).toContainText(/TAM .*Sato/);
    await expect(row).toContainText(/\d+ min/);
    await managerContext.close();
  });
});
