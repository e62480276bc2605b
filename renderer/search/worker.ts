// The search worker: owns the full-text index of the signed-in user's replica (indexer.ts), so
// neither indexing nor searching ever runs on the UI thread. The window tells it which replica
// to open, with the key its sensitive fields are sealed with (the worker opens it through the
// same encryption middleware, so it reads plain rows), and sends queries; it answers with
// ranked, highlighted hits and its status.
import { ReplicaDb } from '../replica/db';
import { SCHEMA_VERSIONS } from '../replica/schema';
import { Indexer } from './indexer';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

let indexer: Indexer | null = null;
let ready: Promise<void> = Promise.resolve();

function post(message: FromWorker): void {
  scope.postMessage(message);
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'open') {
    indexer?.stop();
    const db = new ReplicaDb(
      msg.dbName,
      undefined,
      SCHEMA_VERSIONS,
      msg.key
        ? {
            key: msg.key,
            // The window's own connection reports a wrong key to the session; here the index
            // just stops growing, and says why.
            onKeyError: (err) => post({ type: 'error', id: null, message: err.message }),
          }
        : undefined,
    );
    const next = new Indexer(db, { onStatus: (status) => post({ type: 'status', status }) });
    indexer = next;
    ready = next.start().catch((err: unknown) => {
      post({ type: 'error', id: null, message: err instanceof Error ? err.message : String(err) });
    });
    return;
  }
  if (msg.type === 'search') {
    const current = indexer;
    void (async () => {
      const started = performance.now();
      try {
        if (!current) throw new Error('no replica is open');
        // Until the first check after a start is done, search what the index holds already.
        if (current.status.state === 'loading') await ready;
        const hits = await current.search(msg.query, msg.filters, msg.limit);
        post({ type: 'result', id: msg.id, hits, tookMs: performance.now() - started });
      } catch (err) {
        post({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
      }
    })();
  }
};
