// customer.update: account data. TAMs may correct names and the business calendar;
// contract and assignment fields are a manager's (team) or an administrator's.
import { z } from 'zod';
import {
  BusinessCalendarSchema,
  ContractTierSchema,
  FIELD_LIMITS,
  IdSchema,
  LocalDateSchema,
} from '../model/entities';
import type { Customer } from '../model/entities';
import { defineMutation } from './define';
import { canManage, load, touch } from './helpers';
import { checkCustomerRow } from './account';
import { accept, reject } from './types';

const CustomerPatchSchema = z
  .strictObject({
    nameJa: z.string().trim().min(1).max(FIELD_LIMITS.name),
    nameLatin: z.string().trim().min(1).max(FIELD_LIMITS.name),
    nameKana: z.string().trim().max(FIELD_LIMITS.name).nullable(),
    calendar: BusinessCalendarSchema,
    contractTier: ContractTierSchema,
    supportPolicyId: z.string().trim().min(1).max(FIELD_LIMITS.supportPolicyId),
    contractStart: LocalDateSchema,
    contractEnd: LocalDateSchema,
    tamId: IdSchema,
    backupTamId: IdSchema.nullable(),
    team: z.string().trim().min(1).max(FIELD_LIMITS.team),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Give at least one field to change' });

const TAM_FIELDS = new Set(['nameJa', 'nameLatin', 'nameKana', 'calendar']);

export const customerUpdate = defineMutation(
  z.object({ customerId: IdSchema, patch: CustomerPatchSchema }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'customer', args.customerId);
    if (!loaded.ok) return loaded.result;
    const fields = Object.keys(args.patch);
    if (!canManage(ctx)) {
      const forbidden = fields.filter((f) => !TAM_FIELDS.has(f));
      if (forbidden.length > 0) {
        return reject(
          'not_allowed',
          `Only a manager or an administrator may change ${forbidden.join(', ')}; ask your manager.`,
        );
      }
    }
    if (args.patch.team !== undefined && args.patch.team !== loaded.row.team && ctx.actor.role !== 'admin') {
      return reject('not_allowed', 'Moving a customer to another team is for an administrator; ask one.');
    }
    const next: Customer = touch(loaded.row, ctx, args.patch as Partial<Customer>);
    const bad = await checkCustomerRow(ctx, next, {
      tamId: args.patch.tamId !== undefined,
      backupTamId: args.patch.backupTamId !== undefined,
    });
    if (bad) return bad;
    return accept({ entity: 'customer', row: next });
  },
);
