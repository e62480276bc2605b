// Messages between the sync engine (in the window) and the replica writer worker
// (worker.ts). Each side validates what it receives with these schemas. The rows of a page
// are checked structurally only (the engine already checked them; zod over every field of a
// million rows would cost seconds).
import { z } from 'zod';
import { ChangeSchema, PullStageSchema } from '../../../shared/model/api';
import type { TimelineEvent } from '../../../shared/model/entities';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A CryptoKey is posted as is (non-extractable keys included); null: a replica in clear. */
const KeySchema = z
  .custom<CryptoKey>((v) => typeof CryptoKey !== 'undefined' && v instanceof CryptoKey, {
    message: 'expected a CryptoKey',
  })
  .nullable();

// Ids as the engine accepted them (any string): the worker must not refuse a page the
// window's own writes would take.
const WireChangeSchema = ChangeSchema.extend({
  id: z.string(),
  parentId: z.string().optional(),
  data: z.custom<Record<string, unknown>>(isObject, { message: 'expected a row' }).optional(),
});

const ProgressSchema = z.object({
  bootstrap: z.boolean(),
  rows: z.number(),
  pages: z.number(),
  startedAt: z.string(),
  remaining: z.number().nullable(),
  stage: PullStageSchema.nullable().optional(),
});

export const WriterCallSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('writePage'),
    page: z.object({
      changes: z.array(WireChangeSchema),
      cursor: z.string(),
      bootstrap: z.boolean(),
      progress: ProgressSchema,
    }),
  }),
  /** A pull answer's bytes (transferred, not cloned): the worker parses and checks them. */
  z.object({
    op: z.literal('readPage'),
    ref: z.number().int().positive(),
    bytes: z.instanceof(Uint8Array),
  }),
  z.object({
    op: z.literal('writeReadPage'),
    ref: z.number().int().positive(),
    bootstrap: z.boolean(),
    progress: ProgressSchema,
  }),
  z.object({ op: z.literal('rebase'), dropApplied: z.array(z.number().int()) }),
  z.object({ op: z.literal('resetForRebootstrap'), at: z.string() }),
  z.object({
    op: z.literal('writeTimeline'),
    incidentId: z.string(),
    events: z.array(z.custom<TimelineEvent>(isObject, { message: 'expected a timeline event' })),
    at: z.string(),
    complete: z.boolean(),
  }),
]);
export type WriterCall = z.infer<typeof WriterCallSchema>;

/** The answer to readPage: what the engine needs of the page, or null for a body that holds none. */
export const PageSummarySchema = z
  .object({
    ref: z.number().int().positive(),
    rows: z.number().int().min(0),
    cursor: z.string(),
    hasMore: z.boolean(),
    remaining: z.number().nullable(),
    stage: PullStageSchema.nullable(),
  })
  .nullable();

export const ToWriterSchema = z.discriminatedUnion('type', [
  /** Opens the replica `dbName` sealed with `key` (the one the window opened it with). */
  z.object({ type: z.literal('open'), dbName: z.string().min(1), key: KeySchema }),
  z.object({ type: z.literal('call'), id: z.number().int().positive(), call: WriterCallSchema }),
]);
export type ToWriter = z.infer<typeof ToWriterSchema>;

/** An error as it crosses the boundary: its name keeps "disk full" (QuotaExceededError) recognisable. */
export const WireErrorSchema = z.object({ name: z.string(), message: z.string() });
export type WireError = z.infer<typeof WireErrorSchema>;

export const FromWriterSchema = z.discriminatedUnion('type', [
  /** The replica is open: calls may follow. */
  z.object({ type: z.literal('ready') }),
  /** Opening failed: the window writes on its own thread instead. */
  z.object({ type: z.literal('open-failed'), error: WireErrorSchema }),
  /** `value`: what the apply function returned (rebase's counts, the reset's pending count). */
  z.object({ type: z.literal('done'), id: z.number().int(), value: z.unknown() }),
  z.object({ type: z.literal('failed'), id: z.number().int(), error: WireErrorSchema }),
  /** A message the worker could not read (a bug: the window's and the worker's code differ). */
  z.object({ type: z.literal('invalid'), id: z.number().int().nullable(), message: z.string() }),
]);
export type FromWriter = z.infer<typeof FromWriterSchema>;

/**
 * The error to send for `err`: a Dexie error wrapping IndexedDB's keeps the inner name when
 * that is the one that matters (QuotaExceededError), as isQuotaError looks for it.
 */
export function wireError(err: unknown): WireError {
  let name = err instanceof Error ? err.name : 'Error';
  let e: unknown = err;
  for (let depth = 0; depth < 5 && isObject(e); depth++) {
    if (e.name === 'QuotaExceededError' || e.name === 'ReplicaKeyError') {
      name = e.name;
      break;
    }
    e = e.inner;
  }
  return { name, message: err instanceof Error ? err.message : String(err) };
}

/** The window's Error for a worker's failure (same name and message). */
export function errorOfWire(wire: WireError): Error {
  const err = new Error(wire.message);
  err.name = wire.name;
  return err;
}
