import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../i18n';
import { SHORTCUTS } from './registry';
import { SHORTCUTS_EVENT, ShortcutsHelp } from './ShortcutsHelp';

afterEach(() => cleanup());

function renderHelp(locale: 'en' | 'ja') {
  const i18n = initI18n(locale);
  void i18n.changeLanguage(locale);
  return render(
    <I18nextProvider i18n={i18n}>
      <ShortcutsHelp />
    </I18nextProvider>,
  );
}

describe('shortcuts help sheet', () => {
  it('opens on the desktop menu event and lists every registered shortcut, in English', () => {
    renderHelp('en');
    const dialog = screen.getByTestId('shortcuts-help') as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(false);
    act(() => {
      window.dispatchEvent(new CustomEvent(SHORTCUTS_EVENT));
    });
    expect(dialog.open).toBe(true);
    const rows = dialog.querySelectorAll('[data-shortcut]');
    expect([...rows].map((r) => r.getAttribute('data-shortcut'))).toEqual(SHORTCUTS.map((s) => s.id));
    expect(dialog.querySelector('[data-shortcut="newIncident"]')?.textContent).toMatch(
      /(Ctrl\+N|⌘N)New incident/,
    );
    expect(dialog.querySelector('[data-shortcut="area2"]')?.textContent).toContain('Go to Customers');
    expect(dialog.querySelector('[data-shortcut="help"]')?.textContent).toContain('or');
    expect(dialog.querySelector('[data-shortcut="palette"]')?.textContent).toMatch(
      /(Ctrl\+K|⌘K)Search everything/,
    );
    fireEvent.click(screen.getByTestId('shortcuts-close'));
    expect(dialog.open).toBe(false);
  });

  it('opens with ? outside a text field, not while typing, and speaks Japanese', () => {
    renderHelp('ja');
    const dialog = screen.getByTestId('shortcuts-help') as HTMLDialogElement;
    const input = document.createElement('input');
    document.body.append(input);
    fireEvent.keyDown(input, { key: '?', code: 'Slash', shiftKey: true });
    expect(dialog.open).toBe(false);
    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true, isComposing: true });
    expect(dialog.open).toBe(false);
    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true });
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('キーボード ショートカット');
    expect(dialog.querySelector('[data-shortcut="area1"]')?.textContent).toContain('今日');
    input.remove();
  });
});
