// Messages of the search: between the indexing window and its search worker, and between the
// windows of one replica (one window indexes, the others send it their queries over a
// BroadcastChannel, router.ts). What crosses windows is validated with these schemas: the
// other window may run another build of the app.
import { z } from 'zod';
import { SEARCH_KINDS, type SearchFilters, type SearchHit } from '../../shared/search/engine';
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

const MarkedSchema = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number(), z.number()])),
});

export const SearchHitSchema = z.object({
  id: z.string(),
  kind: z.enum(SEARCH_KINDS),
  rowId: z.string(),
  customerId: z.string().nullable(),
  incidentId: z.string().nullable(),
  title: z.string(),
  at: z.string().nullable(),
  status: z.string().nullable(),
  open: z.boolean().nullable(),
  severity: z.number().nullable(),
  score: z.number(),
  phrase: z.boolean(),
  titleMarked: MarkedSchema,
  snippet: MarkedSchema.nullable(),
}) satisfies z.ZodType<SearchHit>;

export const SearchFiltersSchema = z.object({
  customerId: z.string().nullable().optional(),
  severity: z.array(z.number()).readonly().optional(),
  status: z.array(z.string()).readonly().optional(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  kinds: z.array(z.enum(SEARCH_KINDS)).readonly().optional(),
}) satisfies z.ZodType<SearchFilters>;

export const IndexerStatusSchema = z.object({
  state: z.enum(['loading', 'building', 'ready']),
  docs: z.number(),
  persistedChars: z.number().nullable(),
  buildMs: z.number().nullable(),
  loaded: z.boolean(),
}) satisfies z.ZodType<IndexerStatus>;

/** A window of this replica: a random id per window and start of the search. */
const WindowIdSchema = z.string().min(1).max(100);

/** Why a search failed for a reason the windows' routing knows (the palette translates each). */
export const SEARCH_ROUTE_ERRORS = ['no_indexer', 'timed_out', 'stopped'] as const;
export type SearchRouteError = (typeof SEARCH_ROUTE_ERRORS)[number];

export const ChannelMessageSchema = z.discriminatedUnion('type', [
  /** A window that does not index asks the indexer to search. */
  z.object({
    type: z.literal('query'),
    from: WindowIdSchema,
    id: z.number().int().positive(),
    query: z.string().max(10_000),
    filters: SearchFiltersSchema,
    limit: z.number().int().positive().max(1000),
  }),
  /** The indexer has the query (its answer may take a while: the index may still be loading). */
  z.object({ type: z.literal('accepted'), to: WindowIdSchema, id: z.number().int() }),
  /** The answer, in the shape the window's own search returns. */
  z.object({
    type: z.literal('answer'),
    to: WindowIdSchema,
    id: z.number().int(),
    hits: z.array(SearchHitSchema),
    tookMs: z.number(),
  }),
  /** The indexer's worker could not search (its message, as the window's own worker gives it). */
  z.object({ type: z.literal('failed'), to: WindowIdSchema, id: z.number().int(), message: z.string() }),
  /** A window became the indexer (followers send it what is still unanswered). */
  z.object({ type: z.literal('indexer'), from: WindowIdSchema }),
  /** The indexer stops (sign-out, the window closes): the next one takes over. */
  z.object({ type: z.literal('indexer-gone'), from: WindowIdSchema }),
  /** A window asks for the indexer's status (it just started). */
  z.object({ type: z.literal('status-request'), from: WindowIdSchema }),
  /** The indexer's status, and the error that stopped its index from growing, if any. */
  z.object({
    type: z.literal('status'),
    from: WindowIdSchema,
    status: IndexerStatusSchema.nullable(),
    error: z.string().nullable(),
  }),
]);
export type ChannelMessage = z.infer<typeof ChannelMessageSchema>;
