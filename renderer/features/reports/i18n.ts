// Strings of the reports area (namespace 'reports').
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Reports',
  daily: {
    title: 'Daily reports',
    intro: 'A status report every day for each open level-1 incident, by email or phone.',
    nothingOwed: 'No daily report is owed today.',
    owed: 'Daily reports owed today: {{n}} (overdue: {{overdue}}).',
    open: 'Open the daily reports',
  },
  quarterly: {
    title: 'Quarterly reports',
    later: 'Quarterly reports per customer will be available here in a later version.',
  },
  log: {
    title: 'Report log',
    none: 'No report has been sent yet.',
    caption: 'Reports sent to customers, newest first (at most {{n}})',
    sentAt: 'Sent',
    customer: 'Customer',
    kind: 'Report',
    period: 'Period',
    via: 'Sent by',
    note: 'Note',
    incident: 'incident',
    range: '{{start}} to {{end}}',
  },
} as const;

export const ja: Catalog<typeof en> = {
  title: 'レポート',
  daily: {
    title: '日次報告',
    intro: '対応中のレベル1 インシデントごとに、毎日メールまたは電話で状況を報告します。',
    nothingOwed: '本日必要な日次報告はありません。',
    owed: '本日必要な日次報告: {{n}} 件（期限超過: {{overdue}} 件）',
    open: '日次報告を開く',
  },
  quarterly: {
    title: '四半期レポート',
    later: 'お客様ごとの四半期レポートは今後のバージョンでここに表示されます。',
  },
  log: {
    title: 'レポート送付履歴',
    none: '送付したレポートはまだありません。',
    caption: 'お客様に送付したレポート（新しい順、最大 {{n}} 件）',
    sentAt: '送付日時',
    customer: 'お客様',
    kind: 'レポート',
    period: '対象期間',
    via: '送付方法',
    note: 'メモ',
    incident: 'インシデント',
    range: '{{start}} ～ {{end}}',
  },
};
