// Push: applies a client's mutations with the server's authority, at most once per (clientId,
// mutation id); a push runs in one transaction, each mutation seeing the effects of the ones
// before it. A resent mutation gets the result it got the first time; an id at or below the
// last processed one that was never seen is refused.
import type { PushRequest, PushResponse, PushResult } from '../../shared/model/api';
import { ENTITY_SCHEMAS, customerIdOf } from '../../shared/model/entities';
import { MUTATION_ARG_SCHEMAS, MUTATION_NAMES, applyMutation, isMutationName } from '../../shared/mutations';
import type { Actor, MutationResult } from '../../shared/mutations/types';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import type { Executor } from './scope';
import { outOfScope } from './scope';
import { PendingWrites, SqlReadPort } from './store';
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

/**
 * Customers known to be in the actor's scope within one push transaction, so that a batch of
 * mutations on the same customers asks the database once. Forgotten whenever a customer row
 * is written (a scope may have changed).
 */
class ScopeCache {
  private readonly inside = new Set<string>();

  constructor(
    private readonly trx: Executor,
    private readonly actor: Actor,
  ) {}

  async outside(customerIds: ReadonlySet<string>): Promise<string[]> {
    const unknown = [...customerIds].filter((id) => !this.inside.has(id));
    if (unknown.length === 0) return [];
    const out = await outOfScope(this.trx, this.actor, unknown);
    for (const id of unknown) if (!out.includes(id)) this.inside.add(id);
    return out;
  }

  forget(): void {
    this.inside.clear();
  }
}

/** Runs the shared logic, then the server-only checks: scope, and the rows it produced. */
async function decide(port: SqlReadPort, scope: ScopeCache, actor: Actor, name: string, args: unknown, now: string) {
  const result: MutationResult = await applyMutation(name, args, { actor, now, read: port });
  const touched = new Set(port.touchedCustomers);
  if (result.ok) {
    for (const w of result.writes) {
      const owner = customerIdOf(w);
      if (owner) touched.add(owner);
    }
  }
  const outside = await scope.outside(touched);
  if (outside.length > 0) {
    return {
      ok: false as const,
      error: {
        code: 'out_of_scope' as const,
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
      return { ok: false as const, error: { code: 'not_allowed' as const, message: 'Only an administrator may change users, absences or the duty roster.' } };
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFETCH_MAX = 5000;

/** The ids in the arguments of mutations (top level and one level down), the rows they will most likely read. */
function namedIds(mutations: PushRequest['mutations']): Set<string> {
  const ids = new Set<string>();
  const collect = (value: unknown, depth: number) => {
    if (ids.size >= PREFETCH_MAX) return;
    if (typeof value === 'string') {
      if (UUID.test(value)) ids.add(value);
    } else if (depth < 2 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const v of Object.values(value)) collect(v, depth + 1);
    }
  };
  for (const m of mutations) collect(m.args, 0);
  return ids;
}

/** A database error (SQLite or PostgreSQL): the transaction cannot go on. */
const isDatabaseError = (err: unknown) => typeof (err as { code?: unknown } | null)?.code === 'string';

export async function push(
  db: Db,
  actor: Actor,
  req: PushRequest,
  clock: () => number,
  notify: (notice: ChangeNotice) => void,
): Promise<PushResponse> {
  validateMutations(req);
  const claimed = await claimClient(db, req.clientId, actor.id, clock());
  if (req.mutations.length === 0) return { results: [], lastMutationId: claimed };
  // The whole push in one transaction: each mutation still sees the effects of the ones
  // before it (their writes are read from PendingWrites until they are flushed), a rejected
  // one writes nothing, and the rows, results and the client's position commit together.
  const outcome = await withRetry(db, () =>
    db.kysely.transaction().execute(async (trx) => {
      const results: PushResult[] = [];
      const changed: WriteSummary[] = [];
      const recorded: Array<{ client_id: string; mutation_id: number; status: PushResult['status']; error: string | null; processed_at: number }> = [];
      let processed = await lastProcessed(trx, db, req.clientId);
      let last = processed;
      let failure: unknown;
      const resent = processed === null ? [] : req.mutations.filter((m) => m.id <= processed!).map((m) => m.id);
      const seen = new Map<number, { status: PushResult['status']; error: string | null }>();
      if (resent.length > 0) {
        const rows = await trx
          .selectFrom('client_mutations')
          .select(['mutation_id', 'status', 'error'])
          .where('client_id', '=', req.clientId)
          .where('mutation_id', 'in', resent)
          .execute();
        for (const r of rows) seen.set(Number(r.mutation_id), { status: r.status, error: r.error });
      }
      const pending = new PendingWrites();
      // The rows the mutations name (incidents, customers, new ids...), read in one query.
      await pending.prefetch(trx, db.kind, namedIds(req.mutations.filter((m) => processed === null || m.id > processed)));
      const scope = new ScopeCache(trx, actor);
      // And whether their customers are in scope, in one query too.
      await scope.outside(pending.fetchedCustomers());
      const flushed = (summary: WriteSummary) => {
        changed.push(summary);
        if (summary.scopeMayChange) scope.forget();
      };
      for (const m of req.mutations) {
        if (processed !== null && m.id <= processed) {
          const first = seen.get(m.id);
          results.push(
            first
              ? { id: m.id, status: first.status, ...(first.error ? { error: JSON.parse(first.error) } : {}) }
              : {
                  id: m.id,
                  status: 'rejected',
                  error: {
                    code: 'out_of_order' as const,
                    message: `Mutation ids must increase per client; ${m.id} is not above ${processed}, the last one processed. Renumber pending mutations above it.`,
                  },
                },
          );
          last = processed;
          continue;
        }
        let decision;
        try {
          const port = new SqlReadPort(trx, db.kind, pending, flushed);
          decision = await decide(port, scope, actor, m.name, m.args, new Date(clock()).toISOString());
        } catch (err) {
          // A database error ends the transaction (rolled back, maybe retried). Any other error
          // (a bug) keeps what the mutations before it did, as if each had its own transaction.
          if (isDatabaseError(err)) throw err;
          failure = err;
          break;
        }
        if (decision.ok) {
          pending.add(decision.writes);
          // A customer row may move scopes: write it now and ask the database again.
          if (decision.writes.some((w) => w.entity === 'customer')) {
            const summary = await pending.flush(trx);
            if (summary) flushed(summary);
          }
        }
        const result: PushResult = decision.ok ? { id: m.id, status: 'applied' } : { id: m.id, status: 'rejected', error: decision.error };
        results.push(result);
        recorded.push({ client_id: req.clientId, mutation_id: m.id, status: result.status, error: result.error ? JSON.stringify(result.error) : null, processed_at: clock() });
        processed = m.id;
        last = m.id;
      }
      const summary = await pending.flush(trx);
      if (summary) changed.push(summary);
      for (let at = 0; at < recorded.length; at += 500) {
        await trx.insertInto('client_mutations').values(recorded.slice(at, at + 500)).execute();
      }
      if (recorded.length > 0) {
        await trx.updateTable('sync_clients').set({ last_mutation_id: recorded[recorded.length - 1]!.mutation_id }).where('client_id', '=', req.clientId).execute();
      }
      return { results, last, changed, failure };
    }),
  );
  const { changed } = outcome;
  if (changed.length > 0) {
    const ids = new Set<string>();
    for (const c of changed) for (const id of c.customerIds) ids.add(id);
    notify({
      customerIds: [...ids],
      scopeMayChange: changed.some((c) => c.scopeMayChange),
      version: Math.max(...changed.map((c) => c.lastVersion)),
    });
  }
  if (outcome.failure !== undefined) throw outcome.failure;
  return { results: outcome.results, lastMutationId: outcome.last };
}
