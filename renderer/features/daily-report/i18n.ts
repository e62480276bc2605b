// Strings of the daily report views (namespace 'dailyReport'). The draft text itself is
// written by draft.ts with the 'dailyDraft' namespace (draft-i18n.ts) in the report's language.
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Daily reports',
  intro:
    'While a level-1 incident is open, the customer gets a status report every day, by email or phone. "Today" is the customer\'s local date; a report is due until 18:00 there.',
  reports: 'Reports',
  pick: 'Choose an incident to draft its report.',
  notOwed: '"{{title}}" is not an open level-1 incident: no daily report is owed.',
  error: 'Not saved: {{message}}',
  summary: {
    none: 'No open level-1 incident: no daily report is owed today.',
    counts: 'Open level-1 incidents: {{total}} — due today: {{due}}, overdue: {{overdue}}.',
  },
  board: {
    caption: "Today's daily reports",
    incident: 'Incident',
    customer: 'Customer',
    today: 'Today',
    last: 'Last report',
    lastSent: '{{time}} by {{via}}',
    never: 'None yet',
    dueBy: 'by {{time}} ({{zone}})',
    doneAt: 'sent {{time}} by {{via}}',
    notOwed: {
      received_after_cutoff: 'received after the cut-off today: first report due tomorrow',
      not_a_business_day: 'not a business day',
    },
  },
  via: {
    email: 'email',
    phone: 'phone',
  },
  language: {
    ja: 'Japanese',
    en: 'English',
  },
  draft: {
    title: 'Daily report: {{title}}',
    openIncident: 'Open the incident',
    sinceLast: 'covers what happened since the last report ({{time}})',
    sinceReceipt: 'first report: covers everything since the receipt ({{time}})',
    language: 'Report language',
    subject: 'Subject',
    body: 'Text',
    copy: 'Copy',
    copied: 'Subject and text copied to the clipboard.',
    copyFailed: 'Could not copy: {{message}}',
    openMail: 'Open as e-mail',
    mailOpened: 'The e-mail draft was handed to your mail program.',
    mailFailed: 'Could not open the mail program ({{message}}). Save the .eml file instead and open it.',
    saveEml: 'Save as .eml',
    attachFiles: 'Attach to the .eml draft (the incident’s uploaded files)',
    emlSaved: 'E-mail draft saved: open the .eml file to send it.',
    emlFailed: 'Could not build the e-mail draft: {{message}}',
    regenerate: 'Discard my edits',
  },
  log: {
    title: 'Log the report as sent',
    via: 'Sent by',
    note: 'Note (optional)',
    submit: 'Log as sent',
    logged: 'Logged: sent by {{via}} at {{time}}. It is on the incident timeline.',
  },
} as const;

export const ja: Catalog<typeof en> = {
  title: '日次報告',
  intro:
    'レベル1 のインシデントが対応中の間は、毎日メールまたは電話でお客様に状況を報告します。「今日」はお客様の現地日付で、現地時刻 18:00 までが期限です。',
  reports: 'レポート',
  pick: '報告を作成するインシデントを選んでください。',
  notOwed: '「{{title}}」は対応中のレベル1 インシデントではないため、日次報告は不要です。',
  error: '保存できませんでした: {{message}}',
  summary: {
    none: '対応中のレベル1 インシデントはありません。今日の日次報告は不要です。',
    counts: '対応中のレベル1 インシデント: {{total}} 件 — 本日期限: {{due}} 件、期限超過: {{overdue}} 件',
  },
  board: {
    caption: '本日の日次報告',
    incident: 'インシデント',
    customer: 'お客様',
    today: '本日',
    last: '前回の報告',
    lastSent: '{{time}}（{{via}}）',
    never: 'まだありません',
    dueBy: '{{time}} まで（{{zone}}）',
    doneAt: '{{time}} に{{via}}で送付済み',
    notOwed: {
      received_after_cutoff: '本日の締め切り後に受付: 初回の報告は明日',
      not_a_business_day: '営業日ではありません',
    },
  },
  via: {
    email: 'メール',
    phone: '電話',
  },
  language: {
    ja: '日本語',
    en: '英語',
  },
  draft: {
    title: '日次報告: {{title}}',
    openIncident: 'インシデントを開く',
    sinceLast: '前回の報告（{{time}}）以降の経過を記載します',
    sinceReceipt: '初回の報告: 受付（{{time}}）以降のすべてを記載します',
    language: '報告の言語',
    subject: '件名',
    body: '本文',
    copy: 'コピー',
    copied: '件名と本文をクリップボードにコピーしました。',
    copyFailed: 'コピーできませんでした: {{message}}',
    openMail: 'メールとして開く',
    mailOpened: 'メールの下書きをメールソフトに渡しました。',
    mailFailed:
      'メールソフトを開けませんでした（{{message}}）。代わりに .eml ファイルを保存して開いてください。',
    saveEml: '.eml として保存',
    attachFiles: '.eml の下書きに添付する（インシデントのアップロード済みファイル）',
    emlSaved: 'メールの下書きを保存しました。.eml ファイルを開いて送信してください。',
    emlFailed: 'メールの下書きを作成できませんでした: {{message}}',
    regenerate: '編集を破棄',
  },
  log: {
    title: '送付済みとして記録',
    via: '送付方法',
    note: 'メモ（任意）',
    submit: '送付済みとして記録',
    logged: '記録しました: {{time}} に{{via}}で送付。インシデントのタイムラインに追加されました。',
  },
};
