// The window's side of the search worker: starts it for the current replica (and stops it on
// sign-out), sends queries and hands back the answers. The index lives only in the worker.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { SearchFilters, SearchHit } from '../../shared/search/engine';
import { useCurrentReplica } from '../replica';
import type { IndexerStatus } from './indexer';
import type { FromWorker, ToWorker } from './protocol';

interface SearchState {
  status: IndexerStatus | null;
  error: string | null;
  set(next: Partial<Omit<SearchState, 'set'>>): void;
}

export const useSearchStatus = create<SearchState>()((set) => ({
  status: null,
  error: null,
  set: (next) => set(next),
}));

export interface SearchAnswer {
  hits: SearchHit[];
  tookMs: number;
}

let worker: Worker | null = null;
let workerDb: string | null = null;
let workerKey: CryptoKey | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(a: SearchAnswer): void; reject(e: Error): void }>();

function send(message: ToWorker): void {
  worker?.postMessage(message);
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
  workerDb = null;
  workerKey = null;
  for (const p of pending.values()) p.reject(new Error('search stopped'));
  pending.clear();
  useSearchStatus.getState().set({ status: null, error: null });
}

function startWorker(dbName: string, key: CryptoKey | null): void {
  if (workerDb === dbName && workerKey === key) return;
  stopWorker();
  if (typeof Worker === 'undefined') return;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'search' });
  workerDb = dbName;
  workerKey = key;
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.type === 'status') useSearchStatus.getState().set({ status: msg.status, error: null });
    else if (msg.type === 'result') {
      pending.get(msg.id)?.resolve({ hits: msg.hits, tookMs: msg.tookMs });
      pending.delete(msg.id);
    } else if (msg.id === null) useSearchStatus.getState().set({ error: msg.message });
    else {
      pending.get(msg.id)?.reject(new Error(msg.message));
      pending.delete(msg.id);
    }
  };
  send({ type: 'open', dbName, key });
}

/** Keeps the search worker on the current replica (call once, in the app's frame). */
export function useSearchWorker(): void {
  const db = useCurrentReplica((s) => s.db);
  useEffect(() => {
    // The replica's key goes with its name: the worker opens it sealed the same way.
    if (db) startWorker(db.name, db.encryptionKey);
    else stopWorker();
  }, [db]);
  useEffect(() => () => stopWorker(), []);
}

/** Searches the replica (through the worker). */
export function searchReplica(query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchAnswer> {
  if (!worker) return Promise.reject(new Error('search is not running'));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ type: 'search', id, query, filters, limit });
  });
}
