// Scope: which customers a user sees and may change. A TAM: the customers they are assigned
// to or backup for; a manager: their team's customers; an administrator: all. Deleted
// customers are in nobody's scope. Global rows (users, absences, duty roster) are everyone's;
// a user's own rows (alerts, personal reply templates) are theirs alone; a team's rows (its
// reply templates) belong to every member of the team.
import type { Kysely, Transaction } from 'kysely';
import { teamScopeId, userScopeId } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations/types';
import type { Database } from '../db/schema';
import { GLOBAL_SCOPE } from '../db/schema';

export type Executor = Kysely<Database> | Transaction<Database>;

function scoped(exec: Executor, actor: Actor) {
  let q = exec.selectFrom('customer_scope').select('customer_id').where('deleted', '=', 0);
  if (actor.role === 'manager') q = q.where('team', '=', actor.team);
  else if (actor.role === 'tam')
    q = q.where((eb) => eb.or([eb('tam_id', '=', actor.id), eb('backup_tam_id', '=', actor.id)]));
  return q;
}

/** The scopes a user pulls and is poked for: the global rows, their own rows, their team's, their customers. */
export async function pullScope(exec: Executor, actor: Actor): Promise<Set<string>> {
  return new Set([
    GLOBAL_SCOPE,
    userScopeId(actor.id),
    teamScopeId(actor.team),
    ...(await scopeCustomerIds(exec, actor)),
  ]);
}

/** The ids of the customers in the actor's scope, sorted. */
export async function scopeCustomerIds(exec: Executor, actor: Actor): Promise<string[]> {
  const rows = await scoped(exec, actor).orderBy('customer_id').execute();
  return rows.map((r) => r.customer_id);
}

/** The subset of `customerIds` outside the actor's scope. */
export async function outOfScope(
  exec: Executor,
  actor: Actor,
  customerIds: Iterable<string>,
): Promise<string[]> {
  // The actor's own rows (alerts) and their team's (templates) are in scope; another user's or
  // team's never are.
  const own = userScopeId(actor.id);
  const team = teamScopeId(actor.team);
  const ids = [...new Set(customerIds)].filter((id) => id !== own && id !== team);
  if (ids.length === 0) return [];
  const inside = new Set(
    (await scoped(exec, actor).where('customer_id', 'in', ids).execute()).map((r) => r.customer_id),
  );
  return ids.filter((id) => !inside.has(id));
}

export async function isInScope(exec: Executor, actor: Actor, customerId: string): Promise<boolean> {
  return (await outOfScope(exec, actor, [customerId])).length === 0;
}
