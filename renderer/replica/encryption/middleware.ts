// Field encryption at the IndexedDB boundary: a Dexie DBCore middleware that seals the listed
// fields (./fields.ts) of every row written and opens them on every row read, so the sync
// engine, mutate(), the views and their live queries read and write plain rows as before.
//
// WebCrypto is asynchronous and IndexedDB commits a transaction as soon as it has no request
// pending at the end of a task. While a seal or an unseal runs inside a transaction, the
// middleware keeps that transaction alive with cheap reads (as Dexie.waitFor does) and
// continues in the success handler of one of them, so the rest of the transaction (the write
// itself, the next cursor step, the caller's next request) still runs in it.
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

/**
 * A promise for `work` that settles inside an IndexedDB success event of `trans`, keeping the
 * transaction active meanwhile. Its callbacks run in the caller's Dexie zone (Dexie.Promise).
 */
function whileActive<T>(trans: DBCoreTransaction, work: Promise<T>): Promise<T> {
  const idb = trans as unknown as IDBTransaction;
  return new Dexie.Promise<T>((resolve, reject) => {
    let outcome: { value: T } | { error: unknown } | null = null;
    work.then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    let store: IDBObjectStore;
    try {
      store = idb.objectStore(idb.objectStoreNames[0]!);
    } catch {
      // No live transaction to keep (it ended): settle when the work does.
      work.then(resolve, reject);
      return;
    }
    const spin = (): void => {
      if (outcome) {
        if ('value' in outcome) resolve(outcome.value);
        else reject(outcome.error);
        return;
      }
      let request: IDBRequest;
      try {
        request = store.get(-Infinity);
      } catch {
        work.then(resolve, reject);
        return;
      }
      request.onsuccess = spin;
      request.onerror = () => reject(request.error);
    };
    spin();
  });
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
        return down
          .get(req)
          .then((row) => (isSealedRow(row) ? whileActive(req.trans, open(table, row)) : row));
      },
      getMany(req) {
        return down
          .getMany(req)
          .then((rows) => (anySealed(rows) ? whileActive(req.trans, openAll(table, rows)) : rows));
      },
      query(req) {
        const result = down.query(req);
        if (!req.values) return result;
        return result.then((res) =>
          anySealed(res.result)
            ? whileActive(req.trans, openAll(table, res.result)).then((rows) => ({ ...res, result: rows }))
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
