// Strings of the data exports (namespace 'exports').
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Data exports',
  intro:
    'The incidents and SLA results of the period shown, with headers and labels in your language, times in the customer’s time zone ({{zone}}).',
  incidentsCsv: 'Incidents (CSV)',
  slaCsv: 'SLA results (CSV)',
  xlsx: 'Incidents and SLA results (Excel)',
  progressLabel: 'Export progress',
  progress: 'Exporting… {{done}} of {{total}} rows',
  preparing: 'Preparing the export…',
  cancel: 'Cancel the export',
  cancelled: 'Export cancelled; no file was saved.',
  done: 'Saved {{file}} ({{rows}} incidents).',
  failed: 'The export failed: {{message}}',
  fileIncidents: 'incidents',
  fileSla: 'sla-results',
  fileBoth: 'incidents-and-sla',
} as const;

export const ja: Catalog<typeof en> = {
  title: 'データのエクスポート',
  intro:
    '表示中の期間のインシデントと SLA 実績を出力します。見出しと表記はご利用中の言語、日時はお客様のタイムゾーン（{{zone}}）です。',
  incidentsCsv: 'インシデント（CSV）',
  slaCsv: 'SLA 実績（CSV）',
  xlsx: 'インシデントと SLA 実績（Excel）',
  progressLabel: 'エクスポートの進捗',
  progress: 'エクスポート中… {{total}} 行中 {{done}} 行',
  preparing: 'エクスポートを準備しています…',
  cancel: 'エクスポートを中止',
  cancelled: 'エクスポートを中止しました。ファイルは保存されていません。',
  done: '{{file}} を保存しました（インシデント {{rows}} 件）。',
  failed: 'エクスポートに失敗しました：{{message}}',
  fileIncidents: 'インシデント',
  fileSla: 'SLA実績',
  fileBoth: 'インシデントとSLA実績',
};
