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

  function wrapCursor(table: string, cursor: DBCoreCursor): DBCoreCursor {
    let value: unknown;
    const wrapped: DBCoreCursor = {
      get trans() {
        return cursor.trans;
      },
      get key() {
        return cursor.key;
      },
      get primaryKey() {
        return cursor.primaryKey;
      },
      get value() {
        return value;
      },
      get done() {
        return cursor.done;
      },
      continue: (k?: unknown) => cursor.continue(k),
      continuePrimaryKey: (k: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(k, primaryKey),
      advance: (count: number) => cursor.advance(count),
      stop: (v?: unknown) => cursor.stop(v),
      fail: (error: Error) => cursor.fail(error),
      start(onNext: () => void) {
        return cursor.start(() => {
          const raw = cursor.value;
          if (!isSealedRow(raw)) {
            value = raw;
            onNext();
            return;
          }
          whileActive(cursor.trans, open(table, raw)).then(
            (opened) => {
              value = opened;
              try {
                onNext();
              } catch (err) {
                cursor.fail(err as Error);
              }
            },
            (err: unknown) => cursor.fail(err as Error),
          );
        });
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
        return result.then((cursor) => (cursor ? wrapCursor(table, cursor) : cursor));
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
