// Push: applies a client's mutations with the server's authority, at most once per (clientId,
// mutation id); a push runs in one transaction, each mutation seeing the effects of the ones
// before it. A resent mutation gets the result it got the first time; an id at or below the
// last processed one that was never seen is refused.
import type { ErrorDetail, PushRequest, PushResponse, PushResult } from '../../shared/model/api';
import { ENTITY_SCHEMAS, customerIdOf } from '../../shared/model/entities';
import { describeIssues } from '../../shared/model/issues';
import {
  MUTATION_ARG_SCHEMAS,
  MUTATION_NAMES,
  applyMutation,
  isMutationName,
  writesBeyondScope,
} from '../../shared/mutations';
import type { MadeAlert } from '../alerts/engine';
import type { Actor, MutationResult } from '../../shared/mutations/types';
import type { ControlledTransaction, Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import type { Executor } from './scope';
import { outOfScope } from './scope';
import { PendingWrites, SqlReadPort } from './store';
import type { WriteSummary } from './store';

export interface ChangeNotice {
  customerIds: string[];
  scopeMayChange: boolean;
  version: number;
  /** Alerts just made (server/alerts): each is announced to its recipient's streams. */
  alerts?: MadeAlert[];
}

export const clientTaken = () =>
  new HttpError(
    403,
    'client_id_taken',
    'This clientId belongs to another user; create a new clientId for this user (e.g. a fresh UUID) and bootstrap with cursor: null.',
  );

/** The user a client id is registered to (undefined: not registered yet). Writes nothing. */
export async function clientOwner(db: Db, clientId: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('sync_clients')
    .select('user_id')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.user_id;
}

/** Registers a client id to the user on first use; another user's client id is refused. */
export async function claimClient(
  db: Db,
  clientId: string,
  userId: string,
  now: number,
): Promise<number | null> {
  await db.kysely
    .insertInto('sync_clients')
    .values({ client_id: clientId, user_id: userId, last_mutation_id: null, created_at: now })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const row = await db.kysely
    .selectFrom('sync_clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
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
      if (db.kind !== 'postgres' || attempt >= 5 || typeof code !== 'string' || !RETRYABLE.has(code))
        throw err;
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

/**
 * A row outside the caller's scope is answered exactly like a missing one (same code, same
 * message, naming neither the row nor its customer): the answer must not tell whether a
 * foreign id exists.
 */
export function notInScope(): ErrorDetail {
  return {
    code: 'not_found',
    message:
      "No such record in your scope: it does not exist, was deleted, or belongs to a customer not assigned to you. Sync to refresh your data; ask the customer's TAM or your manager if you should have access.",
  };
}

/** Runs the shared logic, then the server-only checks: scope, and the rows it produced. */
async function decide(
  port: SqlReadPort,
  scope: ScopeCache,
  actor: Actor,
  name: string,
  args: unknown,
  now: string,
): Promise<MutationResult> {
  const result: MutationResult = await applyMutation(name, args, { actor, now, read: port });
  const touched = new Set(port.touchedCustomers);
  if (result.ok && !(isMutationName(name) && writesBeyondScope(name))) {
    for (const w of result.writes) {
      const owner = customerIdOf(w);
      // A customer the mutation creates (it read no such row) is in nobody's scope yet: the
      // creator must be an administrator or a manager of the new customer's team.
      if (w.entity === 'customer' && !port.touchedCustomers.has(owner!) && w.row.version === 0) {
        if (actor.role === 'admin' || (actor.role === 'manager' && w.row.team === actor.team)) continue;
        return {
          ok: false as const,
          error: {
            code: 'not_allowed',
            message: 'Only an administrator, or a manager for their own team, may create customers; ask one.',
          },
        };
      }
      if (owner) touched.add(owner);
    }
  }
  const outside = await scope.outside(touched);
  // A foreign row and a missing one get the same answer, word for word.
  if (outside.length > 0 || (!result.ok && result.error.code === 'not_found'))
    return { ok: false as const, error: notInScope() };
  if (result.ok) {
    for (const w of result.writes) {
      const check = ENTITY_SCHEMAS[w.entity].safeParse(w.row);
      if (!check.success) {
        throw new Error(`mutation ${name} produced an invalid ${w.entity} row: ${check.error.message}`);
      }
    }
    // Absences and the duty roster follow their mutations' own rules (a TAM's own absence, a
    // manager's team, the roster for managers); users stay an administrator's.
    if (actor.role !== 'admin' && result.writes.some((w) => w.entity === 'user')) {
      return {
        ok: false as const,
        error: { code: 'not_allowed', message: 'Only an administrator may change users.' },
      };
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
      throw new HttpError(
        400,
        'unknown_mutation',
        `Mutation ${m.id}: unknown name '${m.name}'; known: ${MUTATION_NAMES.join(', ')}. Nothing was applied.`,
      );
    }
    const parsed = MUTATION_ARG_SCHEMAS[m.name].safeParse(m.args);
    if (!parsed.success) {
      const detail = describeIssues(parsed.error);
      throw new HttpError(
        400,
        'invalid_args',
        `Mutation ${m.id} (${m.name}): ${detail}. Nothing was applied; fix or drop this mutation and push again.`,
      );
    }
  }
  for (let i = 1; i < req.mutations.length; i++) {
    if (req.mutations[i]!.id <= req.mutations[i - 1]!.id) {
      throw new HttpError(
        400,
        'invalid_request',
        'Mutation ids must increase within a push; send them in the order they were made. Nothing was applied.',
      );
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

/**
 * A database error that says nothing about the mutation being run: a lost connection, a
 * cancelled statement, a full disk, a busy or locked database, a serialisation failure. It
 * ends the push (the client tries again later); any other failure (a bug, a row the schema
 * refuses, a constraint) is the mutation's own and rejects it alone.
 */
export function isTransientDbError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_')) {
    return /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|CANTOPEN|CORRUPT|NOTADB|READONLY|INTERRUPT|PROTOCOL|ABORT)/.test(
      code,
    );
  }
  if (/^[0-9A-Z]{5}$/.test(code)) {
    // PostgreSQL SQLSTATE classes: connection, resources, operator intervention (incl.
    // statement timeout), system error, transaction rollback (serialisation, deadlock).
    return ['08', '40', '53', '57', '58', 'XX'].includes(code.slice(0, 2));
  }
  return true; // a socket error of the driver (ECONNRESET, ...)
}

/** Where a push's failures are told (the request's logger; never given user text). */
export interface PushLog {
  error(details: Record<string, unknown>, message: string): void;
}

/** The kind and the stack frames of an error, without its message (which may quote user text). */
function errorFacts(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { errorType: typeof err };
  const code = (err as { code?: unknown }).code;
  return {
    errorType: err.constructor.name,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    frames: (err.stack ?? '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 8)
      .map((l) => l.trim()),
  };
}

const INTERNAL_ERROR: ErrorDetail = {
  code: 'internal',
  message:
    'The server failed while applying this change, and did not apply it; the changes after it went on. Review it and make it again, and tell your administrator if it keeps failing.',
};

type Recorded = {
  client_id: string;
  mutation_id: number;
  status: PushResult['status'];
  error: string | null;
  processed_at: number;
};

interface Outcome {
  results: PushResult[];
  last: number | null;
  changed: WriteSummary[];
}

/** Thrown out of the fast path so that the push runs again, one savepoint per mutation. */
class RunCarefully extends Error {}

export async function push(
  db: Db,
  actor: Actor,
  req: PushRequest,
  clock: () => number,
  notify: (notice: ChangeNotice) => void,
  log?: PushLog,
): Promise<PushResponse> {
  validateMutations(req);
  const claimed = await claimClient(db, req.clientId, actor.id, clock());
  if (req.mutations.length === 0) return { results: [], lastMutationId: claimed };
  // The whole push in one transaction: each mutation sees the effects of the ones before it
  // (their writes are read from PendingWrites until they are flushed), a rejected one writes
  // nothing, and the rows, results and the client's position commit together.
  //
  // No mutation may block a client. A mutation that throws (a bug, a row the schema refuses,
  // a constraint) makes the fast path give up and the push run again in a new transaction
  // carefully: each mutation in its own savepoint with its rows written at once, so that a
  // failing one is rolled back alone (on PostgreSQL a failed statement would abort the whole
  // transaction otherwise), recorded as rejected `internal`, and the push goes on.
  let outcome: Outcome;
  try {
    outcome = await withRetry(db, () =>
      db.kysely.transaction().execute((trx) => run(db, trx, actor, req, clock, null, log)),
    );
  } catch (err) {
    if (!(err instanceof RunCarefully)) throw err;
    outcome = await withRetry(db, async () => {
      const trx = await db.kysely.startTransaction().execute();
      try {
        const result = await run(db, trx, actor, req, clock, trx, log);
        await trx.commit().execute();
        return result;
      } catch (failure) {
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw failure;
      }
    });
  }
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
  return { results: outcome.results, lastMutationId: outcome.last };
}

/**
 * One attempt at a push. Fast (careful null): rows batched, written when the push ends;
 * any failure other than a transient database error throws RunCarefully. Careful: a
 * savepoint per mutation, rows written before it is released.
 */
async function run(
  db: Db,
  trx: Transaction<Database>,
  actor: Actor,
  req: PushRequest,
  clock: () => number,
  careful: ControlledTransaction<Database> | null,
  log: PushLog | undefined,
): Promise<Outcome> {
  const results: PushResult[] = [];
  const changed: WriteSummary[] = [];
  const recorded: Recorded[] = [];
  let processed = await lastProcessed(trx, db, req.clientId);
  let last = processed;
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
  let pending = new PendingWrites();
  const scope = new ScopeCache(trx, actor);
  if (!careful) {
    // The rows the mutations name (incidents, customers, new ids...), read in one query.
    await pending.prefetch(
      trx,
      db.kind,
      namedIds(req.mutations.filter((m) => processed === null || m.id > processed)),
    );
    // And whether their customers are in scope, in one query too.
    await scope.outside(pending.fetchedCustomers());
  }
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
                code: 'out_of_order',
                message: `Mutation ids must increase per client; ${m.id} is not above ${processed}, the last one processed. Renumber pending mutations above it.`,
              },
            },
      );
      last = processed;
      continue;
    }
    let result: PushResult;
    if (careful) {
      const before = changed.length;
      const point = await careful.savepoint('mutation').execute();
      try {
        pending = new PendingWrites();
        const decision = await decide(
          new SqlReadPort(trx, db.kind, pending, flushed),
          scope,
          actor,
          m.name,
          m.args,
          new Date(clock()).toISOString(),
        );
        if (decision.ok) {
          pending.add(decision.writes);
          const summary = await pending.flush(trx);
          if (summary) flushed(summary);
        }
        await point.releaseSavepoint('mutation').execute();
        result = decision.ok
          ? { id: m.id, status: 'applied' }
          : { id: m.id, status: 'rejected', error: decision.error };
      } catch (err) {
        if (isTransientDbError(err)) throw err;
        await point.rollbackToSavepoint('mutation').execute();
        await point.releaseSavepoint('mutation').execute();
        changed.length = before;
        scope.forget();
        pending = new PendingWrites();
        log?.error(
          {
            clientId: req.clientId,
            userId: actor.id,
            mutationId: m.id,
            mutation: m.name,
            ...errorFacts(err),
          },
          'push: mutation failed on the server; rejected as internal',
        );
        result = { id: m.id, status: 'rejected', error: INTERNAL_ERROR };
      }
    } else {
      let decision;
      try {
        decision = await decide(
          new SqlReadPort(trx, db.kind, pending, flushed),
          scope,
          actor,
          m.name,
          m.args,
          new Date(clock()).toISOString(),
        );
        if (decision.ok) {
          pending.add(decision.writes);
          // A customer row may move scopes: write it now and ask the database again.
          if (decision.writes.some((w) => w.entity === 'customer')) {
            const summary = await pending.flush(trx);
            if (summary) flushed(summary);
          }
        }
      } catch (err) {
        if (isTransientDbError(err)) throw err;
        throw new RunCarefully();
      }
      result = decision.ok
        ? { id: m.id, status: 'applied' }
        : { id: m.id, status: 'rejected', error: decision.error };
    }
    results.push(result);
    recorded.push({
      client_id: req.clientId,
      mutation_id: m.id,
      status: result.status,
      error: result.error ? JSON.stringify(result.error) : null,
      processed_at: clock(),
    });
    processed = m.id;
    last = m.id;
  }
  try {
    const summary = await pending.flush(trx);
    if (summary) changed.push(summary);
  } catch (err) {
    // The batched rows of several mutations: which one failed is only known carefully.
    if (isTransientDbError(err) || careful) throw err;
    throw new RunCarefully();
  }
  for (let at = 0; at < recorded.length; at += 500) {
    await trx
      .insertInto('client_mutations')
      .values(recorded.slice(at, at + 500))
      .execute();
  }
  if (recorded.length > 0) {
    await trx
      .updateTable('sync_clients')
      .set({ last_mutation_id: recorded[recorded.length - 1]!.mutation_id })
      .where('client_id', '=', req.clientId)
      .execute();
  }
  return { results, last, changed };
}
