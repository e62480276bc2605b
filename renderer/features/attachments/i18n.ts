// Attachment strings (namespace 'attachments'): the attachments panel of incidents and
// requests, and the upload status in the status bar.
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Attachments',
  drop: 'Drop files here, or',
  choose: 'Choose files…',
  hint: 'Logs, captures, screenshots: up to {{max}} each. They are kept on this computer until uploaded.',
  empty: 'No attachments yet.',
  download: 'Download',
  downloading: 'Downloading…',
  remove: 'Remove',
  state: {
    local: 'Waiting to upload',
    pending: 'Uploading',
    uploaded: 'Uploaded',
    quarantined: 'Quarantined by the server’s scanner',
  },
  progress: '{{percent}} % uploaded',
  refused: {
    'too-large':
      '“{{name}}” is larger than the limit of {{max}} per file; compress or split it, then attach it again (the limit is set under Account → Attachments).',
    'disk-full':
      '“{{name}}” was not attached: this computer is out of storage space. Free some disk space (or remove downloaded attachments) and try again.',
    failed: '“{{name}}” could not be kept on this computer. Try again.',
  },
  status: {
    uploading_one: 'Uploading {{count}} file ({{percent}} %)',
    uploading_other: 'Uploading {{count}} files ({{percent}} %)',
    failed_one: '{{count}} file could not be uploaded',
    failed_other: '{{count}} files could not be uploaded',
  },
  settings: {
    title: 'Attachments',
    maxLabel: 'Largest file to attach',
    maxHint:
      'Now {{current}} per file. From 1 MB up to the server’s limit of {{server}}; the default is {{default}}. A larger file is refused when attached, with a message.',
    custom: '(Set on this computer.)',
    save: 'Save',
    reset: 'Back to the default',
    saved: 'Saved: files up to {{max}} can be attached.',
    invalid: {
      'not-whole': 'Enter a whole number of MB, from 1 to {{max}}.',
      'too-small': 'The limit must be at least 1 MB.',
      'over-server': 'The server accepts at most {{max}} MB per file; enter {{max}} or less.',
    },
  },
} as const;

export const ja: Catalog<typeof en> = {
  title: '添付ファイル',
  drop: 'ここにファイルをドロップするか、',
  choose: 'ファイルを選択…',
  hint: 'ログ、キャプチャ、スクリーンショットなど（1 件あたり {{max}} まで）。アップロードされるまでこのコンピューターに保存されます。',
  empty: '添付ファイルはまだありません。',
  download: 'ダウンロード',
  downloading: 'ダウンロード中…',
  remove: '削除',
  state: {
    local: 'アップロード待ち',
    pending: 'アップロード中',
    uploaded: 'アップロード済み',
    quarantined: 'サーバーのスキャナーにより隔離されました',
  },
  progress: '{{percent}} % アップロード済み',
  refused: {
    'too-large':
      '「{{name}}」は 1 ファイルあたりの上限 {{max}} を超えています。圧縮または分割してから、もう一度添付してください（上限は「アカウント」→「添付ファイル」で設定します）。',
    'disk-full':
      '「{{name}}」を添付できませんでした。このコンピューターの保存領域が不足しています。ディスクの空きを増やすか、ダウンロード済みの添付ファイルを削除してから、もう一度お試しください。',
    failed: '「{{name}}」をこのコンピューターに保存できませんでした。もう一度お試しください。',
  },
  status: {
    uploading_other: '{{count}} 件のファイルをアップロード中（{{percent}} %）',
    failed_other: '{{count}} 件のファイルをアップロードできませんでした',
  },
  settings: {
    title: '添付ファイル',
    maxLabel: '添付できるファイルの最大サイズ',
    maxHint:
      '現在は 1 ファイルあたり {{current}} です。1 MB からサーバーの上限 {{server}} まで設定できます（既定値は {{default}}）。これより大きいファイルは、添付するときにメッセージを表示して受け付けません。',
    custom: '（このコンピューターで設定済み）',
    save: '保存',
    reset: '既定値に戻す',
    saved: '保存しました。{{max}} までのファイルを添付できます。',
    invalid: {
      'not-whole': '1 から {{max}} までの整数（MB）を入力してください。',
      'too-small': '上限は 1 MB 以上にしてください。',
      'over-server':
        'サーバーが受け付けるのは 1 ファイルあたり {{max}} MB までです。{{max}} 以下を入力してください。',
    },
  },
};
