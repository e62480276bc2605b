// The demo data set: two TAMs with separate customers (Japanese and English accounts, names
// in both scripts), their manager, an administrator, incidents in every state (an open
// level 1, some about to breach, one breached, all relative to now), requests in every
// stage, health checks, reports, absences and the duty-manager roster.
import { DateTime } from 'luxon';
import type {
  Absence,
  Contact,
  Customer,
  DeployedProduct,
  DutyShift,
  HealthCheck,
  Incident,
  IncidentStatus,
  Report,
  Request,
  RequestStage,
  RequestType,
  Severity,
  Channel,
  TaggedRow,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import { customerQuarterlySchedule } from '../../shared/analytics/schedule';
import { REQUEST_WORKFLOWS, INITIAL_STAGE } from '../../shared/mutations';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db';
import { bulkInsert, upsertAccount } from './bulk';
import { buildDemoHistory } from './history';
import { mulberry32, uuidFrom } from './prng';
import { timelineEventRow } from './rows';
import { demoReplyTemplates } from './templates';

export const DEMO_DEFAULT_PASSWORD = 'demo';

export const DEMO_LOGINS = [
  { email: 'tam1@example.com', role: 'tam', name: 'Sato Haruka (佐藤 遥)' },
  { email: 'tam2@example.com', role: 'tam', name: 'Emily Carter' },
  { email: 'manager@example.com', role: 'manager', name: 'Tanaka Ken (田中 健)' },
  { email: 'admin@example.com', role: 'admin', name: 'Admin (管理者)' },
] as const;

const TEAM = 'msa-tokyo';

interface Built {
  rows: TaggedRow[];
  users: User[];
}

/** Builds the demo rows for a given instant (deterministic ids). */
export function buildDemoData(nowMs: number): Built {
  const rng = mulberry32(20261126);
  const id = () => uuidFrom(rng);
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const iso = (d: DateTime) => d.toUTC().toISO({ suppressMilliseconds: false })!;
  const nowIso = iso(now);
  const date = (d: DateTime) => d.toISODate()!;
  const env = (rowId: string) => ({ id: rowId, version: 0, updatedAt: nowIso, deleted: false });
  const rows: TaggedRow[] = [];

  const user = (
    name: string,
    email: string,
    role: User['role'],
    team: string,
    locale: User['locale'],
  ): User => ({
    ...env(id()),
    name,
    email,
    role,
    team,
    locale,
  });
  const tam1 = user('佐藤 遥 (Sato Haruka)', 'tam1@example.com', 'tam', TEAM, 'ja');
  const tam2 = user('Emily Carter', 'tam2@example.com', 'tam', TEAM, 'en');
  const manager = user('田中 健 (Tanaka Ken)', 'manager@example.com', 'manager', TEAM, 'ja');
  const admin = user('Admin 管理者', 'admin@example.com', 'admin', 'operations', 'en');
  const duty2 = user(
    '中村 美咲 (Nakamura Misaki)',
    'duty.nakamura@example.com',
    'manager',
    'msa-osaka',
    'ja',
  );
  // The backup TAM of every demo customer (no sign-in), so that tam1 and tam2 stay separate.
  const backupTam = user('小林 亮 (Kobayashi Ryo)', 'tam.kobayashi@example.com', 'tam', TEAM, 'ja');
  const users = [tam1, tam2, manager, admin, duty2, backupTam];
  for (const u of users) rows.push({ entity: 'user', row: u });

  const absences: Absence[] = [
    {
      ...env(id()),
      userId: tam1.id,
      startDate: date(now.plus({ days: 7 })),
      endDate: date(now.plus({ days: 9 })),
      kind: 'leave',
      note: '有給休暇 (paid leave)',
    },
    {
      ...env(id()),
      userId: tam2.id,
      startDate: date(now.minus({ days: 30 })),
      endDate: date(now.minus({ days: 26 })),
      kind: 'training',
      note: 'Product certification training',
    },
  ];
  for (const a of absences) rows.push({ entity: 'absence', row: a });

  // Duty roster: 12-hour shifts alternating between the two managers, two weeks around now.
  const rosterStart = now.startOf('day').minus({ days: 7 });
  for (let i = 0; i < 28; i++) {
    const start = rosterStart.plus({ hours: 12 * i });
    const shift: DutyShift = {
      ...env(id()),
      userId: i % 2 === 0 ? manager.id : duty2.id,
      startsAt: iso(start),
      endsAt: iso(start.plus({ hours: 12 })),
      note: null,
    };
    rows.push({ entity: 'dutyShift', row: shift });
  }

  type CustomerSpec = Pick<Customer, 'nameJa' | 'nameLatin' | 'contractTier' | 'calendar'> & {
    tam: User;
    backup: User;
    locale: 'ja' | 'en';
    contact: [string, string | null, string];
  };
  const specs: CustomerSpec[] = [
    {
      nameJa: '株式会社さくら銀行',
      nameLatin: 'Sakura Bank, Ltd.',
      contractTier: 'msa_enterprise',
      calendar: { timeZone: 'Asia/Tokyo', country: 'JP', closures: yearEndClosures(now.year) },
      tam: tam1,
      backup: backupTam,
      locale: 'ja',
      contact: ['山田 太郎', 'Yamada Taro', 'yamada@sakura-bank.example.jp'],
    },
    {
      nameJa: '東京メトロ物流株式会社',
      nameLatin: 'Tokyo Metro Logistics Co., Ltd.',
      contractTier: 'msa_enterprise',
      calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
      tam: tam1,
      backup: backupTam,
      locale: 'ja',
      contact: ['鈴木 花子', 'Suzuki Hanako', 'suzuki@metro-logi.example.jp'],
    },
    {
      nameJa: '北斗製薬株式会社',
      nameLatin: 'Hokuto Pharmaceutical Co., Ltd.',
      contractTier: 'standard',
      calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
      tam: tam1,
      backup: backupTam,
      locale: 'ja',
      contact: ['高橋 誠', 'Takahashi Makoto', 'takahashi@hokuto-pharma.example.jp'],
    },
    {
      nameJa: 'ノースウィンド・トレーディング',
      nameLatin: 'Northwind Trading Inc.',
      contractTier: 'msa_enterprise',
      calendar: { timeZone: 'America/New_York', country: 'US' },
      tam: tam2,
      backup: backupTam,
      locale: 'en',
      contact: ['Michael Brown', null, 'm.brown@northwind.example.com'],
    },
    {
      nameJa: 'コントソ・リテール・ジャパン株式会社',
      nameLatin: 'Contoso Retail Japan K.K.',
      contractTier: 'msa_enterprise',
      calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
      tam: tam2,
      backup: backupTam,
      locale: 'en',
      contact: ['Sarah Johnson', null, 'sjohnson@contoso-retail.example.com'],
    },
    {
      nameJa: 'ファブリカム製造',
      nameLatin: 'Fabrikam Manufacturing Ltd.',
      contractTier: 'standard',
      calendar: { timeZone: 'Europe/London', country: 'GB' },
      tam: tam2,
      backup: backupTam,
      locale: 'en',
      contact: ['Oliver Smith', null, 'oliver.smith@fabrikam.example.co.uk'],
    },
  ];

  // The contracts started 26 months ago (the demo has 18 months of history: server/seed/history.ts)
  // and run four years. Tokyo Metro's contract started two years ago less 12 days: its running
  // quarter ends within two weeks, so a quarterly report is always coming up on Today.
  const contractStart = now.minus({ months: 26 }).startOf('month');
  const contractStartOf = (i: number) =>
    i === 1 ? now.plus({ days: 12 }).minus({ years: 2 }).startOf('day') : contractStart;
  const customers: Customer[] = specs.map((s, i) => ({
    ...env(id()),
    nameJa: s.nameJa,
    nameLatin: s.nameLatin,
    contractTier: s.contractTier,
    supportPolicyId: s.contractTier === 'msa_enterprise' ? 'msa-enterprise' : 'standard',
    contractStart: date(contractStartOf(i)),
    contractEnd: date(contractStartOf(i).plus({ years: 4 }).minus({ days: 1 })),
    calendar: s.calendar,
    tamId: s.tam.id,
    backupTamId: s.backup.id,
    team: TEAM,
  }));
  customers.forEach((c, i) => {
    const s = specs[i]!;
    rows.push({ entity: 'customer', row: c });
    const contact: Contact = {
      ...env(id()),
      customerId: c.id,
      name: s.contact[0],
      nameLatin: s.contact[1],
      email: s.contact[2],
      phone: '+81-3-0000-000' + i,
      role: s.locale === 'ja' ? '情報システム部 部長' : 'IT Security Manager',
      locale: s.locale,
      isPrimary: true,
      receivesReports: true,
    };
    rows.push({ entity: 'contact', row: contact });
    const products: DeployedProduct[] = [
      {
        ...env(id()),
        customerId: c.id,
        product: 'Endpoint Security',
        productVersion: '12.1',
        supportEndsOn: date(now.plus({ years: 2 })),
      },
      {
        ...env(id()),
        customerId: c.id,
        product: 'Endpoint Security',
        productVersion: '11.0',
        supportEndsOn: date(now.minus({ months: 5 })),
      },
      {
        ...env(id()),
        customerId: c.id,
        product: 'Mail Gateway',
        productVersion: '8.4',
        supportEndsOn: date(now.plus({ months: 10 })),
      },
    ];
    for (const p of products) rows.push({ entity: 'deployedProduct', row: p });
  });

  // Incidents: [customer, title, severity, channel, status, received (minutes ago), answered after (min) | null]
  type Spec = [number, string, Severity, Channel, IncidentStatus, number, number | null];
  const incidents: Spec[] = [
    [
      0,
      '勘定系サーバーでスキャン後にシステムクラッシュ (system crash after scan on core banking servers)',
      1,
      'phone',
      'new',
      24,
      null,
    ],
    [3, 'Ransomware detection quarantined payroll database files', 1, 'phone', 'in_progress', 200, 12],
    [
      1,
      '配送管理端末で定義ファイル更新が失敗 (signature updates fail on delivery terminals)',
      2,
      'phone',
      'new',
      210,
      null,
    ],
    [4, 'Real-time scan slows POS terminals at 40 stores', 2, 'portal', 'new', 300, null],
    [
      2,
      '管理コンソールにログインできない (cannot sign in to the management console)',
      3,
      'portal',
      'in_progress',
      60 * 26,
      90,
    ],
    [5, 'Question about exclusion rules for the build servers', 4, 'email', 'waiting_customer', 60 * 50, 120],
    [
      0,
      '誤検知: 社内ツールがトロイの木馬として検出 (false positive on an in-house tool)',
      3,
      'tam',
      'resolved',
      60 * 24 * 6,
      60,
    ],
    [3, 'Mail Gateway drops messages with large attachments', 2, 'email', 'closed', 60 * 24 * 20, 150],
    [1, 'ライセンス数の確認依頼 (licence count enquiry)', 4, 'portal', 'closed', 60 * 24 * 40, 240],
    [4, 'Agent upgrade to 12.1 fails on Windows Server 2016', 3, 'portal', 'in_progress', 60 * 5, null],
  ];
  const incidentRows: Incident[] = [];
  for (const [ci, title, severity, channel, status, agoMin, answeredAfter] of incidents) {
    const customer = customers[ci]!;
    const tam = customer.tamId;
    const received = now.minus({ minutes: agoMin });
    const firstResponse = answeredAfter === null ? null : received.plus({ minutes: answeredAfter });
    const incident: Incident = {
      ...env(id()),
      customerId: customer.id,
      title,
      description:
        specs[ci]!.locale === 'ja'
          ? '顧客より優先回線で連絡あり。詳細は時系列を参照。'
          : 'Reported by the customer; see the timeline for details.',
      severity,
      channel,
      status,
      receivedAt: iso(received),
      firstResponseAt: firstResponse ? iso(firstResponse) : null,
      resolvedAt:
        status === 'resolved' || status === 'closed' ? iso(received.plus({ minutes: agoMin / 2 })) : null,
      severityHistory: [{ severity, at: iso(received), by: tam }],
      createdBy: tam,
    };
    incidentRows.push(incident);
    rows.push({ entity: 'incident', row: incident });
    const event = (
      kind: TimelineEvent['kind'],
      at: DateTime,
      body: string,
      extra: Partial<TimelineEvent> = {},
    ): void => {
      rows.push(
        timelineEventRow(
          env(id()),
          incident,
          { kind, at: iso(at), authorId: tam, body, visibility: 'internal' },
          extra,
        ),
      );
    };
    event(
      'call',
      received,
      specs[ci]!.locale === 'ja'
        ? 'お客様から入電、状況をヒアリング。'
        : 'Customer called in; gathered the symptoms.',
      { visibility: 'customer' },
    );
    event(
      'vendor_update',
      received.plus({ minutes: 5 }),
      'Escalated to the product engineering team with logs.',
    );
    if (firstResponse) {
      event(
        'response',
        firstResponse,
        specs[ci]!.locale === 'ja' ? '回避策をご案内しました。' : 'Provided a workaround and next steps.',
        { visibility: 'customer', isAnswer: true },
      );
    }
    if (status !== 'new' && status !== 'in_progress') {
      event('status_change', received.plus({ minutes: agoMin / 2 }), '', {
        meta: { from: 'in_progress', to: status },
      });
    }
  }
  // A daily report for the open level-1 incident that has been answered.
  const l1 = incidentRows[1]!;
  const daily: Report = {
    ...env(id()),
    customerId: l1.customerId,
    kind: 'daily',
    periodStart: date(now),
    periodEnd: date(now),
    sentAt: iso(now.minus({ minutes: 30 })),
    via: 'email',
    incidentId: l1.id,
    authorId: tam2.id,
    note: 'Daily status: recovery of quarantined files in progress.',
  };
  rows.push({ entity: 'report', row: daily });
  rows.push(
    timelineEventRow(
      env(id()),
      l1,
      {
        kind: 'report_sent',
        at: daily.sentAt,
        authorId: tam2.id,
        body: daily.note ?? '',
        visibility: 'customer',
      },
      { meta: { reportId: daily.id, reportKind: 'daily', via: 'email' } },
    ),
  );

  // Requests in every stage of both workflows.
  const stages: Array<[RequestType, RequestStage]> = [
    ...(['submitted', 'in_analysis', 'release_scheduled', 'released', 'customer_notified'] as const).map(
      (s) => ['signature_release', s] as [RequestType, RequestStage],
    ),
    ...(
      [
        'requested',
        'accepted',
        'declined',
        'in_development',
        'delivered',
        'included_in_public_patch',
      ] as const
    ).map((s) => ['private_patch', s] as [RequestType, RequestStage]),
  ];
  stages.forEach(([type, stage], i) => {
    const customer = customers[i % customers.length]!;
    // The path through the workflow to this stage.
    const path: RequestStage[] = [INITIAL_STAGE[type]];
    while (path[path.length - 1] !== stage) {
      const next: readonly RequestStage[] = REQUEST_WORKFLOWS[type][path[path.length - 1]!] ?? [];
      path.push(next.includes(stage) ? stage : next.find((s) => s !== 'declined')!);
    }
    const start = now.minus({ days: 3 * (path.length + 1) });
    const request: Request = {
      ...env(id()),
      customerId: customer.id,
      type,
      stage,
      title:
        type === 'signature_release'
          ? `誤検知の修正依頼 / False positive fix #${i + 1}`
          : `Private fix for scan engine crash #${i + 1}`,
      description: '',
      product: 'Endpoint Security',
      productVersion: '12.1',
      incidentId: null,
      priority: customer.contractTier === 'msa_enterprise' ? 'prioritised' : 'normal',
      stageHistory: path.map((s, k) => ({
        stage: s,
        at: iso(start.plus({ days: 3 * k })),
        by: customer.tamId,
        note: null,
      })),
      createdBy: customer.tamId,
    };
    rows.push({ entity: 'request', row: request });
  });

  // Health checks: one completed last contract year with findings, one scheduled ahead.
  const nextBusinessDay = (d: DateTime) => {
    let x = d;
    while (x.weekday > 5) x = x.plus({ days: 1 });
    return x;
  };
  customers.forEach((c, i) => {
    const tz = c.calendar.timeZone;
    if (i % 2 === 0) {
      const done = nextBusinessDay(contractStartOf(i).plus({ months: 6 }).setZone(tz));
      const check: HealthCheck = {
        ...env(id()),
        customerId: c.id,
        agreedOn: date(done.minus({ days: 30 })),
        scheduledDate: date(done),
        status: 'completed',
        findings: [
          {
            id: id(),
            area: 'リアルタイムスキャン / Real-time scan',
            finding: 'Exclusions cover the whole D: drive.',
            severity: 'high',
            recommendation: 'Limit exclusions to the database files only.',
            status: 'resolved',
          },
          {
            id: id(),
            area: 'Update schedule',
            finding: 'Signature updates every 24 hours.',
            severity: 'medium',
            recommendation: 'Update every hour.',
            status: 'open',
          },
        ],
        completedAt: iso(done.set({ hour: 17 })),
      };
      rows.push({ entity: 'healthCheck', row: check });
    }
    const planned = nextBusinessDay(now.setZone(tz).plus({ days: 30 + i }));
    const scheduled: HealthCheck = {
      ...env(id()),
      customerId: c.id,
      agreedOn: date(now.setZone(tz).minus({ days: 2 })),
      scheduledDate: date(planned),
      status: 'scheduled',
      findings: [],
      completedAt: null,
    };
    rows.push({ entity: 'healthCheck', row: scheduled });
  });

  // The quarterly reports of the past quarters were sent on their due dates (the engine's
  // schedule, due dates on business days), so a fresh demo is not all overdue. Reports not
  // yet due (a quarter that ended days ago, the running one) are left to the TAM, and so is
  // Fabrikam's report of its last completed quarter: one report still to send.
  customers.forEach((c, i) => {
    const schedule = customerQuarterlySchedule({ customer: c, now: nowIso }, []);
    const today = now.setZone(c.calendar.timeZone).toISODate()!;
    const ended = schedule.periods.filter((p) => p.end < today);
    const unsent = i === 5 ? ended[ended.length - 1] : undefined;
    schedule.overdue.forEach((p, k) => {
      if (p === unsent) return;
      // Every third report went out nine days after its due date (the history shows late ones).
      const due = DateTime.fromISO(`${p.dueDate}T10:30:00`, { zone: c.calendar.timeZone });
      const late = (i + k) % 3 === 1 && due.plus({ days: 10 }) < now;
      const sentAt = late ? due.plus({ days: 9 }).set({ hour: 15 }) : due;
      const note = late ? 'PDF sent by e-mail (late)' : 'PDF sent by e-mail';
      const q: Report = {
        ...env(id()),
        customerId: c.id,
        kind: 'quarterly',
        periodStart: p.start,
        periodEnd: p.end,
        sentAt: iso(sentAt),
        via: 'email',
        incidentId: null,
        authorId: c.tamId,
        note,
      };
      rows.push({ entity: 'report', row: q });
    });
  });

  // 18 months of history, and a completed health check in every past contract year, from a
  // PRNG of their own (the rows above keep their ids).
  rows.push(
    ...buildDemoHistory(
      customers.map((c, i) => ({ customer: c, locale: specs[i]!.locale })),
      nowMs,
    ),
  );
  rows.push(...pastHealthChecks(customers, now, (i) => i % 2 === 0));

  rows.push(...demoReplyTemplates({ team: TEAM, manager, tams: [tam1, tam2] }, nowIso));
  return { rows, users };
}

/**
 * A completed health check, with findings, in each contract year that began at least seven
 * months ago (six months into the year, on a weekday) — except the first year of the customers
 * for which `hasFirst` is true (demo.ts already made that one).
 */
function pastHealthChecks(
  customers: readonly Customer[],
  now: DateTime,
  hasFirst: (index: number) => boolean,
): TaggedRow[] {
  const rng = mulberry32(20240602);
  const id = () => uuidFrom(rng);
  const nowIso = now.toUTC().toISO()!;
  const rows: TaggedRow[] = [];
  customers.forEach((c, i) => {
    const zone = c.calendar.timeZone;
    const start = DateTime.fromISO(c.contractStart, { zone });
    for (let year = 0; start.plus({ years: year, months: 7 }) < now; year++) {
      if (year === 0 && hasFirst(i)) continue;
      let day = start.plus({ years: year, months: 6 });
      while (day.weekday > 5) day = day.plus({ days: 1 });
      const check: HealthCheck = {
        id: id(),
        version: 0,
        updatedAt: nowIso,
        deleted: false,
        customerId: c.id,
        agreedOn: day.minus({ days: 30 }).toISODate()!,
        scheduledDate: day.toISODate()!,
        status: 'completed',
        findings: [
          {
            id: id(),
            area: 'ポリシー / Policies',
            finding: 'Two policies still allow users to stop the agent.',
            severity: year % 2 === 0 ? 'medium' : 'high',
            recommendation: 'Lock the agent settings in both policies.',
            status: year === 0 ? 'resolved' : 'open',
          },
          {
            id: id(),
            area: 'Versions',
            finding: 'Some servers still run version 11.0.',
            severity: 'low',
            recommendation: 'Upgrade them to 12.1 before 11.0 leaves support.',
            status: 'resolved',
          },
        ],
        completedAt: day.set({ hour: 17 }).toUTC().toISO()!,
      };
      rows.push({ entity: 'healthCheck', row: check });
    }
  });
  return rows;
}

/** A Japanese year-end closure (29 December to 3 January) around the given year's end and the one before. */
function yearEndClosures(year: number): string[] {
  const out: string[] = [];
  for (const y of [year - 1, year])
    out.push(`${y}-12-29`, `${y}-12-30`, `${y}-12-31`, `${y + 1}-01-01`, `${y + 1}-01-02`, `${y + 1}-01-03`);
  return out;
}

/** Seeds the demo set once (an existing demo keeps its data); always sets the demo password. */
export async function seedDemo(db: Db, password: string, nowMs = Date.now()): Promise<{ seeded: boolean }> {
  const existing = await db.kysely
    .selectFrom('accounts')
    .select('user_id')
    .where('email', '=', 'tam1@example.com')
    .executeTakeFirst();
  const hash = await hashPassword(password);
  if (existing) {
    for (const login of DEMO_LOGINS) {
      await db.kysely
        .updateTable('accounts')
        .set({ password_hash: hash })
        .where('email', '=', login.email)
        .execute();
    }
    return { seeded: false };
  }
  const { rows, users } = buildDemoData(nowMs);
  await bulkInsert(db, [rows]);
  for (const u of users) {
    if (DEMO_LOGINS.some((l) => l.email === u.email)) await upsertAccount(db, u.id, u.email, hash);
  }
  return { seeded: true };
}
