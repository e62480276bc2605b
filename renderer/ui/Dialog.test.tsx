import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../i18n';
import { useConfirm, type ConfirmRequest } from './Dialog';

afterEach(() => cleanup());

let ask: ((request: ConfirmRequest) => Promise<boolean>) | null = null;

function Asker() {
  const [confirm, confirmDialog] = useConfirm();
  ask = confirm;
  return (
    <>
      <button type="button">trigger</button>
      {confirmDialog}
    </>
  );
}

function renderAsker(locale: 'en' | 'ja') {
  const i18n = initI18n(locale);
  void i18n.changeLanguage(locale);
  return render(
    <I18nextProvider i18n={i18n}>
      <Asker />
    </I18nextProvider>,
  );
}

async function open(
  request: ConfirmRequest,
): Promise<{ answer: Promise<boolean>; dialog: HTMLDialogElement }> {
  let answer!: Promise<boolean>;
  await act(async () => {
    answer = ask!(request);
    await Promise.resolve();
  });
  return { answer, dialog: screen.getByTestId('confirm-dialog') as HTMLDialogElement };
}

describe('confirm dialog (replaces window.confirm)', () => {
  it('is a native modal <dialog> naming the action; its button answers yes, Cancel no', async () => {
    renderAsker('en');
    const dialog = screen.getByTestId('confirm-dialog') as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(false);

    const first = await open({ title: 'Remove Sato?', confirmLabel: 'Remove', danger: true });
    expect(first.dialog.open).toBe(true);
    expect(first.dialog.textContent).toContain('Remove Sato?');
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await expect(first.answer).resolves.toBe(true);
    expect(first.dialog.open).toBe(false);

    const second = await open({ title: 'Remove Sato?', confirmLabel: 'Remove' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await expect(second.answer).resolves.toBe(false);
    expect(second.dialog.open).toBe(false);
  });

  it('Esc (the dialog’s cancel event) answers no, and the default buttons speak Japanese', async () => {
    renderAsker('ja');
    const { answer, dialog } = await open({ title: '削除しますか?', message: '元に戻せません。' });
    expect(dialog.textContent).toContain('元に戻せません。');
    expect(screen.getByRole('button', { name: 'キャンセル' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'OK' })).toBeTruthy();
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await expect(answer).resolves.toBe(false);
    expect(dialog.open).toBe(false);
  });

  it('a newer question answers the pending one no', async () => {
    renderAsker('en');
    const first = await open({ title: 'First?' });
    const second = await open({ title: 'Second?', confirmLabel: 'Go' });
    await expect(first.answer).resolves.toBe(false);
    expect(second.dialog.textContent).toContain('Second?');
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    await expect(second.answer).resolves.toBe(true);
  });
});
