// Messages between the window and the search worker.
import type { SearchFilters, SearchHit } from '../../shared/search/engine';
import type { IndexerStatus } from './indexer';

export type ToWorker =
  /**
   * `key`: the replica's encryption key (the one the session opened it with; a CryptoKey is
   * posted as is, non-extractable keys included), null for a replica stored in clear.
   */
  | { type: 'open'; dbName: string; key: CryptoKey | null }
  | { type: 'search'; id: number; query: string; filters: SearchFilters; limit: number };

export type FromWorker =
  | { type: 'status'; status: IndexerStatus }
  | { type: 'result'; id: number; hits: SearchHit[]; tookMs: number }
  | { type: 'error'; id: number | null; message: string };
