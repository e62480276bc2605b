// The words of the desktop shell itself (menus, dialogs, the update prompt), in the app's
// two languages. The window's own texts live in the renderer's catalogs.
export type ShellLanguage = 'ja' | 'en';

export function shellLanguage(locale: string | undefined): ShellLanguage {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const en = {
  appName: 'TAM Workstation',
  file: 'File',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  help: 'Help',
  about: 'About TAM Workstation',
  services: 'Services',
  hide: 'Hide TAM Workstation',
  hideOthers: 'Hide Others',
  unhide: 'Show All',
  quit: 'Quit TAM Workstation',
  exit: 'Exit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  pasteAndMatchStyle: 'Paste and Match Style',
  delete: 'Delete',
  selectAll: 'Select All',
  reload: 'Reload',
  forceReload: 'Force Reload',
  toggleDevTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  minimize: 'Minimize',
  zoom: 'Zoom',
  close: 'Close',
  front: 'Bring All to Front',
  openLogs: 'Open Logs Folder',
  shortcuts: 'Keyboard Shortcuts',
  checkForUpdates: 'Check for Updates…',
  noSuggestions: 'No spelling suggestions',
  addToDictionary: 'Add to Dictionary',
  ok: 'OK',
  aboutDetail: (v: { version: string; electron: string; chrome: string; node: string }) =>
    `Version ${v.version}\nElectron ${v.electron}, Chromium ${v.chrome}, Node.js ${v.node}`,
  aboutLicences: 'Licences of bundled fonts and data',
  updateReadyTitle: 'Update ready',
  updateReady: (version: string) => `TAM Workstation ${version} has been downloaded. Restart now to update?`,
  updateUnsent: (count: number) =>
    count === 1
      ? '1 change made here has not been sent to the server yet. It is kept and sent after the restart, but to be safe, wait until it has synced.'
      : `${count} changes made here have not been sent to the server yet. They are kept and sent after the restart, but to be safe, wait until they have synced.`,
  restartNow: 'Restart to Update',
  restartAnyway: 'Restart Anyway',
  later: 'Later',
  upToDateTitle: 'No update',
  upToDate: (version: string) => `TAM Workstation ${version} is the latest version.`,
  updateFailedTitle: 'Update check failed',
  updateFailed:
    'Could not check for updates on the server. Check your network connection; the app checks again in a few hours.',
  crashedTitle: 'The window stopped working',
  crashed:
    'The window stopped working. Your offline data and unsent changes are safe on this computer. Reload the window to continue.',
  unresponsiveTitle: 'The window is not responding',
  unresponsive:
    'The window is not responding. Wait a little, or reload it; your offline data and unsent changes are safe.',
  reloadWindow: 'Reload',
  wait: 'Wait',
  quitApp: 'Quit',
};

export type ShellStrings = typeof en;

const ja: ShellStrings = {
  appName: 'TAM Workstation',
  file: 'ファイル',
  edit: '編集',
  view: '表示',
  window: 'ウインドウ',
  help: 'ヘルプ',
  about: 'TAM Workstation について',
  services: 'サービス',
  hide: 'TAM Workstation を隠す',
  hideOthers: 'ほかを隠す',
  unhide: 'すべてを表示',
  quit: 'TAM Workstation を終了',
  exit: '終了',
  undo: '元に戻す',
  redo: 'やり直す',
  cut: '切り取り',
  copy: 'コピー',
  paste: '貼り付け',
  pasteAndMatchStyle: 'ペーストしてスタイルを合わせる',
  delete: '削除',
  selectAll: 'すべてを選択',
  reload: '再読み込み',
  forceReload: '強制再読み込み',
  toggleDevTools: '開発者ツールの表示切り替え',
  resetZoom: '実際のサイズ',
  zoomIn: '拡大',
  zoomOut: '縮小',
  toggleFullScreen: 'フルスクリーンの切り替え',
  minimize: 'しまう',
  zoom: '拡大/縮小',
  close: '閉じる',
  front: 'すべてを手前に移動',
  openLogs: 'ログフォルダを開く',
  shortcuts: 'キーボードショートカット',
  checkForUpdates: 'アップデートを確認…',
  noSuggestions: 'スペルの候補はありません',
  addToDictionary: '辞書に追加',
  ok: 'OK',
  aboutDetail: (v) =>
    `バージョン ${v.version}\nElectron ${v.electron}、Chromium ${v.chrome}、Node.js ${v.node}`,
  aboutLicences: '同梱のフォントとデータのライセンス',
  updateReadyTitle: 'アップデートの準備ができました',
  updateReady: (version) =>
    `TAM Workstation ${version} をダウンロードしました。今すぐ再起動してアップデートしますか？`,
  updateUnsent: (count) =>
    `この端末で行った ${count} 件の変更がまだサーバーに送信されていません。変更は保持され再起動後に送信されますが、念のため同期が終わるまでお待ちください。`,
  restartNow: '再起動してアップデート',
  restartAnyway: 'それでも再起動',
  later: 'あとで',
  upToDateTitle: 'アップデートはありません',
  upToDate: (version) => `TAM Workstation ${version} は最新のバージョンです。`,
  updateFailedTitle: 'アップデートを確認できませんでした',
  updateFailed:
    'サーバーでアップデートを確認できませんでした。ネットワーク接続を確認してください。数時間後に自動でもう一度確認します。',
  crashedTitle: 'ウインドウが停止しました',
  crashed:
    'ウインドウが停止しました。オフラインデータと未送信の変更はこの端末に安全に保存されています。再読み込みして続けてください。',
  unresponsiveTitle: 'ウインドウが応答していません',
  unresponsive:
    'ウインドウが応答していません。しばらく待つか、再読み込みしてください。オフラインデータと未送信の変更は安全です。',
  reloadWindow: '再読み込み',
  wait: '待つ',
  quitApp: '終了',
};

export const SHELL_STRINGS: Record<ShellLanguage, ShellStrings> = { ja, en };
