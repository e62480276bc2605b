// Strings of the calendar invitations (namespace 'invitation'): the words of the invitation
// and of its e-mail draft, in the language chosen for the customer (health check, quarterly
// review), and the interface of the invitation actions.
import type { Catalog } from '../../i18n/catalog';

export const en = {
  healthCheck: {
    summary: 'Annual health check — {{customer}}',
    description:
      'The annual health check of your support contract, carried out remotely by your Technical Account Manager {{tam}}.\n\nDate: {{date}}, {{start}} – {{end}} ({{zone}})\nArrangements agreed on: {{agreedOn}}',
    moved:
      'The health check was moved to {{date}}: this invitation replaces the earlier one (revision {{sequence}}).',
  },
  review: {
    summary: 'Quarterly review {{period}} — {{customer}}',
    description:
      'Review of the quarterly support report for {{period}} with your Technical Account Manager {{tam}}: response times, incidents, requests and next steps.\n\nDate: {{date}}, {{start}} – {{end}} ({{zone}})',
  },
  mail: {
    greeting: 'Dear {{contact}},',
    greetingUnknown: 'Dear Sir or Madam,',
    attached: 'The invitation is attached (an .ics file): please accept it in your calendar.',
    signature: '{{tam}}\nTechnical Account Manager',
  },
  ui: {
    title: 'Calendar invitation',
    language: 'Language of the invitation',
    languages: { ja: 'Japanese', en: 'English' },
    download: 'Download invitation (.ics)',
    downloadLabel: 'Download the calendar invitation of the health check of {{date}}',
    eml: 'E-mail draft with invitation (.eml)',
    emlLabel: 'Save an e-mail draft with the calendar invitation of the health check of {{date}}',
    saved: 'Saved {{file}}.',
    failed: 'The invitation could not be made: {{message}}',
    noTam: 'The customer’s TAM is not in the user directory on this computer yet: sync, then try again.',
    noRecipients:
      'No contact with an e-mail address receives reports: the invitation has no attendees. Mark the report recipients in the customer’s contacts.',
    revision_one: 'Revision {{sequence}} (moved once): calendars update the earlier invitation.',
    revision_other: 'Revision {{sequence}} (moved {{count}} times): calendars update the earlier invitation.',
    reviewTitle: 'Quarterly review meeting',
    reviewHint: 'Invite the report recipients to review this report. Times are the customer’s ({{zone}}).',
    reviewDate: 'Date',
    reviewStart: 'Start',
    reviewMinutes: 'Duration (minutes)',
    reviewIncomplete: 'Enter the date, the start time and a duration of 15 to 480 minutes.',
    reviewDownload: 'Download invitation (.ics)',
    reviewEml: 'E-mail draft with invitation (.eml)',
  },
};

export const ja: Catalog<typeof en> = {
  healthCheck: {
    summary: '年次ヘルスチェック — {{customer}} 様',
    description:
      'サポート契約の年次ヘルスチェックを、担当TAM {{tam}} がリモートにて実施いたします。\n\n日時：{{date}} {{start}}～{{end}}（{{zone}}）\n実施内容の合意日：{{agreedOn}}',
    moved:
      'ヘルスチェックの日程を {{date}} に変更いたしました。本招待は以前のご案内に代わるものです（改訂 {{sequence}}）。',
  },
  review: {
    summary: '四半期レビュー {{period}} — {{customer}} 様',
    description:
      '{{period}} の四半期サポート報告書について、担当TAM {{tam}} よりご説明いたします（応答時間の実績、インシデント、リクエスト、今後の対応）。\n\n日時：{{date}} {{start}}～{{end}}（{{zone}}）',
  },
  mail: {
    greeting: '{{contact}} 様',
    greetingUnknown: 'ご担当者様',
    attached: 'カレンダーの招待状（.ics ファイル）を添付いたしましたので、ご承諾いただけますと幸いです。',
    signature: '{{tam}}\nテクニカルアカウントマネージャー',
  },
  ui: {
    title: 'カレンダー招待',
    language: '招待状の言語',
    languages: { ja: '日本語', en: '英語' },
    download: '招待状をダウンロード (.ics)',
    downloadLabel: '{{date}} のヘルスチェックのカレンダー招待をダウンロード',
    eml: '招待状付きメール下書き (.eml)',
    emlLabel: '{{date}} のヘルスチェックのカレンダー招待付きメール下書きを保存',
    saved: '{{file}} を保存しました。',
    failed: '招待状を作成できませんでした：{{message}}',
    noTam:
      '顧客の担当TAMがこのコンピューターのユーザー一覧にまだありません。同期してから再度お試しください。',
    noRecipients:
      '報告書を受け取る連絡先にメールアドレスがないため、招待状の出席者がいません。顧客の連絡先で報告書の受信者を設定してください。',
    revision_other: '改訂 {{sequence}}（{{count}} 回変更）：カレンダーでは以前の招待が更新されます。',
    reviewTitle: '四半期レビュー会議',
    reviewHint: '報告書の受信者をこの報告書のレビューに招待します。時刻は顧客の時刻（{{zone}}）です。',
    reviewDate: '日付',
    reviewStart: '開始時刻',
    reviewMinutes: '所要時間（分）',
    reviewIncomplete: '日付、開始時刻、15～480 分の所要時間を入力してください。',
    reviewDownload: '招待状をダウンロード (.ics)',
    reviewEml: '招待状付きメール下書き (.eml)',
  },
};
