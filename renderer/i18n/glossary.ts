// The glossary (namespace 'glossary'): one term per domain value, in Japanese and English, used by
// every screen and every report. Each enum group is keyed by the values of its schema in
// shared/model (GLOSSARY_ENUMS): a value without a term fails to compile, and glossary.test.ts
// fails if a schema gains a value that one language does not name. Words follow the contract
// (重要度 クリティカル／高／中／低, 対応時間, 当番のマネージャー).
//
// Use: t('glossary:status.waiting_customer'), t('glossary:severity.1'),
// t('glossary:level', { level: 2 }) → "レベル 2" / "Level 2".
import type { z } from 'zod';
import type { DailyReportStatus, SlaState } from '../../shared/sla/index';
import {
  AbsenceSchema,
  ChannelSchema,
  ContractTierSchema,
  FindingSeveritySchema,
  FindingStatusSchema,
  HealthCheckStatusSchema,
  IncidentStatusSchema,
  ReportKindSchema,
  ReportViaSchema,
  RequestSchema,
  RequestStageSchema,
  RequestTypeSchema,
  RoleSchema,
  SeveritySchema,
  TimelineKindSchema,
  VisibilitySchema,
} from '../../shared/model/entities';
import type { Catalog } from './catalog';

/** The enum schemas the glossary names, one group each. */
export const GLOSSARY_ENUMS = {
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  channel: ChannelSchema,
  tier: ContractTierSchema,
  visibility: VisibilitySchema,
  timelineKind: TimelineKindSchema,
  requestType: RequestTypeSchema,
  requestStage: RequestStageSchema,
  requestPriority: RequestSchema.shape.priority,
  healthCheckStatus: HealthCheckStatusSchema,
  findingSeverity: FindingSeveritySchema,
  findingStatus: FindingStatusSchema,
  reportKind: ReportKindSchema,
  reportVia: ReportViaSchema,
  role: RoleSchema,
  absence: AbsenceSchema.shape.kind,
} as const;

type Terms<S extends z.ZodType> = Record<`${z.infer<S> & (string | number)}`, string>;
type EnumTerms = { [G in keyof typeof GLOSSARY_ENUMS]: Terms<(typeof GLOSSARY_ENUMS)[G]> };

/** SLA values that are types of the engine (shared/sla), not schemas: named here too. */
interface EngineTerms {
  slaState: Record<SlaState, string>;
  slaOutcome: Record<'met' | 'missed' | 'breached', string>;
  clock: Record<'calendar' | 'business', string>;
  dailyReportStatus: Record<DailyReportStatus, string>;
}

/** The names of the dimensions themselves ("Severity", "Status"…). */
interface DimensionTerms {
  term: {
    severity: string;
    status: string;
    channel: string;
    tier: string;
    visibility: string;
    timelineKind: string;
    requestType: string;
    requestStage: string;
    slaState: string;
    clock: string;
  };
  /** 'Level {{level}}' — a level by its number. */
  level: string;
  /** 'L{{level}}' — the short form in dense tables. */
  levelShort: string;
  /** A level with its name: 'Level 1 Critical'. */
  severityLevel: Terms<typeof SeveritySchema>;
}

const enTerms = {
  term: {
    severity: 'Severity',
    status: 'Status',
    channel: 'Channel',
    tier: 'Contract',
    visibility: 'Visibility',
    timelineKind: 'Type',
    requestType: 'Request type',
    requestStage: 'Stage',
    slaState: 'SLA state',
    clock: 'Clock',
  },
  level: 'Level {{level}}',
  levelShort: 'L{{level}}',
  severityLevel: { '1': 'Level 1 Critical', '2': 'Level 2 High', '3': 'Level 3 Medium', '4': 'Level 4 Low' },
  severity: { '1': 'Critical', '2': 'High', '3': 'Medium', '4': 'Low' },
  status: {
    new: 'New',
    in_progress: 'In progress',
    waiting_customer: 'Waiting for the customer',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  channel: {
    portal: 'Web portal (company account)',
    phone: 'Priority phone line',
    email: 'Email',
    tam: 'The TAM in person',
  },
  tier: { msa_enterprise: 'MSA Enterprise', standard: 'Standard support' },
  visibility: { customer: 'Customer-visible', internal: 'Internal' },
  timelineKind: {
    note: 'Note',
    call: 'Call',
    email: 'Email',
    meeting: 'Meeting',
    vendor_update: 'Vendor update',
    escalation: 'Escalation',
    response: 'Response to the customer',
    status_change: 'Status change',
    severity_change: 'Severity change',
    report_sent: 'Report sent',
    alert_acknowledged: 'Alert acknowledged',
  },
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
  requestPriority: { prioritised: 'Prioritised', normal: 'Normal' },
  healthCheckStatus: { scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled' },
  findingSeverity: { info: 'Info', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  findingStatus: { open: 'Open', accepted: 'Accepted', resolved: 'Resolved', wont_fix: "Won't fix" },
  reportKind: { daily: 'Daily report', quarterly: 'Quarterly report', custom: 'Custom report' },
  reportVia: { email: 'Email', phone: 'Phone' },
  role: { tam: 'TAM', manager: 'Manager', admin: 'Administrator' },
  absence: { leave: 'Leave', sick: 'Sick leave', training: 'Training', other: 'Away' },
  slaState: { running: 'On track', at_risk: 'At risk', breached: 'Breached', met: 'Met', missed: 'Missed' },
  slaOutcome: { met: 'Met', missed: 'Missed', breached: 'Breached (unanswered)' },
  clock: { calendar: 'Calendar time (24/7)', business: 'Business hours' },
  dailyReportStatus: { done: 'Sent', due: 'Due today', overdue: 'Overdue', not_owed: 'Not owed today' },
} as const satisfies EnumTerms & EngineTerms & DimensionTerms;

export const en = enTerms;

export const ja: Catalog<typeof en> = {
  term: {
    severity: '重要度',
    status: 'ステータス',
    channel: '受付チャネル',
    tier: 'ご契約',
    visibility: '公開範囲',
    timelineKind: '種別',
    requestType: 'リクエストの種類',
    requestStage: '段階',
    slaState: 'SLA 状態',
    clock: '計測方法',
  },
  level: 'レベル {{level}}',
  levelShort: 'L{{level}}',
  severityLevel: { '1': 'レベル 1 クリティカル', '2': 'レベル 2 高', '3': 'レベル 3 中', '4': 'レベル 4 低' },
  severity: { '1': 'クリティカル', '2': '高', '3': '中', '4': '低' },
  status: {
    new: '新規',
    in_progress: '対応中',
    waiting_customer: 'お客様の回答待ち',
    resolved: '解決済み',
    closed: 'クローズ',
  },
  channel: {
    portal: 'Web ポータル（カンパニーアカウント）',
    phone: '優先電話回線',
    email: 'メール',
    tam: '担当 TAM',
  },
  tier: { msa_enterprise: 'MSA Enterprise', standard: '標準サポート' },
  visibility: { customer: 'お客様に公開', internal: '社内のみ' },
  timelineKind: {
    note: 'メモ',
    call: '電話',
    email: 'メール',
    meeting: '打ち合わせ',
    vendor_update: 'ベンダーからの更新',
    escalation: 'エスカレーション',
    response: 'お客様への回答',
    status_change: 'ステータス変更',
    severity_change: '重要度の変更',
    report_sent: 'レポート送付',
    alert_acknowledged: 'アラート確認',
  },
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
  requestPriority: { prioritised: '優先処理', normal: '通常' },
  healthCheckStatus: { scheduled: '予定', completed: '実施済み', cancelled: '中止' },
  findingSeverity: { info: '情報', low: '低', medium: '中', high: '高', critical: '重大' },
  findingStatus: { open: '未対応', accepted: '対応予定', resolved: '対応済み', wont_fix: '対応なし' },
  reportKind: { daily: '日次報告', quarterly: '四半期レポート', custom: '個別レポート' },
  reportVia: { email: 'メール', phone: '電話' },
  role: { tam: 'TAM', manager: 'マネージャー', admin: '管理者' },
  absence: { leave: '休暇', sick: '病欠', training: '研修', other: '不在' },
  slaState: { running: '計測中', at_risk: '期限間近', breached: '期限超過', met: '達成', missed: '未達' },
  slaOutcome: { met: '達成', missed: '未達', breached: '期限超過（未回答）' },
  clock: { calendar: '暦時間（24 時間 365 日）', business: '営業時間' },
  dailyReportStatus: { done: '送付済み', due: '本日送付予定', overdue: '送付遅延', not_owed: '本日は不要' },
};
