// Strings of the daily critical-incident report pages (namespace 'reportPdf'). The report
// itself is written with shared/analytics reportLabels in the report's language.
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Daily report for the customer: {{title}}',
  breadcrumbReports: 'Reports',
  breadcrumbQuarterly: 'Quarterly and critical-incident reports',
  loading: 'Loading…',
  signIn: 'Sign in to prepare reports.',
  notFound: 'This incident is not in your data.',
  notCritical: 'Daily reports are for level-1 incidents; this incident is not (or no longer) level 1.',
  language: 'Report language',
  ja: 'Japanese',
  en: 'English',
  logHint: 'Once sent, log it on the incident’s timeline from the daily reports page.',
  logLink: 'Log the daily report as sent',
  incidentLink: 'Open the incident',
  export: {
    title: 'Export',
    pdf: 'Export PDF',
    print: 'Open the print view',
    eml: 'Download the e-mail (.eml)',
    desktopHint: 'The desktop app makes the PDF and attaches it to the e-mail.',
    browserHint:
      'In the browser the PDF is made with the print dialog (“Save as PDF”), and the e-mail file carries the report as an HTML attachment instead of a PDF: the browser cannot produce PDF bytes itself.',
    working: 'Preparing…',
    saved: 'Saved {{file}}.',
    cancelled: 'Not saved: the save dialog was closed.',
    emlSaved: 'E-mail file {{file}} downloaded: open it in your mail program, check it and send it.',
    failed: 'The report could not be exported: {{message}}',
    mailIntro: 'Please find attached today’s status report.',
  },
  preview: 'Preview',
  print: {
    toolbar: 'Report print view',
    print: 'Print or save as PDF',
    back: 'Back to the report',
    loading: 'Preparing the report…',
  },
} as const;

export const ja: Catalog<typeof en> = {
  title: 'お客様向け日次レポート：{{title}}',
  breadcrumbReports: 'レポート',
  breadcrumbQuarterly: '四半期レポートとクリティカルインシデントのレポート',
  loading: '読み込み中…',
  signIn: 'レポートを作成するにはサインインしてください。',
  notFound: 'このインシデントはデータにありません。',
  notCritical: '日次レポートはレベル 1 のインシデントが対象です。このインシデントはレベル 1 ではありません。',
  language: 'レポートの言語',
  ja: '日本語',
  en: '英語',
  logHint: '送付したら、日次報告の画面でインシデントの時系列に記録してください。',
  logLink: '日次報告を送付済みとして記録',
  incidentLink: 'インシデントを開く',
  export: {
    title: '出力',
    pdf: 'PDF を出力',
    print: '印刷用ビューを開く',
    eml: 'メールファイル（.eml）をダウンロード',
    desktopHint: 'デスクトップアプリが PDF を作成し、メールに添付します。',
    browserHint:
      'ブラウザーでは PDF は印刷ダイアログ（「PDF に保存」）で作成します。ブラウザー自体は PDF を生成できないため、メールファイルには PDF の代わりに HTML 形式のレポートを添付します。',
    working: '準備しています…',
    saved: '{{file}} を保存しました。',
    cancelled: '保存ダイアログが閉じられたため保存していません。',
    emlSaved:
      'メールファイル {{file}} をダウンロードしました。メールソフトで開き、内容を確認して送信してください。',
    failed: 'レポートを出力できませんでした：{{message}}',
    mailIntro: '本日の状況報告を添付いたします。',
  },
  preview: 'プレビュー',
  print: {
    toolbar: 'レポートの印刷用ビュー',
    print: '印刷または PDF に保存',
    back: 'レポートに戻る',
    loading: 'レポートを準備しています…',
  },
};
