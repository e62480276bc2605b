// What the Today view reads from the replica, in one live query: the user's customers and
// everything of theirs the view shows. Indexed reads only (by customer, by status, by date).
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
  const now = DateTime.fromMillis(nowMs, { zone: 'utc' });
  // Local dates differ by at most a day between zones: a day either side covers every customer.
  const yesterday = now.minus({ days: 1 }).toISODate() ?? '';
  const tomorrow = now.plus({ days: 1 }).toISODate() ?? '';
  const [openIncidents, users, absences, roster, perCustomer] = await Promise.all([
    q.openIncidents(db, { customerIds: ids }),
    q.users(db),
    q.absences(db, { from: yesterday, to: tomorrow }),
    // Enough ahead to say until when the duty manager answers (over a weekend and a holiday).
    q.dutyRoster(db, { from: now.minus({ days: 1 }).toISO() ?? '', to: now.plus({ days: 7 }).toISO() ?? '' }),
    Promise.all(
      ids.map(async (customerId) => {
        const [requests, healthChecks, reports] = await Promise.all([
          q.requests(db, { customerId }),
          // A year back: a scheduled check whose date passed without completion stays visible.
          q.healthChecks(db, { customerId, from: now.minus({ years: 1 }).toISODate() ?? '', to: now.plus({ days: 32 }).toISODate() ?? '' }),
          q.reportLog(db, { customerId }),
        ]);
        return { requests, healthChecks, reports };
      }),
    ),
  ]);
  return {
    customers,
    openIncidents,
    users: new Map(users.map((u) => [u.id, u])),
    absences,
    roster,
    requests: perCustomer.flatMap((p) => p.requests),
    healthChecks: perCustomer.flatMap((p) => p.healthChecks),
    reports: perCustomer.flatMap((p) => p.reports),
  };
}
