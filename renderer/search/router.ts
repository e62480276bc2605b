// One indexer per computer: of the windows open on one replica, only the one holding the
// search lock (Web Locks, the way the sync elects its leader: renderer/sync/leader.ts) runs the
// search worker, which builds, updates and persists the index. The other windows send their
// queries to it over a BroadcastChannel and get the same answer their own worker would give.
// When the indexer's window closes, the lock passes to another window: its worker loads the
// persisted index and carries on, and the queries still unanswered are sent to it (or run
// locally, when this window is the new indexer). A query that no indexer takes, or that gets
// no answer in time, fails with a code the palette translates: nothing waits forever.
// Without navigator.locks or BroadcastChannel (tests, old runtimes) the window indexes alone.
import type { SearchFilters, SearchHit } from '../../shared/search/engine';
import { electLeader, type LeaderElection, type LockManagerLike } from '../sync/leader';
import type { IndexerStatus } from './indexer';
import { ChannelMessageSchema, type ChannelMessage, type SearchRouteError } from './protocol';

export interface SearchAnswer {
  hits: SearchHit[];
  tookMs: number;
}

/** A search that failed for a reason of the routing between windows (`code`: see the palette's texts). */
export class SearchRouteFailure extends Error {
  constructor(readonly code: SearchRouteError) {
    super(`search ${code.replace('_', ' ')}`);
    this.name = 'SearchRouteFailure';
  }
}

/** The indexing worker as the router drives it. */
export interface SearchEngine {
  search(query: string, filters: SearchFilters, limit: number): Promise<SearchAnswer>;
  stop(): void;
}

export interface EngineEvents {
  onStatus(status: IndexerStatus): void;
  /** The index stopped growing (a wrong key, a failed start): the worker's message. */
  onError(message: string): void;
}

/** The part of a BroadcastChannel the router uses. */
export interface ChannelLike {
  postMessage(message: ChannelMessage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent<unknown>) => void): void;
  close(): void;
}

export type SearchRole = 'indexer' | 'follower';

export interface RouterState {
  role: SearchRole;
  /** The indexer's status (this window's worker, or the one the indexer window broadcasts). */
  status: IndexerStatus | null;
  error: string | null;
}

export interface RouterOptions {
  /** The replica's database name (the lock is `searchChannelName(name)`). */
  name: string;
  /** navigator.locks; without it, or without a channel, this window indexes alone. */
  locks: LockManagerLike | undefined;
  channel: ChannelLike | null;
  /** Starts this window's indexing worker (on becoming the indexer). */
  startEngine(events: EngineEvents): SearchEngine;
  onChange(state: RouterState): void;
  /** How long a query waits for an indexer to take it before it is sent again (3 tries). */
  acceptMs?: number;
  /** How long a query may take in all, indexer changes included. */
  answerMs?: number;
  windowId?: string;
}

export interface SearchRouter {
  readonly role: SearchRole;
  search(query: string, filters: SearchFilters, limit: number): Promise<SearchAnswer>;
  stop(): void;
}

interface Pending {
  query: string;
  filters: SearchFilters;
  limit: number;
  resolve(answer: SearchAnswer): void;
  reject(err: Error): void;
  tries: number;
  acceptTimer: ReturnType<typeof setTimeout> | null;
  deadline: ReturnType<typeof setTimeout>;
}

const ACCEPT_TRIES = 3;

/** The search lock's name, and its BroadcastChannel's, for the replica `dbName`. */
export const searchChannelName = (dbName: string) => `tam-search:${dbName}`;

export function startSearchRouter(options: RouterOptions): SearchRouter {
  const acceptMs = options.acceptMs ?? 4000;
  const answerMs = options.answerMs ?? 90_000;
  const me = options.windowId ?? crypto.randomUUID();
  // Both or neither: a lock without a channel would leave the followers without answers.
  const channel = options.locks ? options.channel : null;
  const locks = channel ? options.locks : undefined;

  let stopped = false;
  let closed = false;
  let engine: SearchEngine | null = null;
  let state: RouterState = { role: 'follower', status: null, error: null };
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const set = (next: Partial<RouterState>) => {
    state = { ...state, ...next };
    options.onChange(state);
  };
  const post = (message: ChannelMessage) => {
    if (closed) return;
    try {
      channel?.postMessage(message);
    } catch {
      // The channel is closed (the window is going away).
    }
  };
  const finish = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    if (p.acceptTimer) clearTimeout(p.acceptTimer);
    clearTimeout(p.deadline);
    return p;
  };

  /** Runs a query on this window's worker (this window indexes). */
  const runLocally = (id: number) => {
    const p = pending.get(id);
    if (!p || !engine) return;
    if (p.acceptTimer) clearTimeout(p.acceptTimer);
    p.acceptTimer = null;
    engine.search(p.query, p.filters, p.limit).then(
      (answer) => finish(id)?.resolve(answer),
      (err: unknown) => {
        // The worker stopped under the query, but the window searches on: the next indexer answers.
        if (err instanceof SearchRouteFailure && err.code === 'stopped' && !stopped) route(id);
        else finish(id)?.reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };

  /** Sends a query to the indexer window; sent again if no indexer takes it in time. */
  const sendToIndexer = (id: number) => {
    const p = pending.get(id);
    if (!p) return;
    if (p.acceptTimer) clearTimeout(p.acceptTimer);
    p.tries += 1;
    post({ type: 'query', from: me, id, query: p.query, filters: p.filters, limit: p.limit });
    p.acceptTimer = setTimeout(() => {
      p.acceptTimer = null;
      if (engine || !pending.has(id)) return;
      if (p.tries < ACCEPT_TRIES) sendToIndexer(id);
      else finish(id)?.reject(new SearchRouteFailure('no_indexer'));
    }, acceptMs);
  };

  const route = (id: number) => (engine ? runLocally(id) : sendToIndexer(id));

  // The indexer's side: answer the other windows.
  const answer = (msg: Extract<ChannelMessage, { type: 'query' }>) => {
    const current = engine;
    if (!current) return;
    post({ type: 'accepted', to: msg.from, id: msg.id });
    current.search(msg.query, msg.filters, msg.limit).then(
      (a) => post({ type: 'answer', to: msg.from, id: msg.id, hits: a.hits, tookMs: a.tookMs }),
      (err: unknown) => {
        // This window stopped indexing meanwhile: the next indexer gets the query again.
        if (err instanceof SearchRouteFailure && err.code === 'stopped') return;
        post({
          type: 'failed',
          to: msg.from,
          id: msg.id,
          message: err instanceof Error ? err.message : String(err),
        });
      },
    );
  };

  const onMessage = (e: MessageEvent<unknown>) => {
    if (stopped) return;
    const parsed = ChannelMessageSchema.safeParse(e.data);
    if (!parsed.success) {
      console.warn('search: a message from another window was not understood', parsed.error.issues[0]);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'query':
        answer(msg);
        return;
      case 'status-request':
        if (engine) post({ type: 'status', from: me, status: state.status, error: state.error });
        return;
      case 'status':
        if (!engine) set({ status: msg.status, error: msg.error });
        return;
      case 'indexer':
        // A new indexer: what is still unanswered goes to it.
        if (!engine) for (const id of [...pending.keys()]) sendToIndexer(id);
        return;
      case 'indexer-gone':
        if (!engine) {
          set({ status: null, error: null });
          // Its successor announces itself; until then the queries wait (their tries start again).
          for (const p of pending.values()) p.tries = 0;
        }
        return;
    }
    if (msg.to !== me) return;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'accepted') {
      if (p.acceptTimer) clearTimeout(p.acceptTimer);
      p.acceptTimer = null;
    } else if (msg.type === 'answer') finish(msg.id)?.resolve({ hits: msg.hits, tookMs: msg.tookMs });
    else finish(msg.id)?.reject(new Error(msg.message));
  };
  channel?.addEventListener('message', onMessage);

  const lead = (): (() => void) => {
    const mine: SearchEngine = options.startEngine({
      onStatus: (status) => {
        if (engine !== mine) return;
        set({ status });
        post({ type: 'status', from: me, status, error: state.error });
      },
      onError: (message) => {
        if (engine !== mine) return;
        set({ error: message });
        post({ type: 'status', from: me, status: state.status, error: message });
      },
    });
    engine = mine;
    set({ role: 'indexer', status: null, error: null });
    post({ type: 'indexer', from: me });
    // Queries this window sent while it followed: its own worker answers them now.
    for (const id of [...pending.keys()]) runLocally(id);
    return () => {
      engine = null;
      mine.stop();
      post({ type: 'indexer-gone', from: me });
      if (!stopped) {
        set({ role: 'follower', status: null, error: null });
        post({ type: 'status-request', from: me });
      }
    };
  };

  const election: LeaderElection = electLeader(searchChannelName(options.name), { locks, onLead: lead });
  if (!engine) post({ type: 'status-request', from: me });

  return {
    get role() {
      return state.role;
    },
    search(query, filters, limit) {
      if (stopped) return Promise.reject(new SearchRouteFailure('stopped'));
      const id = nextId++;
      return new Promise<SearchAnswer>((resolve, reject) => {
        pending.set(id, {
          query,
          filters,
          limit,
          resolve,
          reject,
          tries: 0,
          acceptTimer: null,
          deadline: setTimeout(() => finish(id)?.reject(new SearchRouteFailure('timed_out')), answerMs),
        });
        route(id);
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Still open: the indexer says it is going, so the next one takes over at once.
      election.stop();
      closed = true;
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      for (const id of [...pending.keys()]) finish(id)?.reject(new SearchRouteFailure('stopped'));
    },
  };
}
