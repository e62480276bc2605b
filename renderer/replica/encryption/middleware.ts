// Field encryption at the IndexedDB boundary: a Dexie DBCore middleware that seals the listed
// fields (./fields.ts) of every row written and opens them on every row read, so the sync
// engine, mutate(), the views and their live queries read and write plain rows as before.
//
// WebCrypto is asynchronous and IndexedDB commits a transaction as soon as it has no request
// pending at the end of a task. While a seal or an unseal runs inside a transaction, the
// middleware keeps that transaction alive with cheap reads (as Dexie.waitFor does) and
// continues in the success handler of one of them, so the rest of the transaction (the write
// itself, the next cursor step, the caller's next request) still runs in it. A read alone in
// its transaction (Dexie's own read-only transaction for a read outside `db.transaction()`:
// what views and live queries do) needs no keep-alive: its rows are opened after it commits.
import Dexie, {
  cmp,
  type DBCore,
  type DBCoreCursor,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import { isSealedRow, ReplicaKeyError, sealRow, unsealRow } from './codec';
import { ENCRYPTED_FIELDS } from './fields';

export interface EncryptionOptions {
  key: CryptoKey;
  /** Table → fields (default: ENCRYPTED_FIELDS). */
  fields?: Readonly<Record<string, readonly string[]>>;
  /** Called (once per failure) when a stored row does not open with the key. */
  onKeyError?: (error: ReplicaKeyError) => void;
}

/** What one transaction's keep-alive waits for: the work in flight and how to settle each. */
interface Waiter {
  outcome: { value: unknown } | { error: unknown } | null;
  settle(): void;
  /** The transaction can no longer be kept: settle when the work does, outside it. */
  release(): void;
}

interface KeepAlive {
  store: IDBObjectStore;
  waiting: Set<Waiter>;
  spinning: boolean;
}

/** One keep-alive per transaction, however many seals or opens run in it at once. */
const keepAlives = new WeakMap<object, KeepAlive>();

function spin(keep: KeepAlive, trans: object): void {
  keep.spinning = true;
  const step = (): void => {
    for (const w of [...keep.waiting]) {
      if (w.outcome) {
        keep.waiting.delete(w);
        w.settle();
      }
    }
    if (keep.waiting.size === 0) {
      keep.spinning = false;
      return;
    }
    let request: IDBRequest;
    try {
      request = keep.store.get(-Infinity);
    } catch {
      // The transaction ended (aborted, or committed by the caller): nothing left to keep.
      keepAlives.delete(trans);
      keep.spinning = false;
      for (const w of keep.waiting) w.release();
      keep.waiting.clear();
      return;
    }
    request.onsuccess = step;
    request.onerror = () => {
      keepAlives.delete(trans);
      keep.spinning = false;
      for (const w of keep.waiting) w.outcome = { error: request.error };
      for (const w of keep.waiting) w.settle();
      keep.waiting.clear();
    };
  };
  step();
}

/**
 * A promise for `work` that settles inside an IndexedDB success event of `trans`, keeping the
 * transaction active meanwhile. Its callbacks run in the caller's Dexie zone (Dexie.Promise).
 * Work running at once in one transaction (a page's tables written in parallel) shares one
 * chain of keep-alive reads: one request in flight per transaction, never one per call.
 */
function whileActive<T>(trans: DBCoreTransaction, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction;
  return new Dexie.Promise<T>((resolve, reject) => {
    const waiter: Waiter = {
      outcome: null,
      settle() {
        const o = waiter.outcome!;
        if ('value' in o) resolve(o.value as T);
        else reject(o.error);
      },
      release: () => work.then(resolve, reject),
    };
    work.then(
      (value) => (waiter.outcome = { value }),
      (error: unknown) => (waiter.outcome = { error }),
    );
    let keep = keepAlives.get(idb);
    if (!keep) {
      let store: IDBObjectStore;
      try {
        store = idb.objectStore(idb.objectStoreNames[0]!);
      } catch {
        // No live transaction to keep (it ended): settle when the work does.
        waiter.release();
        return;
      }
      keep = { store, waiting: new Set(), spinning: false };
      keepAlives.set(idb, keep);
    }
    keep.waiting.add(waiter);
    if (!keep.spinning) spin(keep, idb);
  });
}

/**
 * True for a request of Dexie's own one-request read-only transaction (a read outside
 * `db.transaction()`: every `get`, `bulkGet` and `toArray` of a view or a live query). Nothing
 * else runs in it after this request, so its rows can be opened after it commits: no keep-alive.
 * A read inside a `db.transaction()` (Dexie marks those `_explicit`) or a read-write one keeps
 * its transaction alive, as the caller's next request must still run in it.
 */
function isLoneRead(trans: DBCoreTransaction): boolean {
  const idb = trans as unknown as IDBTransaction & { _explicit?: boolean };
  return idb.mode === 'readonly' && idb._explicit !== true;
}

/** `work`, settled in the caller's Dexie zone (no transaction to keep: see isLoneRead). */
function afterRead<T>(work: Promise<T>): Promise<T> {
  return new Dexie.Promise<T>((resolve, reject) => work.then(resolve, reject));
}

/** How many rows a cursor reads ahead of its caller at most. */
const MAX_AHEAD = 64;

function anySealed(rows: readonly unknown[]): boolean {
  return rows.some(isSealedRow);
}

export function encryptionMiddleware(options: EncryptionOptions): Middleware<DBCore> {
  const { key, onKeyError } = options;
  const config = options.fields ?? ENCRYPTED_FIELDS;

  const open = <T>(table: string, row: T): Promise<T> =>
    unsealRow(key, table, row).catch((err: unknown) => {
      if (err instanceof ReplicaKeyError) onKeyError?.(err);
      throw err;
    });
  const openAll = <T>(table: string, rows: readonly T[]): Promise<T[]> =>
    Promise.all(rows.map((row) => open(table, row)));

  /**
   * A cursor over a table with sealed rows that reads ahead: while the caller looks at one row,
   * the next rows are already being read and opened (in parallel), so a scan costs about its
   * IndexedDB steps rather than its steps plus one decrypt round trip per row, and the steps
   * themselves keep the transaction alive. The caller sees the same rows in the same order;
   * `continue(key)`, `continuePrimaryKey` and `advance` (Dexie's anyOf, offset) skip rows
   * already read ahead, then move the real cursor when those are used up. A row read ahead is
   * the row as it stood when read: a caller that wrote rows of the same table ahead of its own
   * cursor while iterating would see them as they were (nothing in the app does: `each` and
   * `filter` callbacks only read; Dexie's `modify` reads first, then writes).
   */
  function readAheadCursor(table: string, reverse: boolean, cursor: DBCoreCursor): DBCoreCursor {
    interface Entry {
      key: unknown;
      primaryKey: unknown;
      value?: unknown;
      error?: unknown;
      ready: boolean;
      work?: Promise<unknown>;
    }
    type Want =
      | { kind: 'next' }
      | { kind: 'key'; key: unknown }
      | { kind: 'pk'; key: unknown; primaryKey: unknown }
      | { kind: 'advance'; skip: number };
    const buffer: Entry[] = [];
    let current: Entry | null = null;
    let want: Want | null = null;
    let inFlight = false;
    let downDone = false;
    let ended = false;
    let done = false;
    let waitingHead = false;
    let pumping = false;
    let again = false;
    let delivered = 0;
    let onNext: () => void = () => {};
    let resolveIteration: (value?: unknown) => void = () => {};
    let rejectIteration: (error: unknown) => void = () => {};
    const before = (a: unknown, b: unknown) => (reverse ? cmp(a, b) > 0 : cmp(a, b) < 0);
    /** True when the entry lies before what the caller asked for (it is skipped). */
    const skipped = (w: Want, e: Entry): boolean => {
      switch (w.kind) {
        case 'next':
          return false;
        case 'key':
          return before(e.key, w.key);
        case 'pk':
          return before(e.key, w.key) || (cmp(e.key, w.key) === 0 && before(e.primaryKey, w.primaryKey));
        case 'advance':
          if (w.skip === 0) return false;
          w.skip--;
          return true;
      }
    };
    // Read ahead a little at first (a `limit(20)` reads few rows it will not use), more as the
    // scan goes on.
    const ahead = () => Math.min(MAX_AHEAD, 2 + (delivered >> 2));

    const fail = (error: unknown) => {
      if (ended) return;
      ended = true;
      rejectIteration(error);
      if (!downDone) {
        try {
          cursor.stop();
        } catch {
          // already stopped
        }
      }
    };
    const finish = () => {
      ended = true;
      done = true;
      resolveIteration();
    };
    /** Moves the real cursor (inside a success event of the transaction, where it is active). */
    const step = (move: () => void) => {
      inFlight = true;
      try {
        move();
      } catch (err) {
        inFlight = false;
        fail(err);
      }
    };

    const pump = (): void => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          if (ended) return;
          if (want) {
            while (buffer.length > 0 && skipped(want, buffer[0]!)) buffer.shift();
            const head = buffer[0];
            if (head) {
              if (head.ready) {
                buffer.shift();
                if (head.error !== undefined) {
                  fail(head.error);
                  return;
                }
                current = head;
                want = null;
                delivered++;
                try {
                  onNext(); // the caller asks for the next row (want), or stops
                } catch (err) {
                  fail(err);
                  return;
                }
                again = true;
                continue;
              }
              if (!inFlight && !downDone && buffer.length < MAX_AHEAD) {
                // The cursor's own next step keeps the transaction alive while the row opens.
                // (Any other request would: but it also drops the rows IndexedDB prefetches
                // for a cursor, and every step would then cost a round trip.)
                step(() => cursor.continue());
              } else if (!inFlight && !waitingHead) {
                // Nothing else keeps the transaction alive while the row opens.
                waitingHead = true;
                whileActive(cursor.trans, head.work!).then(
                  () => {
                    waitingHead = false;
                    pump();
                  },
                  (err: unknown) => fail(err),
                );
              }
            } else if (downDone) {
              finish();
              return;
            } else if (!inFlight) {
              const w = want;
              want = { kind: 'next' };
              if (w.kind === 'key') step(() => cursor.continue(w.key));
              else if (w.kind === 'pk') step(() => cursor.continuePrimaryKey(w.key, w.primaryKey));
              else if (w.kind === 'advance') step(() => cursor.advance(w.skip + 1));
              else step(() => cursor.continue());
            }
          }
          if (
            !ended &&
            !inFlight &&
            !downDone &&
            (want === null || want.kind === 'next') &&
            buffer.length < ahead()
          ) {
            step(() => cursor.continue());
          }
        } while (again);
      } finally {
        pumping = false;
      }
    };

    const arrived = () => {
      inFlight = false;
      if (ended) return;
      const raw = cursor.value;
      const entry: Entry = { key: cursor.key, primaryKey: cursor.primaryKey, ready: true };
      if (isSealedRow(raw)) {
        entry.ready = false;
        entry.work = open(table, raw).then(
          (value) => {
            entry.value = value;
            entry.ready = true;
          },
          (error: unknown) => {
            entry.error = error ?? new Error('unreadable row');
            entry.ready = true;
          },
        );
      } else entry.value = raw;
      buffer.push(entry);
      pump();
    };

    const ask = (w: Want) => {
      if (ended) return;
      want = w;
      pump();
    };

    const wrapped: DBCoreCursor = {
      get trans() {
        return cursor.trans;
      },
      get key() {
        return current?.key;
      },
      get primaryKey() {
        return current?.primaryKey;
      },
      get value() {
        return current?.value;
      },
      get done() {
        return done;
      },
      continue: (key?: unknown) => ask(key === undefined ? { kind: 'next' } : { kind: 'key', key }),
      continuePrimaryKey: (key: unknown, primaryKey: unknown) => ask({ kind: 'pk', key, primaryKey }),
      advance: (count: number) => ask({ kind: 'advance', skip: count - 1 }),
      stop: (value?: unknown) => {
        if (ended) return;
        ended = true;
        resolveIteration(value);
        if (!downDone) {
          try {
            cursor.stop();
          } catch {
            // already stopped
          }
        }
      },
      fail: (error: Error) => fail(error),
      start(callback: () => void) {
        onNext = callback;
        const iteration = new Promise<unknown>((resolve, reject) => {
          resolveIteration = resolve;
          rejectIteration = reject;
        });
        want = { kind: 'next' };
        inFlight = true; // the real cursor stands on its first row
        cursor.start(arrived).then(
          () => {
            inFlight = false;
            downDone = true;
            pump();
          },
          (err: unknown) => fail(err),
        );
        return iteration;
      },
      next() {
        let gotOne = 1;
        return wrapped.start(() => (gotOne-- ? wrapped.continue() : wrapped.stop())).then(() => wrapped);
      },
    };
    return wrapped;
  }

  function encryptedTable(table: string, fields: readonly string[], down: DBCoreTable): DBCoreTable {
    return {
      ...down,
      mutate(req) {
        if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
        const sealing = Promise.all(req.values.map((row) => sealRow(key, table, fields, row)));
        return whileActive(req.trans, sealing).then((values) => down.mutate({ ...req, values }));
      },
      get(req) {
        const opened = (work: Promise<unknown>) =>
          isLoneRead(req.trans) ? afterRead(work) : whileActive(req.trans, work);
        return down.get(req).then((row) => (isSealedRow(row) ? opened(open(table, row)) : row));
      },
      getMany(req) {
        const opened = <T>(work: Promise<T>) =>
          isLoneRead(req.trans) ? afterRead(work) : whileActive(req.trans, work);
        return down.getMany(req).then((rows) => (anySealed(rows) ? opened(openAll(table, rows)) : rows));
      },
      query(req) {
        const result = down.query(req);
        if (!req.values) return result;
        const opened = <T>(work: Promise<T>) =>
          isLoneRead(req.trans) ? afterRead(work) : whileActive(req.trans, work);
        return result.then((res) =>
          anySealed(res.result)
            ? opened(openAll(table, res.result)).then((rows) => ({ ...res, result: rows }))
            : res,
        );
      },
      openCursor(req) {
        const result = down.openCursor(req);
        if (!req.values) return result;
        return result.then((cursor) => (cursor ? readAheadCursor(table, !!req.reverse, cursor) : cursor));
      },
    };
  }

  return {
    stack: 'dbcore',
    name: 'FieldEncryption',
    create(down) {
      const tables = new Map<string, DBCoreTable>();
      return {
        ...down,
        table(name) {
          const fields = config[name];
          if (!fields) return down.table(name);
          let table = tables.get(name);
          if (!table) {
            table = encryptedTable(name, fields, down.table(name));
            tables.set(name, table);
          }
          return table;
        },
      };
    },
  };
}
