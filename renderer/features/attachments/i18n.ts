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
    'too-large': '“{{name}}” is larger than {{max}}; compress or split it, then attach it again.',
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
    'too-large': '「{{name}}」は {{max}} を超えています。圧縮または分割してから、もう一度添付してください。',
    'disk-full':
      '「{{name}}」を添付できませんでした。このコンピューターの保存領域が不足しています。ディスクの空きを増やすか、ダウンロード済みの添付ファイルを削除してから、もう一度お試しください。',
    failed: '「{{name}}」をこのコンピューターに保存できませんでした。もう一度お試しください。',
  },
  status: {
    uploading_other: '{{count}} 件のファイルをアップロード中（{{percent}} %）',
    failed_other: '{{count}} 件のファイルをアップロードできませんでした',
  },
};
