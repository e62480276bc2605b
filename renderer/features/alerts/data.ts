// Replica reads of the notifications centre.
import { teamEscalations } from '../../../shared/alerts/escalations';
import type { Escalation } from '../../../shared/alerts/escalations';
import type { Alert, Customer, Incident, TimelineEvent, User } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica';
import { openIncidents, timelineOf } from '../../replica';

/**
 * The user's alerts, newest first, with the customers they name (those the replica holds) and,
 * when asked, their incidents as they stand now.
 */
export async function loadAlerts(
  db: ReplicaDb,
  options: { withIncidents?: boolean } = {},
): Promise<{ alerts: Alert[]; customers: Map<string, Customer>; incidents: Map<string, Incident> }> {
  const alerts = (await db.alerts.orderBy('at').reverse().toArray()).filter((a) => !a.deleted);
  const ids = [...new Set(alerts.map((a) => a.customerId))];
  const customers = new Map<string, Customer>();
  for (const c of await db.customers.bulkGet(ids)) if (c) customers.set(c.id, c);
  const incidents = new Map<string, Incident>();
  if (options.withIncidents) {
    for (const i of await db.incidents.bulkGet([...new Set(alerts.map((a) => a.incidentId))]))
      if (i) incidents.set(i.id, i);
  }
  return { alerts, customers, incidents };
}

export async function loadIncidentAlerts(db: ReplicaDb, incidentId: string): Promise<Alert[]> {
  return (await db.alerts.where('incidentId').equals(incidentId).toArray()).filter((a) => !a.deleted);
}

/**
 * The team's escalations at `nowMs` (shared/alerts/escalations.ts) from the replica: open,
 * unanswered incidents; the acknowledgements are read for the escalated ones only.
 */
export async function loadEscalations(
  db: ReplicaDb,
  nowMs: number,
): Promise<{ rows: Escalation[]; users: Map<string, User> }> {
  const open = (await openIncidents(db)).filter((i) => i.firstResponseAt === null);
  const customers = new Map((await db.customers.toArray()).map((c) => [c.id, c] as const));
  const [absences, roster, userRows] = await Promise.all([
    db.absences.toArray(),
    db.dutyShifts.toArray(),
    db.users.toArray(),
  ]);
  const first = teamEscalations({
    incidents: open,
    customers,
    absences,
    roster,
    acknowledgements: [],
    nowMs,
  });
  const acks: TimelineEvent[] = [];
  for (const e of first) {
    for (const ev of await timelineOf(db, e.incident.id)) if (ev.kind === 'alert_acknowledged') acks.push(ev);
  }
  const rows =
    acks.length === 0
      ? first
      : teamEscalations({
          incidents: first.map((e) => e.incident),
          customers,
          absences,
          roster,
          acknowledgements: acks,
          nowMs,
        });
  return { rows, users: new Map(userRows.map((u) => [u.id, u] as const)) };
}
