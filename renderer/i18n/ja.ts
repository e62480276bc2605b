import type { Catalog } from './catalog';
import type { en } from './en';

export const ja: Catalog<typeof en> = {
  app: {
    title: 'TAM ワークステーション',
    skipToContent: '本文へ移動',
  },
  nav: {
    label: 'メインナビゲーション',
    today: '今日',
    customers: 'お客様',
    incidents: 'インシデント',
    requests: 'リクエスト',
    healthChecks: 'ヘルスチェック',
    reports: 'レポート',
    manager: 'マネージャー',
  },
  language: {
    label: '言語',
    ja: '日本語',
    en: 'English',
  },
  status: {
    label: '接続と同期の状態',
    online: 'オンライン',
    offline: 'オフライン — 変更はこのコンピューターに保存されています',
    syncIdle: 'まだ同期していません',
    syncing: '同期中…',
    runtimeDesktop: 'デスクトップアプリ',
    runtimeWeb: 'ブラウザーモード',
  },
  areas: {
    today: {
      title: '今日',
      intro: 'SLA 違反が迫っているもの、現在の対応者、今日お客様に提出すべきもの。',
    },
    customers: {
      title: 'お客様',
      intro: '担当のお客様アカウント：契約、営業カレンダー、連絡先、導入製品。',
    },
    incidents: {
      title: 'インシデント',
      intro: 'すべてのインシデントの対応時間と完全なタイムライン。',
    },
    requests: {
      title: 'リクエスト',
      intro: 'シグネチャのリリースと非公開パッチを段階別に表示します。',
    },
    healthChecks: {
      title: 'ヘルスチェック',
      intro: '年に一度のヘルスチェック：日程調整、所見と推奨事項。',
    },
    reports: {
      title: 'レポート',
      intro: 'クリティカルなインシデントの日次報告と、お客様ごとの四半期レポート。',
    },
    manager: {
      title: 'マネージャー',
      intro: 'チーム全体のお客様別チャート：SLA 実績、件数、傾向。',
    },
  },
  notFound: {
    title: 'ページが見つかりません',
    back: '「今日」へ戻る',
  },
};
