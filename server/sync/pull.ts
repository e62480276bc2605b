// Pull: the changes after a cursor, in the caller's scope, in pages.
//
// Every row carries the sequence number of its last change, so "the changes after n" are the
// rows with version > n. The cursor also remembers which customers the client holds, so a
// change of scope is repaired without a full download:
//   - normal mode: rows with version > s of the customers in scope;
//   - catch-up mode (bootstrap, or the scope changed): the live rows with version <= s of the
//     customers that entered scope are sent as puts, all rows of the customers that left as
//     deletes, open work first: every row except closed incidents and timeline events (with the
//     deletes), then the open incidents' timelines (a client is usable after these), then the
//     closed incidents, then (unless 'open-only') their timelines; then normal mode continues
//     from s. Timeline events come grouped by incident, ordered by (parent_id, version), so a
//     page fills whole packed timelines on the client.
// Sets of customer ids live in scope_sets under their hash; the cursor carries only hashes.
// The cursor is authenticated: an HMAC with a server secret kept in the database
// (server_secrets.cursor_hmac) covers the state, so a client cannot forge or alter one.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../shared/mutations/types';
import type { PullRequest, PullStage } from '../../shared/model/api';
import { PULL_DEFAULT_LIMIT } from '../../shared/model/api';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import type { Executor } from './scope';
import { pullScope } from './scope';
import { highWaterMark } from './store';

interface CursorState {
  /** Format version. */
  f: 1;
  /** The user the cursor belongs to. */
  u: string;
  /** The client holds every row with version <= s of the customers in `h`. */
  s: number;
  h: string;
  /** Catch-up in progress towards the set `t`, done up to version `p`; `d`: customers partly held. */
  t?: string;
  p?: number;
  d?: string;
  /**
   * Stage of the catch-up: absent for the first (every row but closed incidents and timeline
   * events, and the deletes; position `p` = version), 1 for the open incidents' timelines,
   * 2 for the closed incidents, 3 for the closed incidents' timelines (position: incident
   * `q`, and for events the version `p` within it). Cursors issued before the stages have no
   * `k`: their `p` counts as a first-stage position. A `k: 1` without `q` comes from a server
   * before the open-work order (events by version): the events are sent again from the start
   * (a few puts twice at most, nothing missed).
   */
  k?: 1 | 2 | 3;
  /** Stages 1 to 3: the incident (id) the catch-up has reached. */
  q?: string;
}

const badCursor = () =>
  new HttpError(
    400,
    'invalid_cursor',
    'This cursor is not valid for you (corrupt, from another user or another server); pull again with cursor: null to start over.',
  );

/** Bytes of HMAC-SHA-256 kept in a cursor (128 bits). */
const MAC_BYTES = 16;

/**
 * Signs and checks cursors: `<base64url(state JSON)>.<base64url(HMAC-SHA-256(state part))>`.
 * The key is the database's `cursor_hmac` secret (made by a migration on first start), so
 * every API process on one database accepts the cursors of the others.
 */
export class CursorCodec {
  constructor(private readonly key: Buffer) {}

  static async load(db: Db): Promise<CursorCodec> {
    const row = await db.kysely
      .selectFrom('server_secrets')
      .select('value')
      .where('name', '=', 'cursor_hmac')
      .executeTakeFirst();
    if (!row)
      throw new Error('The database has no cursor secret (server_secrets.cursor_hmac); run the migrations.');
    return new CursorCodec(Buffer.from(row.value, 'base64url'));
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, MAC_BYTES);
  }

  encode(state: CursorState): string {
    const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The state of a cursor this server issued to this user; invalid_cursor (400) otherwise. */
  decode(text: string, userId: string): CursorState {
    const dot = text.indexOf('.');
    if (dot < 0 || dot !== text.lastIndexOf('.')) throw badCursor();
    const payload = text.slice(0, dot);
    const given = Buffer.from(text.slice(dot + 1), 'base64url');
    // Before anything in the state is read or trusted: the MAC must match.
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.mac(payload))) throw badCursor();
    let state: unknown;
    try {
      state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw badCursor();
    }
    const c = state as Partial<CursorState>;
    const isHash = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
    if (
      typeof c !== 'object' ||
      c === null ||
      c.f !== 1 ||
      c.u !== userId ||
      !Number.isSafeInteger(c.s) ||
      (c.s ?? -1) < 0 ||
      !isHash(c.h) ||
      (c.t !== undefined &&
        (!isHash(c.t) || !Number.isSafeInteger(c.p) || (c.d !== undefined && !isHash(c.d)))) ||
      (c.k !== undefined && ((c.k !== 1 && c.k !== 2 && c.k !== 3) || c.t === undefined)) ||
      (c.q !== undefined && (typeof c.q !== 'string' || c.q.length > 100 || c.k === undefined))
    ) {
      throw badCursor();
    }
    return c as CursorState;
  }
}

/** Interns sets of customer ids by hash (in the database, cached in memory). */
export class ScopeSets {
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(private readonly db: Db) {}

  static hash(ids: Iterable<string>): string {
    return createHash('sha256')
      .update([...ids].sort().join(','))
      .digest('hex')
      .slice(0, 32);
  }

  /** The hash of a set; remembers it so that persist() stores it. */
  intern(ids: ReadonlySet<string>, pending: Map<string, ReadonlySet<string>>): string {
    const hash = ScopeSets.hash(ids);
    if (!this.cache.has(hash)) pending.set(hash, ids);
    return hash;
  }

  /** Stores interned sets (after the read snapshot: inserting inside it could conflict). */
  async persist(pending: Map<string, ReadonlySet<string>>): Promise<void> {
    for (const [hash, ids] of pending) {
      await this.db.kysely
        .insertInto('scope_sets')
        .values({ hash, customer_ids: JSON.stringify([...ids].sort()) })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
      this.remember(hash, ids);
    }
  }

  async get(hash: string, exec: Executor): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const row = await exec
      .selectFrom('scope_sets')
      .select('customer_ids')
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (!row) throw badCursor();
    const ids = new Set(JSON.parse(row.customer_ids) as string[]);
    this.remember(hash, ids);
    return ids;
  }

  private remember(hash: string, ids: ReadonlySet<string>): void {
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(hash, ids);
  }
}

const union = (...sets: ReadonlySet<string>[]) => new Set(sets.flatMap((s) => [...s]));
const minus = (a: ReadonlySet<string>, b: ReadonlySet<string>) => new Set([...a].filter((x) => !b.has(x)));
const intersect = (a: ReadonlySet<string>, b: ReadonlySet<string>) => new Set([...a].filter((x) => b.has(x)));
const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));

const TIMELINE_EVENT = 'timelineEvent';

interface Row {
  entity: string;
  id: string;
  version: number;
  customer_id: string;
  parent_id: string | null;
  deleted: number;
  data: string;
}

const ROW_COLUMNS = ['entity', 'id', 'version', 'customer_id', 'parent_id', 'deleted', 'data'] as const;

function putOrDelete(row: Row, deleteAll: ReadonlySet<string> | null): string {
  if (row.deleted === 1 || deleteAll?.has(row.customer_id)) {
    // A timeline event's delete names its incident: the client keeps events packed per incident.
    const parent =
      row.entity === TIMELINE_EVENT && row.parent_id !== null
        ? `,"parentId":${JSON.stringify(row.parent_id)}`
        : '';
    return `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"op":"delete"${parent}}`;
  }
  return `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"op":"put","data":${row.data}}`;
}

/** A catch-up's position: version `p` (stage 0), or incident `q` and version `p` within it. */
export interface Position {
  p: number;
  q: string;
}

/** The catch-up stages in the order they run (see CursorState.k). */
type Stage = 0 | 1 | 2 | 3;

/**
 * Stage 0 of a catch-up, by version: the deletes of the customers that left and the live rows
 * (version <= s) of those that entered, except timeline events and closed incidents.
 */
async function openRecordsPage(
  exec: Executor,
  kind: Db['kind'],
  customerCount: number,
  s: number,
  after: number,
  added: ReadonlySet<string>,
  removed: ReadonlySet<string>,
  limit: number,
): Promise<Row[]> {
  return exec
    .selectFrom('records as r')
    .select(ROW_COLUMNS.map((c) => `r.${c}` as const))
    .where('r.version', '>', after)
    .where((eb) => {
      // On SQLite, `+customer_id` keeps the planner on the version index: walking it in order
      // and filtering beats collecting every row of many customers and sorting them per page.
      // For a few customers out of many, their own index (customer_id, version) is better.
      // (`+entity` likewise keeps it off the (entity, id) index, whose order is useless here.)
      const viaVersion = kind === 'sqlite' && (added.size + removed.size) * 25 >= customerCount;
      const customer = viaVersion
        ? sql<string>`+${sql.ref('r.customer_id')}`
        : sql<string>`${sql.ref('r.customer_id')}`;
      const entity =
        kind === 'sqlite' ? sql<string>`+${sql.ref('r.entity')}` : sql<string>`${sql.ref('r.entity')}`;
      const branches = [];
      // Customers that left: every row, whatever its version (the client may hold an older one).
      if (removed.size > 0) branches.push(eb(customer, 'in', [...removed]));
      // Customers that entered: their live rows up to s; later changes follow in normal mode.
      if (added.size > 0)
        branches.push(
          eb.and([
            eb(customer, 'in', [...added]),
            eb('r.version', '<=', s),
            eb('r.deleted', '=', 0),
            eb(entity, '<>', TIMELINE_EVENT),
            eb.not(eb.and([eb(entity, '=', 'incident'), eb('r.open', '=', 0)])),
          ]),
        );
      return eb.or(branches);
    })
    .orderBy('r.version')
    .limit(limit)
    .execute();
}

/**
 * Incidents of the entering customers after `after` (by id; from `after` itself when
 * `inclusive`). Stage 1 (open timelines): every incident except those closed by version s;
 * stage 2 (closed incidents, whole rows): those closed by s, live; stage 3 (closed timelines):
 * every incident except those open by s. An incident row with version <= s never changes
 * during a catch-up, so stages 1 and 3 together cover every incident: one changed after s may
 * have its events sent in both (a put twice), none is missed.
 */
async function incidentsAfter(
  exec: Executor,
  kind: Db['kind'],
  s: number,
  added: ReadonlySet<string>,
  stage: 1 | 2 | 3,
  after: string,
  inclusive: boolean,
  limit: number,
): Promise<Row[]> {
  // On SQLite, `+customer_id` keeps the planner on the (entity, id) index, walked in order.
  const customer =
    kind === 'sqlite' ? sql<string>`+${sql.ref('customer_id')}` : sql<string>`${sql.ref('customer_id')}`;
  let q = exec
    .selectFrom('records')
    .select([...ROW_COLUMNS])
    .where('entity', '=', 'incident')
    .where('id', inclusive ? '>=' : '>', after)
    .where(customer, 'in', [...added]);
  if (stage === 2) q = q.where('open', '=', 0).where('version', '<=', s).where('deleted', '=', 0);
  else q = q.where((eb) => eb.not(eb.and([eb('open', '=', stage === 1 ? 0 : 1), eb('version', '<=', s)])));
  return q.orderBy('id').limit(limit).execute();
}

/**
 * The live events (version <= s) of `incidents` after position `from`, ordered by (incident,
 * version). On SQLite, `+entity` keeps the planner off the (entity, id) index: with it, SQLite
 * walked every timeline event of the database (seconds per page at a manager's million events)
 * instead of the parent index for these incidents' events (server/sync/pull-plan.test.ts).
 */
export function timelineEventsQuery(
  exec: Executor,
  kind: Db['kind'],
  incidents: readonly string[],
  s: number,
  from: Position,
  limit: number,
) {
  const entity = kind === 'sqlite' ? sql<string>`+${sql.ref('entity')}` : sql<string>`${sql.ref('entity')}`;
  return exec
    .selectFrom('records')
    .select([...ROW_COLUMNS])
    .where(entity, '=', TIMELINE_EVENT)
    .where('parent_id', 'in', [...incidents])
    .where('version', '<=', s)
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        eb('parent_id', '>', from.q),
        eb.and([eb('parent_id', '=', from.q), eb('version', '>', from.p)]),
      ]),
    )
    .orderBy('parent_id')
    .orderBy('version')
    .limit(limit);
}

/**
 * Stages 1 and 3: the live events (version <= s) of the entering customers' incidents (see
 * incidentsAfter), ordered by (incident, version), after position `from`; up to `limit`, fewer
 * only when the stage is exhausted.
 */
async function timelinesPage(
  exec: Executor,
  kind: Db['kind'],
  s: number,
  added: ReadonlySet<string>,
  stage: 1 | 3,
  from: Position,
  limit: number,
): Promise<Row[]> {
  const out: Row[] = [];
  let after = from.q;
  let inclusive = true;
  while (out.length < limit) {
    const incidents = await incidentsAfter(exec, kind, s, added, stage, after, inclusive, limit);
    if (incidents.length === 0) break;
    const ids = incidents.map((i) => i.id);
    const events = await timelineEventsQuery(exec, kind, ids, s, from, limit - out.length).execute();
    out.push(...events);
    after = ids[ids.length - 1]!;
    inclusive = false;
    if (incidents.length < limit) break;
  }
  return out;
}

/** The rows of a catch-up stage after position `from`: `limit`, or fewer when the stage is exhausted. */
function catchUpPage(
  exec: Executor,
  kind: Db['kind'],
  customerCount: () => Promise<number>,
  s: number,
  added: ReadonlySet<string>,
  removed: ReadonlySet<string>,
  stage: Stage,
  from: Position,
  limit: number,
): Promise<Row[]> {
  if (stage === 0) {
    if (added.size + removed.size === 0) return Promise.resolve([]);
    return customerCount().then((n) => openRecordsPage(exec, kind, n, s, from.p, added, removed, limit));
  }
  if (added.size === 0) return Promise.resolve([]);
  if (stage === 2) return incidentsAfter(exec, kind, s, added, 2, from.q, false, limit);
  return timelinesPage(exec, kind, s, added, stage, from, limit);
}

/** Where a catch-up stands, as the answer's `stage`. */
const STAGE_NAME: Record<Stage, PullStage> = {
  0: 'records',
  1: 'records',
  2: 'closed-incidents',
  3: 'closed-timelines',
};

async function normalPage(
  exec: Executor,
  after: number,
  scope: ReadonlySet<string>,
  limit: number,
): Promise<Row[]> {
  return exec
    .selectFrom('records')
    .select([...ROW_COLUMNS])
    .where('version', '>', after)
    .where('customer_id', 'in', [...scope])
    .orderBy('version')
    .limit(limit)
    .execute();
}

async function customerCount(exec: Executor): Promise<number> {
  const row = await exec
    .selectFrom('customer_scope')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialized bytes after which a pull page ends (a page always carries at least one row). */
export const PULL_DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export interface PullOptions {
  /** A page ends once its changes pass this many bytes of JSON (default PULL_DEFAULT_MAX_BYTES). */
  maxBytes?: number;
}

/** Answers a pull with the response body as a JSON string (rows are embedded as stored). */
export async function pull(
  db: Db,
  sets: ScopeSets,
  cursors: CursorCodec,
  actor: Actor,
  req: PullRequest,
  options: PullOptions = {},
): Promise<string> {
  const limit = req.limit ?? PULL_DEFAULT_LIMIT;
  const maxBytes = options.maxBytes ?? PULL_DEFAULT_MAX_BYTES;
  const openOnly = req.timelines === 'open-only';
  const incoming = req.cursor === null ? null : cursors.decode(req.cursor, actor.id);

  const pending = new Map<string, ReadonlySet<string>>();
  const snapshot = db.kysely.transaction();
  const body = await (
    db.kind === 'postgres' ? snapshot.setIsolationLevel('repeatable read') : snapshot
  ).execute(async (trx) => {
    const high = await highWaterMark(trx);
    const scope = await pullScope(trx, actor);

    // Decide the state: held set, target (if catching up), position.
    let s: number;
    let held: ReadonlySet<string>;
    let dirty: ReadonlySet<string> = new Set();
    let target: ReadonlySet<string> | null = null;
    let pos: Position = { p: 0, q: '' };
    let stage: Stage = 0;
    if (incoming === null) {
      s = high;
      held = new Set();
      target = scope;
    } else {
      s = incoming.s;
      held = await sets.get(incoming.h, trx);
      if (incoming.t !== undefined) {
        const t = await sets.get(incoming.t, trx);
        const d = incoming.d !== undefined ? await sets.get(incoming.d, trx) : new Set<string>();
        if (sameSet(t, scope)) {
          target = t;
          dirty = d;
          stage = incoming.k ?? 0;
          // A k: 1 without q: an events stage by version (an older server): restart the events.
          pos =
            stage !== 0 && incoming.q === undefined
              ? { p: 0, q: '' }
              : { p: incoming.p ?? 0, q: incoming.q ?? '' };
        } else {
          // The scope moved during a catch-up: what is fully held stays, the rest is redone.
          const keep = intersect(held, t);
          dirty = minus(union(held, d, t), keep);
          held = keep;
          target = scope;
        }
      } else if (!sameSet(held, scope)) {
        target = scope;
      }
      if (s > high) throw badCursor();
    }

    // A page is full at `limit` rows or once its JSON passes `maxBytes` (never empty for that).
    const out: string[] = [];
    let bytes = 0;
    const add = (json: string) => {
      out.push(json);
      bytes += Buffer.byteLength(json) + 1;
    };
    const full = () => out.length >= limit || (out.length > 0 && bytes >= maxBytes);
    let hasMore = false;
    if (target !== null) {
      const added = minus(target, held);
      const removed = minus(union(held, dirty), target);
      let count: number | null = null;
      const countCustomers = async () => (count ??= await customerCount(trx));
      for (;;) {
        if (!full()) {
          const room = limit - out.length;
          const rows = await catchUpPage(trx, db.kind, countCustomers, s, added, removed, stage, pos, room);
          for (const row of rows) {
            add(putOrDelete(row, removed));
            pos =
              stage === 0
                ? { p: row.version, q: '' }
                : stage === 2
                  ? { p: 0, q: row.id }
                  : { p: row.version, q: row.parent_id ?? '' };
            if (full()) break;
          }
          if (!full()) {
            // This stage is complete: the next one, with the room left.
            if (stage === 3 || (stage === 2 && openOnly)) break;
            stage = (stage + 1) as Stage;
            pos = { p: 0, q: '' };
            continue;
          }
        }
        // The page is full: the next pull continues this stage after the last row sent.
        const next: CursorState = {
          f: 1,
          u: actor.id,
          s,
          h: sets.intern(held, pending),
          t: sets.intern(target, pending),
          p: pos.p,
        };
        if (dirty.size > 0) next.d = sets.intern(dirty, pending);
        if (stage !== 0) {
          next.k = stage;
          next.q = pos.q;
        }
        return respond(out, cursors.encode(next), true, STAGE_NAME[stage]);
      }
      held = target; // catch-up complete: continue in normal mode with the room left
    }
    if (!full()) {
      const room = limit - out.length;
      const rows = await normalPage(trx, s, held, room);
      let sent = 0;
      for (const row of rows) {
        add(putOrDelete(row, null));
        sent++;
        if (full()) break;
      }
      hasMore = sent < rows.length || rows.length === room;
      s = hasMore ? rows[sent - 1]!.version : high;
    } else {
      hasMore = true;
    }
    return respond(
      out,
      cursors.encode({ f: 1, u: actor.id, s, h: sets.intern(held, pending) }),
      hasMore,
      'changes',
    );
  });
  await sets.persist(pending);
  return body;
}

function respond(changes: string[], cursor: string, hasMore: boolean, stage: PullStage): string {
  return `{"changes":[${changes.join(',')}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore},"stage":"${stage}"}`;
}
