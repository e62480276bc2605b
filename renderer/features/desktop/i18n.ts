// The desktop shell's texts in the window (namespace 'desktop'): the error page of an area.
import type { Catalog } from '../../i18n/catalog';
export const en = {
  error: {
    title: 'Something went wrong',
    body: 'This view stopped because of an error in the app. Your offline data and unsent changes are safe. Reload the view; if it happens again, copy the details and send them to support.',
    copy: 'Copy details',
    copied: 'Details copied',
    copyFailed: 'Could not copy; select the details below and copy them.',
    reload: 'Reload',
    today: 'Go to Today',
    details: 'Details',
  },
} as const;

export type DesktopCatalog = Catalog<typeof en>;

export const ja: DesktopCatalog = {
  error: {
    title: '問題が発生しました',
    body: 'アプリのエラーにより、この画面を表示できなくなりました。オフラインデータと未送信の変更は安全です。再読み込みしてください。繰り返し起きる場合は詳細をコピーしてサポートに送ってください。',
    copy: '詳細をコピー',
    copied: '詳細をコピーしました',
    copyFailed: 'コピーできませんでした。下の詳細を選択してコピーしてください。',
    reload: '再読み込み',
    today: '今日の画面へ',
    details: '詳細',
  },
};
