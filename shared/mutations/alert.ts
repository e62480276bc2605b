// Alerts are made by the central API (shared/alerts); their recipient reads and acknowledges
// them. An acknowledgement says "I have taken this": it is recorded on the incident's internal
// timeline (who and when), and the escalation of the stages after it stops (shared/alerts/delivery.ts).
import { z } from 'zod';
import { IdSchema } from '../model/entities';
import type { Alert, Incident } from '../model/entities';
import { defineMutation } from './define';
import { ensureNew, timelineEvent, touch } from './helpers';
import type { MutationContext } from './types';
import { accept, reject } from './types';

/** The actor's own alert, or a rejection that does not say whether somebody else's exists. */
async function ownAlert(
  ctx: MutationContext,
  id: string,
): Promise<{ ok: true; alert: Alert } | { ok: false; result: ReturnType<typeof reject> }> {
  const alert = await ctx.read.get('alert', id);
  if (!alert || alert.deleted || alert.recipientId !== ctx.actor.id) {
    return {
      ok: false,
      result: reject('not_found', `No alert ${id} is addressed to you; sync to refresh your notifications.`),
    };
  }
  return { ok: true, alert };
}

export const alertMarkRead = defineMutation(
  z.object({ alertIds: z.array(IdSchema).min(1).max(200) }),
  async (args, ctx) => {
    const writes = [];
    for (const id of new Set(args.alertIds)) {
      const own = await ownAlert(ctx, id);
      if (!own.ok) return own.result;
      if (own.alert.readAt === null)
        writes.push({ entity: 'alert' as const, row: touch(own.alert, ctx, { readAt: ctx.now }) });
    }
    return accept(...writes);
  },
);

export const alertAcknowledge = defineMutation(
  z.object({
    alertId: IdSchema,
    /** The id of the timeline entry that records the acknowledgement (made by the client). */
    eventId: IdSchema,
  }),
  async (args, ctx) => {
    const own = await ownAlert(ctx, args.alertId);
    if (!own.ok) return own.result;
    const alert = own.alert;
    if (alert.acknowledgedAt !== null) {
      return reject(
        'stale_status',
        `You acknowledged this alert at ${alert.acknowledgedAt} already; nothing more to do.`,
      );
    }
    const taken = await ensureNew(ctx, 'timelineEvent', args.eventId, alert.incidentId);
    if (taken) return taken;
    // The incident itself is not read: the recipient (a duty manager of another team, say) may
    // not hold it, and the alert carries all the entry needs.
    const incident = { id: alert.incidentId, customerId: alert.customerId } as Incident;
    return accept(
      {
        entity: 'alert',
        row: touch(alert, ctx, { acknowledgedAt: ctx.now, readAt: alert.readAt ?? ctx.now }),
      },
      {
        entity: 'timelineEvent',
        row: timelineEvent(ctx, incident, {
          id: args.eventId,
          kind: 'alert_acknowledged',
          at: ctx.now,
          body: `${alert.stage} (${alert.role})`,
          visibility: 'internal',
          meta: { alertId: alert.id, stage: alert.stage, role: alert.role },
        }),
      },
    );
  },
  { writesBeyondScope: true },
);
