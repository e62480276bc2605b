// What the incident page reads from the replica.
import type { Customer, Incident, User } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica';
import * as q from '../../replica';

export interface IncidentPageData {
  /** null: not on this computer. */
  incident: Incident | null;
  customer: Customer | null;
  pending: boolean;
}

export async function loadIncident(db: ReplicaDb, id: string): Promise<IncidentPageData> {
  const incident = (await q.incident(db, id)) ?? null;
  const customer = incident ? ((await q.customer(db, incident.customerId)) ?? null) : null;
  const pending = incident ? (await db.shadow.get(`incident:${id}`)) !== undefined : false;
  return { incident, customer, pending };
}

export async function usersById(db: ReplicaDb): Promise<Map<string, User>> {
  return new Map((await q.users(db)).map((u) => [u.id, u]));
}
