// The mutation framework's types: pure logic over a read interface, so the app applies a
// mutation to its Dexie replica and the server to SQL, with the same code.
import type { EntityName, EntityRow, Role, TaggedRow } from '../model/entities';
import type { ErrorDetail } from '../model/api';
import type { ErrorCode, ErrorParams } from '../model/error-codes';

export interface Actor {
  id: string;
  role: Role;
  team: string;
}

/** Read access to the current state (the replica on the client, the database on the server). */
export interface ReadPort {
  /**
   * The row with this id, tombstones included, or undefined. `parentId`: the row's incident
   * when the caller knows it (a timeline event): a store that keeps events packed per incident
   * (the app's replica) finds the event by it; others ignore it.
   */
  get<E extends EntityName>(entity: E, id: string, parentId?: string): Promise<EntityRow<E> | undefined>;
  /** All rows of an entity that belong to a customer, tombstones included. */
  listByCustomer<E extends EntityName>(entity: E, customerId: string): Promise<EntityRow<E>[]>;
}

export interface MutationContext {
  actor: Actor;
  /** The current instant as ISO-8601 (the server's clock on the server). */
  now: string;
  read: ReadPort;
}

/**
 * A row to store. `version` is copied from the row it replaces (0 for a new row): the server
 * replaces it with its change sequence; a client keeps it until the server's row arrives.
 */
export type Write = TaggedRow;

export type MutationResult = { ok: true; writes: Write[] } | { ok: false; error: ErrorDetail };

/** Error codes a mutation may reject with: any registered code (shared/model/error-codes.ts). */
export type MutationErrorCode = ErrorCode;

/** A refusal: the code, an English message saying what to do, and values the client words it with. */
export function reject(code: MutationErrorCode, message: string, params?: ErrorParams): MutationResult {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

export function accept(...writes: Write[]): MutationResult {
  return { ok: true, writes };
}
