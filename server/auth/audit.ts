// The audit log: who did what, from where, when. Written with the executor of the action's own
// transaction, so an entry exists exactly when the action committed.
import type { AuditEntry } from '../../shared/model/api';
import type { Executor } from '../sync/scope';

export type AuditAction =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'sign_in.throttled'
  | 'password.changed'
  | 'session.revoked'
  | 'access.refused'
  | `admin.${string}`;

export interface AuditRecord {
  at: number;
  /** E-mail of the signed-in user who acted; null when nobody is signed in. */
  actor: string | null;
  action: AuditAction;
  target?: string | null;
  address?: string | null;
}

export async function writeAudit(exec: Executor, entry: AuditRecord): Promise<void> {
  await exec
    .insertInto('audit')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      address: entry.address ?? null,
    })
    .execute();
}

/** The newest `limit` entries, newest first. */
export async function listAudit(exec: Executor, limit: number): Promise<AuditEntry[]> {
  const rows = await exec.selectFrom('audit').selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    at: new Date(Number(r.at)).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    address: r.address,
  }));
}
