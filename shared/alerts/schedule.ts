// An incident's alert schedule: the instant of each stage of its alert policy and whom each
// reaches. The SLA engine gives the clock start, the due time and the clock; the coverage
// engine gives the responder at each stage's instant (the TAM in the customer's business hours
// unless on leave, otherwise the rostered duty manager). Pure: the server runs it on its clock
// to make alerts, the app can run it to show what is coming.
import { isOpenStatus } from '../incidents/open';
import type {
  Absence,
  AlertRole,
  AlertStage,
  Customer,
  DutyShift,
  Incident,
  Severity,
  User,
} from '../model/entities';
import { addBusinessTime, coverageAt, formatInstant, parseInstant } from '../sla/index';
import type { SupportPolicy } from '../sla/index';
import { slaAt, urgencyFactsOf } from '../today/urgency';
import { leaveInstants } from '../today/agenda';
import { alertPolicyFor, stageRules } from './policy';
import type { AlertPolicy, AlertTrigger } from './policy';

export interface AlertRecipient {
  userId: string;
  role: AlertRole;
}

export interface PlannedAlert {
  stage: AlertStage;
  /** The stage's instant, ISO (UTC). */
  at: string;
  atMs: number;
  dueAt: string;
  severity: Severity;
  urgent: boolean;
  /** Each person once, under the first role that reaches them (responder before backup before manager). */
  recipients: AlertRecipient[];
}

export interface AlertScheduleInput {
  incident: Pick<
    Incident,
    'id' | 'receivedAt' | 'severity' | 'channel' | 'severityHistory' | 'firstResponseAt' | 'status'
  >;
  customer: Pick<
    Customer,
    'id' | 'calendar' | 'contractTier' | 'supportPolicyId' | 'tamId' | 'backupTamId' | 'team'
  >;
  users: readonly Pick<User, 'id' | 'role' | 'team' | 'deleted'>[];
  absences: readonly Absence[];
  roster: readonly DutyShift[];
  /** The facts as they stand at this instant (the level in force). */
  now: string | number;
  alertPolicies?: readonly AlertPolicy[];
  supportPolicies?: readonly SupportPolicy[];
}

const MINUTE_MS = 60_000;
const iso = (t: number) => formatInstant(t, 0);

function stageInstant(
  trigger: AlertTrigger,
  receivedMs: number,
  startMs: number,
  dueMs: number,
  targetMs: number,
  business: boolean,
  calendar: Customer['calendar'],
): number {
  switch (trigger.kind) {
    case 'arrival':
      return receivedMs;
    case 'remaining':
      // The instant when `fraction` of the target is left, in the clock's own time.
      return business
        ? addBusinessTime(calendar, startMs, (1 - trigger.fraction) * targetMs)
        : dueMs - trigger.fraction * targetMs;
    case 'after_due':
      return dueMs + trigger.minutes * MINUTE_MS;
  }
}

/**
 * The alert schedule of an open, unanswered incident (empty once answered or closed), in
 * instant order. A stage whose instant has passed is included: the caller decides what is
 * still worth sending.
 * @throws SlaInputError when the customer's calendar or the incident's facts are invalid.
 */
export function alertSchedule(input: AlertScheduleInput): PlannedAlert[] {
  const { incident, customer } = input;
  if (!isOpenStatus(incident.status) || incident.firstResponseAt !== null) return [];
  const facts = urgencyFactsOf({ ...incident }, customer, input.supportPolicies);
  const sla = slaAt(facts, input.now);
  const policy = alertPolicyFor(facts.policy.id, input.alertPolicies);
  const targetMs = facts.policy.targets[sla.severity].minutes * MINUTE_MS;
  const receivedMs = parseInstant(incident.receivedAt);
  const startMs = parseInstant(sla.clockStartAt);
  const dueMs = parseInstant(sla.dueAt);
  const business = sla.clock === 'business';
  const managers = input.users
    .filter((u) => !u.deleted && u.role === 'manager' && u.team === customer.team)
    .map((u) => u.id);
  const roster = input.roster
    .filter((s) => !s.deleted)
    .map((s) => ({ userId: s.userId, start: s.startsAt, end: s.endsAt }));
  const tamLeave = leaveInstants(input.absences, customer.tamId, customer.calendar.timeZone);
  const backupLeave = customer.backupTamId
    ? leaveInstants(input.absences, customer.backupTamId, customer.calendar.timeZone)
    : [];

  const out: PlannedAlert[] = [];
  for (const rule of stageRules(policy, sla.severity)) {
    const atMs = stageInstant(
      rule.trigger,
      receivedMs,
      startMs,
      dueMs,
      targetMs,
      business,
      customer.calendar,
    );
    const recipients: AlertRecipient[] = [];
    const add = (userId: string | null | undefined, role: AlertRole) => {
      if (userId && !recipients.some((r) => r.userId === userId)) recipients.push({ userId, role });
    };
    for (const role of rule.recipients) {
      if (role === 'responder') {
        const who = coverageAt({
          calendar: customer.calendar,
          tamUserId: customer.tamId,
          leave: tamLeave,
          roster,
          at: iso(atMs),
        });
        // A gap in the roster must not swallow the alert: the team's managers answer for it.
        if (who.userId) add(who.userId, 'responder');
        else for (const m of managers) add(m, 'team_manager');
      } else if (role === 'backup_tam') {
        const away = backupLeave.some((l) => parseInstant(l.start) <= atMs && atMs < parseInstant(l.end));
        if (!away) add(customer.backupTamId, 'backup_tam');
      } else {
        for (const m of managers) add(m, 'team_manager');
      }
    }
    if (recipients.length === 0) continue;
    out.push({
      stage: rule.stage,
      at: iso(atMs),
      atMs,
      dueAt: sla.dueAt,
      severity: sla.severity,
      urgent: rule.urgent,
      recipients,
    });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
