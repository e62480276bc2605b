// Small helpers shared by the mutation definitions.
import { DateTime } from 'luxon';
import type { EntityName, EntityRow, Incident, TimelineEvent, Customer } from '../model/entities';
import type { MutationContext, MutationResult } from './types';
import { reject } from './types';

/** How far in the future a client-supplied instant may lie (clock skew between laptop and server). */
export { MAX_FUTURE_MS as CLOCK_SKEW_MS } from './time-bounds';

export const ms = (iso: string): number => Date.parse(iso);

/** The instant as a normalised UTC ISO string, so stored instants compare and sort as text. */
export function utc(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

/** Today's date in a time zone (the customer's), as YYYY-MM-DD. */
export function localToday(now: string, timeZone: string): string {
  return DateTime.fromISO(now, { zone: timeZone }).toISODate() ?? now.slice(0, 10);
}

export type Loaded<E extends EntityName> =
  | { ok: true; row: EntityRow<E> }
  | { ok: false; result: MutationResult };

const LABEL: Record<EntityName, string> = {
  user: 'User',
  absence: 'Absence',
  dutyShift: 'Duty shift',
  customer: 'Customer',
  contact: 'Contact',
  deployedProduct: 'Deployed product',
  incident: 'Incident',
  timelineEvent: 'Timeline event',
  request: 'Request',
  healthCheck: 'Health check',
  report: 'Report',
  alert: 'Alert',
  attachment: 'Attachment',
  healthSnapshot: 'Health snapshot',
  replyTemplate: 'Reply template',
  savedView: 'Saved view',
};

/** A live (not deleted) row, or a not_found rejection that tells the user what to do. */
export async function load<E extends EntityName>(
  ctx: MutationContext,
  entity: E,
  id: string,
): Promise<Loaded<E>> {
  const row = await ctx.read.get(entity, id);
  if (!row || row.deleted) {
    return {
      ok: false,
      result: reject(
        'not_found',
        `${LABEL[entity]} ${id} does not exist or was deleted; sync to refresh your data and try again.`,
      ),
    };
  }
  return { ok: true, row };
}

/**
 * Rejects when a row with this id already exists (ids come from the client). `parentId`: the
 * incident of a new timeline event (see ReadPort.get).
 */
export async function ensureNew(
  ctx: MutationContext,
  entity: EntityName,
  id: string,
  parentId?: string,
): Promise<MutationResult | null> {
  const existing = await ctx.read.get(entity, id, parentId);
  if (existing) {
    return reject(
      'already_exists',
      `${LABEL[entity]} id ${id} is already used; generate a new id and retry.`,
    );
  }
  return null;
}

/** The envelope of a new row. */
export function fresh(id: string, ctx: MutationContext) {
  return { id, version: 0, updatedAt: ctx.now, deleted: false } as const;
}

/** An updated copy of a row: same id and version (the server assigns the new one), new updatedAt. */
export function touch<T extends { updatedAt: string }>(row: T, ctx: MutationContext, changes: Partial<T>): T {
  return { ...row, ...changes, updatedAt: ctx.now };
}

export function timelineEvent(
  ctx: MutationContext,
  incident: Incident,
  fields: Pick<TimelineEvent, 'id' | 'kind' | 'at' | 'body' | 'visibility'> &
    Partial<Pick<TimelineEvent, 'isAnswer' | 'meta'>>,
): TimelineEvent {
  return {
    ...fresh(fields.id, ctx),
    incidentId: incident.id,
    customerId: incident.customerId,
    kind: fields.kind,
    at: utc(fields.at),
    authorId: ctx.actor.id,
    body: fields.body,
    visibility: fields.visibility,
    isAnswer: fields.isAnswer ?? false,
    meta: fields.meta ?? null,
  };
}

export function canManage(ctx: MutationContext): boolean {
  return ctx.actor.role === 'manager' || ctx.actor.role === 'admin';
}

export function customerToday(ctx: MutationContext, customer: Customer): string {
  return localToday(ctx.now, customer.calendar.timeZone);
}
