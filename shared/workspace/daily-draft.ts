// The daily status report of an open level-1 incident (docs/domain.md, "Reports"): which reports
// are due or overdue today, and a draft (Japanese or English, chosen per report) made from
// the incident's timeline since the last daily report: subject, body with the incident
// title, current status, response SLA state, what the customer can see that happened since
// the last report, and the next steps. Times are written in the customer's time zone.
import { DateTime } from 'luxon';
import { isOpenIncident, isOpenStatus, responseSlaInput } from '../incidents/index';
import type {
  Contact,
  Customer,
  Incident,
  IncidentStatus,
  Locale,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  TimelineEvent,
  TimelineKind,
} from '../model/entities';
import { computeResponseSla, dailyReportStatus, policyOfCustomer } from '../sla';
import type { DailyReportItem, ResponseSla } from '../sla';

export type DraftLocale = Locale;

// ---------------------------------------------------------------- what is due today

export interface DailyReportBoardInput {
  customers: readonly Customer[];
  /** Incidents in scope (any level and status: only open level-1 ones count). */
  incidents: readonly Incident[];
  /** The report log (any kind; the daily entries count). */
  reports: readonly Report[];
  now: string;
  /** Local time after which today's report is overdue (default 18:00). */
  cutoff?: string;
}

export interface DailyReportBoardItem {
  incident: Incident;
  customer: Customer;
  /** Today's status, "today" being the customer's local date. */
  today: DailyReportItem;
  /** The latest daily report of this incident, if any. */
  lastReport: Report | null;
}

const STATUS_ORDER: Record<DailyReportItem['status'], number> = { overdue: 0, due: 1, done: 2, not_owed: 3 };

/** The latest daily report of an incident sent at or before `now`. */
export function lastDailyReport(reports: readonly Report[], incidentId: string, now?: string): Report | null {
  const limit = now === undefined ? Infinity : Date.parse(now);
  let last: Report | null = null;
  for (const r of reports) {
    if (r.deleted || r.kind !== 'daily' || r.incidentId !== incidentId) continue;
    const at = Date.parse(r.sentAt);
    if (at > limit) continue;
    if (last === null || at > Date.parse(last.sentAt)) last = r;
  }
  return last;
}

/**
 * Every open level-1 incident with today's daily report status (done, due, overdue or not
 * owed), overdue first, then due, done and not owed; oldest incident first within each.
 */
export function dailyReportBoard(input: DailyReportBoardInput): DailyReportBoardItem[] {
  const customers = new Map(input.customers.filter((c) => !c.deleted).map((c) => [c.id, c]));
  const open = input.incidents.filter((i) => i.severity === 1 && isOpenIncident(i) && customers.has(i.customerId));
  const log = input.reports
    .filter((r) => !r.deleted && r.kind === 'daily' && r.incidentId !== null)
    .map((r) => ({ kind: 'daily' as const, incidentId: r.incidentId as string, sentAt: r.sentAt, via: r.via }));
  const items: DailyReportBoardItem[] = [];
  for (const customer of customers.values()) {
    const mine = open.filter((i) => i.customerId === customer.id);
    if (mine.length === 0) continue;
    const statuses = dailyReportStatus({
      calendar: customer.calendar,
      incidents: mine.map((i) => ({ incidentId: i.id, severity: i.severity, receivedAt: i.receivedAt, closedAt: null })),
      log: log.filter((e) => mine.some((i) => i.id === e.incidentId)),
      now: input.now,
      ...(input.cutoff !== undefined ? { cutoff: input.cutoff } : {}),
    });
    for (const today of statuses) {
      const incident = mine.find((i) => i.id === today.incidentId);
      if (incident) items.push({ incident, customer, today, lastReport: lastDailyReport(input.reports, incident.id, input.now) });
    }
  }
  return items.sort(
    (a, b) =>
      STATUS_ORDER[a.today.status] - STATUS_ORDER[b.today.status] ||
      Date.parse(a.incident.receivedAt) - Date.parse(b.incident.receivedAt),
  );
}

// ---------------------------------------------------------------- the draft

/** The language a report is written in by default: the customer's primary contact's, else the fallback. */
export function defaultDraftLocale(contacts: readonly Pick<Contact, 'isPrimary' | 'locale' | 'deleted'>[], fallback: DraftLocale): DraftLocale {
  const live = contacts.filter((c) => !c.deleted);
  return (live.find((c) => c.isPrimary) ?? live[0])?.locale ?? fallback;
}

export interface DailyDraftInput {
  locale: DraftLocale;
  customer: Pick<Customer, 'nameJa' | 'nameLatin' | 'calendar' | 'supportPolicyId' | 'contractTier'>;
  incident: Incident;
  /** The incident's timeline (any order; internal entries are left out of the draft). */
  events: readonly TimelineEvent[];
  /** The report log (the incident's daily reports decide where "since the last report" starts). */
  reports: readonly Report[];
  /** Requests linked to the incident: their progress is a next step. */
  requests?: readonly Request[];
  now: string;
  /** Who the report is addressed to. */
  contact?: Pick<Contact, 'name' | 'nameLatin'> | null;
  /** Who signs it (the TAM). */
  author?: string | null;
}

export interface DailyDraft {
  locale: DraftLocale;
  subject: string;
  body: string;
  /** The customer's local date the report is for. */
  reportDate: string;
  /** Where the report's period starts: the last daily report's sentAt, or the incident's receipt. */
  since: string;
  sinceLastReport: boolean;
  /** The customer-visible events the draft lists, oldest first. */
  events: TimelineEvent[];
  sla: ResponseSla;
}

interface Words {
  subject: (title: string, date: string) => string;
  greeting: (customer: string, contact: string | null, author: string | null) => string;
  intro: string;
  zoneNote: (zone: string) => string;
  headings: { incident: string; received: string; severity: string; status: string; sla: string; events: (since: string, first: boolean) => string; next: string };
  severity: Record<Severity, string>;
  status: Record<IncidentStatus, string>;
  kind: Record<TimelineKind, string>;
  statusChange: (from: string, to: string) => string;
  severityChange: (from: string, to: string) => string;
  noEvents: (first: boolean) => string;
  sla: {
    met: (at: string) => string;
    missed: (at: string) => string;
    running: (due: string, left: string) => string;
    at_risk: (due: string, left: string) => string;
    breached: (due: string) => string;
    target: (minutes: number, business: boolean) => string;
    deferred: (until: string) => string;
  };
  duration: (hours: number, minutes: number) => string;
  next: {
    firstAnswer: (due: string) => string;
    firstAnswerAsap: string;
    investigating: string;
    waitingCustomer: string;
    confirmResolution: string;
    request: (type: string, title: string, stage: string) => string;
    nextReport: (date: string) => string;
  };
  requestType: Record<RequestType, string>;
  stage: Record<RequestStage, string>;
  closing: (author: string | null) => string;
  bullet: string;
}

const JA: Words = {
  subject: (title, date) => `【日次状況報告】${title}（${date}）`,
  greeting: (customer, contact, author) =>
    `${customer}\n${contact !== null ? `${contact} 様` : 'ご担当者様'}\n\nいつもお世話になっております。${author !== null ? `${author}です。` : ''}`,
  intro: '下記インシデントについて、本日の状況をご報告いたします。',
  zoneNote: (zone) => `※ 日時はすべてお客様の現地時間（${zone}）です。`,
  headings: {
    incident: 'インシデント',
    received: '受付日時',
    severity: '重要度',
    status: '現在のステータス',
    sla: '応答時間',
    events: (since, first) => (first ? `受付（${since}）以降の経過` : `前回のご報告（${since}）以降の経過`),
    next: '今後の対応',
  },
  severity: { 1: 'レベル1（クリティカル）', 2: 'レベル2（高）', 3: 'レベル3（中）', 4: 'レベル4（低い）' },
  status: { new: '新規受付', in_progress: '対応中', waiting_customer: 'お客様からのご回答待ち', resolved: '解決済み（ご確認待ち）', closed: 'クローズ' },
  kind: {
    note: 'メモ',
    call: 'お電話',
    email: 'メール',
    meeting: 'お打ち合わせ',
    vendor_update: '技術チームからの更新',
    escalation: 'エスカレーション',
    response: 'ご回答',
    status_change: 'ステータス変更',
    severity_change: '重要度の変更',
    report_sent: '状況報告',
    alert_acknowledged: 'アラート確認',
  },
  statusChange: (from, to) => `ステータスを「${from}」から「${to}」に変更しました。`,
  severityChange: (from, to) => `重要度を「${from}」から「${to}」に変更しました。`,
  noEvents: (first) => (first ? '受付以降、現時点で新たな進展はございません。' : '前回のご報告以降、新たな進展はございません。'),
  sla: {
    met: (at) => `目標時間内に初回回答済み（${at}）`,
    missed: (at) => `初回回答済み（${at}、目標時間超過）`,
    running: (due, left) => `初回回答期限 ${due}（残り ${left}）`,
    at_risk: (due, left) => `初回回答期限 ${due}（残り ${left}、期限間近）`,
    breached: (due) => `初回回答期限 ${due} を過ぎています。当番マネージャーにエスカレーションしております。`,
    target: (minutes, business) => `応答時間の目標: ${business ? '営業時間で' : ''}${minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} 時間` : `${minutes} 分`}`,
    deferred: (until) => `（営業時間外のご連絡のため、${until} から計測）`,
  },
  duration: (h, m) => (h > 0 ? `${h} 時間 ${m} 分` : `${m} 分`),
  next: {
    firstAnswer: (due) => `${due} までに初回のご回答をお送りいたします。`,
    firstAnswerAsap: '初回のご回答を至急お送りいたします。',
    investigating: '弊社技術チームと連携し、調査・対応を継続いたします。',
    waitingCustomer: 'ご依頼している情報（ログ等）のご提供をお待ちしております。',
    confirmResolution: '対応策の有効性をご確認いただけますでしょうか。問題がなければクローズいたします。',
    request: (type, title, stage) => `${type}「${title}」: 現在「${stage}」です。`,
    nextReport: (date) => `次回のご報告は ${date} にお送りいたします。`,
  },
  requestType: { signature_release: 'シグネチャ リリース依頼', private_patch: '非公開パッチ依頼' },
  stage: {
    submitted: '受付済み',
    in_analysis: '解析中',
    release_scheduled: 'リリース予定',
    released: 'リリース済み',
    customer_notified: 'ご連絡済み',
    requested: '依頼済み',
    accepted: '受諾',
    declined: '見送り',
    in_development: '開発中',
    delivered: '提供済み',
    included_in_public_patch: '公開パッチに収録済み',
  },
  closing: (author) => `ご不明な点がございましたら、お気軽にお問い合わせください。\n引き続きよろしくお願いいたします。${author !== null ? `\n\n${author}` : ''}`,
  bullet: '・',
};

const EN: Words = {
  subject: (title, date) => `[Daily status report] ${title} (${date})`,
  greeting: (customer, contact, _author) => `${customer}\nDear ${contact ?? 'Sir or Madam'},`,
  intro: "Here is today's status report on the incident below.",
  zoneNote: (zone) => `All times are your local time (${zone}).`,
  headings: {
    incident: 'Incident',
    received: 'Received',
    severity: 'Severity',
    status: 'Current status',
    sla: 'Response time',
    events: (since, first) => (first ? `Since we received it (${since})` : `Since our last report (${since})`),
    next: 'Next steps',
  },
  severity: { 1: 'Level 1 (Critical)', 2: 'Level 2 (High)', 3: 'Level 3 (Medium)', 4: 'Level 4 (Low)' },
  status: { new: 'New', in_progress: 'In progress', waiting_customer: 'Waiting for your reply', resolved: 'Resolved (awaiting your confirmation)', closed: 'Closed' },
  kind: {
    note: 'Note',
    call: 'Call',
    email: 'Email',
    meeting: 'Meeting',
    vendor_update: 'Update from engineering',
    escalation: 'Escalation',
    response: 'Answer',
    status_change: 'Status change',
    severity_change: 'Severity change',
    report_sent: 'Status report',
    alert_acknowledged: 'Alert acknowledged',
  },
  statusChange: (from, to) => `Status changed from "${from}" to "${to}".`,
  severityChange: (from, to) => `Severity changed from "${from}" to "${to}".`,
  noEvents: (first) => (first ? 'No new developments since we received the incident.' : 'No new developments since our last report.'),
  sla: {
    met: (at) => `First answer given within the target (${at})`,
    missed: (at) => `First answer given at ${at}, after the target`,
    running: (due, left) => `First answer due by ${due} (${left} left)`,
    at_risk: (due, left) => `First answer due by ${due} (${left} left, at risk)`,
    breached: (due) => `The first answer was due by ${due}; the duty manager has been engaged.`,
    target: (minutes, business) =>
      `Response target: ${minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}` : `${minutes} minutes`}${business ? ' of business time' : ''}`,
    deferred: (until) => ` (received outside business hours; counted from ${until})`,
  },
  duration: (h, m) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
  next: {
    firstAnswer: (due) => `We will send our first answer by ${due}.`,
    firstAnswerAsap: 'We will send our first answer as a matter of urgency.',
    investigating: 'We continue the investigation with our engineering team.',
    waitingCustomer: 'We are waiting for the information we asked you for (logs, etc.).',
    confirmResolution: 'Please confirm that the solution works for you; we will then close the incident.',
    request: (type, title, stage) => `${type} "${title}": now ${stage}.`,
    nextReport: (date) => `Our next report will follow on ${date}.`,
  },
  requestType: { signature_release: 'Signature release request', private_patch: 'Private patch request' },
  stage: {
    submitted: 'submitted',
    in_analysis: 'in analysis',
    release_scheduled: 'release scheduled',
    released: 'released',
    customer_notified: 'customer notified',
    requested: 'requested',
    accepted: 'accepted',
    declined: 'declined',
    in_development: 'in development',
    delivered: 'delivered',
    included_in_public_patch: 'included in a public patch',
  },
  closing: (author) => `If you have any questions, please do not hesitate to contact us.\n\nBest regards,${author !== null ? `\n${author}` : ''}`,
  bullet: '- ',
};

const WORDS: Record<DraftLocale, Words> = { ja: JA, en: EN };

const FINAL_STAGES: readonly RequestStage[] = ['customer_notified', 'declined', 'included_in_public_patch'];

function isSeverity(v: unknown): v is Severity {
  return v === 1 || v === 2 || v === 3 || v === 4;
}
function isStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && v in JA.status;
}

/**
 * The customer-visible events after `since` (exclusive, or inclusive when asked) up to `now`,
 * oldest first; internal entries and the reports themselves are left out.
 */
export function eventsForDailyReport(events: readonly TimelineEvent[], since: string, now: string, includeSince = false): TimelineEvent[] {
  const from = Date.parse(since);
  const to = Date.parse(now);
  return events
    .filter((e) => {
      if (e.deleted || e.visibility !== 'customer' || e.kind === 'report_sent') return false;
      const at = Date.parse(e.at);
      return (includeSince ? at >= from : at > from) && at <= to;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function describeEvent(e: TimelineEvent, w: Words): string {
  const from = e.meta?.['from'];
  const to = e.meta?.['to'];
  if (e.kind === 'status_change' && isStatus(from) && isStatus(to)) return w.statusChange(w.status[from], w.status[to]);
  if (e.kind === 'severity_change' && isSeverity(from) && isSeverity(to)) return w.severityChange(w.severity[from], w.severity[to]);
  const body = e.body.trim().replace(/\s*\n\s*/g, ' ');
  return body.length > 0 ? `${w.kind[e.kind]}: ${body}` : w.kind[e.kind];
}

/** Builds the draft. Pure: the same input gives the same text. */
export function buildDailyDraft(input: DailyDraftInput): DailyDraft {
  const w = WORDS[input.locale];
  const zone = input.customer.calendar.timeZone;
  const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
  const nowLocal = DateTime.fromISO(input.now, { setZone: true }).setZone(zone);
  const reportDate = nowLocal.toISODate() ?? input.now.slice(0, 10);
  const { incident } = input;

  const last = lastDailyReport(input.reports, incident.id, input.now);
  const since = last?.sentAt ?? incident.receivedAt;
  // The first report covers the receipt itself (events at the receipt instant included).
  const listed = eventsForDailyReport(input.events, since, input.now, last === null);

  const policy = policyOfCustomer(input.customer);
  const sla = computeResponseSla(responseSlaInput(incident, input.customer.calendar, policy, input.now));
  const left = (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    return w.duration(Math.floor(minutes / 60), minutes % 60);
  };
  let slaLine: string;
  switch (sla.state) {
    case 'met':
      slaLine = w.sla.met(at(incident.firstResponseAt ?? input.now));
      break;
    case 'missed':
      slaLine = w.sla.missed(at(incident.firstResponseAt ?? input.now));
      break;
    case 'running':
      slaLine = w.sla.running(at(sla.dueAt), left(sla.remainingMs ?? 0));
      break;
    case 'at_risk':
      slaLine = w.sla.at_risk(at(sla.dueAt), left(sla.remainingMs ?? 0));
      break;
    case 'breached':
      slaLine = w.sla.breached(at(sla.dueAt));
      break;
  }
  const target = policy.targets[sla.severity];
  const targetLine = w.sla.target(target.minutes, target.clock === 'business') + (sla.deferred ? w.sla.deferred(at(sla.deferred.until)) : '');

  const next: string[] = [];
  const answered = incident.firstResponseAt !== null;
  switch (incident.status) {
    case 'new':
    case 'in_progress':
      if (answered) next.push(w.next.investigating);
      else next.push(sla.state === 'breached' ? w.next.firstAnswerAsap : w.next.firstAnswer(at(sla.dueAt)));
      break;
    case 'waiting_customer':
      next.push(w.next.waitingCustomer);
      break;
    case 'resolved':
      next.push(w.next.confirmResolution);
      break;
    case 'closed':
      break;
  }
  for (const r of input.requests ?? []) {
    if (r.deleted || r.incidentId !== incident.id || FINAL_STAGES.includes(r.stage)) continue;
    next.push(w.next.request(w.requestType[r.type], r.title, w.stage[r.stage]));
  }
  if (isOpenStatus(incident.status)) {
    next.push(w.next.nextReport(nowLocal.plus({ days: 1 }).toISODate() ?? ''));
  }

  const customerName = input.locale === 'ja' ? input.customer.nameJa : input.customer.nameLatin;
  const contactName = input.contact ? (input.locale === 'en' ? (input.contact.nameLatin ?? input.contact.name) : input.contact.name) : null;
  const author = input.author?.trim() ? input.author.trim() : null;
  const b = w.bullet;
  const heading = (h: string) => (input.locale === 'ja' ? `■ ${h}` : `## ${h}`);

  const lines = [
    w.greeting(customerName, contactName, author),
    '',
    w.intro,
    w.zoneNote(zone),
    '',
    heading(w.headings.incident),
    incident.title,
    '',
    `${w.headings.received}: ${at(incident.receivedAt)}`,
    `${w.headings.severity}: ${w.severity[incident.severity]}`,
    `${w.headings.status}: ${w.status[incident.status]}`,
    `${w.headings.sla}: ${slaLine}`,
    `${b}${targetLine}`,
    '',
    heading(w.headings.events(at(since), last === null)),
    ...(listed.length > 0 ? listed.map((e) => `${b}${at(e.at)} ${describeEvent(e, w)}`) : [w.noEvents(last === null)]),
    '',
    heading(w.headings.next),
    ...next.map((n) => `${b}${n}`),
    '',
    w.closing(author),
  ];

  return {
    locale: input.locale,
    subject: w.subject(incident.title, reportDate),
    body: `${lines.join('\n')}\n`,
    reportDate,
    since,
    sinceLastReport: last !== null,
    events: listed,
    sla,
  };
}

// ---------------------------------------------------------------- sending and logging

/** A mailto: URL with subject and body (RFC 6068: CRLF line breaks, percent-encoded). */
export function mailtoUrl(message: { to: readonly string[]; subject: string; body: string }): string {
  const enc = (s: string) => encodeURIComponent(s);
  const to = message.to.map((a) => enc(a).replace(/%40/g, '@')).join(',');
  const body = message.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${to}?subject=${enc(message.subject)}&body=${enc(body)}`;
}

/** A file name for the draft saved as an .eml: report date and a short, safe part of the title. */
export function draftFileName(draft: Pick<DailyDraft, 'reportDate'>, incident: Pick<Incident, 'id'>): string {
  return `daily-report-${draft.reportDate}-${incident.id.slice(0, 8)}.eml`;
}

/**
 * The arguments of report.logSent for a daily report sent now (ids added by the caller): the
 * period is the customer's local date of `sentAt`.
 */
export function dailyReportLogArgs(input: {
  customer: Pick<Customer, 'id' | 'calendar'>;
  incident: Pick<Incident, 'id'>;
  via: 'email' | 'phone';
  sentAt: string;
  note?: string;
}) {
  const date = DateTime.fromISO(input.sentAt, { setZone: true }).setZone(input.customer.calendar.timeZone).toISODate() ?? input.sentAt.slice(0, 10);
  const note = input.note?.trim();
  return {
    customerId: input.customer.id,
    kind: 'daily' as const,
    periodStart: date,
    periodEnd: date,
    sentAt: input.sentAt,
    via: input.via,
    incidentId: input.incident.id,
    ...(note ? { note: note.slice(0, 5000) } : {}),
  };
}
