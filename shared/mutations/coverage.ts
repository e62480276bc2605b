// Coverage records: absences (a TAM records their own; a manager their team's; an
// administrator anyone's) and the duty-manager roster (managers for their team's managers,
// administrators for anyone).
import { z } from 'zod';
import { AbsenceSchema, DutyShiftSchema, IdSchema } from '../model/entities';
import type { Absence, DutyShift, User } from '../model/entities';
import { defineMutation } from './define';
import { canManage, fresh, load, touch, utc } from './helpers';
import type { MutationContext, MutationResult } from './types';
import { accept, reject } from './types';

const ENVELOPE = { id: true, version: true, updatedAt: true, deleted: true } as const;

export const AbsenceUpsertArgsSchema = AbsenceSchema.omit(ENVELOPE).extend({
  id: IdSchema,
  note: AbsenceSchema.shape.note.default(null),
});

export const DutyShiftUpsertArgsSchema = DutyShiftSchema.omit(ENVELOPE).extend({
  id: IdSchema,
  note: DutyShiftSchema.shape.note.default(null),
});

/** Whether the actor may record or remove an absence of this user. */
function mayRecordAbsenceOf(ctx: MutationContext, user: User): MutationResult | null {
  if (ctx.actor.role === 'admin' || user.id === ctx.actor.id) return null;
  if (ctx.actor.role === 'manager' && user.team === ctx.actor.team) return null;
  return reject(
    'not_allowed',
    ctx.actor.role === 'manager'
      ? `${user.name} is not in your team (${ctx.actor.team}); ask their manager or an administrator.`
      : 'A TAM records only their own absences; ask your manager to record this one.',
  );
}

async function absenceUser(
  ctx: MutationContext,
  userId: string,
): Promise<{ ok: true; user: User } | { ok: false; result: MutationResult }> {
  const user = await ctx.read.get('user', userId);
  if (!user || user.deleted)
    return {
      ok: false,
      result: reject(
        'not_found',
        `User ${userId} does not exist; sync to refresh the directory and pick someone from it.`,
      ),
    };
  return { ok: true, user };
}

export const absenceUpsert = defineMutation(AbsenceUpsertArgsSchema, async (args, ctx) => {
  if (args.endDate < args.startDate) {
    return reject(
      'rule_violation',
      `An absence cannot end (${args.endDate}) before it starts (${args.startDate}).`,
    );
  }
  const existing = await ctx.read.get('absence', args.id);
  if (existing && !existing.deleted && existing.userId !== args.userId) {
    const before = await absenceUser(ctx, existing.userId);
    if (before.ok) {
      const denied = mayRecordAbsenceOf(ctx, before.user);
      if (denied) return denied;
    }
  }
  const target = await absenceUser(ctx, args.userId);
  if (!target.ok) return target.result;
  const denied = mayRecordAbsenceOf(ctx, target.user);
  if (denied) return denied;
  const row: Absence = {
    ...(existing
      ? { id: args.id, version: existing.version, updatedAt: ctx.now, deleted: false }
      : fresh(args.id, ctx)),
    ...args,
  };
  return accept({ entity: 'absence', row });
});

export const absenceRemove = defineMutation(z.object({ absenceId: IdSchema }), async (args, ctx) => {
  const loaded = await load(ctx, 'absence', args.absenceId);
  if (!loaded.ok) return loaded.result;
  const target = await absenceUser(ctx, loaded.row.userId);
  if (target.ok) {
    const denied = mayRecordAbsenceOf(ctx, target.user);
    if (denied) return denied;
  } else if (ctx.actor.role !== 'admin') {
    return target.result;
  }
  return accept({ entity: 'absence', row: touch(loaded.row, ctx, { deleted: true }) });
});

/** A manager keeps the shifts of their own team's managers; an administrator anyone's. */
function mayRosterUser(ctx: MutationContext, user: User): MutationResult | null {
  if (ctx.actor.role === 'admin' || user.id === ctx.actor.id || user.team === ctx.actor.team) return null;
  return reject(
    'not_allowed',
    `${user.name} is not in your team (${ctx.actor.team}); their manager or an administrator keeps their shifts.`,
  );
}

export const dutyShiftUpsert = defineMutation(DutyShiftUpsertArgsSchema, async (args, ctx) => {
  if (!canManage(ctx))
    return reject(
      'not_allowed',
      'Only a manager or an administrator may change the duty roster; ask your manager.',
    );
  if (Date.parse(args.endsAt) <= Date.parse(args.startsAt)) {
    return reject('rule_violation', `A shift must end after it starts (${args.startsAt} to ${args.endsAt}).`);
  }
  const user = await ctx.read.get('user', args.userId);
  if (!user || user.deleted || (user.role !== 'manager' && user.role !== 'admin')) {
    return reject(
      'rule_violation',
      'A duty shift is taken by a manager (or an administrator); pick one from the directory.',
    );
  }
  const denied = mayRosterUser(ctx, user);
  if (denied) return denied;
  const existing = await ctx.read.get('dutyShift', args.id);
  if (existing && !existing.deleted && existing.userId !== args.userId) {
    const before = await ctx.read.get('user', existing.userId);
    const deniedBefore = before ? mayRosterUser(ctx, before) : null;
    if (deniedBefore) return deniedBefore;
  }
  const row: DutyShift = {
    ...(existing
      ? { id: args.id, version: existing.version, updatedAt: ctx.now, deleted: false }
      : fresh(args.id, ctx)),
    ...args,
    startsAt: utc(args.startsAt),
    endsAt: utc(args.endsAt),
  };
  return accept({ entity: 'dutyShift', row });
});

export const dutyShiftRemove = defineMutation(z.object({ dutyShiftId: IdSchema }), async (args, ctx) => {
  if (!canManage(ctx))
    return reject(
      'not_allowed',
      'Only a manager or an administrator may change the duty roster; ask your manager.',
    );
  const loaded = await load(ctx, 'dutyShift', args.dutyShiftId);
  if (!loaded.ok) return loaded.result;
  const user = await ctx.read.get('user', loaded.row.userId);
  const denied = user
    ? mayRosterUser(ctx, user)
    : ctx.actor.role === 'admin'
      ? null
      : reject(
          'not_allowed',
          'Only an administrator may remove a shift of a user no longer in the directory.',
        );
  if (denied) return denied;
  return accept({ entity: 'dutyShift', row: touch(loaded.row, ctx, { deleted: true }) });
});
