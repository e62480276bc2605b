// Incident mutations: create, severity, status, response.
import { z } from 'zod';
import {
  ChannelSchema,
  FIELD_LIMITS,
  IdSchema,
  IncidentStatusSchema,
  InstantSchema,
  SeveritySchema,
  VisibilitySchema,
} from '../model/entities';
import type { Incident, IncidentStatus } from '../model/entities';
import { defineMutation } from './define';
import { isOpenStatus } from '../incidents/open';
import { ensureNew, fresh, load, ms, timelineEvent, touch, utc } from './helpers';
import { rejectOutOfBounds } from './time-bounds';
import { accept, reject } from './types';

/** Which status may follow which. Resolved and closed incidents can be reopened (→ in_progress). */
export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const incidentCreate = defineMutation(
  z.object({
    id: IdSchema,
    customerId: IdSchema,
    title: z.string().trim().min(1, 'Give the incident a title').max(FIELD_LIMITS.title),
    severity: SeveritySchema,
    channel: ChannelSchema,
    receivedAt: InstantSchema,
    description: z.string().max(FIELD_LIMITS.description).optional(),
  }),
  async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    if (!customer.ok) return customer.result;
    const taken = await ensureNew(ctx, 'incident', args.id);
    if (taken) return taken;
    const outOfBounds = rejectOutOfBounds(
      'The receipt time (receivedAt)',
      args.receivedAt,
      ctx,
      customer.row,
    );
    if (outOfBounds) return outOfBounds;
    const receivedAt = utc(args.receivedAt);
    const incident: Incident = {
      ...fresh(args.id, ctx),
      customerId: args.customerId,
      title: args.title,
      description: args.description ?? '',
      severity: args.severity,
      channel: args.channel,
      status: 'new',
      receivedAt,
      firstResponseAt: null,
      resolvedAt: null,
      severityHistory: [{ severity: args.severity, at: receivedAt, by: ctx.actor.id }],
      createdBy: ctx.actor.id,
    };
    return accept({ entity: 'incident', row: incident });
  },
);

export const incidentSetSeverity = defineMutation(
  z.object({
    incidentId: IdSchema,
    severity: SeveritySchema,
    /** Id of the timeline event that records the change. */
    eventId: IdSchema,
    reason: z.string().max(FIELD_LIMITS.changeNote).optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'incident', args.incidentId);
    if (!loaded.ok) return loaded.result;
    const incident = loaded.row;
    if (incident.status === 'closed') {
      return reject(
        'invalid_transition',
        'The incident is closed; reopen it (status in_progress) before changing its severity.',
      );
    }
    if (incident.severity === args.severity) {
      return reject('rule_violation', `The incident is already level ${args.severity}; nothing to change.`);
    }
    const taken = await ensureNew(ctx, 'timelineEvent', args.eventId, incident.id);
    if (taken) return taken;
    // Before the first response the new level recomputes the response SLA from the receipt
    // time, so it enters the history the SLA engine reads; after it the SLA is settled.
    const countsForSla = incident.firstResponseAt === null;
    const updated = touch(incident, ctx, {
      severity: args.severity,
      severityHistory: countsForSla
        ? [...incident.severityHistory, { severity: args.severity, at: ctx.now, by: ctx.actor.id }]
        : incident.severityHistory,
    });
    const event = timelineEvent(ctx, incident, {
      id: args.eventId,
      kind: 'severity_change',
      at: ctx.now,
      body: args.reason ?? '',
      visibility: 'internal',
      meta: { from: incident.severity, to: args.severity, countsForSla },
    });
    return accept({ entity: 'incident', row: updated }, { entity: 'timelineEvent', row: event });
  },
);

export const incidentSetStatus = defineMutation(
  z.object({
    incidentId: IdSchema,
    /** The status the user saw; a different current status rejects the change as stale. */
    from: IncidentStatusSchema,
    to: IncidentStatusSchema,
    eventId: IdSchema,
    note: z.string().max(FIELD_LIMITS.changeNote).optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'incident', args.incidentId);
    if (!loaded.ok) return loaded.result;
    const incident = loaded.row;
    if (incident.status !== args.from) {
      return reject(
        'stale_status',
        `The incident is now '${incident.status}', not '${args.from}' (someone changed it); review the incident and choose again.`,
        { status: incident.status, expected: args.from },
      );
    }
    const allowed = INCIDENT_TRANSITIONS[args.from];
    if (!allowed.includes(args.to)) {
      return reject(
        'invalid_transition',
        `An incident cannot go from '${args.from}' to '${args.to}'; allowed next: ${allowed.join(', ')}.`,
        { status: args.from, to: args.to },
      );
    }
    if (args.to === 'resolved' && incident.firstResponseAt === null) {
      return reject(
        'rule_violation',
        'Record the answer given to the customer (a response marked as the answer) before resolving the incident.',
      );
    }
    const taken = await ensureNew(ctx, 'timelineEvent', args.eventId, incident.id);
    if (taken) return taken;
    const reopening = !isOpenStatus(incident.status) && args.to === 'in_progress';
    const updated = touch(incident, ctx, {
      status: args.to,
      resolvedAt: args.to === 'resolved' ? ctx.now : reopening ? null : incident.resolvedAt,
    });
    const event = timelineEvent(ctx, incident, {
      id: args.eventId,
      kind: 'status_change',
      at: ctx.now,
      body: args.note ?? '',
      visibility: 'internal',
      meta: { from: args.from, to: args.to },
    });
    return accept({ entity: 'incident', row: updated }, { entity: 'timelineEvent', row: event });
  },
);

export const incidentRecordResponse = defineMutation(
  z.object({
    incidentId: IdSchema,
    eventId: IdSchema,
    /** When the response was given. */
    at: InstantSchema,
    body: z.string().trim().min(1, 'Write what was answered').max(FIELD_LIMITS.eventBody),
    /** True when this response is an appropriate answer to the problem (meets the response SLA). */
    isAnswer: z.boolean(),
    visibility: VisibilitySchema.optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'incident', args.incidentId);
    if (!loaded.ok) return loaded.result;
    const incident = loaded.row;
    if (incident.status === 'closed') {
      return reject('invalid_transition', 'The incident is closed; reopen it before recording a response.');
    }
    const customer = await load(ctx, 'customer', incident.customerId);
    if (!customer.ok) return customer.result;
    const outOfBounds = rejectOutOfBounds('The response time (at)', args.at, ctx, customer.row);
    if (outOfBounds) return outOfBounds;
    if (ms(args.at) < ms(incident.receivedAt)) {
      return reject(
        'rule_violation',
        `A response cannot precede the receipt of the incident (${incident.receivedAt}); correct the time.`,
      );
    }
    const taken = await ensureNew(ctx, 'timelineEvent', args.eventId, incident.id);
    if (taken) return taken;
    const event = timelineEvent(ctx, incident, {
      id: args.eventId,
      kind: 'response',
      at: args.at,
      body: args.body,
      visibility: args.visibility ?? 'customer',
      isAnswer: args.isAnswer,
    });
    if (args.isAnswer && incident.firstResponseAt === null) {
      // The first answer settles the response SLA, once.
      const updated = touch(incident, ctx, { firstResponseAt: utc(args.at) });
      return accept({ entity: 'incident', row: updated }, { entity: 'timelineEvent', row: event });
    }
    return accept({ entity: 'timelineEvent', row: event });
  },
);
