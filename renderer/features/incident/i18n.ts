// Incident strings (namespace 'incident'): the incident page, the Incidents list, and the
// labels every workspace view shares (levels, statuses, channels, SLA states, deferrals).
import type { Catalog } from '../../i18n/catalog';

export const en = {
  severity: {
    definition: {
      '1': "Stops the customer's business functions; causes a system crash or data loss.",
      '2': 'Affects functionality but causes no data corruption or loss and no software crash.',
      '3': 'Non-critical problem with partial product impact, or a service request.',
      '4': 'No functional impact; a non-urgent problem or a service request.',
    },
  },
  target: {
    calendar: '{{duration}}, calendar time (24/7)',
    business: '{{duration}} of business hours',
    minutes_one: '{{count}} min',
    minutes_other: '{{count}} min',
    hours_one: '{{count}} h',
    hours_other: '{{count}} h',
  },
  sla: {
    state: {
      invalid: 'Cannot compute',
    },
    remaining: 'Time left',
    overdue: 'Overdue by',
    deferred: {
      out_of_hours_non_phone:
        'Clock deferred: received outside business hours by a channel other than phone; it started at the next opening, {{at}}.',
      out_of_hours_business_clock:
        'Clock deferred: a business-hours level received outside business hours; it started at the next opening, {{at}}.',
    },
    invalid: 'The response time cannot be computed: {{message}}',
  },
  zone: {
    customer: 'Customer time ({{zone}})',
    mine: 'Your time ({{zone}})',
  },
  page: {
    loading: 'Loading the incident…',
    notFound:
      'This incident is not on this computer. It may belong to a customer outside your scope, or has not been synced yet.',
    back: 'Back to the incidents',
    customer: 'Customer',
    received: 'Received',
    description: 'Description',
    slaTitle: 'Response time',
    clockStart: 'Clock started',
    due: 'Due',
    state: 'State',
    firstResponse: 'Answered',
    escalateHint: 'This incident is {{state}}: escalate it to the duty manager ({{name}}).',
    escalateHintNobody:
      'This incident is {{state}}: escalate it to the duty manager (nobody is on the roster now).',
    escalateNow: 'Escalate now',
    pending: 'Not synced yet',
  },
  severityControl: {
    title: 'Change the level',
    newLevel: 'New level',
    reason: 'Reason (optional)',
    submit: 'Change level',
    settledNote: 'The response time is settled (answered); a new level no longer changes it.',
    recomputeNote: 'Not answered yet: a new level recomputes the due time from the receipt.',
    closedNote: 'Reopen the incident to change its level.',
    done: 'Level changed to {{level}}.',
  },
  statusControl: {
    title: 'Change the status',
    to: 'Set to {{status}}',
    none: 'No change possible from here.',
    note: 'Note (optional)',
    done: 'Status changed to {{status}}.',
    needsAnswer: 'Record the answer given to the customer before resolving.',
  },
  history: {
    title: 'Level and status history',
    empty: 'No changes yet.',
    severity: 'Level {{from}} → {{to}}',
    severityNotCounted: 'Level {{from}} → {{to}} (after the answer: the response time stays)',
    status: '{{from}} → {{to}}',
    receivedAs: 'Received as level {{level}}',
  },
  timeline: {
    title: 'Timeline',
    loading: 'Loading the timeline from the server…',
    partial: 'Only part of the timeline is on this computer; the rest is being downloaded.',
    empty: 'Nothing on the timeline yet.',
    filter: 'Show',
    all: 'All',
    customer: 'Customer-visible',
    internal: 'Internal',
    answer: 'Answer',
    by: 'by {{name}}',
    visibility: {
      customer: 'Customer-visible',
      internal: 'Internal',
    },
  },
  timeBounds: {
    future:
      'This time lies more than 5 minutes ahead of now (latest {{latest}}). Check this computer’s clock and enter when it happened.',
    tooOld:
      'This time lies more than {{days}} days back (earliest {{earliest}}). Check the date, the year in particular.',
    beforeContract:
      'This time lies before the customer’s contract start ({{date}}). Enter a time within the contract.',
  },
  addEvent: {
    title: 'Add to the timeline',
    kind: 'What happened',
    body: 'Details',
    visibility: 'Who may see it',
    isAnswer: 'This answers the problem (meets the response time)',
    isAnswerFirst: 'The first answer sets the response time of this incident.',
    isAnswerAlready: 'Already answered on {{at}}; this response is recorded as a follow-up.',
    at: 'When (your time)',
    atHint: 'Leave empty for now.',
    submit: 'Add',
    saving: 'Saving…',
    escalationTemplate: 'Escalated to the duty manager {{name}}: the response time is {{state}}.',
    escalationTemplateNobody: 'Escalated to the duty manager: the response time is {{state}}.',
    errors: {
      body: 'Write what happened.',
      at: 'Enter a valid date and time.',
    },
    done: 'Added to the timeline.',
  },
  list: {
    title: 'Incidents',
    intro: 'Every incident in your scope. Filter, or search by title.',
    search: 'Search by title',
    searchHint: '/ to search here; {{shortcut}} searches everything',
    status: 'Status',
    severity: 'Severity',
    customer: 'Customer',
    any: 'Any',
    open: 'Open (not resolved or closed)',
    count_other: '{{count}} incidents',
    count_one: '{{count}} incident',
    empty: 'No incident matches.',
    loading: 'Loading…',
    newIncident: 'New incident ({{shortcut}})',
    columns: {
      received: 'Received',
      title: 'Title',
      customer: 'Customer',
      level: 'Severity',
      status: 'Status',
      sla: 'Response',
    },
  },
  errors: {
    notSignedIn: 'Sign in (or open your offline data) first.',
  },
} as const;

export const ja: Catalog<typeof en> = {
  severity: {
    definition: {
      '1': 'お客様の業務機能が停止する、システムクラッシュやデータ損失を引き起こす問題。',
      '2': '機能に影響するが、データの破損・損失やソフトウェアのクラッシュは伴わない問題。',
      '3': '製品の一部に影響する重大ではない問題、またはサービスリクエスト。',
      '4': '機能への影響がない緊急性の低い問題、またはサービスリクエスト。',
    },
  },
  target: {
    calendar: '{{duration}}（暦時間・24 時間年中無休）',
    business: '営業時間で {{duration}}',
    minutes_other: '{{count}} 分',
    hours_other: '{{count}} 時間',
  },
  sla: {
    state: {
      invalid: '計算できません',
    },
    remaining: '残り時間',
    overdue: '超過時間',
    deferred: {
      out_of_hours_non_phone:
        '開始を延期：営業時間外に電話以外のチャネルで受け付けたため、次の営業開始 {{at}} に開始しました。',
      out_of_hours_business_clock:
        '開始を延期：営業時間で計るレベルを営業時間外に受け付けたため、次の営業開始 {{at}} に開始しました。',
    },
    invalid: '対応時間を計算できません：{{message}}',
  },
  zone: {
    customer: 'お客様の時刻（{{zone}}）',
    mine: 'あなたの時刻（{{zone}}）',
  },
  page: {
    loading: 'インシデントを読み込んでいます…',
    notFound:
      'このインシデントはこのコンピューターにありません。担当範囲外のお客様のものか、まだ同期されていない可能性があります。',
    back: 'インシデント一覧に戻る',
    customer: 'お客様',
    received: '受付日時',
    description: '説明',
    slaTitle: '対応時間',
    clockStart: '計測開始',
    due: '期限',
    state: '状態',
    firstResponse: '回答日時',
    escalateHint:
      'このインシデントは「{{state}}」です。当番のマネージャー（{{name}}）にエスカレーションしてください。',
    escalateHintNobody:
      'このインシデントは「{{state}}」です。当番のマネージャーにエスカレーションしてください（現在、当番表に担当者がいません）。',
    escalateNow: '今すぐエスカレーション',
    pending: '未同期',
  },
  severityControl: {
    title: 'レベルの変更',
    newLevel: '新しいレベル',
    reason: '理由（任意）',
    submit: 'レベルを変更',
    settledNote: '回答済みのため対応時間は確定しています。レベルを変えても変わりません。',
    recomputeNote: '未回答のため、新しいレベルで受付時刻から期限を再計算します。',
    closedNote: 'レベルを変更するにはインシデントを再開してください。',
    done: 'レベルを {{level}} に変更しました。',
  },
  statusControl: {
    title: 'ステータスの変更',
    to: '「{{status}}」にする',
    none: 'ここから変更できるステータスはありません。',
    note: 'メモ（任意）',
    done: 'ステータスを「{{status}}」に変更しました。',
    needsAnswer: '解決にする前に、お客様への回答を記録してください。',
  },
  history: {
    title: 'レベルとステータスの履歴',
    empty: 'まだ変更はありません。',
    severity: 'レベル {{from}} → {{to}}',
    severityNotCounted: 'レベル {{from}} → {{to}}（回答後のため対応時間は変わりません）',
    status: '{{from}} → {{to}}',
    receivedAs: 'レベル {{level}} で受付',
  },
  timeline: {
    title: '時系列',
    loading: 'サーバーから時系列を読み込んでいます…',
    partial: '時系列の一部のみがこのコンピューターにあります。残りをダウンロードしています。',
    empty: '時系列にはまだ何もありません。',
    filter: '表示',
    all: 'すべて',
    customer: 'お客様に公開',
    internal: '社内のみ',
    answer: '回答',
    by: '記録者：{{name}}',
    visibility: {
      customer: 'お客様に公開',
      internal: '社内のみ',
    },
  },
  timeBounds: {
    future:
      'この日時は現在より 5 分以上先です（最も遅くて {{latest}}）。このコンピューターの時計を確認し、実際の日時を入力してください。',
    tooOld: 'この日時は {{days}} 日以上前です（最も早くて {{earliest}}）。日付、特に年を確認してください。',
    beforeContract:
      'この日時はお客様の契約開始日（{{date}}）より前です。契約期間内の日時を入力してください。',
  },
  addEvent: {
    title: '時系列に追加',
    kind: '種類',
    body: '内容',
    visibility: '公開範囲',
    isAnswer: '問題への回答である（対応時間を満たす）',
    isAnswerFirst: '最初の回答がこのインシデントの対応時間を確定します。',
    isAnswerAlready: '{{at}} に回答済みです。この回答は追加の回答として記録されます。',
    at: '日時（あなたの時刻）',
    atHint: '空欄の場合は現在時刻になります。',
    submit: '追加',
    saving: '保存しています…',
    escalationTemplate:
      '当番のマネージャー {{name}} にエスカレーションしました。対応時間は「{{state}}」です。',
    escalationTemplateNobody: '当番のマネージャーにエスカレーションしました。対応時間は「{{state}}」です。',
    errors: {
      body: '内容を入力してください。',
      at: '正しい日時を入力してください。',
    },
    done: '時系列に追加しました。',
  },
  list: {
    title: 'インシデント',
    intro: '担当範囲のすべてのインシデントです。絞り込むか、タイトルで検索してください。',
    search: 'タイトルで検索',
    searchHint: '/ でここを検索、{{shortcut}} ですべてを検索',
    status: 'ステータス',
    severity: '重要度',
    customer: 'お客様',
    any: 'すべて',
    open: '未解決（解決済み・クローズ以外）',
    count_other: '{{count}} 件',
    empty: '該当するインシデントはありません。',
    loading: '読み込んでいます…',
    newIncident: '新規インシデント（{{shortcut}}）',
    columns: {
      received: '受付',
      title: 'タイトル',
      customer: 'お客様',
      level: '重要度',
      status: 'ステータス',
      sla: '対応時間',
    },
  },
  errors: {
    notSignedIn: '先にサインイン（またはオフラインデータを開く）してください。',
  },
};
