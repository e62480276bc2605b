// Command palette strings (namespace 'palette'): search everything, go anywhere, act.
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Search and commands',
  placeholder: 'Search incidents, timelines, customers, contacts, requests, findings… or type a command',
  close: 'Close',
  results: 'Results',
  none: 'Nothing found for “{{query}}”.',
  searching: 'Searching…',
  indexing: 'The search index is being built ({{docs}} entries so far): results may be incomplete.',
  unavailable:
    'Search is not available: {{message}}. Close and reopen the window; if it persists, sign in again.',
  hint: '↑↓ to move, Enter to open, Esc to close',
  routeErrors: {
    no_indexer:
      'No window answered the search: the window that keeps the search index did not take it. Try again; if it persists, close the app’s other windows and reopen this one.',
    timed_out:
      'The search took too long (the window that keeps the search index may still be loading it). Try again in a moment.',
    stopped:
      'The search stopped (you signed out, or another replica was opened). Sign in again, then search.',
  },
  count_one: '{{count}} result',
  count_other: '{{count}} results',
  filters: {
    label: 'Filters',
    kind: 'Kind',
    customer: 'Customer',
    level: 'Level',
    status: 'Status',
    from: 'From',
    to: 'To',
    any: 'Any',
    clear: 'Clear filters',
  },
  kinds: {
    action: 'Actions',
    navigation: 'Go to',
    incident: 'Incidents',
    event: 'Timeline entries',
    customer: 'Customers',
    contact: 'Contacts',
    request: 'Requests',
    finding: 'Health-check findings',
  },
  actions: {
    newIncident: 'New incident',
    newIncidentFor: 'New incident for {{customer}}',
    dailyReport: 'Open today’s daily report',
    goTo: 'Go to {{area}}',
  },
} as const;

export type PaletteCatalog = Catalog<typeof en>;

export const ja: PaletteCatalog = {
  title: '検索とコマンド',
  placeholder: 'インシデント・時系列・お客様・連絡先・リクエスト・指摘を検索、またはコマンドを入力',
  close: '閉じる',
  results: '検索結果',
  none: '「{{query}}」に一致するものはありません。',
  searching: '検索中…',
  indexing: '検索インデックスを作成中です (現在 {{docs}} 件)。結果が一部欠けることがあります。',
  unavailable:
    '検索を利用できません: {{message}}。ウィンドウを開き直し、解消しない場合はサインインし直してください。',
  hint: '↑↓ で移動、Enter で開く、Esc で閉じる',
  routeErrors: {
    no_indexer:
      '検索に応答するウィンドウがありません (検索インデックスを持つウィンドウが受け付けませんでした)。もう一度お試しください。解消しない場合は、アプリの他のウィンドウを閉じてから、このウィンドウを開き直してください。',
    timed_out:
      '検索に時間がかかりすぎました (検索インデックスを持つウィンドウがまだ読み込み中の可能性があります)。しばらくしてから、もう一度お試しください。',
    stopped:
      '検索が停止しました (サインアウトしたか、別のレプリカが開かれました)。サインインし直してから検索してください。',
  },
  count_other: '{{count}} 件',
  filters: {
    label: '絞り込み',
    kind: '種類',
    customer: 'お客様',
    level: 'レベル',
    status: 'ステータス',
    from: '開始日',
    to: '終了日',
    any: 'すべて',
    clear: '絞り込みを解除',
  },
  kinds: {
    action: '操作',
    navigation: '移動',
    incident: 'インシデント',
    event: '時系列の記録',
    customer: 'お客様',
    contact: '連絡先',
    request: 'リクエスト',
    finding: 'ヘルスチェックの指摘',
  },
  actions: {
    newIncident: 'インシデントを新規作成',
    newIncidentFor: '{{customer}} のインシデントを新規作成',
    dailyReport: '今日の日次報告を開く',
    goTo: '{{area}} へ移動',
  },
};
