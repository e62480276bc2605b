// Sign-in, sign-out and session banner strings (namespace 'signIn').
import type { Catalog } from '../../i18n/catalog';

export const en = {
  title: 'Sign in',
  intro:
    'Sign in to the TAM Workstation server of your team. Your data is kept on this computer, so you can keep working offline.',
  serverUrl: 'Server address',
  serverUrlHint: 'For example https://tam.example.co.jp',
  email: 'Email address',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  signedInAs: 'Signed in as {{name}}',
  again: {
    title: 'Sign in again',
    intro:
      'Your session on {{server}} has ended. Everything you did is kept on this computer and is sent once you sign in again.',
  },
  errors: {
    missing: 'Enter the server address, your email address and your password.',
    invalidCredentials: 'The email address or password is not correct. Check both and try again.',
    rateLimited: 'Too many sign-in attempts. Wait a few minutes, then try again.',
    deactivated: 'Your account has been deactivated. Ask an administrator if you need access again.',
    unreachable: 'The server at {{server}} cannot be reached. Check the address and your network connection.',
    invalidServer:
      'This server address is not valid. Use an address that starts with https:// (http:// only for this computer).',
    badResponse: 'The server at {{server}} did not answer like a TAM Workstation server. Check the address.',
    other: 'Sign-in failed: {{message}}',
  },
  banner: {
    signedOut: 'You are not signed in.',
    signIn: 'Sign in',
    needsSignIn:
      'Your session has ended. Your changes are kept on this computer and are sent after you sign in again.',
    needsSignInOffline: 'Your session has ended. Keep working offline; sign in again once you are online.',
    signInAgain: 'Sign in again',
    failed: 'The offline data could not be opened: {{message}}',
    replicaLocked:
      "The offline data on this computer could not be decrypted with this computer's key for you. Nothing was changed. Sign in again: if the key is back (for example the keyring is unlocked) it opens as before; if the key is gone for good, your data is downloaded again and changes not yet sent from this computer are lost.",
    replicaKeyUnavailable:
      "The key of your offline data could not be obtained from this computer's keyring, so the data stays closed and unchanged. Unlock the keyring (or sign in to the computer account that created it), then sign in again.",
    revoked:
      'Your session was ended on the server (by an administrator, a password change or "sign out everywhere"), so the offline data was deleted from this computer. Sign in again to continue.',
  },
  menu: {
    label: 'Account',
    signOut: 'Sign out',
  },
  signOut: {
    title: 'Sign out',
    intro: 'Signing out forgets your session on this computer.',
    wipe: 'Also delete my offline data from this computer',
    wipeHint: 'Choose this on a shared or borrowed computer. Your data stays on the server.',
    unsent_one:
      'Warning: {{count}} change has not reached the server yet. Deleting the offline data loses it.',
    unsent_other:
      'Warning: {{count}} changes have not reached the server yet. Deleting the offline data loses them.',
    waitForSync: 'Sync first, then sign out',
    waiting_one: 'Waiting for {{count}} change to reach the server… You are signed out as soon as it has.',
    waiting_other:
      'Waiting for {{count}} changes to reach the server… You are signed out as soon as they have.',
    stopWaiting: 'Stop waiting',
    confirm: 'Sign out',
    cancel: 'Cancel',
  },
} as const;

export const ja: Catalog<typeof en> = {
  title: 'サインイン',
  intro:
    'チームの TAM ワークステーション サーバーにサインインします。データはこのコンピューターに保存されるため、オフラインでも作業を続けられます。',
  serverUrl: 'サーバーのアドレス',
  serverUrlHint: '例: https://tam.example.co.jp',
  email: 'メールアドレス',
  password: 'パスワード',
  submit: 'サインイン',
  submitting: 'サインインしています…',
  signedInAs: '{{name}} としてサインイン中',
  again: {
    title: '再度サインイン',
    intro:
      '{{server}} のセッションが終了しました。作業内容はすべてこのコンピューターに保存されており、再度サインインすると送信されます。',
  },
  errors: {
    missing: 'サーバーのアドレス、メールアドレス、パスワードを入力してください。',
    invalidCredentials:
      'メールアドレスまたはパスワードが正しくありません。両方を確認して、もう一度お試しください。',
    rateLimited: 'サインインの試行回数が多すぎます。数分待ってから、もう一度お試しください。',
    deactivated: 'このアカウントは無効化されています。アクセスが必要な場合は管理者にお問い合わせください。',
    unreachable: '{{server}} のサーバーに接続できません。アドレスとネットワーク接続を確認してください。',
    invalidServer:
      'サーバーのアドレスが正しくありません。https:// で始まるアドレスを使ってください (http:// はこのコンピューター内のサーバーのみ)。',
    badResponse:
      '{{server}} のサーバーは TAM ワークステーションのサーバーとして応答しませんでした。アドレスを確認してください。',
    other: 'サインインできませんでした: {{message}}',
  },
  banner: {
    signedOut: 'サインインしていません。',
    signIn: 'サインイン',
    needsSignIn:
      'セッションが終了しました。変更はこのコンピューターに保存されており、再度サインインすると送信されます。',
    needsSignInOffline:
      'セッションが終了しました。オフラインのまま作業を続け、オンラインになったら再度サインインしてください。',
    signInAgain: '再度サインイン',
    failed: 'オフライン データを開けませんでした: {{message}}',
    replicaLocked:
      'このコンピューターにあるあなたの鍵では、オフライン データを復号できませんでした。データは変更していません。再度サインインしてください。鍵が戻っていれば (キーリングのロック解除など) そのまま開きます。鍵が失われている場合はデータを再ダウンロードし、このコンピューターから未送信の変更は失われます。',
    replicaKeyUnavailable:
      'このコンピューターのキーリングからオフライン データの鍵を取得できなかったため、データは開かず変更もしていません。キーリングのロックを解除してから (または鍵を作成したコンピューターのアカウントでログインしてから)、再度サインインしてください。',
    revoked:
      'サーバー側でセッションが終了されたため (管理者による操作、パスワードの変更、または「すべての端末からサインアウト」)、このコンピューターのオフライン データを削除しました。続けるには再度サインインしてください。',
  },
  menu: {
    label: 'アカウント',
    signOut: 'サインアウト',
  },
  signOut: {
    title: 'サインアウト',
    intro: 'サインアウトすると、このコンピューター上のセッションは破棄されます。',
    wipe: 'このコンピューターからオフライン データも削除する',
    wipeHint: '共用または借用のコンピューターではこちらを選んでください。データはサーバーに残ります。',
    unsent_other:
      '注意: {{count}} 件の変更がまだサーバーに届いていません。オフライン データを削除すると失われます。',
    waitForSync: '同期してからサインアウト',
    waiting_other: '{{count}} 件の変更がサーバーに届くのを待っています… 届き次第サインアウトします。',
    stopWaiting: '待つのをやめる',
    confirm: 'サインアウト',
    cancel: 'キャンセル',
  },
};
