// Messages between the window and the search worker.
import type { SearchFilters, SearchHit } from '../../shared/search/engine';
import type { IndexerStatus } from './indexer';

export type ToWorker =
  | { type: 'open'; dbName: string }
  | { type: 'search'; id: number; query: string; filters: SearchFilters; limit: number };

export type FromWorker =
  | { type: 'status'; status: IndexerStatus }
  | { type: 'result'; id: number; hits: SearchHit[]; tookMs: number }
  | { type: 'error'; id: number | null; message: string };
