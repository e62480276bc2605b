// The replica writer worker: opens the signed-in user's replica (with the key its sensitive
// fields are sealed with, as the search worker does) and runs the sync engine's writes
// (../apply.ts, through host.ts) on it, so that a first sync's pages are written, sealed and
// stored off the window's thread. Dexie tells the window's live queries about every write
// made here (its cross-context notification over BroadcastChannel).
import { createWriterHost, type WriterStats } from './host';
import type { FromWriter } from './protocol';

const scope = self as unknown as {
  postMessage(message: FromWriter): void;
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  /** What this worker has written (read by the end-to-end tests and the bench). */
  replicaWriterStats: WriterStats;
};

scope.replicaWriterStats = { calls: 0, pages: 0, rows: 0, parsed: 0 };
const handle = createWriterHost((message) => scope.postMessage(message), { stats: scope.replicaWriterStats });
scope.onmessage = (e) => handle(e.data);
