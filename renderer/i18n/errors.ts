// Error texts (namespace 'errors'): every code the central API or a shared rule can send
// (shared/model/error-codes.ts), and the app's own codes for a change it could not make here,
// worded in the user's language. The server's English message is shown only as a detail under
// "Show details" (ErrorDetails). errors.test.ts fails if a registered code has no text.
// Texts with `$t(glossary:…)` name a domain value (an incident status, a request stage) with
// the glossary's term; they are used only when the error carries its params.
import type { ErrorCode } from '../../shared/model/error-codes';
import type { Catalog } from './catalog';

/** Codes the app gives a change it could not make on this computer (never from the server). */
export const CLIENT_ERROR_CODES = [
  'not-signed-in',
  'storage-full',
  'storage-failed',
  'server_error',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

const enCodes = {
  invalid_request: 'The server could not read the request. Update the app, or try again.',
  invalid_json: 'The server could not read the request. Update the app, or try again.',
  invalid_cursor: 'The sync position is no longer valid; your data is downloaded again.',
  headers_too_large: 'The request was too large for the server. Sign in again.',
  payload_too_large: 'Too much was sent at once. Try again with less.',
  unsupported_media_type: 'The server could not read the request format. Update the app.',
  not_found:
    'No such item in your scope: it was deleted, or its customer is not (or no longer) assigned to you. Sync to refresh your data.',
  internal: 'The server failed. Try again later; if it keeps failing, tell your administrator.',
  rate_limited:
    'Too many changes were sent in a short time. The app waits as long as the server asks, then sends them again.',
  request_timeout:
    'The request took too long to reach the server and was cut. The app tries again; check the network if it keeps happening.',
  range_not_satisfiable: 'The requested part of the file does not exist. Download it again.',
  unauthorized: 'You are not signed in, or your session has ended. Sign in again.',
  invalid_credentials: 'The email address or password is not correct. Check both and try again.',
  session_expired: 'Your session has expired. Sign in again.',
  session_revoked: 'Your session was ended (signed out elsewhere or by an administrator). Sign in again.',
  too_many_attempts:
    'Too many failed sign-ins. Wait a few minutes, or ask an administrator to reset your password.',
  sign_in_throttled: 'Sign-in is paused after several failures. Wait a few minutes, then try again.',
  password_change_required: 'You must change your password before you continue.',
  password_too_short: 'The password is too short. Choose a longer one.',
  password_too_common: 'This password is too common. Choose another one.',
  password_reused: 'This password was used before. Choose a new one.',
  password_mismatch: 'The passwords do not match. Enter them again.',
  password_too_long: 'The password is too long: at most 1024 characters.',
  password_is_email: 'The password must not be your e-mail address. Choose another one.',
  password_unchanged: 'The new password is the same as the current one. Choose a different one.',
  current_password_wrong: 'The current password is not correct. Enter it again.',
  account_deactivated: 'Your account has been deactivated. Ask an administrator.',
  admin_only: 'Only an administrator can do this.',
  email_taken: 'A user with this e-mail address exists already. Use another address, or edit that user.',
  user_has_customers: 'This user is still assigned to customers. Assign them to someone else first.',
  cannot_change_self:
    'You cannot deactivate yourself or remove your own administrator role. Ask another administrator.',
  client_id_taken: 'Another session uses this computer’s sync identity; the app registers again.',
  out_of_order: 'Changes reached the server out of order; the app sends them again.',
  out_of_scope:
    'This customer is not (or no longer) assigned to you. Ask its TAM or your manager to make the change.',
  unknown_mutation:
    'The server does not know this kind of change (the app and the server differ in version). Update the app.',
  invalid_args: 'The values entered cannot be accepted. Check them and try again.',
  already_exists: 'This item already exists.',
  saved_view_name_taken: 'You already have a saved view with this name. Choose another name.',
  stale_status: 'Someone else changed the status first. Review the incident and choose again.',
  stale_stage: 'Someone else moved the request first. Review it and choose again.',
  invalid_transition: 'This step is not possible in the current state. Review the item and choose again.',
  not_allowed: 'You are not allowed to make this change. Ask your manager or an administrator.',
  rule_violation: 'The change breaks a rule of the contract or the workflow (see the details).',
  time_out_of_range:
    'The time entered lies outside what can be recorded: not before the contract start, not more than 400 days back, not more than 5 minutes ahead of the server clock. Check the date (and this computer’s clock) and enter when it happened.',
  version_not_supported:
    'A private patch is made only for a supported version that the customer runs. Record the deployment, or propose an upgrade.',
  period_not_ended:
    'The quarter is still running: a quarterly report can be logged as sent only after its quarter has ended.',
  too_soon: 'The health check must be agreed further in advance. Pick a later date.',
  not_business_day: 'The date is not a business day of the customer. Pick a business day.',
  already_this_contract_year:
    'This contract year already has a health check. Move that one instead, or pick another contract year.',
  outside_contract: 'The date lies outside the contract. Pick a date within it.',
  attachment_too_large:
    'The file is larger than the server accepts for one attachment. Compress it or split it, then attach it again.',
  attachment_quota_exceeded:
    'Your attachment storage on the server is full. Ask your administrator to raise your quota, or attach fewer files.',
  attachment_incomplete:
    'Some parts of the file have not reached the server yet. The app sends the missing parts again.',
  attachment_hash_mismatch:
    'The file reached the server damaged (its checksum differs). The app uploads it again from the start.',
  attachment_not_uploaded: 'This file has not been uploaded yet. Try again once its upload is complete.',
  attachment_quarantined:
    'The server’s scanner refused this file (for example a virus was found); it cannot be downloaded. Ask your administrator.',
  template_managers_only:
    'Only a manager maintains the team’s templates. Save it as a personal template, or ask your manager.',
  template_unknown_field:
    'The template names a field that does not exist. Correct or remove it, then save again.',
  'not-signed-in': 'Sign in (or open your offline data) before making changes.',
  'storage-full':
    'This computer is out of storage space: the change was not saved. Free some disk space and try again.',
  'storage-failed':
    'The change could not be saved on this computer. Try again; if it keeps failing, restart the app.',
  server_error:
    'The server failed on this change several times in a row; it was set aside so that your other changes could be sent. Try it again later.',
} as const satisfies Record<ErrorCode | ClientErrorCode, string>;

export const en = {
  code: enCodes,
  /** Fuller texts for errors that carry their values (params). */
  withParams: {
    stale_status:
      'The incident is now “$t(glossary:status.{{status}})” (someone else changed it). Review the incident and choose again.',
    stale_stage:
      'The request is now at “$t(glossary:requestStage.{{stage}})” (someone else moved it). Review it and choose again.',
    too_soon:
      'The health check must be agreed at least {{minimumDays}} days in advance; the earliest possible date is {{earliestDate}}.',
    not_business_day: '{{date}} is not a business day of the customer. Pick a business day.',
    already_this_contract_year:
      'This contract year already has a health check on {{existingDate}}. Move that one instead.',
    outside_contract: '{{date}} lies outside the contract. Pick a date within it.',
    template_unknown_field:
      'The template names the field “{{field}}”, which does not exist. Use one of: {{fields}}; or remove it.',
    saved_view_name_taken:
      'You already have a saved view named “{{name}}”. Choose another name, or rename that view first.',
  },
  unknown: 'The server refused the change (code {{code}}).',
  showDetails: 'Show details',
  serverMessage: 'Message from the server (English)',
} as const;

export const ja: Catalog<typeof en> = {
  code: {
    invalid_request: 'サーバーが要求を読み取れませんでした。アプリを更新するか、もう一度お試しください。',
    invalid_json: 'サーバーが要求を読み取れませんでした。アプリを更新するか、もう一度お試しください。',
    invalid_cursor: '同期の位置が無効になったため、データをもう一度ダウンロードします。',
    headers_too_large: '要求がサーバーの上限を超えました。もう一度サインインしてください。',
    payload_too_large: '一度に送る量が多すぎます。減らしてもう一度お試しください。',
    unsupported_media_type: 'サーバーが要求の形式を読み取れませんでした。アプリを更新してください。',
    not_found:
      'あなたの担当範囲に該当するものがありません（削除されたか、お客様があなたの担当ではありません）。同期してデータを更新してください。',
    internal:
      'サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。続く場合は管理者に連絡してください。',
    rate_limited:
      '短い時間に多くの変更が送られました。サーバーが指定する時間だけ待ってから、アプリが送り直します。',
    request_timeout:
      '要求がサーバーに届くまでに時間がかかりすぎたため、打ち切られました。アプリが再試行します。続く場合はネットワークを確認してください。',
    range_not_satisfiable: '要求されたファイルの範囲が存在しません。もう一度ダウンロードしてください。',
    unauthorized: 'サインインしていないか、セッションが終了しています。もう一度サインインしてください。',
    invalid_credentials:
      'メールアドレスまたはパスワードが正しくありません。両方を確認して、もう一度お試しください。',
    session_expired: 'セッションの有効期限が切れました。もう一度サインインしてください。',
    session_revoked:
      'セッションが終了されました（別の場所でのサインアウト、または管理者による操作）。もう一度サインインしてください。',
    too_many_attempts:
      'サインインの失敗が多すぎます。数分待つか、管理者にパスワードのリセットを依頼してください。',
    sign_in_throttled:
      'サインインの失敗が続いたため、一時的に受け付けていません。数分待ってからもう一度お試しください。',
    password_change_required: '続行する前にパスワードを変更してください。',
    password_too_short: 'パスワードが短すぎます。もっと長いパスワードにしてください。',
    password_too_common: 'このパスワードはよく使われているため使えません。別のパスワードにしてください。',
    password_reused: 'このパスワードは以前に使われています。新しいパスワードにしてください。',
    password_mismatch: 'パスワードが一致しません。もう一度入力してください。',
    password_too_long: 'パスワードが長すぎます。1024 文字以内にしてください。',
    password_is_email: 'メールアドレスはパスワードに使えません。別のパスワードにしてください。',
    password_unchanged: '新しいパスワードが現在のものと同じです。別のパスワードにしてください。',
    current_password_wrong: '現在のパスワードが正しくありません。もう一度入力してください。',
    account_deactivated: 'このアカウントは無効化されています。管理者に連絡してください。',
    admin_only: 'この操作は管理者のみが行えます。',
    email_taken:
      'このメールアドレスのユーザーはすでに存在します。別のアドレスを使うか、そのユーザーを編集してください。',
    user_has_customers:
      'このユーザーはまだお客様の担当に割り当てられています。先に他の担当者に割り当ててください。',
    cannot_change_self:
      '自分自身を無効化したり、自分の管理者権限を外したりすることはできません。別の管理者に依頼してください。',
    client_id_taken: 'このコンピューターの同期 ID が別のセッションで使われています。アプリが登録し直します。',
    out_of_order: '変更が順番どおりにサーバーへ届きませんでした。アプリが送り直します。',
    out_of_scope:
      'このお客様はあなたの担当ではありません（担当から外れました）。担当 TAM またはマネージャーに変更を依頼してください。',
    unknown_mutation:
      'サーバーがこの種類の変更を認識できません（アプリとサーバーのバージョンが異なります）。アプリを更新してください。',
    invalid_args: '入力された値を受け付けられません。確認して、もう一度お試しください。',
    already_exists: 'この項目は既に存在します。',
    saved_view_name_taken: '同じ名前の保存済みビューが既にあります。別の名前を付けてください。',
    stale_status: '先に他の人がステータスを変更しました。インシデントを確認して、選び直してください。',
    stale_stage: '先に他の人がリクエストの段階を進めました。内容を確認して、選び直してください。',
    invalid_transition: '現在の状態ではこの操作はできません。内容を確認して、選び直してください。',
    not_allowed: 'この変更を行う権限がありません。マネージャーまたは管理者に依頼してください。',
    rule_violation: '契約またはワークフローの規則に反するため、変更できません（詳細を参照してください）。',
    time_out_of_range:
      '入力した日時は記録できる範囲外です。契約開始日より前、400 日より前、またはサーバーの時刻より 5 分以上先の日時は記録できません。日付（とこのコンピューターの時計）を確認し、実際の日時を入力してください。',
    version_not_supported:
      '非公開パッチは、お客様が利用中のサポート対象バージョンにのみ提供します。導入状況を登録するか、アップグレードをご提案ください。',
    period_not_ended:
      'この四半期はまだ終わっていません。四半期レポートの送付記録は、四半期の終了後にのみ登録できます。',
    too_soon: 'ヘルスチェックはもっと前に合意しておく必要があります。後の日付を選んでください。',
    not_business_day: 'お客様の営業日ではありません。営業日を選んでください。',
    already_this_contract_year:
      'この契約年度には既にヘルスチェックがあります。そちらの日程を変更するか、別の契約年度を選んでください。',
    outside_contract: '契約期間外の日付です。契約期間内の日付を選んでください。',
    attachment_too_large:
      'ファイルが 1 件の添付としてサーバーが受け付ける大きさを超えています。圧縮または分割してから、もう一度添付してください。',
    attachment_quota_exceeded:
      'サーバー上のあなたの添付ファイル容量が上限に達しました。管理者に上限の引き上げを依頼するか、添付するファイルを減らしてください。',
    attachment_incomplete: 'ファイルの一部がまだサーバーに届いていません。アプリが不足分を送り直します。',
    attachment_hash_mismatch:
      'ファイルが壊れた状態でサーバーに届きました（チェックサムが一致しません）。アプリが最初からアップロードし直します。',
    attachment_not_uploaded:
      'このファイルはまだアップロードされていません。アップロードが終わってからもう一度お試しください。',
    attachment_quarantined:
      'サーバーのスキャナーがこのファイルを拒否しました（ウイルスの検出など）。ダウンロードできません。管理者に問い合わせてください。',
    template_managers_only:
      'チームのテンプレートを管理できるのはマネージャーだけです。個人用テンプレートとして保存するか、マネージャーに依頼してください。',
    template_unknown_field:
      'テンプレートに存在しない差し込み項目があります。修正または削除してから、もう一度保存してください。',
    'not-signed-in': '変更するには、先にサインイン（またはオフラインデータを開く）してください。',
    'storage-full':
      'このコンピューターの保存領域が不足しているため、変更を保存できませんでした。ディスクの空きを増やしてから、もう一度お試しください。',
    'storage-failed':
      'このコンピューターに変更を保存できませんでした。もう一度お試しください。続く場合はアプリを再起動してください。',
    server_error:
      'サーバーがこの変更で続けて失敗したため、他の変更を送信できるよう保留にしました。後でもう一度実行してください。',
  },
  withParams: {
    stale_status:
      'インシデントのステータスは既に「$t(glossary:status.{{status}})」に変わっています（他の人が変更しました）。インシデントを確認して、選び直してください。',
    stale_stage:
      'リクエストは既に「$t(glossary:requestStage.{{stage}})」の段階です（他の人が進めました）。内容を確認して、選び直してください。',
    too_soon:
      'ヘルスチェックは {{minimumDays}} 日以上前に合意する必要があります。最も早い実施可能日は {{earliestDate}} です。',
    not_business_day: '{{date}} はお客様の営業日ではありません。営業日を選んでください。',
    already_this_contract_year:
      'この契約年度には {{existingDate}} にヘルスチェックがあります。そちらの日程を変更してください。',
    outside_contract: '{{date}} は契約期間外です。契約期間内の日付を選んでください。',
    template_unknown_field:
      '差し込み項目「{{field}}」は存在しません。{{fields}} のいずれかを使うか、削除してください。',
    saved_view_name_taken:
      '「{{name}}」という名前の保存済みビューが既にあります。別の名前を付けるか、先にそのビューの名前を変更してください。',
  },
  unknown: 'サーバーが変更を受け付けませんでした（コード {{code}}）。',
  showDetails: '詳細を表示',
  serverMessage: 'サーバーからのメッセージ（英語）',
};
