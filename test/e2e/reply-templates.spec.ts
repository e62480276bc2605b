// Reply templates end to end on the real central API with demo data: a TAM inserts the team's
// Japanese first-answer template into a response on an incident, and the preview and the
// composer hold it filled in (customer name, incident number, level, due time in the customer's
// zone); then the TAM keeps a personal template and the screen refuses an unknown field.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Customer, Incident, User } from '../../shared/model/entities';
import { responseSlaInput, shortId } from '../../shared/incidents/index';
import { computeResponseSla, policyOfCustomer } from '../../shared/sla/index';
import { DateTime } from 'luxon';
import { apiToken, push, rowsOf, serverRows } from './support/api';
import { signIn } from './support/ui';
import { formatZone } from '../../renderer/format/zone';

const TAM = 'tam1@example.com';

test.describe('reply templates', () => {
  test('a TAM inserts a Japanese template into a response and its fields are filled', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const token = await apiToken(request, TAM);
    const rows = await serverRows(request, token);
    const me = rowsOf<User>(rows, 'user').find((u) => u.email === TAM)!;
    const customer = rowsOf<Customer>(rows, 'customer').find((c) => c.tamId === me.id && !c.archivedAt)!;
    // A new level-2 incident by phone, received five minutes ago.
    const incidentId = randomUUID();
    const receivedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    await push(request, token, 'incident.create', {
      id: incidentId,
      customerId: customer.id,
      title: 'テンプレート挿入の確認 (template e2e)',
      severity: 2,
      channel: 'phone',
      receivedAt,
    });

    await signIn(page, TAM);
    await page.goto(`/#/incidents/${incidentId}`);
    await expect(page.getByTestId('incident-page')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('event-kind').selectOption('response');

    // Keyboard only: the control is a button, the dialog's search keeps the focus.
    await page.getByTestId('insert-template').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('template-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('template-language').selectOption('ja');
    await dialog.getByTestId('template-search').fill('初回回答');
    await expect(dialog.getByTestId('template-option')).toHaveCount(1);
    await expect(dialog.getByTestId('template-option')).toContainText('初回回答（受付のご連絡）');
    // English templates are filtered out in Japanese.
    await dialog.getByTestId('template-search').fill('First response');
    await expect(dialog.getByTestId('template-option')).toHaveCount(0);
    await dialog.getByTestId('template-search').fill('初回回答');

    // The preview: every field filled, in Japanese, the due time in the customer's zone.
    const incident = {
      id: incidentId,
      severity: 2,
      severityHistory: [{ severity: 2, at: receivedAt, by: me.id }],
      receivedAt,
      channel: 'phone',
      firstResponseAt: null,
    } as unknown as Incident;
    const sla = computeResponseSla(
      responseSlaInput(incident, customer.calendar, policyOfCustomer(customer), new Date().toISOString()),
    );
    const due = DateTime.fromISO(sla.dueAt).setZone(customer.calendar.timeZone);
    const dueText = `${due.toFormat('yyyy/MM/dd HH:mm')}（${formatZone(customer.calendar.timeZone, sla.dueAt, 'ja')}）`;
    const preview = dialog.getByTestId('template-preview');
    await expect(preview).toContainText(`${customer.nameJa} 御中`);
    await expect(preview).toContainText(`件番 ${shortId(incidentId)}、レベル 2 高`);
    await expect(preview).toContainText(`${dueText} までに初回のご回答を差し上げます。`);
    await expect(preview).toContainText(me.name);
    await expect(preview).not.toContainText('{{');
    const filled = (await preview.textContent())!;

    await dialog.getByTestId('template-search').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('event-body')).toHaveValue(filled);
    await page.getByTestId('add-event').getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('add-event').getByRole('status')).toBeVisible();
    await expect(page.getByText(`件番 ${shortId(incidentId)}、レベル 2 高`).first()).toBeVisible();
  });

  test('a TAM keeps a personal template; a field that does not exist is refused', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, TAM);
    await page.getByTestId('templates-link').click();
    await expect(page.getByTestId('templates-page')).toBeVisible();
    // A TAM sees the team's set but may not change it.
    await expect(page.getByTestId('template-new-team')).toHaveCount(0);
    await expect(page.getByTestId('template-set-team').getByTestId('template-item').first()).toBeVisible();
    await page.getByTestId('template-new-user').click();
    const form = page.getByTestId('template-form');
    await form.getByTestId('template-name').fill('E2E personal');
    await form.getByTestId('template-form-language').selectOption('en');
    await form.getByTestId('template-body').fill('Dear {{customer.name}}, {{customer.phone}}');
    await form.getByTestId('template-save').click();
    await expect(form).toContainText('{{customer.phone}}');
    await form.getByTestId('template-body').fill('Dear {{customer.name}},\n{{tam.signature}}');
    await form.getByTestId('template-save').click();
    await expect(page.getByTestId('template-outcome')).toContainText('saved');
    await expect(page.getByTestId('template-set-user')).toContainText('E2E personal');
  });
});
