// Japanese and English labels of the report models and exports: the models carry keys and
// enum codes, a renderer picks the customer's (or user's) language here. Every record is
// keyed by the code it translates, so a new code without a label fails to compile.
// Templates use {name} placeholders (fillLabel).
import type { DailyReportStatus, DeferralReason, SlaClock, SlaState } from '../sla/index';
import type {
  Channel,
  ContractTier,
  IncidentStatus,
  Locale,
  RequestStage,
  RequestType,
  Severity,
  TimelineKind,
} from '../model/entities';
import type { DailyNextStep } from './daily-report';
import type { ResponseOutcomeKind } from './incident-facts';
import type { IncidentRow } from './incident-rows';
import type { NextStepKind } from './next-steps';
import type { HealthCheckFindingRow, HealthCheckRow, QuarterlySectionKey } from './quarterly-report';
import type { NextHealthCheck } from './schedule';

type FindingSeverity = HealthCheckFindingRow['severity'];
type FindingStatus = HealthCheckFindingRow['status'];

export interface ReportLabels {
  reportTitle: { quarterly: string; daily_critical: string };
  /** '{name}' placeholders: from, to (dates), year and quarter (a calendar quarter). */
  header: {
    customer: string;
    tam: string;
    tier: string;
    period: string;
    periodRange: string;
    quarter: string;
    generatedAt: string;
    timeZone: string;
    contract: string;
  };
  sections: Record<QuarterlySectionKey, string>;
  dailySections: { status: string; sla: string; timeline: string; nextSteps: string };
  summary: {
    received: string;
    resolved: string;
    openAtStart: string;
    openAtEnd: string;
    slaMetPct: string;
    requestsActive: string;
    requestsCompleted: string;
    healthChecksCompleted: string;
    openFindings: string;
  };
  incidentColumns: Record<keyof IncidentRow, string>;
  slaColumns: {
    severity: string;
    target: string;
    clock: string;
    met: string;
    missed: string;
    breached: string;
    decided: string;
    metPct: string;
    p50: string;
    p90: string;
  };
  requestColumns: {
    requestId: string;
    title: string;
    product: string;
    productVersion: string;
    priority: string;
    submittedAt: string;
    stage: string;
    stageAtPeriodEnd: string;
    changesInPeriod: string;
    incidentId: string;
  };
  healthCheckColumns: { scheduledDate: string; agreedOn: string; status: string; completedAt: string };
  findingColumns: { area: string; finding: string; severity: string; recommendation: string; status: string };
  timelineColumns: { at: string; kind: string; author: string; body: string };
  daily: {
    /** '{n}': the sequence number of the report. */
    sequence: string;
    previousReport: string;
    noPreviousReport: string;
    since: string;
    openFor: string;
    remaining: string;
    dueBy: string;
  };
  portfolioColumns: {
    customer: string;
    tam: string;
    tier: string;
    open: string;
    slaMetPct: string;
    breaches: string;
    nextHealthCheck: string;
    nextQuarterlyReport: string;
    overdue: string;
  };
  charts: {
    /** Heading of the incident list inside the incidents section (not the section's own title). */
    significantIncidents: string;
    incidentsPerMonth: string;
    responsesPerMonth: string;
    responseTimes: string;
    backlog: string;
    requestsByStage: string;
    month: string;
    count: string;
    target: string;
    open: string;
    p50: string;
    p90: string;
    /** '{pct}': a percentage of the target. */
    bucketUpTo: string;
    bucketOver: string;
    noData: string;
  };
  /** Long lists cut short in a report. '{shown}', '{total}', '{count}' placeholders. */
  listing: {
    incidents: string;
    openIncidents: string;
  };
  /** Export sheet names and column headers not covered above. '{label}', '{zone}' placeholders. */
  exports: {
    incidentsSheet: string;
    slaSheet: string;
    withZone: string;
    responseMinutes: string;
    targetMinutes: string;
    p50Minutes: string;
    p90Minutes: string;
  };
  severity: Record<Severity, string>;
  severityShort: Record<Severity, string>;
  slaState: Record<SlaState, string>;
  outcome: Record<ResponseOutcomeKind, string>;
  clock: Record<SlaClock, string>;
  deferral: Record<DeferralReason, string>;
  incidentStatus: Record<IncidentStatus, string>;
  channel: Record<Channel, string>;
  tier: Record<ContractTier, string>;
  requestType: Record<RequestType, string>;
  requestStage: Record<RequestStage, string>;
  priority: Record<'prioritised' | 'normal', string>;
  findingSeverity: Record<FindingSeverity, string>;
  findingStatus: Record<FindingStatus, string>;
  healthCheckStatus: Record<HealthCheckRow['status'], string>;
  nextHealthCheck: Record<NextHealthCheck['status'], string>;
  nextStep: Record<NextStepKind | DailyNextStep['kind'], string>;
  dailyReportStatus: Record<DailyReportStatus, string>;
  via: Record<'email' | 'phone', string>;
  timelineKind: Record<TimelineKind, string>;
}

const ja: ReportLabels = {
  reportTitle: { quarterly: '四半期レポート', daily_critical: '日次レポート（クリティカルインシデント）' },
  header: {
    customer: 'お客様',
    tam: '担当 TAM',
    tier: 'ご契約',
    period: '対象期間',
    periodRange: '{from} ～ {to}',
    quarter: '{year}年 第{quarter}四半期',
    generatedAt: '作成日時',
    timeZone: 'タイムゾーン',
    contract: '契約期間',
  },
  sections: {
    summary: '概要',
    incidents: 'インシデントの状況',
    sla: 'SLA 実績（対応時間）',
    requests: '個別リクエスト（シグネチャリリース・非公開パッチ）',
    healthChecks: 'ヘルスチェックのフォローアップ',
    nextSteps: '今後の対応',
  },
  dailySections: { status: '現在の状況', sla: '対応時間（SLA）', timeline: '前回報告以降の経過', nextSteps: '今後の対応' },
  summary: {
    received: '受付件数',
    resolved: '解決件数',
    openAtStart: '期首の未解決件数',
    openAtEnd: '期末の未解決件数',
    slaMetPct: 'SLA 達成率',
    requestsActive: '対象リクエスト数',
    requestsCompleted: '期間内の完了数',
    healthChecksCompleted: '実施したヘルスチェック',
    openFindings: '未対応の指摘事項',
  },
  incidentColumns: {
    incidentId: 'インシデント ID',
    title: '件名',
    severity: '重要度',
    slaSeverity: 'SLA 適用レベル',
    channel: '受付経路',
    status: 'ステータス',
    receivedAt: '受付日時',
    clockStartAt: '計測開始日時',
    deferredReason: '計測開始の繰り延べ理由',
    dueAt: '回答期限',
    firstResponseAt: '初回回答日時',
    resolvedAt: '解決日時',
    slaState: 'SLA 状態',
    outcome: 'SLA 結果',
    clock: '計測方法',
    targetMs: '目標時間',
    responseMs: '回答時間',
    lastCustomerUpdateAt: '最終更新日時',
  },
  slaColumns: {
    severity: '重要度',
    target: '目標時間',
    clock: '計測方法',
    met: '達成',
    missed: '未達',
    breached: '超過（未回答）',
    decided: '対象件数',
    metPct: '達成率',
    p50: '回答時間 中央値',
    p90: '回答時間 90 パーセンタイル',
  },
  requestColumns: {
    requestId: 'リクエスト ID',
    title: '件名',
    product: '製品',
    productVersion: 'バージョン',
    priority: '優先度',
    submittedAt: '依頼日時',
    stage: '現在の段階',
    stageAtPeriodEnd: '期末時点の段階',
    changesInPeriod: '期間内の進捗',
    incidentId: '関連インシデント',
  },
  healthCheckColumns: { scheduledDate: '実施日', agreedOn: '日程合意日', status: '状態', completedAt: '完了日時' },
  findingColumns: { area: '領域', finding: '指摘事項', severity: '重要度', recommendation: '推奨事項', status: '対応状況' },
  timelineColumns: { at: '日時', kind: '種別', author: '担当者', body: '内容' },
  daily: {
    sequence: '第 {n} 報',
    previousReport: '前回報告',
    noPreviousReport: '初回の報告',
    since: '経過の起点',
    openFor: '受付からの経過時間',
    remaining: '回答期限までの残り時間',
    dueBy: '本日の報告期限',
  },
  portfolioColumns: {
    customer: 'お客様',
    tam: '担当 TAM',
    tier: 'ご契約',
    open: '未解決インシデント',
    slaMetPct: '今四半期の SLA 達成率',
    breaches: 'SLA 違反',
    nextHealthCheck: '次回ヘルスチェック',
    nextQuarterlyReport: '次回四半期レポート期限',
    overdue: '提出遅延',
  },
  charts: {
    significantIncidents: '主なインシデント',
    incidentsPerMonth: '月別・重要度別インシデント件数',
    responsesPerMonth: '月別の SLA 達成・未達',
    responseTimes: '重要度別の回答時間分布',
    backlog: '未解決インシデント数の推移',
    requestsByStage: '段階別リクエスト数',
    month: '月',
    count: '件数',
    target: '目標',
    open: '未解決',
    p50: '中央値',
    p90: '90 パーセンタイル',
    bucketUpTo: '目標の {pct}% 以内',
    bucketOver: '目標の {pct}% 超',
    noData: 'データなし',
  },
  listing: {
    incidents: '対象の {total} 件のうち、重要度の高い {shown} 件を記載しています。全件はデータのエクスポート（CSV / XLSX）に含まれます。',
    openIncidents: 'ほかに未解決のインシデントが {count} 件あります（データのエクスポートに含まれます）。',
  },
  exports: {
    incidentsSheet: 'インシデント',
    slaSheet: 'SLA 実績',
    withZone: '{label}（{zone}）',
    responseMinutes: '回答時間（分）',
    targetMinutes: '目標時間（分）',
    p50Minutes: '回答時間 中央値（分）',
    p90Minutes: '回答時間 90 パーセンタイル（分）',
  },
  severity: { 1: 'レベル 1 クリティカル', 2: 'レベル 2 高', 3: 'レベル 3 中', 4: 'レベル 4 低い' },
  severityShort: { 1: 'L1', 2: 'L2', 3: 'L3', 4: 'L4' },
  slaState: { running: '計測中', at_risk: '期限間近', breached: '期限超過', met: '達成', missed: '未達' },
  outcome: { met: '達成', missed: '未達', breached: '期限超過（未回答）' },
  clock: { calendar: '暦時間（24 時間 365 日）', business: '営業時間' },
  deferral: {
    out_of_hours_non_phone: '営業時間外に電話以外で受付のため、次の営業開始時から計測',
    out_of_hours_business_clock: '営業時間外の受付のため、次の営業開始時から計測',
  },
  incidentStatus: {
    new: '新規',
    in_progress: '対応中',
    waiting_customer: 'お客様の回答待ち',
    resolved: '解決済み',
    closed: 'クローズ',
  },
  channel: { portal: 'Web ポータル（カンパニーアカウント）', phone: '優先電話回線', email: 'メール', tam: '担当 TAM' },
  tier: { msa_enterprise: 'MSA Enterprise', standard: '標準サポート' },
  requestType: { signature_release: 'シグネチャリリース', private_patch: '非公開パッチ' },
  requestStage: {
    submitted: '受付済み',
    in_analysis: '分析中',
    release_scheduled: 'リリース予定',
    released: 'リリース済み',
    customer_notified: 'お客様へ通知済み',
    requested: '依頼済み',
    accepted: '受諾',
    declined: '見送り',
    in_development: '開発中',
    delivered: '提供済み',
    included_in_public_patch: '公開パッチに反映済み',
  },
  priority: { prioritised: '優先処理', normal: '通常' },
  findingSeverity: { info: '情報', low: '低', medium: '中', high: '高', critical: '重大' },
  findingStatus: { open: '未対応', accepted: '対応予定', resolved: '対応済み', wont_fix: '対応なし' },
  healthCheckStatus: { scheduled: '予定', completed: '実施済み', cancelled: '中止' },
  nextHealthCheck: {
    scheduled: '予定日',
    completed: '今契約年度は実施済み',
    due: '要実施：今契約年度は未実施',
    not_applicable: '対象外（契約期間外）',
  },
  nextStep: {
    open_incident: '未解決のインシデント',
    open_finding: '未対応の指摘事項',
    request_in_progress: '進行中のリクエスト',
    health_check: 'ヘルスチェック',
    answer_due: '回答期限',
    duty_manager_escalation: '当番マネージャーへエスカレーション済み',
    awaiting_customer: 'お客様からのご回答をお待ちしています',
    investigation_continues: '調査を継続しています',
    confirm_resolution: '解決のご確認をお願いします',
    next_daily_report: '次回の日次報告',
  },
  dailyReportStatus: { done: '送付済み', due: '本日送付予定', overdue: '送付遅延', not_owed: '本日は不要' },
  via: { email: 'メール', phone: '電話' },
  timelineKind: {
    note: 'メモ',
    call: '電話',
    email: 'メール',
    meeting: '打ち合わせ',
    vendor_update: 'ベンダーからの更新',
    escalation: 'エスカレーション',
    response: '回答',
    status_change: 'ステータス変更',
    severity_change: '重要度の変更',
    report_sent: 'レポート送付',
    alert_acknowledged: 'アラート確認',
  },
};

const en: ReportLabels = {
  reportTitle: { quarterly: 'Quarterly report', daily_critical: 'Daily report (critical incident)' },
  header: {
    customer: 'Customer',
    tam: 'Technical Account Manager',
    tier: 'Contract',
    period: 'Period',
    periodRange: '{from} – {to}',
    quarter: 'Q{quarter} {year}',
    generatedAt: 'Generated',
    timeZone: 'Time zone',
    contract: 'Contract term',
  },
  sections: {
    summary: 'Summary',
    incidents: 'Incidents',
    sla: 'SLA results (response time)',
    requests: 'Individual requests (signature releases, private patches)',
    healthChecks: 'Health-check follow-up',
    nextSteps: 'Next steps',
  },
  dailySections: { status: 'Current status', sla: 'Response time (SLA)', timeline: 'Since the last report', nextSteps: 'Next steps' },
  summary: {
    received: 'Incidents received',
    resolved: 'Incidents resolved',
    openAtStart: 'Open at the start',
    openAtEnd: 'Open at the end',
    slaMetPct: 'SLA met',
    requestsActive: 'Requests in the period',
    requestsCompleted: 'Completed in the period',
    healthChecksCompleted: 'Health checks held',
    openFindings: 'Open findings',
  },
  incidentColumns: {
    incidentId: 'Incident ID',
    title: 'Title',
    severity: 'Severity',
    slaSeverity: 'SLA level',
    channel: 'Channel',
    status: 'Status',
    receivedAt: 'Received',
    clockStartAt: 'Clock started',
    deferredReason: 'Why the clock started later',
    dueAt: 'Response due',
    firstResponseAt: 'First answer',
    resolvedAt: 'Resolved',
    slaState: 'SLA state',
    outcome: 'SLA result',
    clock: 'Clock',
    targetMs: 'Target',
    responseMs: 'Response time',
    lastCustomerUpdateAt: 'Last update',
  },
  slaColumns: {
    severity: 'Severity',
    target: 'Target',
    clock: 'Clock',
    met: 'Met',
    missed: 'Missed',
    breached: 'Breached (unanswered)',
    decided: 'Counted',
    metPct: 'Met %',
    p50: 'Response time, median',
    p90: 'Response time, 90th percentile',
  },
  requestColumns: {
    requestId: 'Request ID',
    title: 'Title',
    product: 'Product',
    productVersion: 'Version',
    priority: 'Priority',
    submittedAt: 'Requested',
    stage: 'Current stage',
    stageAtPeriodEnd: 'Stage at the end of the period',
    changesInPeriod: 'Progress in the period',
    incidentId: 'Related incident',
  },
  healthCheckColumns: { scheduledDate: 'Date', agreedOn: 'Agreed on', status: 'Status', completedAt: 'Completed' },
  findingColumns: { area: 'Area', finding: 'Finding', severity: 'Severity', recommendation: 'Recommendation', status: 'Follow-up' },
  timelineColumns: { at: 'Time', kind: 'Type', author: 'By', body: 'Details' },
  daily: {
    sequence: 'Report no. {n}',
    previousReport: 'Previous report',
    noPreviousReport: 'First report',
    since: 'Covering events since',
    openFor: 'Open for',
    remaining: 'Time left to respond',
    dueBy: "Today's report due by",
  },
  portfolioColumns: {
    customer: 'Customer',
    tam: 'TAM',
    tier: 'Contract',
    open: 'Open incidents',
    slaMetPct: 'SLA met this quarter',
    breaches: 'Breaches',
    nextHealthCheck: 'Next health check',
    nextQuarterlyReport: 'Next quarterly report due',
    overdue: 'Overdue',
  },
  charts: {
    significantIncidents: 'Most significant incidents',
    incidentsPerMonth: 'Incidents per month by severity',
    responsesPerMonth: 'Responses met and missed per month',
    responseTimes: 'Response-time distribution by severity',
    backlog: 'Open incidents over time',
    requestsByStage: 'Requests by stage',
    month: 'Month',
    count: 'Count',
    target: 'Target',
    open: 'Open',
    p50: 'Median',
    p90: '90th percentile',
    bucketUpTo: 'Within {pct}% of target',
    bucketOver: 'Over {pct}% of target',
    noData: 'No data',
  },
  listing: {
    incidents: 'The {shown} most significant of the {total} incidents are listed; the data export (CSV / XLSX) has them all.',
    openIncidents: '{count} more open incidents are not listed here (the data export has them).',
  },
  exports: {
    incidentsSheet: 'Incidents',
    slaSheet: 'SLA results',
    withZone: '{label} ({zone})',
    responseMinutes: 'Response time (minutes)',
    targetMinutes: 'Target (minutes)',
    p50Minutes: 'Response time, median (minutes)',
    p90Minutes: 'Response time, 90th percentile (minutes)',
  },
  severity: { 1: 'Level 1 Critical', 2: 'Level 2 High', 3: 'Level 3 Medium', 4: 'Level 4 Low' },
  severityShort: { 1: 'L1', 2: 'L2', 3: 'L3', 4: 'L4' },
  slaState: { running: 'Running', at_risk: 'At risk', breached: 'Breached', met: 'Met', missed: 'Missed' },
  outcome: { met: 'Met', missed: 'Missed', breached: 'Breached (unanswered)' },
  clock: { calendar: 'Calendar time (24/7)', business: 'Business hours' },
  deferral: {
    out_of_hours_non_phone: 'Received out of hours other than by phone: the clock started at the next opening',
    out_of_hours_business_clock: 'Received out of hours: the clock started at the next opening',
  },
  incidentStatus: {
    new: 'New',
    in_progress: 'In progress',
    waiting_customer: 'Waiting for the customer',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  channel: { portal: 'Web portal (company account)', phone: 'Priority phone line', email: 'Email', tam: 'TAM in person' },
  tier: { msa_enterprise: 'MSA Enterprise', standard: 'Standard support' },
  requestType: { signature_release: 'Signature release', private_patch: 'Private patch' },
  requestStage: {
    submitted: 'Submitted',
    in_analysis: 'In analysis',
    release_scheduled: 'Release scheduled',
    released: 'Released',
    customer_notified: 'Customer notified',
    requested: 'Requested',
    accepted: 'Accepted',
    declined: 'Declined',
    in_development: 'In development',
    delivered: 'Delivered',
    included_in_public_patch: 'Included in a public patch',
  },
  priority: { prioritised: 'Prioritised', normal: 'Normal' },
  findingSeverity: { info: 'Info', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  findingStatus: { open: 'Open', accepted: 'Accepted', resolved: 'Resolved', wont_fix: "Won't fix" },
  healthCheckStatus: { scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled' },
  nextHealthCheck: {
    scheduled: 'Scheduled',
    completed: 'Done this contract year',
    due: 'Due: none this contract year',
    not_applicable: 'Not applicable (outside the contract)',
  },
  nextStep: {
    open_incident: 'Open incident',
    open_finding: 'Open finding',
    request_in_progress: 'Request in progress',
    health_check: 'Health check',
    answer_due: 'Answer due',
    duty_manager_escalation: 'Escalated to the duty manager',
    awaiting_customer: 'Waiting for your reply',
    investigation_continues: 'Investigation continues',
    confirm_resolution: 'Please confirm the resolution',
    next_daily_report: 'Next daily report',
  },
  dailyReportStatus: { done: 'Sent', due: 'Due today', overdue: 'Overdue', not_owed: 'Not owed today' },
  via: { email: 'Email', phone: 'Phone' },
  timelineKind: {
    note: 'Note',
    call: 'Call',
    email: 'Email',
    meeting: 'Meeting',
    vendor_update: 'Vendor update',
    escalation: 'Escalation',
    response: 'Response',
    status_change: 'Status change',
    severity_change: 'Severity change',
    report_sent: 'Report sent',
    alert_acknowledged: 'Alert acknowledged',
  },
};

export const REPORT_LABELS: Readonly<Record<Locale, ReportLabels>> = { ja, en };

export function reportLabels(locale: Locale): ReportLabels {
  return REPORT_LABELS[locale];
}

/** Fills {name} placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fillLabel(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
