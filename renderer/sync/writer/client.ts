// The window's side of the replica writer worker: the sync engine calls it as it would call
// the apply functions, and it posts each call to the worker, which writes on its own
// connection to the same replica. The network stays in the window (on the desktop only the
// main process holds the token, and the bridge answers the window), but a pulled page crosses
// to the worker as the bytes of its JSON (transferred, not copied): the worker parses and
// checks it, keeps it until the engine writes it, and answers with its summary (../page.ts).
//
// If the worker cannot start (no Worker, a script that does not load, a replica it cannot
// open), the writes run on this thread as before, and the reason is logged. A worker that
// dies later fails the calls in flight (each was one transaction: written whole or not at
// all; the engine retries at its next cycle) and the next calls run on this thread.
import type { Change } from '../../../shared/model/api';
import type { TimelineEvent } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica/db';
import { directWriter, type ReplicaWriter } from './direct';
import {
  errorOfWire,
  FromWriterSchema,
  PageSummarySchema,
  ToWriterSchema,
  type ToWriter,
  type WriterCall,
} from './protocol';

export interface WorkerWriterOptions {
  db: ReplicaDb;
  /** Starts the worker; default the app's bundled worker.ts. */
  createWorker?: () => Worker;
  /** Where the fallback's reason goes (default console.warn). */
  log?: (message: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export function defaultCreateWorker(): Worker {
  if (typeof Worker === 'undefined') throw new Error('this runtime has no Web Workers');
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'replica-writer' });
}

/**
 * A ReplicaWriter that writes in a worker, started by warm() (the sync leader calls it) or at
 * the first write (a window that never writes starts none).
 */
export function workerWriter(options: WorkerWriterOptions): ReplicaWriter {
  const { db } = options;
  const create = options.createWorker ?? defaultCreateWorker;
  const log = options.log ?? ((message: string) => console.warn(`[tam] ${message}`));
  const local = directWriter(db);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let where: ReplicaWriter['where'] = 'starting';
  let worker: Worker | null = null;
  let started: Promise<Worker | null> | null = null;
  let closed = false;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  /** From now on every write runs on this thread. */
  const fallBack = (reason: string) => {
    if (where !== 'main') log(`replica writer: ${reason}; writing on the window's thread instead`);
    where = 'main';
    worker?.terminate();
    worker = null;
    started = Promise.resolve(null);
    failAll(
      new Error(
        `The replica writer stopped (${reason}); the change was not written and is retried at the next sync.`,
      ),
    );
  };

  const post = (w: Worker, message: ToWriter, transfer: Transferable[] = []) =>
    w.postMessage(message, transfer);

  const start = (): Promise<Worker | null> =>
    (started ??= new Promise<Worker | null>((resolve) => {
      let w: Worker;
      try {
        w = create();
      } catch (err) {
        fallBack(`the worker did not start (${err instanceof Error ? err.message : String(err)})`);
        resolve(null);
        return;
      }
      worker = w;
      w.onmessage = (e: MessageEvent<unknown>) => {
        const parsed = FromWriterSchema.safeParse(e.data);
        if (!parsed.success) {
          log(`replica writer: an unreadable answer was ignored (${parsed.error.message})`);
          return;
        }
        const msg = parsed.data;
        if (msg.type === 'ready') {
          where = 'worker';
          resolve(w);
        } else if (msg.type === 'open-failed') {
          fallBack(`the worker could not open the replica (${msg.error.name}: ${msg.error.message})`);
          resolve(null);
        } else if (msg.type === 'invalid' && msg.id === null) {
          log(`replica writer: the worker refused a message (${msg.message})`);
        } else {
          const p = pending.get(msg.id!);
          pending.delete(msg.id!);
          if (msg.type === 'done') p?.resolve(msg.value);
          else if (msg.type === 'failed') p?.reject(errorOfWire(msg.error));
          else p?.reject(new Error(`The replica writer refused the call: ${msg.message}`));
        }
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        fallBack(`the worker failed (${e.message || 'its script did not load'})`);
        resolve(null);
      };
      w.onmessageerror = () => log('replica writer: an answer could not be read');
      post(w, ToWriterSchema.parse({ type: 'open', dbName: db.name, key: db.encryptionKey }));
    }));

  async function call<T>(c: WriterCall, here: () => Promise<T>, transfer: Transferable[] = []): Promise<T> {
    const w = closed ? null : await start();
    if (!w || w !== worker) return here();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        post(w, { type: 'call', id, call: c }, transfer);
      } catch (err) {
        // Not cloneable (a bug): this call fails as a storage failure would.
        pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  return {
    get where() {
      return where;
    },
    writePage: (page) =>
      call({ op: 'writePage', page: { ...page, changes: page.changes as Change[] } }, () =>
        local.writePage(page),
      ),
    async readPage(ref, bytes) {
      // Transferred when the bytes are a whole buffer of their own (a view of a larger one is copied).
      const whole =
        bytes.buffer instanceof ArrayBuffer &&
        bytes.byteOffset === 0 &&
        bytes.byteLength === bytes.buffer.byteLength;
      const own = whole ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
      const value = await call<unknown>({ op: 'readPage', ref, bytes: own }, () => local.readPage(ref, own), [
        own.buffer,
      ]);
      const summary = PageSummarySchema.safeParse(value);
      if (!summary.success)
        throw new Error(`The replica writer answered a page read oddly: ${summary.error.message}`);
      return summary.data;
    },
    writeReadPage: (ref, write) =>
      call({ op: 'writeReadPage', ref, ...write }, () => local.writeReadPage(ref, write)),
    rebase: (dropApplied = []) =>
      call({ op: 'rebase', dropApplied: [...dropApplied] }, () => local.rebase(dropApplied)),
    resetForRebootstrap: (at) => call({ op: 'resetForRebootstrap', at }, () => local.resetForRebootstrap(at)),
    writeTimeline: (incidentId, events, at, complete = true) =>
      call({ op: 'writeTimeline', incidentId, events: events as TimelineEvent[], at, complete }, () =>
        local.writeTimeline(incidentId, events, at, complete),
      ),
    warm() {
      if (!closed) void start();
    },
    close() {
      closed = true;
      worker?.terminate();
      worker = null;
      failAll(new Error('The replica was closed; the change was not written.'));
    },
  };
}
