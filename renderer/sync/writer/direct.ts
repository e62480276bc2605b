// What the sync engine writes to the replica, behind one interface: the apply functions
// (../apply.ts) run either on this thread (directWriter) or in the replica writer worker
// (client.ts, worker.ts), so a first sync's heavy writes leave the window's thread free.
import type { TimelineEvent } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica/db';
import { PageShelf, type PageSummary } from '../page';
import {
  rebase,
  resetForRebootstrap,
  writePage,
  writeTimeline,
  type PageWrite,
  type RebaseResult,
} from '../apply';

export interface ReplicaWriter {
  /** Where the writes run: 'worker' once the worker has opened the replica, else 'main'. */
  readonly where: 'main' | 'worker' | 'starting';
  writePage(page: PageWrite): Promise<void>;
  /**
   * Reads a pull answer's bytes (JSON) as the engine's page `ref` and keeps it for
   * writeReadPage: its summary, or null when the bytes hold no pull page (nothing kept).
   */
  readPage(ref: number, bytes: Uint8Array): Promise<PageSummary | null>;
  /** Writes page `ref` that readPage kept (as writePage would); resolves to its number of changes. */
  writeReadPage(ref: number, write: Omit<PageWrite, 'changes' | 'cursor'>): Promise<number>;
  rebase(dropApplied?: readonly number[]): Promise<RebaseResult>;
  resetForRebootstrap(at: string): Promise<number>;
  writeTimeline(
    incidentId: string,
    events: readonly TimelineEvent[],
    at: string,
    complete?: boolean,
  ): Promise<void>;
  /** Starts a worker now, so that it is ready by the first page; a direct writer has nothing to start. */
  warm(): void;
  /** Stops a worker (sign-out, replica closed); a direct writer has nothing to stop. */
  close(): void;
}

/** The apply functions on this thread's connection `db`. */
export function directWriter(db: ReplicaDb): ReplicaWriter {
  const shelf = new PageShelf();
  return {
    where: 'main',
    writePage: (page) => writePage(db, page),
    readPage: async (ref, bytes) => shelf.read(ref, bytes),
    async writeReadPage(ref, write) {
      const { changes, cursor } = shelf.take(ref);
      await writePage(db, { ...write, changes, cursor });
      return changes.length;
    },
    rebase: (dropApplied = []) => rebase(db, dropApplied),
    resetForRebootstrap: (at) => resetForRebootstrap(db, at),
    writeTimeline: (incidentId, events, at, complete = true) =>
      writeTimeline(db, incidentId, events, at, complete),
    warm: () => undefined,
    close: () => undefined,
  };
}
