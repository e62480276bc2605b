// Reply templates (shared/templates): a manager (or an administrator) maintains their team's
// set; every user maintains their own personal set. The body's {{fields}} are checked on save
// so that a template never carries a placeholder the fill cannot fill.
import { z } from 'zod';
import { FIELD_LIMITS, IdSchema, LocaleSchema, TemplateScopeSchema } from '../model/entities';
import type { ReplyTemplate } from '../model/entities';
import { TEMPLATE_FIELDS, unknownFieldsOf } from '../templates/fields';
import { defineMutation } from './define';
import { canManage, ensureNew, fresh, load, touch } from './helpers';
import type { MutationContext, MutationResult } from './types';
import { accept, reject } from './types';

const name = z.string().trim().min(1, 'Must not be empty').max(FIELD_LIMITS.templateName);
const body = z.string().trim().min(1, 'Must not be empty').max(FIELD_LIMITS.templateBody);

export const ReplyTemplateCreateArgsSchema = z.object({
  id: IdSchema,
  scope: TemplateScopeSchema,
  /** A personal template's owner: the actor (the default); never set for a team template. */
  ownerId: IdSchema.optional(),
  name,
  language: LocaleSchema,
  body,
});

export const ReplyTemplateUpdateArgsSchema = z.object({
  templateId: IdSchema,
  name: name.optional(),
  language: LocaleSchema.optional(),
  body: body.optional(),
});

export const ReplyTemplateDeleteArgsSchema = z.object({ templateId: IdSchema });

function checkBody(text: string): MutationResult | null {
  const unknown = unknownFieldsOf(text);
  if (unknown.length === 0) return null;
  return reject(
    'template_unknown_field',
    `The template uses {{${unknown[0]}}}, which is not a field; use one of ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(', ')} or remove it.`,
    { field: unknown[0]!, fields: TEMPLATE_FIELDS.join(', ') },
  );
}

/** Whether the actor may change this template (or create one like it). */
function mayMaintain(
  ctx: MutationContext,
  t: Pick<ReplyTemplate, 'scope' | 'team' | 'ownerId'>,
): MutationResult | null {
  if (t.scope === 'user') {
    if (t.ownerId === ctx.actor.id) return null;
    return reject(
      'not_allowed',
      'A personal template is kept by its owner alone; save your own copy as a personal template.',
    );
  }
  if (!canManage(ctx))
    return reject(
      'template_managers_only',
      "Only a manager maintains the team's templates; save it as a personal template, or ask your manager.",
    );
  if (t.team !== ctx.actor.team)
    return reject(
      'not_allowed',
      `This template belongs to another team's set; only that team's manager maintains it.`,
    );
  return null;
}

export const replyTemplateCreate = defineMutation(ReplyTemplateCreateArgsSchema, async (args, ctx) => {
  if (args.scope === 'team' && args.ownerId !== undefined)
    return reject('invalid_args', 'A team template has no owner; leave ownerId out or choose scope "user".');
  const ownerId = args.scope === 'user' ? (args.ownerId ?? ctx.actor.id) : null;
  const denied = mayMaintain(ctx, { scope: args.scope, team: ctx.actor.team, ownerId });
  if (denied) return denied;
  const bad = checkBody(args.body);
  if (bad) return bad;
  const exists = await ensureNew(ctx, 'replyTemplate', args.id);
  if (exists) return exists;
  const row: ReplyTemplate = {
    ...fresh(args.id, ctx),
    scope: args.scope,
    team: ctx.actor.team,
    ownerId,
    name: args.name,
    language: args.language,
    body: args.body,
    updatedBy: ctx.actor.id,
  };
  return accept({ entity: 'replyTemplate', row });
});

export const replyTemplateUpdate = defineMutation(ReplyTemplateUpdateArgsSchema, async (args, ctx) => {
  const loaded = await load(ctx, 'replyTemplate', args.templateId);
  if (!loaded.ok) return loaded.result;
  const denied = mayMaintain(ctx, loaded.row);
  if (denied) return denied;
  if (args.body !== undefined) {
    const bad = checkBody(args.body);
    if (bad) return bad;
  }
  const changes: Partial<ReplyTemplate> = { updatedBy: ctx.actor.id };
  if (args.name !== undefined) changes.name = args.name;
  if (args.language !== undefined) changes.language = args.language;
  if (args.body !== undefined) changes.body = args.body;
  return accept({ entity: 'replyTemplate', row: touch(loaded.row, ctx, changes) });
});

export const replyTemplateDelete = defineMutation(ReplyTemplateDeleteArgsSchema, async (args, ctx) => {
  const loaded = await load(ctx, 'replyTemplate', args.templateId);
  if (!loaded.ok) return loaded.result;
  const denied = mayMaintain(ctx, loaded.row);
  if (denied) return denied;
  return accept({
    entity: 'replyTemplate',
    row: touch(loaded.row, ctx, { deleted: true, updatedBy: ctx.actor.id }),
  });
});
