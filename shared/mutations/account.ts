// Account administration: customers (create, archive), their contacts and deployed
// products. Scope (whose customers an actor may touch) is the server's check on every write;
// these rules add who may do what and keep each row valid.
import { z } from 'zod';
import { ContactSchema, CustomerSchema, DeployedProductSchema, IdSchema } from '../model/entities';
import type { Contact, Customer, DeployedProduct } from '../model/entities';
import { defineMutation } from './define';
import { canManage, ensureNew, fresh, load, touch, utc } from './helpers';
import type { MutationContext, MutationResult } from './types';
import { accept, reject } from './types';

const ENVELOPE = { id: true, version: true, updatedAt: true, deleted: true } as const;

/** customer.create: `id` plus the customer row's own fields (optional ones default to null). */
export const CustomerCreateArgsSchema = CustomerSchema.omit({ ...ENVELOPE, archivedAt: true }).extend({
  id: IdSchema,
});

/** contact.upsert: `id` plus the contact row's fields; fields added later are optional. */
export const ContactUpsertArgsSchema = ContactSchema.omit(ENVELOPE).extend({
  id: IdSchema,
  nameLatin: ContactSchema.shape.nameLatin.default(null),
  email: ContactSchema.shape.email.default(null),
  phone: ContactSchema.shape.phone.default(null),
  role: ContactSchema.shape.role.default(null),
  isPrimary: z.boolean().default(false),
  receivesReports: z.boolean().default(false),
});

/** deployedProduct.upsert: `id` plus the deployed product row's fields. */
export const DeployedProductUpsertArgsSchema = DeployedProductSchema.omit(ENVELOPE).extend({ id: IdSchema });

async function checkTam(ctx: MutationContext, userId: string, field: string): Promise<MutationResult | null> {
  const user = await ctx.read.get('user', userId);
  if (!user || user.deleted || user.role !== 'tam') {
    return reject(
      'rule_violation',
      `${field} must be an active TAM's user id; pick a TAM from the directory.`,
    );
  }
  return null;
}

/** The rules every customer row must keep (create and update). */
export async function checkCustomerRow(
  ctx: MutationContext,
  next: Customer,
  changed: { tamId: boolean; backupTamId: boolean },
): Promise<MutationResult | null> {
  if (next.contractEnd < next.contractStart) {
    return reject(
      'rule_violation',
      `The contract cannot end (${next.contractEnd}) before it starts (${next.contractStart}).`,
    );
  }
  if (changed.tamId) {
    const bad = await checkTam(ctx, next.tamId, 'tamId');
    if (bad) return bad;
  }
  if (changed.backupTamId && next.backupTamId !== null) {
    const bad = await checkTam(ctx, next.backupTamId, 'backupTamId');
    if (bad) return bad;
  }
  if (next.backupTamId !== null && next.backupTamId === next.tamId) {
    return reject('rule_violation', 'The backup TAM must be another person than the assigned TAM.');
  }
  return null;
}

export const customerCreate = defineMutation(CustomerCreateArgsSchema, async (args, ctx) => {
  if (!canManage(ctx))
    return reject(
      'not_allowed',
      'Only a manager or an administrator may create customers; ask your manager.',
    );
  if (ctx.actor.role === 'manager' && args.team !== ctx.actor.team) {
    return reject(
      'not_allowed',
      `A manager creates customers of their own team (${ctx.actor.team}); ask an administrator for team ${args.team}.`,
    );
  }
  const dup = await ensureNew(ctx, 'customer', args.id);
  if (dup) return dup;
  const row: Customer = {
    ...fresh(args.id, ctx),
    ...args,
    nameKana: args.nameKana ?? null,
    archivedAt: null,
  };
  const bad = await checkCustomerRow(ctx, row, { tamId: true, backupTamId: true });
  if (bad) return bad;
  return accept({ entity: 'customer', row });
});

export const customerArchive = defineMutation(
  z.object({ customerId: IdSchema, archived: z.boolean().default(true) }),
  async (args, ctx) => {
    if (!canManage(ctx))
      return reject(
        'not_allowed',
        'Only a manager or an administrator may archive a customer; ask your manager.',
      );
    const loaded = await load(ctx, 'customer', args.customerId);
    if (!loaded.ok) return loaded.result;
    const isArchived = (loaded.row.archivedAt ?? null) !== null;
    if (isArchived === args.archived) return accept();
    return accept({
      entity: 'customer',
      row: touch(loaded.row, ctx, { archivedAt: args.archived ? utc(ctx.now) : null }),
    });
  },
);

/** A row of a customer: new, or an existing one that stays with its customer. */
async function childRow<E extends 'contact' | 'deployedProduct'>(
  ctx: MutationContext,
  entity: E,
  id: string,
  customerId: string,
): Promise<
  | { ok: true; existing: (E extends 'contact' ? Contact : DeployedProduct) | undefined }
  | { ok: false; result: MutationResult }
> {
  const customer = await load(ctx, 'customer', customerId);
  if (!customer.ok) return customer;
  const existing = (await ctx.read.get(entity, id)) as
    | (E extends 'contact' ? Contact : DeployedProduct)
    | undefined;
  if (existing && existing.customerId !== customerId) {
    return {
      ok: false,
      result: reject(
        'rule_violation',
        `This ${entity === 'contact' ? 'contact' : 'deployed product'} belongs to another customer; create a new one instead of moving it.`,
      ),
    };
  }
  return { ok: true, existing };
}

function envelopeFor<T extends { id: string; version: number; updatedAt: string; deleted: boolean }>(
  existing: T | undefined,
  id: string,
  ctx: MutationContext,
) {
  return existing ? { id, version: existing.version, updatedAt: ctx.now, deleted: false } : fresh(id, ctx);
}

export const contactUpsert = defineMutation(ContactUpsertArgsSchema, async (args, ctx) => {
  const found = await childRow(ctx, 'contact', args.id, args.customerId);
  if (!found.ok) return found.result;
  const row: Contact = { ...envelopeFor(found.existing, args.id, ctx), ...args };
  return accept({ entity: 'contact', row });
});

export const contactRemove = defineMutation(z.object({ contactId: IdSchema }), async (args, ctx) => {
  const loaded = await load(ctx, 'contact', args.contactId);
  if (!loaded.ok) return loaded.result;
  return accept({ entity: 'contact', row: touch(loaded.row, ctx, { deleted: true }) });
});

export const deployedProductUpsert = defineMutation(DeployedProductUpsertArgsSchema, async (args, ctx) => {
  const found = await childRow(ctx, 'deployedProduct', args.id, args.customerId);
  if (!found.ok) return found.result;
  const row: DeployedProduct = { ...envelopeFor(found.existing, args.id, ctx), ...args };
  return accept({ entity: 'deployedProduct', row });
});

export const deployedProductRemove = defineMutation(
  z.object({ deployedProductId: IdSchema }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'deployedProduct', args.deployedProductId);
    if (!loaded.ok) return loaded.result;
    return accept({ entity: 'deployedProduct', row: touch(loaded.row, ctx, { deleted: true }) });
  },
);
