import { z } from 'zod';
import {
  FIELD_LIMITS,
  IdSchema,
  InstantSchema,
  SYSTEM_TIMELINE_KINDS,
  TimelineKindSchema,
  VisibilitySchema,
} from '../model/entities';
import { defineMutation } from './define';
import { ensureNew, load, ms, timelineEvent } from './helpers';
import { rejectOutOfBounds } from './time-bounds';
import { accept, reject } from './types';

/** Appends an entry to an incident's timeline. Timeline events are never changed afterwards. */
export const timelineAppend = defineMutation(
  z.object({
    id: IdSchema,
    incidentId: IdSchema,
    kind: TimelineKindSchema,
    at: InstantSchema,
    body: z.string().trim().min(1, 'Write what happened').max(FIELD_LIMITS.eventBody),
    visibility: VisibilitySchema,
  }),
  async (args, ctx) => {
    if (SYSTEM_TIMELINE_KINDS.includes(args.kind)) {
      return reject(
        'not_allowed',
        `Timeline entries of kind '${args.kind}' are written by their own action (record a response, change status or severity, log a report); use one of those.`,
      );
    }
    const loaded = await load(ctx, 'incident', args.incidentId);
    if (!loaded.ok) return loaded.result;
    const taken = await ensureNew(ctx, 'timelineEvent', args.id, args.incidentId);
    if (taken) return taken;
    const customer = await load(ctx, 'customer', loaded.row.customerId);
    if (!customer.ok) return customer.result;
    const outOfBounds = rejectOutOfBounds('The time of the entry (at)', args.at, ctx, customer.row);
    if (outOfBounds) return outOfBounds;
    if (ms(args.at) < ms(loaded.row.receivedAt)) {
      return reject(
        'rule_violation',
        `An entry cannot precede the receipt of the incident (${loaded.row.receivedAt}); correct the time.`,
      );
    }
    return accept({ entity: 'timelineEvent', row: timelineEvent(ctx, loaded.row, args) });
  },
);
