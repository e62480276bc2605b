// Bootstrap pages off the event loop. A catch-up pull (a bootstrap, `cursor: null`, or the
// continuation of one: a cursor carrying a catch-up target) is answered by a worker thread
// with a database connection of its own (bootstrap-worker.ts); every other pull (a client's
// delta, a few rows) stays on the main thread. One page of a large scope holds a thread for
// 12-20 ms (better-sqlite3 is synchronous); on the main thread that time is added to every
// delta pull and push that arrives meanwhile. Measured in bench/ (README, "Server load").
//
// Both threads run the same `pull` (sync/pull.ts) on the same database, so the pages are the
// same whichever thread makes them; the worker also gzips its pages (a 1,000-row page is
// ~0.5 MB of JSON), off the main thread as well.
import { Worker } from 'node:worker_threads';
import type { PullRequest } from '../../shared/model/api';
import type { ErrorCode } from '../../shared/model/error-codes';
import type { Actor } from '../../shared/mutations/types';
import type { DbConfig } from '../db';
import type { EncodedBody } from '../http/compress';
import { HttpError } from '../http/errors';
import type { CursorCodec, PullOptions } from './pull';

export interface BootstrapJob {
  id: number;
  actor: Actor;
  req: PullRequest;
  options: PullOptions;
  /** gzip the page (the client accepts it). */
  gzip: boolean;
}

export type BootstrapReply =
  | { id: number; ok: true; body: Uint8Array; gzip: boolean }
  | { id: number; ok: false; status?: number; code?: ErrorCode; message: string };

/** Whether a pull is a catch-up (bootstrap or its continuation), judged from its cursor alone. */
export function isCatchUpPull(cursors: CursorCodec, req: PullRequest, userId: string): boolean {
  if (req.cursor === null) return true;
  try {
    return cursors.decode(req.cursor, userId).t !== undefined;
  } catch {
    return false; // refused on the main thread, with the same error
  }
}

/** Whether a database can be opened a second time by a worker (not an in-memory SQLite). */
export function workerCanOpen(config: DbConfig): boolean {
  return config.kind === 'postgres' || (config.file !== '' && config.file !== ':memory:');
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (b: EncodedBody) => void; reject: (e: Error) => void }>;
}

/**
 * The worker from which a source checkout (tsx, vitest) or the built server
 * (out/server/cli.mjs beside out/server/bootstrap-worker.mjs) loads the worker.
 */
function spawn(config: DbConfig): Worker {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) {
    // Source: the worker registers tsx's loader first, then imports the TypeScript entry.
    const entry = new URL('./bootstrap-worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, workerData: { db: config } });
  }
  return new Worker(new URL('./bootstrap-worker.mjs', here), { workerData: { db: config } });
}

/** `size` worker threads (started on first use) that answer catch-up pulls. */
export class BootstrapPool {
  private readonly slots: (Slot | null)[];
  private nextId = 1;
  private closed = false;
  /** Pages answered by the workers so far. */
  served = 0;

  constructor(
    private readonly config: DbConfig,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, () => null);
  }

  /** Answers one pull in a worker (the least busy one). */
  run(actor: Actor, req: PullRequest, options: PullOptions, gzip: boolean): Promise<EncodedBody> {
    if (this.closed) return Promise.reject(new Error('The API is shutting down; pull again shortly.'));
    let index = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (!s) {
        index = i;
        break;
      }
      if (s.pending.size < (this.slots[index]?.pending.size ?? Infinity)) index = i;
    }
    const slot = (this.slots[index] ??= this.start(index));
    const id = this.nextId++;
    return new Promise<EncodedBody>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const job: BootstrapJob = { id, actor, req, options, gzip };
      slot.worker.postMessage(job);
    });
  }

  private start(index: number): Slot {
    const worker = spawn(this.config);
    const slot: Slot = { worker, pending: new Map() };
    const fail = (err: Error) => {
      if (this.slots[index] === slot) this.slots[index] = null; // the next pull starts a new one
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
    };
    worker.on('message', (msg: BootstrapReply | { ready: true }) => {
      if ('ready' in msg) return;
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (msg.ok) {
        this.served++;
        p.resolve({
          body: Buffer.from(msg.body.buffer, msg.body.byteOffset, msg.body.byteLength),
          gzip: msg.gzip,
        });
      } else if (msg.status !== undefined && msg.code !== undefined) {
        p.reject(new HttpError(msg.status, msg.code, msg.message));
      } else {
        p.reject(new Error(`The bootstrap worker failed: ${msg.message}`));
      }
    });
    worker.on('error', (err) => fail(new Error(`The bootstrap worker stopped: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`The bootstrap worker exited (code ${code}); pull again.`)));
    // An idle worker does not keep the process alive.
    worker.unref();
    return slot;
  }

  /** Lets the workers close their database connections, then ends them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (!slot) return;
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        slot.worker.postMessage('close');
        const timer = setTimeout(() => void slot.worker.terminate(), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
