// Keyboard shortcut strings (namespace 'shortcuts'): the help sheet.
import type { Catalog } from '../i18n/catalog';
export const en = {
  title: 'Keyboard shortcuts',
  intro:
    'Shortcuts do nothing while a Japanese input method is converting text: finish or cancel the conversion first.',
  close: 'Close',
  or: 'or',
  groups: {
    global: 'Anywhere',
    navigation: 'Areas',
    lists: 'Lists (incidents, Today)',
    forms: 'Forms and choices',
  },
  do: {
    newIncident: 'New incident',
    palette: 'Search everything, go to, act (command palette)',
    search: 'Search incidents',
    help: 'Show these shortcuts',
    area: 'Go to {{name}}',
    rowPrevious: 'Previous row',
    rowNext: 'Next row',
    rowPageUp: 'One screen up',
    rowPageDown: 'One screen down',
    rowFirst: 'First row',
    rowLast: 'Last row',
    pick: 'Choose the highlighted customer (in the customer field)',
    cancel: 'Close the open form or list without saving',
  },
} as const;

export type ShortcutsCatalog = Catalog<typeof en>;

export const ja: ShortcutsCatalog = {
  title: 'キーボード ショートカット',
  intro: '日本語入力の変換中はショートカットは働きません。変換を確定するか取り消してから押してください。',
  close: '閉じる',
  or: 'または',
  groups: {
    global: 'どこからでも',
    navigation: '画面の切り替え',
    lists: '一覧（インシデント、今日）',
    forms: 'フォームと選択',
  },
  do: {
    newIncident: '新規インシデント',
    palette: 'すべてを検索・移動・操作 (コマンド パレット)',
    search: 'インシデントを検索',
    help: 'このショートカット一覧を表示',
    area: '{{name}}へ移動',
    rowPrevious: '前の行',
    rowNext: '次の行',
    rowPageUp: '1 画面上へ',
    rowPageDown: '1 画面下へ',
    rowFirst: '最初の行',
    rowLast: '最後の行',
    pick: '強調表示中のお客様を選択（お客様の入力欄）',
    cancel: '開いているフォームや一覧を保存せずに閉じる',
  },
};
