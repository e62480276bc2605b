// Push: applies a client's mutations with the server's authority, each in its own
// transaction, at most once per (clientId, mutation id). A resent mutation gets the result it
// got the first time; an id at or below the last processed one that was never seen is refused.
import type { PushRequest, PushResponse, PushResult } from '../../shared/model/api';
import { ENTITY_SCHEMAS, customerIdOf } from '../../shared/model/entities';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES, applyMutation, isMutationName } from '../../shared/mutations';
import type { Actor, MutationResult } from '../../shared/mutations/types';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import type { Executor } from './scope';
import { outOfScope } from './scope';
import { SqlReadPort, writeRows } from './store';
import type { WriteSummary } from './store';

export interface ChangeNotice {
  customerIds: string[];
  scopeMayChange: boolean;
  version: number;
}

export const clientTaken = () =>
  new HttpError(403, 'client_id_taken', 'This clientId belongs to another user; create a new clientId for this user (e.g. a fresh UUID) and bootstrap with cursor: null.');

/** The user a client id is registered to (undefined: not registered yet). Writes nothing. */
export async function clientOwner(db: Db, clientId: string): Promise<string | undefined> {
  const row = await db.kysely.selectFrom('sync_clients').select('user_id').where('client_id', '=', clientId).executeTakeFirst();
  return row?.user_id;
}

/** Registers a client id to the user on first use; another user's client id is refused. */
export async function claimClient(db: Db, clientId: string, userId: string, now: number): Promise<number | null> {
  await db.kysely
    .insertInto('sync_clients')
    .values({ client_id: clientId, user_id: userId, last_mutation_id: null, created_at: now })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const row = await db.kysely.selectFrom('sync_clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
  if (row.user_id !== userId) throw clientTaken();
  return row.last_mutation_id === null ? null : Number(row.last_mutation_id);
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

async function withRetry<T>(db: Db, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (db.kind !== 'postgres' || attempt >= 5 || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
    }
  }
}

async function lastProcessed(trx: Executor, db: Db, clientId: string): Promise<number | null> {
  const row = await trx
    .selectFrom('sync_clients')
    .select('last_mutation_id')
    .where('client_id', '=', clientId)
    .$if(db.kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return row.last_mutation_id === null ? null : Number(row.last_mutation_id);
}

/** Runs the shared logic, then the server-only checks: scope, and the rows it produced. */
async function decide(trx: Executor, db: Db, actor: Actor, name: string, args: unknown, now: string) {
  const port = new SqlReadPort(trx, db.kind);
  const result: MutationResult = await applyMutation(name, args, { actor, now, read: port });
  const touched = new Set(port.touchedCustomers);
  if (result.ok) {
    for (const w of result.writes) {
      const owner = customerIdOf(w);
      if (owner) touched.add(owner);
    }
  }
  const outside = await outOfScope(trx, actor, touched);
  if (outside.length > 0) {
    return {
      ok: false as const,
      error: {
        code: 'out_of_scope',
        message: `Customer ${outside.join(', ')} is not in your scope (assigned TAM, backup or your team); ask its TAM or your manager to make this change.`,
      },
    };
  }
  if (result.ok) {
    for (const w of result.writes) {
      const check = ENTITY_SCHEMAS[w.entity].safeParse(w.row);
      if (!check.success) {
        throw new Error(`mutation ${name} produced an invalid ${w.entity} row: ${check.error.message}`);
      }
    }
    if (actor.role !== 'admin' && result.writes.some((w) => w.entity === 'user' || w.entity === 'absence' || w.entity === 'dutyShift')) {
      return { ok: false as const, error: { code: 'not_allowed', message: 'Only an administrator may change users, absences or the duty roster.' } };
    }
  }
  return result;
}

/**
 * Bad input is refused as a whole before anything is applied: an unknown mutation name or
 * arguments of the wrong shape (types, dates, time zones) answer 400 naming the mutation.
 * Domain rules (stale status, 14-day notice, ...) reject single mutations instead.
 */
export function validateMutations(req: PushRequest): void {
  for (const m of req.mutations) {
    if (!isMutationName(m.name)) {
      throw new HttpError(400, 'unknown_mutation', `Mutation ${m.id}: unknown name '${m.name}'; known: ${MUTATION_NAMES.join(', ')}. Nothing was applied.`);
    }
    const parsed = MUTATION_ARG_SCHEMAS[m.name].safeParse(m.args);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 5)
        .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
        .join('; ');
      throw new HttpError(400, 'invalid_args', `Mutation ${m.id} (${m.name}): ${detail}. Nothing was applied; fix or drop this mutation and push again.`);
    }
  }
  for (let i = 1; i < req.mutations.length; i++) {
    if (req.mutations[i]!.id <= req.mutations[i - 1]!.id) {
      throw new HttpError(400, 'invalid_request', 'Mutation ids must increase within a push; send them in the order they were made. Nothing was applied.');
    }
  }
}

export async function push(
  db: Db,
  actor: Actor,
  req: PushRequest,
  clock: () => number,
  notify: (notice: ChangeNotice) => void,
): Promise<PushResponse> {
  validateMutations(req);
  let last = await claimClient(db, req.clientId, actor.id, clock());
  const results: PushResult[] = [];
  const changed: WriteSummary[] = [];
  for (const m of req.mutations) {
    const outcome = await withRetry(db, () =>
      db.kysely.transaction().execute(async (trx) => {
        const processed = await lastProcessed(trx, db, req.clientId);
        if (processed !== null && m.id <= processed) {
          const seen = await trx
            .selectFrom('client_mutations')
            .selectAll()
            .where('client_id', '=', req.clientId)
            .where('mutation_id', '=', m.id)
            .executeTakeFirst();
          const result: PushResult = seen
            ? { id: m.id, status: seen.status, ...(seen.error ? { error: JSON.parse(seen.error) } : {}) }
            : {
                id: m.id,
                status: 'rejected',
                error: {
                  code: 'out_of_order',
                  message: `Mutation ids must increase per client; ${m.id} is not above ${processed}, the last one processed. Renumber pending mutations above it.`,
                },
              };
          return { result, last: processed, summary: null };
        }
        const decision = await decide(trx, db, actor, m.name, m.args, new Date(clock()).toISOString());
        const summary = decision.ok ? await writeRows(trx, decision.writes) : null;
        const result: PushResult = decision.ok ? { id: m.id, status: 'applied' } : { id: m.id, status: 'rejected', error: decision.error };
        await trx
          .insertInto('client_mutations')
          .values({
            client_id: req.clientId,
            mutation_id: m.id,
            status: result.status,
            error: result.error ? JSON.stringify(result.error) : null,
            processed_at: clock(),
          })
          .execute();
        await trx.updateTable('sync_clients').set({ last_mutation_id: m.id }).where('client_id', '=', req.clientId).execute();
        return { result, last: m.id, summary };
      }),
    );
    results.push(outcome.result);
    last = outcome.last;
    if (outcome.summary) changed.push(outcome.summary);
  }
  if (changed.length > 0) {
    const ids = new Set<string>();
    for (const c of changed) for (const id of c.customerIds) ids.add(id);
    notify({
      customerIds: [...ids],
      scopeMayChange: changed.some((c) => c.scopeMayChange),
      version: Math.max(...changed.map((c) => c.lastVersion)),
    });
  }
  return { results, lastMutationId: last };
}

