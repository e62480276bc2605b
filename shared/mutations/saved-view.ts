// Saved views: named Incidents-list filters of one user. Each belongs to its author alone: its
// scope is the author's own (userScopeId), so the server syncs it to that user only, and every
// mutation here acts on the actor's own views (another user's is answered as not found).
import { z } from 'zod';
import { FIELD_LIMITS, IdSchema, IncidentListFilterSchema, userScopeId } from '../model/entities';
import type { IncidentListFilter, SavedView } from '../model/entities';
import { defineMutation } from './define';
import { ensureNew, fresh, touch } from './helpers';
import type { MutationContext, MutationResult } from './types';
import { accept, reject } from './types';

const ViewNameSchema = z.string().trim().min(1, 'Must not be empty').max(FIELD_LIMITS.name);

/** Names compare without case, width or surrounding spaces ("Ｌ１ open" = "l1 open"). */
export function savedViewNameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** The actor's own live view, or a rejection that does not say whether somebody else's exists. */
async function ownView(
  ctx: MutationContext,
  id: string,
): Promise<{ ok: true; view: SavedView } | { ok: false; result: MutationResult }> {
  const view = await ctx.read.get('savedView', id);
  if (!view || view.deleted || view.userId !== ctx.actor.id) {
    return {
      ok: false,
      result: reject('not_found', `You have no saved view ${id}; sync to refresh your saved views.`),
    };
  }
  return { ok: true, view };
}

/** A rejection when another live view of the actor already has this name. */
async function nameTaken(
  ctx: MutationContext,
  name: string,
  exceptId: string,
): Promise<MutationResult | null> {
  const key = savedViewNameKey(name);
  const views = await ctx.read.listByCustomer('savedView', userScopeId(ctx.actor.id));
  const clash = views.find(
    (v) => !v.deleted && v.id !== exceptId && v.userId === ctx.actor.id && savedViewNameKey(v.name) === key,
  );
  if (!clash) return null;
  return reject(
    'saved_view_name_taken',
    `You already have a saved view named "${clash.name}"; choose another name or rename that view.`,
    { name: clash.name },
  );
}

/** A rejection when the filter names a customer the actor does not hold (unknown, deleted or out of scope). */
async function unknownCustomer(
  ctx: MutationContext,
  filter: IncidentListFilter,
): Promise<MutationResult | null> {
  if (filter.customerId === '') return null;
  const customer = await ctx.read.get('customer', filter.customerId);
  if (customer && !customer.deleted) return null;
  return reject(
    'not_found',
    `The filter names customer ${filter.customerId}, which does not exist or is not yours; sync, then choose another customer.`,
  );
}

export const savedViewCreate = defineMutation(
  z.object({ id: IdSchema, name: ViewNameSchema, filter: IncidentListFilterSchema }),
  async (args, ctx) => {
    const taken = await ensureNew(ctx, 'savedView', args.id);
    if (taken) return taken;
    const unknown = await unknownCustomer(ctx, args.filter);
    if (unknown) return unknown;
    const clash = await nameTaken(ctx, args.name, args.id);
    if (clash) return clash;
    const row: SavedView = {
      ...fresh(args.id, ctx),
      userId: ctx.actor.id,
      name: args.name,
      filter: args.filter,
      createdAt: ctx.now,
    };
    return accept({ entity: 'savedView', row });
  },
);

export const savedViewRename = defineMutation(
  z.object({ savedViewId: IdSchema, name: ViewNameSchema }),
  async (args, ctx) => {
    const own = await ownView(ctx, args.savedViewId);
    if (!own.ok) return own.result;
    const clash = await nameTaken(ctx, args.name, own.view.id);
    if (clash) return clash;
    return accept({ entity: 'savedView', row: touch(own.view, ctx, { name: args.name }) });
  },
);

export const savedViewUpdate = defineMutation(
  z.object({ savedViewId: IdSchema, filter: IncidentListFilterSchema }),
  async (args, ctx) => {
    const own = await ownView(ctx, args.savedViewId);
    if (!own.ok) return own.result;
    const unknown = await unknownCustomer(ctx, args.filter);
    if (unknown) return unknown;
    return accept({ entity: 'savedView', row: touch(own.view, ctx, { filter: args.filter }) });
  },
);

export const savedViewDelete = defineMutation(z.object({ savedViewId: IdSchema }), async (args, ctx) => {
  const own = await ownView(ctx, args.savedViewId);
  if (!own.ok) return own.result;
  return accept({ entity: 'savedView', row: touch(own.view, ctx, { deleted: true }) });
});
