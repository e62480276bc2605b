// The replica writer worker's side of the protocol (worker.ts wires it to the worker's
// messages; tests drive it directly): opens the replica it is told to, with the key it is
// given, and runs each call through the apply functions on that connection.
import type { DexieOptions } from 'dexie';
import { ReplicaDb } from '../../replica/db';
import { SCHEMA_VERSIONS } from '../../replica/schema';
import { directWriter, type ReplicaWriter } from './direct';
import { FromWriterSchema, ToWriterSchema, wireError, type FromWriter, type WriterCall } from './protocol';

export interface WriterStats {
  calls: number;
  /** Pages written (and their rows). */
  pages: number;
  rows: number;
  /** Pull pages this side parsed from their bytes (the window parsed none of them). */
  parsed: number;
}

export interface WriterHostOptions {
  /** Dexie's options for the replica (tests: fake-indexeddb); default the runtime's IndexedDB. */
  dexie?: DexieOptions;
  /** Counted as calls complete (the worker exposes them to tests and the bench). */
  stats?: WriterStats;
}

/** Returns the handler of the messages the window sends. */
export function createWriterHost(
  send: (message: FromWriter) => void,
  options: WriterHostOptions = {},
): (data: unknown) => void {
  const stats = options.stats ?? { calls: 0, pages: 0, rows: 0, parsed: 0 };
  let writer: Promise<ReplicaWriter> | null = null;
  const post = (message: FromWriter) => send(FromWriterSchema.parse(message));

  const run = async (w: ReplicaWriter, call: WriterCall): Promise<unknown> => {
    stats.calls++;
    switch (call.op) {
      case 'writePage':
        await w.writePage(call.page);
        stats.pages++;
        stats.rows += call.page.changes.length;
        return null;
      case 'readPage': {
        const summary = await w.readPage(call.ref, call.bytes);
        if (summary) stats.parsed++;
        return summary;
      }
      case 'writeReadPage': {
        const rows = await w.writeReadPage(call.ref, {
          bootstrap: call.bootstrap,
          progress: call.progress,
        });
        stats.pages++;
        stats.rows += rows;
        return null;
      }
      case 'rebase':
        return w.rebase(call.dropApplied);
      case 'resetForRebootstrap':
        return w.resetForRebootstrap(call.at);
      case 'writeTimeline':
        await w.writeTimeline(call.incidentId, call.events, call.at, call.complete);
        return null;
    }
  };

  return (data) => {
    const parsed = ToWriterSchema.safeParse(data);
    if (!parsed.success) {
      const id = (data as { id?: unknown } | null)?.id;
      post({
        type: 'invalid',
        id: typeof id === 'number' && Number.isInteger(id) ? id : null,
        message: parsed.error.message,
      });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'open') {
      // One replica per worker: the window starts another worker for another replica.
      if (writer) return;
      // A row that does not open fails its call with ReplicaKeyError; the window reports it.
      const db = new ReplicaDb(
        msg.dbName,
        options.dexie,
        SCHEMA_VERSIONS,
        msg.key ? { key: msg.key } : undefined,
      );
      const opening = db.open().then(() => directWriter(db));
      writer = opening;
      opening.then(
        () => post({ type: 'ready' }),
        (err: unknown) => post({ type: 'open-failed', error: wireError(err) }),
      );
      return;
    }
    const { id, call } = msg;
    if (!writer) {
      post({
        type: 'failed',
        id,
        error: { name: 'Error', message: 'the replica writer has no replica open' },
      });
      return;
    }
    writer
      .then((w) => run(w, call))
      .then(
        (value) => post({ type: 'done', id, value }),
        (err: unknown) => post({ type: 'failed', id, error: wireError(err) }),
      );
  };
}
