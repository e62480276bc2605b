// The demo's history: 18 months of past work per demo customer, relative to the server's
// clock (the months before `now`), drawn from a seeded PRNG of its own so that the rest of the
// demo keeps its ids. Per customer and month a few incidents of every level and outcome: the
// response target met, answered late (a little after the target), breached (answered days
// later, escalated), all resolved and closed, plus two still open (answered, waiting on work
// or on the customer); the daily reports of each level-1 incident while it was open, sent on
// time or after the day's cutoff. The charts, trends, health snapshots and quarter-over-quarter
// comparisons of a fresh demo read these. Quarterly reports and health checks per contract
// year are made by demo.ts, which knows the contracts.
import { DateTime } from 'luxon';
import type {
  Channel,
  Customer,
  Incident,
  IncidentStatus,
  Report,
  Severity,
  TaggedRow,
  TimelineEvent,
} from '../../shared/model/entities';
import { int, mulberry32, pick, uuidFrom } from './prng';
import { timelineEventRow } from './rows';

export const HISTORY_MONTHS = 18;

type Outcome = 'met' | 'late' | 'breached' | 'open';

/** The response delay of each outcome, in minutes after receipt (receipt is 09:30–14:30 on a weekday). */
function answerAfter(outcome: Outcome, severity: Severity, rng: () => number): number {
  if (outcome === 'met' || outcome === 'open') return int(rng, 5, 25);
  if (outcome === 'late') {
    // Past every level's target: 30 min (L1), 4 h (L2), 6–24 business hours (L3/4, standard).
    return severity === 1 ? int(rng, 45, 90) : severity === 2 ? int(rng, 9, 20) * 60 : int(rng, 6, 8) * 1440;
  }
  return int(rng, 10, 14) * 1440; // breached: answered about two weeks later
}

const TITLES: Record<'ja' | 'en', readonly string[]> = {
  ja: [
    'スキャン実行中にファイルサーバーの応答が低下 (file server slows during scans)',
    'エージェントのアップグレード後に再起動が必要 (agent upgrade asks for a reboot)',
    '隔離されたファイルの復元手順の確認 (restoring a quarantined file)',
    'ポリシー配布が一部の端末に届かない (policy push misses some endpoints)',
    '誤検知: 会計システムの更新モジュール (false positive on the accounting updater)',
    'メールゲートウェイの配送遅延 (mail gateway delivery delays)',
    'ログ収集ツールの使い方の問い合わせ (how to use the log collector)',
    '管理サーバーのディスク使用率が高い (management server disk almost full)',
  ],
  en: [
    'Scan engine stops on a file server during the nightly scan',
    'Agent upgrade asks for a reboot on terminal servers',
    'How to restore a quarantined file for a user',
    'Policy push does not reach some laptops',
    'False positive on the accounting package updater',
    'Mail Gateway queues grow at month end',
    'Question about collecting diagnostic logs',
    'Management server disk is almost full',
  ],
};
const CHANNELS: readonly Channel[] = ['portal', 'phone', 'email', 'tam'];

export interface HistoryCustomer {
  customer: Customer;
  locale: 'ja' | 'en';
}

/**
 * The history rows of the given customers over the HISTORY_MONTHS months before `nowMs`; the
 * same customers, seed and clock always give the same rows.
 */
export function buildDemoHistory(
  customers: readonly HistoryCustomer[],
  nowMs: number,
  seed = 20240601,
): TaggedRow[] {
  const rng = mulberry32(seed);
  const id = () => uuidFrom(rng);
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  const iso = (d: DateTime) => d.toUTC().toISO()!;
  const nowIso = iso(now);
  const env = (rowId: string) => ({ id: rowId, version: 0, updatedAt: nowIso, deleted: false });
  const rows: TaggedRow[] = [];
  // Every level meets every outcome over the months; the levels cycle so each month differs.
  const outcomes: readonly Outcome[] = ['met', 'met', 'late', 'met', 'breached', 'met'];

  customers.forEach(({ customer, locale }, ci) => {
    const zone = customer.calendar.timeZone;
    const tam = customer.tamId;
    let n = ci;
    for (let back = HISTORY_MONTHS; back >= 1; back--) {
      const month = now.setZone(zone).minus({ months: back }).startOf('month');
      const count = int(rng, 1, 2);
      for (let k = 0; k < count; k++, n++) {
        const severity = ((n % 4) + 1) as Severity;
        // Two incidents of the last two months are still open (answered; levels 3 and 4).
        const open = back <= 2 && k === 0 && (ci + back) % 2 === 0;
        const drawn = outcomes[(n + back) % outcomes.length]!;
        // A breach is answered two weeks late: not in the last two months.
        const outcome: Outcome = open ? 'open' : drawn === 'breached' && back <= 2 ? 'late' : drawn;
        // Received on a weekday, at least three weeks ago: every answer and resolution of a
        // closed incident lies in the past.
        let received = month.plus({ days: int(rng, 0, 26), hours: int(rng, 9, 14), minutes: 30 });
        const latest = now.setZone(zone).minus({ days: 21 });
        if (received > latest) received = latest.set({ hour: received.hour, minute: 30 });
        while (received.weekday > 5) received = received.minus({ days: 1 });
        const level: Severity = open ? (back === 1 ? 3 : 4) : severity;
        const answeredAt = received.plus({ minutes: answerAfter(outcome, level, rng) });
        const resolvedAt = answeredAt.plus({ days: int(rng, 1, level === 1 ? 3 : 9), hours: 2 });
        const status: IncidentStatus = open
          ? back === 1
            ? 'in_progress'
            : 'waiting_customer'
          : resolvedAt.plus({ days: 7 }) < now
            ? 'closed'
            : 'resolved';
        const incident: Incident = {
          ...env(id()),
          customerId: customer.id,
          title: pick(rng, TITLES[locale]),
          description:
            locale === 'ja' ? '過去の問い合わせ（デモの履歴データ）。' : 'An earlier request (demo history).',
          severity: level,
          channel: level === 1 ? 'phone' : pick(rng, CHANNELS),
          status,
          receivedAt: iso(received),
          firstResponseAt: iso(answeredAt),
          resolvedAt: open ? null : iso(resolvedAt),
          severityHistory: [{ severity: level, at: iso(received), by: tam }],
          createdBy: tam,
        };
        rows.push({ entity: 'incident', row: incident });
        const event = (
          kind: TimelineEvent['kind'],
          at: DateTime,
          body: string,
          extra: Partial<TimelineEvent> = {},
        ) =>
          rows.push(
            timelineEventRow(
              env(id()),
              incident,
              { kind, at: iso(at), authorId: tam, body, visibility: 'customer' },
              extra,
            ),
          );
        if (level <= 2)
          event(
            level === 1 ? 'call' : 'email',
            received,
            locale === 'ja' ? 'お客様よりご連絡、状況を確認。' : 'The customer reported the problem.',
          );
        if (outcome === 'breached') {
          event(
            'escalation',
            received.plus({ days: 1 }),
            'Response overdue: escalated to the duty manager.',
            {
              visibility: 'internal',
            },
          );
        }
        event(
          'response',
          answeredAt,
          locale === 'ja' ? '原因と回避策をご案内しました。' : 'Explained the cause and a workaround.',
          { isAnswer: true },
        );
        if (open) {
          if (status === 'waiting_customer')
            event('status_change', answeredAt.plus({ hours: 1 }), '', {
              meta: { from: 'in_progress', to: 'waiting_customer' },
            });
          continue;
        }
        event('status_change', resolvedAt, '', { meta: { from: 'in_progress', to: 'resolved' } });
        if (status === 'closed')
          event('status_change', resolvedAt.plus({ days: 7 }), '', {
            meta: { from: 'resolved', to: 'closed' },
          });
        // The daily reports of a level-1 incident, each day it was open: most before the
        // day's cutoff (17:30), some after it (19:45).
        if (level === 1) {
          for (
            let day = received.startOf('day');
            day < resolvedAt.startOf('day');
            day = day.plus({ days: 1 })
          ) {
            if (day.weekday > 5) continue;
            const late = rng() < 0.3;
            const sentAt = day.set({ hour: late ? 19 : 17, minute: late ? 45 : 30 });
            if (sentAt <= received) continue;
            const report: Report = {
              ...env(id()),
              customerId: customer.id,
              kind: 'daily',
              periodStart: day.toISODate()!,
              periodEnd: day.toISODate()!,
              sentAt: iso(sentAt),
              via: late ? 'phone' : 'email',
              incidentId: incident.id,
              authorId: tam,
              note: locale === 'ja' ? '日次状況報告' : 'Daily status report',
            };
            rows.push({ entity: 'report', row: report });
            event('report_sent', sentAt, report.note ?? '', {
              meta: { reportId: report.id, reportKind: 'daily', via: report.via },
            });
          }
        }
      }
    }
  });
  return rows;
}
