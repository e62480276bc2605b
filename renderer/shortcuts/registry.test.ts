import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS,
  currentPlatform,
  formatCombo,
  isComposing,
  matchShortcut,
  matches,
  shortcut,
  shortcutHint,
  shortcutKeys,
} from './registry';
import type { KeyEventLike, ShortcutId } from './registry';

/** A key press as the browser reports it (defaults: no modifiers, not composing, on the body). */
function press(code: string, key: string, init: Partial<KeyEventLike> = {}): KeyEventLike {
  return {
    code,
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    isComposing: false,
    keyCode: 0,
    target: document.body,
    ...init,
  };
}

const ALL = SHORTCUTS.map((s) => s.id) as ShortcutId[];

describe('shortcut registry: platforms', () => {
  it('$mod is Cmd on macOS and Ctrl elsewhere', () => {
    expect(matchShortcut(press('KeyN', 'n', { metaKey: true }), ALL, 'mac')).toBe('newIncident');
    expect(matchShortcut(press('KeyN', 'n', { ctrlKey: true }), ALL, 'mac')).toBeNull();
    expect(matchShortcut(press('KeyN', 'n', { ctrlKey: true }), ALL, 'other')).toBe('newIncident');
    expect(matchShortcut(press('KeyN', 'n', { metaKey: true }), ALL, 'other')).toBeNull();
    expect(matchShortcut(press('KeyK', 'k', { metaKey: true }), ALL, 'mac')).toBe('palette');
  });

  it('matches the physical key: Option+1 types "¡" on a Mac and still goes to the first area', () => {
    expect(matchShortcut(press('Digit1', '¡', { altKey: true }), ALL, 'mac')).toBe('area1');
    expect(matchShortcut(press('Digit7', '¶', { altKey: true }), ALL, 'mac')).toBe('area7');
    expect(matchShortcut(press('Digit3', '3', { altKey: true }), ALL, 'other')).toBe('area3');
    // A Russian or Japanese-kana layout: Ctrl+K prints another character on the same key.
    expect(matchShortcut(press('KeyK', 'л', { ctrlKey: true }), ALL, 'other')).toBe('palette');
    // Extra modifiers make another combination.
    expect(matchShortcut(press('KeyN', 'N', { ctrlKey: true, shiftKey: true }), ALL, 'other')).toBeNull();
    expect(matchShortcut(press('Digit1', '1', { altKey: true, ctrlKey: true }), ALL, 'other')).toBeNull();
  });

  it('plain keys act outside text fields only, modified ones everywhere', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(matchShortcut(press('Slash', '/'), ALL, 'other')).toBe('search');
    expect(matchShortcut(press('Slash', '/', { target: input }), ALL, 'other')).toBeNull();
    expect(matchShortcut(press('Slash', '/', { target: checkbox }), ALL, 'other')).toBe('search');
    expect(matchShortcut(press('Slash', '?', { shiftKey: true }), ALL, 'other')).toBe('help');
    expect(matchShortcut(press('Minus', '?', { shiftKey: true }), ALL, 'other')).toBe('help'); // '?' elsewhere on the layout
    expect(matchShortcut(press('Slash', '?', { shiftKey: true, target: input }), ALL, 'other')).toBeNull();
    expect(matchShortcut(press('KeyK', 'k', { ctrlKey: true, target: input }), ALL, 'other')).toBe('palette');
    expect(matchShortcut(press('Digit2', '2', { altKey: true, target: input }), ALL, 'other')).toBe('area2');
    expect(matches(press('Escape', 'Escape', { target: input }), shortcut('cancel'), 'other')).toBe(true);
    expect(matches(press('ArrowDown', 'ArrowDown', { target: input }), shortcut('rowNext'), 'other')).toBe(
      false,
    );
  });

  it('reads the platform from the browser', () => {
    expect(['mac', 'other']).toContain(currentPlatform());
  });
});

describe('shortcut registry: input methods', () => {
  it('ignores every key while an IME composes (isComposing, or keyCode 229)', () => {
    const input = document.createElement('input');
    expect(isComposing(press('Enter', 'Enter', { isComposing: true }))).toBe(true);
    expect(isComposing(press('Enter', 'Process', { keyCode: 229 }))).toBe(true);
    expect(isComposing(press('Enter', 'Enter'))).toBe(false);
    for (const [code, key, id] of [
      ['Enter', 'Enter', 'pick'],
      ['Escape', 'Escape', 'cancel'],
      ['ArrowDown', 'ArrowDown', 'rowNext'],
    ] as const) {
      expect(matches(press(code, key, { target: input }), shortcut(id), 'other'), id).toBe(id !== 'rowNext');
      expect(matches(press(code, key, { target: input, isComposing: true }), shortcut(id), 'other'), id).toBe(
        false,
      );
      expect(matches(press(code, key, { target: input, keyCode: 229 }), shortcut(id), 'other'), id).toBe(
        false,
      );
    }
    expect(matchShortcut(press('KeyN', 'n', { ctrlKey: true, isComposing: true }), ALL, 'other')).toBeNull();
    expect(matchShortcut(press('Digit1', '1', { altKey: true, keyCode: 229 }), ALL, 'other')).toBeNull();
  });
});

describe('shortcut registry: how shortcuts are written', () => {
  it('⌘ and ⌥ on a Mac, Ctrl and Alt elsewhere', () => {
    expect(shortcutHint('newIncident', 'mac')).toBe('⌘N');
    expect(shortcutHint('newIncident', 'other')).toBe('Ctrl+N');
    expect(shortcutKeys('palette', 'mac')).toEqual(['⌘K']);
    expect(shortcutKeys('palette', 'other')).toEqual(['Ctrl+K']);
    expect(shortcutKeys('search', 'other')).toEqual(['/']);
    expect(shortcutHint('area1', 'mac')).toBe('⌥1');
    expect(shortcutHint('area1', 'other')).toBe('Alt+1');
    expect(shortcutKeys('help', 'other')).toEqual(['Ctrl+/', '?']);
    expect(formatCombo('Escape', 'other')).toBe('Esc');
    expect(formatCombo('Shift+ArrowUp', 'mac')).toBe('⇧↑');
  });

  it('every shortcut has a unique id and at least one way to press it', () => {
    const ids = SHORTCUTS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SHORTCUTS) expect(shortcutKeys(s.id, 'other').length, s.id).toBeGreaterThan(0);
  });

  it('no two shortcuts share a combination on one platform', () => {
    for (const platform of ['mac', 'other'] as const) {
      const combos = SHORTCUTS.flatMap((s) => s.combos.map((c) => formatCombo(c, platform)));
      expect(new Set(combos).size, platform).toBe(combos.length);
    }
  });
});
