// The bootstrap worker thread: answers catch-up pulls (bootstrap pages) on a database
// connection of its own, so that producing a page (a synchronous better-sqlite3 scan of up to
// 1,000 rows, or parsing a PostgreSQL result of that size, then JSON and gzip) never holds the
// API's event loop, where delta pulls and pushes are answered. It runs the very same `pull`
// as the main thread; see bootstrap-pool.ts for when it is used.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import type { DbConfig } from '../db';
import { encodePageSync } from '../http/compress';
import { HttpError } from '../http/errors';
import type { BootstrapJob, BootstrapReply } from './bootstrap-pool';
import { CursorCodec, ScopeSets, pull } from './pull';

const port = parentPort;
if (!port) throw new Error('bootstrap-worker.ts runs as a worker thread (server/sync/bootstrap-pool.ts)');

const { db: config } = workerData as { db: DbConfig };
// The API has migrated the database already; a small pool is enough for one page at a time.
const db = await openDatabase(config.kind === 'postgres' ? { ...config, poolSize: 2 } : config, {
  migrate: false,
});
const cursors = await CursorCodec.load(db);
const sets = new ScopeSets(db);

port.on('message', (message: BootstrapJob | 'close') => {
  if (message === 'close') {
    void db.close().finally(() => port.close());
    return;
  }
  void answer(message).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
port.postMessage({ ready: true });

async function answer(job: BootstrapJob): Promise<{ reply: BootstrapReply; transfer: ArrayBuffer[] }> {
  try {
    const json = await pull(db, sets, cursors, job.actor, job.req, job.options);
    const { body, gzip } = encodePageSync(json, job.gzip);
    // A view of exactly the page's bytes, moved (not copied) to the main thread.
    const bytes = new Uint8Array(body.byteLength);
    bytes.set(body);
    return { reply: { id: job.id, ok: true, body: bytes, gzip }, transfer: [bytes.buffer] };
  } catch (err) {
    if (err instanceof HttpError)
      return {
        reply: { id: job.id, ok: false, status: err.statusCode, code: err.code, message: err.message },
        transfer: [],
      };
    return {
      reply: { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) },
      transfer: [],
    };
  }
}
