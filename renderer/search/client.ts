// The window's side of the search: starts the search for the current replica (and stops it on
// sign-out), sends queries and hands back the answers. The index lives only in the search
// worker, and only one window of the replica runs it (router.ts): in the others, queries go to
// that window. Each time this window starts indexing it leaves a performance mark
// (`tam-search:indexer-start`), and its role shows in the status, for whoever looks.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { SearchFilters } from '../../shared/search/engine';
import type { LockManagerLike } from '../sync/leader';
import { useCurrentReplica } from '../replica';
import type { IndexerStatus } from './indexer';
import type { FromWorker, ToWorker } from './protocol';
import {
  SearchRouteFailure,
  searchChannelName,
  startSearchRouter,
  type EngineEvents,
  type SearchAnswer,
  type SearchEngine,
  type SearchRole,
  type SearchRouter,
} from './router';

export type { SearchAnswer } from './router';
export { SearchRouteFailure } from './router';

interface SearchState {
  /** This window indexes ('indexer') or asks the window that does ('follower'); null: no search. */
  role: SearchRole | null;
  status: IndexerStatus | null;
  error: string | null;
  set(next: Partial<Omit<SearchState, 'set'>>): void;
}

export const useSearchStatus = create<SearchState>()((set) => ({
  role: null,
  status: null,
  error: null,
  set: (next) => set(next),
}));

/** The performance mark a window leaves each time it starts indexing. */
export const INDEXER_START_MARK = 'tam-search:indexer-start';

/** This window's search worker on the replica `dbName` (opened with `key`). */
function startWorkerEngine(dbName: string, key: CryptoKey | null, events: EngineEvents): SearchEngine {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'search' });
  performance.mark(INDEXER_START_MARK, { detail: { dbName } });
  let nextId = 1;
  const pending = new Map<number, { resolve(a: SearchAnswer): void; reject(e: Error): void }>();
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.type === 'status') events.onStatus(msg.status);
    else if (msg.type === 'result') {
      pending.get(msg.id)?.resolve({ hits: msg.hits, tookMs: msg.tookMs });
      pending.delete(msg.id);
    } else if (msg.id === null) events.onError(msg.message);
    else {
      pending.get(msg.id)?.reject(new Error(msg.message));
      pending.delete(msg.id);
    }
  };
  const send = (message: ToWorker) => worker.postMessage(message);
  send({ type: 'open', dbName, key });
  return {
    search(query, filters, limit) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ type: 'search', id, query, filters, limit });
      });
    },
    stop() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new SearchRouteFailure('stopped'));
      pending.clear();
    },
  };
}

let router: SearchRouter | null = null;
let routerDb: string | null = null;
let routerKey: CryptoKey | null = null;

function stopSearch(): void {
  router?.stop();
  router = null;
  routerDb = null;
  routerKey = null;
  useSearchStatus.getState().set({ role: null, status: null, error: null });
}

function startSearch(dbName: string, key: CryptoKey | null): void {
  if (router && routerDb === dbName && routerKey === key) return;
  stopSearch();
  if (typeof Worker === 'undefined') return;
  const locks =
    typeof navigator !== 'undefined' ? (navigator as { locks?: LockManagerLike }).locks : undefined;
  const name = searchChannelName(dbName);
  routerDb = dbName;
  routerKey = key;
  router = startSearchRouter({
    name: dbName,
    locks,
    channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null,
    startEngine: (events) => startWorkerEngine(dbName, key, events),
    onChange: (state) => useSearchStatus.getState().set(state),
  });
}

/** Keeps the search on the current replica (call once, in the app's frame). */
export function useSearchWorker(): void {
  const db = useCurrentReplica((s) => s.db);
  useEffect(() => {
    // The replica's key goes with its name: the worker opens it sealed the same way.
    if (db) startSearch(db.name, db.encryptionKey);
    else stopSearch();
  }, [db]);
  useEffect(() => () => stopSearch(), []);
}

/** Searches the replica (through this window's worker, or the indexing window's). */
export function searchReplica(query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchAnswer> {
  if (!router) return Promise.reject(new Error('search is not running'));
  return router.search(query, filters, limit);
}
