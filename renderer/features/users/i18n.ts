// User administration strings (namespace 'users').
export const en = {
  link: 'Users',
  users: {
    title: 'Users',
    intro:
      'Create users, change their role or team, and deactivate those who leave. Needs the server: nothing here works offline.',
    loading: 'Loading users…',
    reload: 'Reload',
    name: 'Name',
    email: 'E-mail',
    role: 'Role',
    team: 'Team',
    locale: 'Language',
    state: 'State',
    active: 'Active',
    inactive: 'Deactivated',
    pendingPassword: 'Has not set a password yet',
    edit: 'Edit',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved.',
    deactivated: '{{name}} was deactivated and signed out everywhere.',
    reactivated: '{{name}} can sign in again.',
    confirmDeactivate: 'Deactivate {{name}}? Every session of this user ends at once and sign-in is refused.',
  },
  roles: {
    tam: 'TAM',
    manager: 'Manager',
    admin: 'Administrator',
  },
  locales: {
    ja: '日本語',
    en: 'English',
  },
  create: {
    title: 'New user',
    submit: 'Create user',
    submitting: 'Creating…',
    missing: 'Enter the e-mail address, the name and the team.',
    createdTitle: 'User created',
    created:
      'Hand this one-time password to {{name}} ({{email}}). It is shown only now. At the first sign-in they must choose their own.',
    oneTimePassword: 'One-time password',
    copy: 'Copy',
    copied: 'Copied.',
    close: 'Done',
  },
  errors: {
    email_taken: 'A user with this e-mail address exists already. Edit that user instead.',
    user_has_customers:
      'This TAM is still assigned to these customers (as TAM or backup). Assign them to someone else first, then try again:',
    cannot_change_self:
      'You cannot deactivate yourself or remove your own administrator role. Ask another administrator.',
    admin_only: 'Only an administrator can manage users.',
    invalid_request: 'Some values are not valid: {{message}}',
    not_found: 'This user no longer exists; reload the list.',
    network: 'The server cannot be reached. User administration needs the server; connect and try again.',
    'not-signed-in': 'You are not signed in to the server. Sign in, then try again.',
    other: 'The server refused: {{message}}',
  },
} as const;

export const ja = {
  link: 'ユーザー',
  users: {
    title: 'ユーザー',
    intro:
      'ユーザーの作成、ロールやチームの変更、退職者の無効化を行います。サーバーへの接続が必要です (オフラインでは使えません)。',
    loading: 'ユーザーを読み込んでいます…',
    reload: '再読み込み',
    name: '名前',
    email: 'メールアドレス',
    role: 'ロール',
    team: 'チーム',
    locale: '言語',
    state: '状態',
    active: '有効',
    inactive: '無効',
    pendingPassword: 'パスワード未設定',
    edit: '編集',
    deactivate: '無効化',
    reactivate: '再有効化',
    save: '保存',
    cancel: 'キャンセル',
    saved: '保存しました。',
    deactivated: '{{name}} を無効化し、すべての場所でサインアウトしました。',
    reactivated: '{{name}} は再びサインインできます。',
    confirmDeactivate:
      '{{name}} を無効化しますか? このユーザーのすべてのセッションが直ちに終了し、サインインできなくなります。',
  },
  roles: {
    tam: 'TAM',
    manager: 'マネージャー',
    admin: '管理者',
  },
  locales: {
    ja: '日本語',
    en: 'English',
  },
  create: {
    title: '新しいユーザー',
    submit: 'ユーザーを作成',
    submitting: '作成しています…',
    missing: 'メールアドレス、名前、チームを入力してください。',
    createdTitle: 'ユーザーを作成しました',
    created:
      'この一時パスワードを {{name}} ({{email}}) さんに渡してください。表示されるのは今回だけです。初回サインイン時にご自身のパスワードを設定していただきます。',
    oneTimePassword: '一時パスワード',
    copy: 'コピー',
    copied: 'コピーしました。',
    close: '完了',
  },
  errors: {
    email_taken: 'このメールアドレスのユーザーはすでに存在します。そのユーザーを編集してください。',
    user_has_customers:
      'この TAM は次の顧客に (TAM またはバックアップとして) 割り当てられています。先に他の担当者に割り当ててから、もう一度お試しください:',
    cannot_change_self:
      '自分自身を無効化したり、自分の管理者ロールを外したりすることはできません。他の管理者に依頼してください。',
    admin_only: 'ユーザーの管理は管理者のみが行えます。',
    invalid_request: '正しくない値があります: {{message}}',
    not_found: 'このユーザーはもう存在しません。一覧を再読み込みしてください。',
    network:
      'サーバーに接続できません。ユーザーの管理にはサーバーへの接続が必要です。接続してから、もう一度お試しください。',
    'not-signed-in': 'サーバーにサインインしていません。サインインしてから、もう一度お試しください。',
    other: 'サーバーが拒否しました: {{message}}',
  },
} as const;

export type AdminErrorKey = keyof typeof en.errors;

export function adminErrorKey(code: string): AdminErrorKey {
  return code in en.errors ? (code as AdminErrorKey) : 'other';
}
