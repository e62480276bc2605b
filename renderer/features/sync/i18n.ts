// Sync status and needs-attention strings (namespace 'sync').
import type { Catalog } from '../../i18n/catalog';

export const en = {
  status: {
    notSignedIn: 'Not signed in',
    notSynced: 'Not synced yet',
    syncing: 'Syncing…',
    bootstrap: 'Downloading your data: {{rows}} rows',
    bootstrapRemaining: 'Downloading your data: {{rows}} of about {{total}} rows',
    lastSync: 'Synced {{time}}',
    lastSyncNever: 'Never synced',
    pending_one: '{{count}} change not yet sent',
    pending_other: '{{count}} changes not yet sent',
    allSent: 'All changes sent',
    attention_one: '{{count}} change needs attention',
    attention_other: '{{count}} changes need attention',
    signInToSync: 'Sign in to sync',
    retrying: 'Sync failed ({{reason}}); retrying',
    syncNow: 'Sync now',
    serverReset_one:
      'The server was reset: your data was downloaded again; {{count}} unsent change was kept.',
    serverReset_other:
      'The server was reset: your data was downloaded again; {{count}} unsent changes were kept.',
    dismiss: 'Dismiss',
    storageFull:
      'This computer is out of storage space: new data cannot be saved. Nothing was lost; free some disk space.',
    notPersistent: 'The browser may delete the offline data when space runs low.',
  },
  errors: {
    network: 'server unreachable',
    server: 'server error',
    auth: 'sign-in needed',
    'rate-limited': 'too many requests',
    'storage-full': 'storage full',
    'storage-failed': 'storage error',
    'bad-response': 'unexpected server answer',
    'server-reset': 'server reset',
    password_change_required: 'set your own password first (Account)',
    other: 'error',
  },
  attention: {
    title: 'Changes that need attention',
    intro:
      'The server refused these changes, so they were undone here. Read the reason, then redo the change if it still makes sense.',
    empty: 'Nothing needs attention.',
    madeAt: 'Made {{time}}',
    rejectedAt: 'refused {{time}}',
    reason: 'Reason',
    details: 'What you entered',
    open: 'Open the incident',
    retry: 'Try again',
    retried: 'Done: the change was made again and will be sent.',
    dismiss: 'Dismiss',
    retryFailed: 'It still cannot be made: {{message}}',
  },
  mutations: {
    incident: {
      create: 'New incident',
      setSeverity: 'Change of severity',
      setStatus: 'Change of status',
      recordResponse: 'Response recorded',
    },
    timeline: {
      append: 'Timeline entry',
    },
    request: {
      create: 'New request',
      advance: 'Request stage change',
    },
    healthCheck: {
      schedule: 'Health check scheduled',
      recordFinding: 'Health check finding',
      complete: 'Health check completed',
    },
    report: {
      logSent: 'Report logged as sent',
    },
    customer: {
      update: 'Customer details changed',
      create: 'New customer',
      archive: 'Customer archived or restored',
    },
    contact: {
      upsert: 'Contact saved',
      remove: 'Contact removed',
    },
    deployedProduct: {
      upsert: 'Deployed product saved',
      remove: 'Deployed product removed',
    },
    absence: {
      upsert: 'Absence saved',
      remove: 'Absence removed',
    },
    dutyShift: {
      upsert: 'Duty shift saved',
      remove: 'Duty shift removed',
    },
  },
} as const;

export const ja: Catalog<typeof en> = {
  status: {
    notSignedIn: 'サインインしていません',
    notSynced: 'まだ同期していません',
    syncing: '同期しています…',
    bootstrap: 'データをダウンロードしています: {{rows}} 件',
    bootstrapRemaining: 'データをダウンロードしています: 約 {{total}} 件中 {{rows}} 件',
    lastSync: '{{time}} に同期済み',
    lastSyncNever: '未同期',
    pending_other: '未送信の変更 {{count}} 件',
    allSent: 'すべての変更を送信済み',
    attention_other: '確認が必要な変更 {{count}} 件',
    signInToSync: '同期するにはサインイン',
    retrying: '同期できませんでした ({{reason}})。再試行します',
    syncNow: '今すぐ同期',
    serverReset_other:
      'サーバーがリセットされたため、データを再度ダウンロードしました。未送信の変更 {{count}} 件は保持されています。',
    dismiss: '閉じる',
    storageFull:
      'このコンピューターの保存領域が不足しているため、新しいデータを保存できません。データは失われていません。ディスクの空き容量を増やしてください。',
    notPersistent: '空き容量が少なくなると、ブラウザーがオフライン データを削除する場合があります。',
  },
  errors: {
    network: 'サーバーに接続できません',
    server: 'サーバー エラー',
    auth: 'サインインが必要',
    'rate-limited': 'リクエストが多すぎます',
    'storage-full': '保存領域が不足',
    'storage-failed': '保存エラー',
    'bad-response': 'サーバーの応答が不正',
    'server-reset': 'サーバーのリセット',
    password_change_required: '先にご自身のパスワードを設定してください (アカウント)',
    other: 'エラー',
  },
  attention: {
    title: '確認が必要な変更',
    intro:
      'サーバーが次の変更を受け付けなかったため、このコンピューター上でも取り消しました。理由を確認し、必要であれば変更をやり直してください。',
    empty: '確認が必要な変更はありません。',
    madeAt: '{{time}} に変更',
    rejectedAt: '{{time}} に拒否',
    reason: '理由',
    details: '入力した内容',
    open: 'インシデントを開く',
    retry: 'もう一度実行',
    retried: '変更をもう一度行いました。送信されます。',
    dismiss: '閉じる',
    retryFailed: 'まだ実行できません: {{message}}',
  },
  mutations: {
    incident: {
      create: 'インシデントの作成',
      setSeverity: '重大度の変更',
      setStatus: 'ステータスの変更',
      recordResponse: '回答の記録',
    },
    timeline: {
      append: 'タイムラインへの記録',
    },
    request: {
      create: '依頼の作成',
      advance: '依頼の段階の変更',
    },
    healthCheck: {
      schedule: 'ヘルスチェックの予定',
      recordFinding: 'ヘルスチェックの指摘事項',
      complete: 'ヘルスチェックの完了',
    },
    report: {
      logSent: '報告書の送付記録',
    },
    customer: {
      update: 'お客様情報の変更',
      create: 'お客様の登録',
      archive: 'お客様のアーカイブ・復元',
    },
    contact: {
      upsert: '連絡先の保存',
      remove: '連絡先の削除',
    },
    deployedProduct: {
      upsert: '導入製品の保存',
      remove: '導入製品の削除',
    },
    absence: {
      upsert: '不在の保存',
      remove: '不在の削除',
    },
    dutyShift: {
      upsert: '当番シフトの保存',
      remove: '当番シフトの削除',
    },
  },
};
