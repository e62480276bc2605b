// Individual requests: antivirus signature releases and private patches, each with its workflow.
import { z } from 'zod';
import { FIELD_LIMITS, IdSchema, RequestStageSchema, RequestTypeSchema } from '../model/entities';
import type { Customer, Request, RequestStage, RequestType } from '../model/entities';
import { defineMutation } from './define';
import { customerToday, ensureNew, fresh, load, touch } from './helpers';
import type { MutationContext, MutationResult } from './types';
import { accept, reject } from './types';

/** The stage a new request starts in. */
export const INITIAL_STAGE: Record<RequestType, RequestStage> = {
  signature_release: 'submitted',
  private_patch: 'requested',
};

/** The workflows (docs/domain.md, "Request workflows"): which stage may follow which. */
export const REQUEST_WORKFLOWS: Record<
  RequestType,
  Partial<Record<RequestStage, readonly RequestStage[]>>
> = {
  signature_release: {
    submitted: ['in_analysis'],
    in_analysis: ['release_scheduled'],
    release_scheduled: ['released'],
    released: ['customer_notified'],
    customer_notified: [],
  },
  private_patch: {
    requested: ['accepted', 'declined'],
    accepted: ['in_development'],
    declined: [],
    in_development: ['delivered'],
    delivered: ['included_in_public_patch'],
    included_in_public_patch: [],
  },
};

/**
 * Private patches follow the product lifecycle: only for a version the customer runs whose
 * support has not ended (in the customer's calendar).
 */
async function checkSupportedVersion(
  ctx: MutationContext,
  customer: Customer,
  product: string,
  version: string,
): Promise<MutationResult | null> {
  const deployments = await ctx.read.listByCustomer('deployedProduct', customer.id);
  const match = deployments.find((d) => !d.deleted && d.product === product && d.productVersion === version);
  if (!match) {
    return reject(
      'version_not_supported',
      `${product} ${version} is not recorded as deployed at this customer; record the deployment (or pick the version they run) before requesting a private patch.`,
    );
  }
  const today = customerToday(ctx, customer);
  if (match.supportEndsOn < today) {
    return reject(
      'version_not_supported',
      `Support for ${product} ${version} ended on ${match.supportEndsOn}; private patches are made only for supported versions: propose an upgrade instead.`,
    );
  }
  return null;
}

export const requestCreate = defineMutation(
  z.object({
    id: IdSchema,
    customerId: IdSchema,
    type: RequestTypeSchema,
    title: z.string().trim().min(1, 'Give the request a title').max(FIELD_LIMITS.title),
    description: z.string().max(FIELD_LIMITS.description).optional(),
    product: z.string().trim().min(1).max(FIELD_LIMITS.name),
    productVersion: z.string().trim().min(1).max(FIELD_LIMITS.productVersion),
    incidentId: IdSchema.optional(),
  }),
  async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    if (!customer.ok) return customer.result;
    const taken = await ensureNew(ctx, 'request', args.id);
    if (taken) return taken;
    if (args.incidentId !== undefined) {
      const incident = await load(ctx, 'incident', args.incidentId);
      if (!incident.ok) return incident.result;
      if (incident.row.customerId !== args.customerId) {
        return reject(
          'rule_violation',
          'The linked incident belongs to another customer; link an incident of this customer.',
        );
      }
    }
    if (args.type === 'private_patch') {
      const unsupported = await checkSupportedVersion(ctx, customer.row, args.product, args.productVersion);
      if (unsupported) return unsupported;
    }
    const stage = INITIAL_STAGE[args.type];
    const request: Request = {
      ...fresh(args.id, ctx),
      customerId: args.customerId,
      type: args.type,
      stage,
      title: args.title,
      description: args.description ?? '',
      product: args.product,
      productVersion: args.productVersion,
      incidentId: args.incidentId ?? null,
      priority: customer.row.contractTier === 'msa_enterprise' ? 'prioritised' : 'normal',
      stageHistory: [{ stage, at: ctx.now, by: ctx.actor.id, note: null }],
      createdBy: ctx.actor.id,
    };
    return accept({ entity: 'request', row: request });
  },
);

export const requestAdvance = defineMutation(
  z.object({
    requestId: IdSchema,
    /** The stage the user saw; a different current stage rejects the change as stale. */
    from: RequestStageSchema,
    to: RequestStageSchema,
    note: z.string().max(FIELD_LIMITS.stageNote).optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'request', args.requestId);
    if (!loaded.ok) return loaded.result;
    const request = loaded.row;
    if (request.stage !== args.from) {
      return reject(
        'stale_stage',
        `The request is now at '${request.stage}', not '${args.from}'; review it and choose again.`,
        {
          stage: request.stage,
          expected: args.from,
        },
      );
    }
    const next = REQUEST_WORKFLOWS[request.type][request.stage] ?? [];
    if (!next.includes(args.to)) {
      const hint = next.length > 0 ? `allowed next: ${next.join(', ')}` : 'this is a final stage';
      return reject(
        'invalid_transition',
        `A ${request.type} request cannot go from '${request.stage}' to '${args.to}'; ${hint}.`,
        {
          stage: request.stage,
          to: args.to,
        },
      );
    }
    if (request.type === 'private_patch' && args.to === 'accepted') {
      const customer = await load(ctx, 'customer', request.customerId);
      if (!customer.ok) return customer.result;
      const unsupported = await checkSupportedVersion(
        ctx,
        customer.row,
        request.product,
        request.productVersion,
      );
      if (unsupported) return unsupported;
    }
    const updated = touch(request, ctx, {
      stage: args.to,
      stageHistory: [
        ...request.stageHistory,
        { stage: args.to, at: ctx.now, by: ctx.actor.id, note: args.note ?? null },
      ],
    });
    return accept({ entity: 'request', row: updated });
  },
);
