// Account strings: change password, sessions, and the texts of the server's account error
// codes (namespace 'account').
export const en = {
  title: 'Account',
  intro: 'Your password, the places where you are signed in, and the settings of this computer.',
  link: 'Account',
  password: {
    title: 'Change password',
    required:
      'You signed in with a one-time password. Choose your own password now: until you do, nothing else can be synced.',
    current: 'Current password',
    next: 'New password',
    confirm: 'New password again',
    hint: 'At least 12 characters, not your e-mail address, not a common password. A phrase of several words works well.',
    submit: 'Change password',
    submitting: 'Changing…',
    done_one: 'Your password was changed. {{count}} other session was signed out.',
    done_other: 'Your password was changed. {{count}} other sessions were signed out.',
    mismatch: 'The two new passwords are not the same; type them again.',
    missing: 'Enter your current password and the new one twice.',
  },
  sessions: {
    title: 'Where you are signed in',
    intro:
      'Every session of your account. Sign out a session you do not recognise, then change your password.',
    loading: 'Loading sessions…',
    empty: 'No sessions.',
    current: 'This session',
    created: 'Signed in',
    lastUsed: 'Last used',
    address: 'Address',
    device: 'Device',
    unknown: 'unknown',
    revoke: 'Sign out',
    revoked: 'The session was signed out.',
    everywhere: 'Sign out everywhere else',
    everywhereHint: 'Signs out every other session of your account; this one stays signed in.',
    everywhereDone_one: '{{count}} other session was signed out.',
    everywhereDone_other: '{{count}} other sessions were signed out.',
    reload: 'Reload',
    offline: 'The list of sessions needs the server. Connect and sign in, then reload.',
  },
  errors: {
    current_password_wrong: 'The current password is not correct. Type the password you signed in with.',
    password_too_short: 'The new password is too short: use at least 12 characters.',
    password_too_long: 'The new password is too long: use at most 1024 characters.',
    password_is_email: 'The new password must not be your e-mail address.',
    password_too_common:
      'The new password is one of the most common passwords; choose one that is harder to guess.',
    password_unchanged: 'The new password is the same as the current one; choose a different one.',
    sign_in_throttled: 'Too many wrong passwords from this computer. Wait a few minutes, then try again.',
    session_revoked:
      'This session was signed out from another device, after a password change, or because your account was deactivated. Sign in again.',
    session_expired: 'Your session has expired. Sign in again.',
    password_change_required: 'Set your own password first (you signed in with a one-time password).',
    account_deactivated: 'Your account has been deactivated. Ask an administrator if you need access again.',
    admin_only: 'Only an administrator can do this.',
    not_found: 'It no longer exists; reload the list.',
    network: 'The server cannot be reached. Check your connection and try again.',
    'not-signed-in': 'You are not signed in to the server. Sign in, then try again.',
    other: 'The server refused: {{message}}',
  },
} as const;

export const ja = {
  title: 'アカウント',
  intro: 'パスワード、サインインしている場所、このコンピューターの設定です。',
  link: 'アカウント',
  password: {
    title: 'パスワードの変更',
    required:
      '一時パスワードでサインインしました。今すぐご自身のパスワードを設定してください。設定するまで他のデータは同期できません。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    confirm: '新しいパスワード (確認)',
    hint: '12 文字以上で、メールアドレスやよく使われるパスワードは使えません。複数の単語をつなげたフレーズがおすすめです。',
    submit: 'パスワードを変更',
    submitting: '変更しています…',
    done_other: 'パスワードを変更しました。他の {{count}} 件のセッションをサインアウトしました。',
    mismatch: '新しいパスワードが一致しません。もう一度入力してください。',
    missing: '現在のパスワードと、新しいパスワードを 2 回入力してください。',
  },
  sessions: {
    title: 'サインイン中のセッション',
    intro:
      'このアカウントのすべてのセッションです。心当たりのないセッションはサインアウトし、パスワードを変更してください。',
    loading: 'セッションを読み込んでいます…',
    empty: 'セッションはありません。',
    current: 'このセッション',
    created: 'サインイン',
    lastUsed: '最終使用',
    address: 'アドレス',
    device: 'デバイス',
    unknown: '不明',
    revoke: 'サインアウト',
    revoked: 'セッションをサインアウトしました。',
    everywhere: '他のすべての場所でサインアウト',
    everywhereHint:
      'このアカウントの他のすべてのセッションをサインアウトします。このセッションはサインインしたままです。',
    everywhereDone_other: '他の {{count}} 件のセッションをサインアウトしました。',
    reload: '再読み込み',
    offline:
      'セッションの一覧にはサーバーへの接続が必要です。接続してサインインしてから、再読み込みしてください。',
  },
  errors: {
    current_password_wrong:
      '現在のパスワードが正しくありません。サインインに使ったパスワードを入力してください。',
    password_too_short: '新しいパスワードが短すぎます。12 文字以上にしてください。',
    password_too_long: '新しいパスワードが長すぎます。1024 文字以内にしてください。',
    password_is_email: '新しいパスワードにメールアドレスは使えません。',
    password_too_common: '新しいパスワードはよく使われるパスワードです。推測されにくいものを選んでください。',
    password_unchanged: '新しいパスワードが現在のものと同じです。別のパスワードを選んでください。',
    sign_in_throttled:
      'このコンピューターからのパスワードの誤りが多すぎます。数分待ってから、もう一度お試しください。',
    session_revoked:
      'このセッションは、別のデバイスからのサインアウト、パスワードの変更、またはアカウントの無効化により終了しました。再度サインインしてください。',
    session_expired: 'セッションの有効期限が切れました。再度サインインしてください。',
    password_change_required:
      '先にご自身のパスワードを設定してください (一時パスワードでサインインしています)。',
    account_deactivated:
      'このアカウントは無効化されています。アクセスが必要な場合は管理者にお問い合わせください。',
    admin_only: 'この操作は管理者のみが行えます。',
    not_found: '対象はもう存在しません。一覧を再読み込みしてください。',
    network: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
    'not-signed-in': 'サーバーにサインインしていません。サインインしてから、もう一度お試しください。',
    other: 'サーバーが拒否しました: {{message}}',
  },
} as const;

export type AccountErrorKey = keyof typeof en.errors;

/** The catalog key of an error code (server or bridge); 'other' shows the server's message. */
export function accountErrorKey(code: string): AccountErrorKey {
  return code in en.errors ? (code as AccountErrorKey) : 'other';
}
