// Pull: the changes after a cursor, in the caller's scope, in pages.
//
// Every row carries the sequence number of its last change, so "the changes after n" are the
// rows with version > n. The cursor also remembers which customers the client holds, so a
// change of scope is repaired without a full download:
//   - normal mode: rows with version > s of the customers in scope;
//   - catch-up mode (bootstrap, or the scope changed): the live rows with version <= s of the
//     customers that entered scope are sent as puts, all rows of the customers that left as
//     deletes, paged by version, in two stages: first every row that is not a timeline event
//     (with the deletes), then the timeline events (the bulk of the rows, which no view needs
//     at once: a client is usable after the first stage); then normal mode continues from s.
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
   * Stage of the catch-up: absent for the first (every row but timeline events, and the
   * deletes), 1 for the second (the timeline events). Cursors issued before the stages
   * existed have no `k`: their `p` then counts as a first-stage position, and the events
   * stage sends every event from the start (a few puts twice at most, nothing missed).
   */
  k?: 1;
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
      (c.k !== undefined && (c.k !== 1 || c.t === undefined))
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

interface Row {
  entity: string;
  id: string;
  version: number;
  customer_id: string;
  deleted: number;
  data: string;
}

function putOrDelete(row: Row, deleteAll: ReadonlySet<string> | null): string {
  if (row.deleted === 1 || deleteAll?.has(row.customer_id)) {
    return `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"op":"delete"}`;
  }
  return `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"op":"put","data":${row.data}}`;
}

const TIMELINE_EVENT = 'timelineEvent';

/**
 * One page of a catch-up. Stage 0: the deletes of the customers that left and the live rows
 * (version <= s) of those that entered, except timeline events; stage 1: the timeline events
 * of those that entered (with 'open-only', not those of incidents closed by version s).
 */
async function catchUpPage(
  exec: Executor,
  kind: Db['kind'],
  customerCount: number,
  s: number,
  after: number,
  added: ReadonlySet<string>,
  removed: ReadonlySet<string>,
  openOnly: boolean,
  limit: number,
  stage: 0 | 1,
): Promise<Row[]> {
  const gone = stage === 0 ? removed : new Set<string>();
  return exec
    .selectFrom('records as r')
    .select(['r.entity', 'r.id', 'r.version', 'r.customer_id', 'r.deleted', 'r.data'])
    .where('r.version', '>', after)
    .where((eb) => {
      // On SQLite, `+customer_id` keeps the planner on the version index: walking it in order
      // and filtering beats collecting every row of many customers and sorting them per page.
      // For a few customers out of many, their own index (customer_id, version) is better.
      // (`+entity` likewise keeps it off the (entity, id) index, whose order is useless here.)
      const viaVersion = kind === 'sqlite' && (added.size + gone.size) * 25 >= customerCount;
      const customer = viaVersion
        ? sql<string>`+${sql.ref('r.customer_id')}`
        : sql<string>`${sql.ref('r.customer_id')}`;
      const entity =
        kind === 'sqlite' ? sql<string>`+${sql.ref('r.entity')}` : sql<string>`${sql.ref('r.entity')}`;
      const branches = [];
      // Customers that left: every row, whatever its version (the client may hold an older one).
      if (gone.size > 0) branches.push(eb(customer, 'in', [...gone]));
      // Customers that entered: their live rows up to s; later changes follow in normal mode.
      if (added.size > 0) {
        const conds = [eb(customer, 'in', [...added]), eb('r.version', '<=', s), eb('r.deleted', '=', 0)];
        if (stage === 0) conds.push(eb(entity, '<>', TIMELINE_EVENT));
        else {
          conds.push(eb(entity, '=', TIMELINE_EVENT));
          if (openOnly) {
            // Skip the events of an incident the first stage sent as closed (its version is
            // <= s). One closed since then may have been sent open, and the client counts on
            // an open incident's timeline arriving whole: its events are sent.
            conds.push(
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('records as i')
                    .select(sql`1`.as('one'))
                    .where('i.entity', '=', 'incident')
                    .whereRef('i.id', '=', 'r.parent_id')
                    .where('i.open', '=', 0)
                    .where('i.version', '<=', s),
                ),
              ),
            );
          }
        }
        branches.push(eb.and(conds));
      }
      return eb.or(branches);
    })
    .orderBy('r.version')
    .limit(limit)
    .execute();
}

async function normalPage(
  exec: Executor,
  after: number,
  scope: ReadonlySet<string>,
  limit: number,
): Promise<Row[]> {
  return exec
    .selectFrom('records')
    .select(['entity', 'id', 'version', 'customer_id', 'deleted', 'data'])
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
    let pos = 0;
    let stage: 0 | 1 = 0;
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
          pos = incoming.p ?? 0;
          stage = incoming.k === 1 ? 1 : 0;
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
      for (;;) {
        if (!full()) {
          const room = limit - out.length;
          const work = stage === 0 ? added.size + removed.size : added.size;
          const rows =
            work > 0
              ? await catchUpPage(
                  trx,
                  db.kind,
                  (count ??= await customerCount(trx)),
                  s,
                  pos,
                  added,
                  removed,
                  openOnly,
                  room,
                  stage,
                )
              : [];
          for (const row of rows) {
            add(putOrDelete(row, removed));
            pos = row.version;
            if (full()) break;
          }
          if (!full()) {
            // This stage is complete.
            if (stage === 1) break;
            stage = 1; // first stage complete: the timeline events, with the room left
            pos = 0;
            continue;
          }
        }
        // The page is full: the next pull continues this stage after the last version sent.
        const next: CursorState = {
          f: 1,
          u: actor.id,
          s,
          h: sets.intern(held, pending),
          t: sets.intern(target, pending),
          p: pos,
        };
        if (dirty.size > 0) next.d = sets.intern(dirty, pending);
        if (stage === 1) next.k = 1;
        return respond(out, cursors.encode(next), true, stage === 0 ? 'records' : 'timelines');
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
