import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { SHELL_STRINGS, shellLanguage } from './strings';
import {
  applicationMenuTemplate,
  contextMenuTemplate,
  type ContextMenuParams,
  type MenuContext,
} from './template';

function actions() {
  return { about: vi.fn(), openLogsFolder: vi.fn(), showShortcuts: vi.fn(), checkForUpdates: vi.fn() };
}

function build(partial: Partial<MenuContext>) {
  const acts = actions();
  const menu = applicationMenuTemplate({
    platform: 'linux',
    language: 'en',
    isPackaged: true,
    actions: acts,
    ...partial,
  });
  return { menu, acts };
}

const submenu = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const byId = (menu: MenuItemConstructorOptions[], id: string) => menu.find((m) => m.id === id);
const roles = (item: MenuItemConstructorOptions | undefined) =>
  submenu(item).map((i) => i.role ?? i.id ?? i.type);
/** Every label in a template, recursively. */
const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.label ? [i.label] : []), ...labels(submenu(i))]);

describe('applicationMenuTemplate', () => {
  it('gives macOS the app menu with About, services and quit, and no File menu', () => {
    const { menu } = build({ platform: 'darwin' });
    expect(menu.map((m) => m.id)).toEqual(['app', 'edit', 'view', 'window', 'help']);
    expect(roles(byId(menu, 'app'))).toEqual([
      'about',
      'check-for-updates',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    expect(roles(byId(menu, 'edit'))).toContain('pasteAndMatchStyle');
    expect(roles(byId(menu, 'window'))).toEqual(['minimize', 'zoom', 'separator', 'front']);
    expect(roles(byId(menu, 'help'))).toEqual(['shortcuts', 'open-logs']);
  });

  it.each(['win32', 'linux'] as const)('gives %s a File menu and About in Help', (platform) => {
    const { menu } = build({ platform });
    expect(menu.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'window', 'help']);
    expect(roles(byId(menu, 'file'))).toEqual(['quit']);
    expect(roles(byId(menu, 'edit'))).toEqual([
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'delete',
      'separator',
      'selectAll',
    ]);
    expect(roles(byId(menu, 'window'))).toEqual(['minimize', 'close']);
    expect(roles(byId(menu, 'help'))).toEqual([
      'shortcuts',
      'open-logs',
      'separator',
      'check-for-updates',
      'about',
    ]);
  });

  it('has no reload and no developer tools in an installed build', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(byId(build({ platform, isPackaged: true }).menu, 'view'));
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
      const dev = roles(byId(build({ platform, isPackaged: false }).menu, 'view'));
      expect(dev.slice(0, 3)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
    }
  });

  it('speaks Japanese or English, never mixing the two', () => {
    const ja = labels(build({ language: 'ja', platform: 'darwin' }).menu);
    const en = labels(build({ language: 'en', platform: 'darwin' }).menu);
    expect(ja).toContain('編集');
    expect(ja).toContain('キーボードショートカット');
    expect(ja).toContain('ログフォルダを開く');
    expect(en).toContain('Edit');
    expect(en).toContain('Keyboard Shortcuts');
    expect(en).toContain('Open Logs Folder');
    expect(ja.filter((l) => l !== 'TAM Workstation' && /^[\x20-\x7e]+$/.test(l))).toEqual([]);
    expect(en.every((l) => /^[\x20-\x7e…]+$/.test(l))).toBe(true);
    expect(ja).toHaveLength(en.length);
  });

  it('wires Help and About to the actions', () => {
    const { menu, acts } = build({ platform: 'win32' });
    const help = submenu(byId(menu, 'help'));
    const click = (id: string) => (help.find((i) => i.id === id)?.click as () => void)();
    click('shortcuts');
    click('open-logs');
    click('about');
    click('check-for-updates');
    expect(acts.showShortcuts).toHaveBeenCalledOnce();
    expect(acts.openLogsFolder).toHaveBeenCalledOnce();
    expect(acts.about).toHaveBeenCalledOnce();
    expect(acts.checkForUpdates).toHaveBeenCalledOnce();
  });
});

describe('contextMenuTemplate', () => {
  const params = (p: Partial<ContextMenuParams>): ContextMenuParams => ({
    isEditable: true,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    ...p,
  });
  const noop = { replaceMisspelling: vi.fn(), addToDictionary: vi.fn() };

  it('offers cut, copy, paste and select all in a text field', () => {
    const menu = contextMenuTemplate(params({}), 'en', noop)!;
    expect(menu.map((i) => i.role ?? i.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    const disabled = contextMenuTemplate(
      params({ editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } }),
      'ja',
      noop,
    )!;
    expect(disabled.find((i) => i.role === 'cut')).toMatchObject({ enabled: false, label: '切り取り' });
  });

  it('offers spelling suggestions in English only', () => {
    const replace = vi.fn();
    const en = contextMenuTemplate(
      params({ misspelledWord: 'incidnet', dictionarySuggestions: ['incident', 'incidents'] }),
      'en',
      { ...noop, replaceMisspelling: replace },
    )!;
    expect(en.slice(0, 3).map((i) => i.label)).toEqual(['incident', 'incidents', 'Add to Dictionary']);
    (en[0]!.click as () => void)();
    expect(replace).toHaveBeenCalledWith('incident');
    const ja = contextMenuTemplate(
      params({ misspelledWord: 'incidnet', dictionarySuggestions: ['incident'] }),
      'ja',
      noop,
    )!;
    expect(ja.map((i) => i.label)).not.toContain('incident');
    expect(ja.map((i) => i.role ?? i.type)).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
  });

  it('offers copy for selected text outside fields, and nothing otherwise', () => {
    expect(
      contextMenuTemplate(params({ isEditable: false, selectionText: '障害' }), 'ja', noop)!.map(
        (i) => i.role,
      ),
    ).toEqual(['copy']);
    expect(contextMenuTemplate(params({ isEditable: false }), 'en', noop)).toBeNull();
  });
});

describe('shell strings', () => {
  it('follow the app language and have the same keys in both', () => {
    expect(shellLanguage('ja-JP')).toBe('ja');
    expect(shellLanguage('en-US')).toBe('en');
    expect(shellLanguage('fr')).toBe('en');
    expect(Object.keys(SHELL_STRINGS.ja).sort()).toEqual(Object.keys(SHELL_STRINGS.en).sort());
  });
});
