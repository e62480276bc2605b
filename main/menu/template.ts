// The application menu and the text-field context menu, as plain templates (Electron's
// MenuItemConstructorOptions) built from the platform, the app's language and whether this
// is an installed build. Menu.buildFromTemplate turns them into menus in app.ts; the
// templates themselves are unit-tested here without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import { SHELL_STRINGS, type ShellLanguage } from './strings';

export interface MenuActions {
  about(): void;
  openLogsFolder(): void;
  showShortcuts(): void;
  checkForUpdates(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  language: ShellLanguage;
  /** Installed build: no reload and no developer tools in the View menu. */
  isPackaged: boolean;
  actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function applicationMenuTemplate({
  platform,
  language,
  isPackaged,
  actions,
}: MenuContext): MenuItemConstructorOptions[] {
  const s = SHELL_STRINGS[language];
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: s.about, click: () => actions.about() };
  const checkForUpdates: MenuItemConstructorOptions = {
    id: 'check-for-updates',
    label: s.checkForUpdates,
    click: () => actions.checkForUpdates(),
  };

  const menus: MenuItemConstructorOptions[] = [];
  if (mac) {
    menus.push({
      id: 'app',
      label: s.appName,
      submenu: [
        about,
        checkForUpdates,
        separator,
        { role: 'services', label: s.services },
        separator,
        { role: 'hide', label: s.hide },
        { role: 'hideOthers', label: s.hideOthers },
        { role: 'unhide', label: s.unhide },
        separator,
        { role: 'quit', label: s.quit },
      ],
    });
  } else {
    menus.push({ id: 'file', label: s.file, submenu: [{ role: 'quit', label: s.exit }] });
  }

  menus.push({
    id: 'edit',
    label: s.edit,
    submenu: [
      { role: 'undo', label: s.undo },
      { role: 'redo', label: s.redo },
      separator,
      { role: 'cut', label: s.cut },
      { role: 'copy', label: s.copy },
      { role: 'paste', label: s.paste },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: s.pasteAndMatchStyle } as const] : []),
      { role: 'delete', label: s.delete },
      separator,
      { role: 'selectAll', label: s.selectAll },
    ],
  });

  menus.push({
    id: 'view',
    label: s.view,
    submenu: [
      ...(isPackaged
        ? []
        : ([
            { role: 'reload', label: s.reload },
            { role: 'forceReload', label: s.forceReload },
            { role: 'toggleDevTools', label: s.toggleDevTools },
            separator,
          ] as MenuItemConstructorOptions[])),
      { role: 'resetZoom', label: s.resetZoom },
      { role: 'zoomIn', label: s.zoomIn },
      { role: 'zoomOut', label: s.zoomOut },
      separator,
      { role: 'togglefullscreen', label: s.toggleFullScreen },
    ],
  });

  menus.push({
    id: 'window',
    label: s.window,
    role: 'windowMenu',
    submenu: mac
      ? [
          { role: 'minimize', label: s.minimize },
          { role: 'zoom', label: s.zoom },
          separator,
          { role: 'front', label: s.front },
        ]
      : [
          { role: 'minimize', label: s.minimize },
          { role: 'close', label: s.close },
        ],
  });

  menus.push({
    id: 'help',
    label: s.help,
    role: 'help',
    submenu: [
      {
        id: 'shortcuts',
        label: s.shortcuts,
        accelerator: 'CmdOrCtrl+/',
        click: () => actions.showShortcuts(),
      },
      { id: 'open-logs', label: s.openLogs, click: () => actions.openLogsFolder() },
      ...(mac ? [] : [separator, checkForUpdates, about]),
    ],
  });
  return menus;
}

/** The parts of Electron's context-menu params the text-field menu looks at. */
export interface ContextMenuParams {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/**
 * Cut/copy/paste for text fields (copy for selected text elsewhere); spelling suggestions
 * only in English: Japanese text has no spelling to check and would only get noise. Null when
 * there is nothing to offer.
 */
export function contextMenuTemplate(
  params: ContextMenuParams,
  language: ShellLanguage,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] | null {
  const s = SHELL_STRINGS[language];
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && language === 'en' && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 5);
    if (suggestions.length === 0) items.push({ label: s.noSuggestions, enabled: false });
    for (const word of suggestions)
      items.push({ label: word, click: () => actions.replaceMisspelling(word) });
    items.push(
      { label: s.addToDictionary, click: () => actions.addToDictionary(params.misspelledWord) },
      separator,
    );
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: s.cut, enabled: params.editFlags.canCut },
      { role: 'copy', label: s.copy, enabled: params.editFlags.canCopy },
      { role: 'paste', label: s.paste, enabled: params.editFlags.canPaste },
      separator,
      { role: 'selectAll', label: s.selectAll, enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: s.copy, enabled: params.editFlags.canCopy });
  }
  return items.length > 0 ? items : null;
}
