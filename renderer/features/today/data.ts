// What the Today view reads from the replica, in one live query: the user's customers and
// everything of theirs the view shows. Indexed reads only (by customer, by status, by date).
import Dexie from 'dexie';
import { DateTime } from 'luxon';
import type {
  Absence,
  Customer,
  DutyShift,
  HealthCheck,
  Incident,
  Report,
  Request,
  User,
} from '../../../shared/model/entities';
import type { Actor } from '../../../shared/mutations';
import { isFinalStage } from '../../../shared/workspace/urgency-agenda';
import { RequestStageSchema } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica/db';
import * as q from '../../replica/queries';

export interface TodayData {
  customers: Customer[];
  openIncidents: Incident[];
  users: Map<string, User>;
  absences: Absence[];
  roster: DutyShift[];
  requests: Request[];
  healthChecks: HealthCheck[];
  reports: Report[];
}

/**
 * "My" customers: those the user is the TAM (or backup TAM) of. A manager or an administrator
 * who is TAM of none sees every customer in scope (their team's).
 */
export async function myCustomers(db: ReplicaDb, actor: Actor): Promise<Customer[]> {
  const mine = await q.customersOfTam(db, actor.id);
  if (mine.length > 0 || actor.role === 'tam') return mine;
  return q.customersInScope(db);
}

export async function loadToday(db: ReplicaDb, actor: Actor, nowMs: number): Promise<TodayData> {
  const customers = await myCustomers(db, actor);
  const ids = customers.map((c) => c.id);
  const mine = new Set(ids);
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  // Local dates differ by at most a day between zones: a day either side covers every customer.
  const yesterday = now.minus({ days: 1 }).toISODate() ?? '';
  const tomorrow = now.plus({ days: 1 }).toISODate() ?? '';
  // Stages in which a request still waits on someone (read through the stage index).
  const waitingStages = RequestStageSchema.options.filter(
    (stage) => !isFinalStage({ type: 'signature_release', stage }) || !isFinalStage({ type: 'private_patch', stage }),
  );
  const [openIncidents, users, absences, roster, requests, healthChecks, reports] = await Promise.all([
    openIncidentsOf(db, ids),
    q.users(db),
    q.absences(db, { from: yesterday, to: tomorrow }),
    // Enough ahead to say until when the duty manager answers (over a weekend and a holiday).
    q.dutyRoster(db, { from: now.minus({ days: 1 }).toISO() ?? '', to: now.plus({ days: 7 }).toISO() ?? '' }),
    db.requests.where('stage').anyOf(waitingStages).filter((r) => !r.deleted && mine.has(r.customerId)).toArray(),
    // A year back: a scheduled check whose date passed without completion stays visible.
    q.healthChecks(db, { from: now.minus({ years: 1 }).toISODate() ?? '', to: now.plus({ days: 32 }).toISODate() ?? '' }).then((rows) =>
      rows.filter((h) => mine.has(h.customerId)),
    ),
    // The quarterly schedule needs each customer's whole log (which periods were sent).
    Promise.all(ids.map((customerId) => q.reportLog(db, { customerId }))).then((lists) => lists.flat()),
  ]);
  return {
    customers,
    openIncidents,
    users: new Map(users.map((u) => [u.id, u])),
    absences,
    roster,
    requests,
    healthChecks,
    reports,
  };
}

/**
 * The open incidents of some customers: per customer through [customerId+status] for a few
 * customers; for many (a manager's team), the open statuses' ranges read at once and filtered.
 */
export async function openIncidentsOf(db: ReplicaDb, customerIds: readonly string[]): Promise<Incident[]> {
  if (customerIds.length === 0) return [];
  if (customerIds.length <= 20) return q.openIncidents(db, { customerIds });
  const wanted = new Set(customerIds);
  // Forward range reads (getAll), not the replica's newest-first query (a reverse cursor).
  const perStatus = await Promise.all(
    q.OPEN_INCIDENT_STATUSES.map((s) => db.incidents.where('[status+receivedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).toArray()),
  );
  return perStatus.flat().filter((i) => !i.deleted && wanted.has(i.customerId));
}

/** The incidents the SLA notifications watch: the open ones of the customers the user is TAM (or backup TAM) of. */
export async function loadWatched(db: ReplicaDb, actor: Actor): Promise<{ customers: Customer[]; incidents: Incident[] }> {
  const customers = await q.customersOfTam(db, actor.id);
  const incidents = await openIncidentsOf(db, customers.map((c) => c.id));
  return { customers, incidents };
}
