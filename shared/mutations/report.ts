// The report log: a report sent to the customer. A daily report of a level-1 incident is also
// recorded on that incident's timeline, with how it was sent.
import { z } from 'zod';
import {
  FIELD_LIMITS,
  IdSchema,
  InstantSchema,
  LocalDateSchema,
  ReportKindSchema,
  ReportViaSchema,
} from '../model/entities';
import type { Report } from '../model/entities';
import { defineMutation } from './define';
import { quarterHasEnded } from '../sla/index';
import { customerToday, ensureNew, fresh, load, timelineEvent, utc } from './helpers';
import { rejectOutOfBounds } from './time-bounds';
import type { Write } from './types';
import { accept, reject } from './types';

export const reportLogSent = defineMutation(
  z.object({
    id: IdSchema,
    customerId: IdSchema,
    kind: ReportKindSchema,
    periodStart: LocalDateSchema,
    periodEnd: LocalDateSchema,
    sentAt: InstantSchema,
    via: ReportViaSchema,
    /** Required for a daily report: the level-1 incident it reports on. */
    incidentId: IdSchema.optional(),
    /** Required with incidentId: id of the timeline event that records the report. */
    eventId: IdSchema.optional(),
    note: z.string().max(FIELD_LIMITS.reportNote).optional(),
  }),
  async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    if (!customer.ok) return customer.result;
    const taken = await ensureNew(ctx, 'report', args.id);
    if (taken) return taken;
    if (args.periodEnd < args.periodStart) {
      return reject(
        'rule_violation',
        `The period ends (${args.periodEnd}) before it starts (${args.periodStart}); correct the dates.`,
      );
    }
    if (args.kind === 'quarterly') {
      // A quarterly report covers a whole quarter: it cannot have been sent while the quarter runs.
      const today = customerToday(ctx, customer.row);
      if (!quarterHasEnded({ end: args.periodEnd }, today)) {
        return reject(
          'period_not_ended',
          `The quarter ${args.periodStart} – ${args.periodEnd} is still running (it is ${today} for the customer); log its report as sent after the quarter has ended.`,
        );
      }
    }
    const outOfBounds = rejectOutOfBounds(
      'The time the report was sent (sentAt)',
      args.sentAt,
      ctx,
      customer.row,
    );
    if (outOfBounds) return outOfBounds;
    if (args.kind === 'daily' && args.incidentId === undefined) {
      return reject('rule_violation', 'A daily report is about one level-1 incident; give its incidentId.');
    }
    const writes: Write[] = [];
    if (args.incidentId !== undefined) {
      const incident = await load(ctx, 'incident', args.incidentId);
      if (!incident.ok) return incident.result;
      if (incident.row.customerId !== args.customerId) {
        return reject(
          'rule_violation',
          'The incident belongs to another customer; pick an incident of this customer.',
        );
      }
      if (args.kind === 'daily' && incident.row.severity !== 1) {
        return reject(
          'rule_violation',
          `Daily reports are for level-1 incidents; this incident is level ${incident.row.severity}.`,
        );
      }
      if (args.eventId === undefined) {
        return reject('invalid_args', 'Give an eventId: the report is recorded on the incident timeline.');
      }
      const eventTaken = await ensureNew(ctx, 'timelineEvent', args.eventId, incident.row.id);
      if (eventTaken) return eventTaken;
      writes.push({
        entity: 'timelineEvent',
        row: timelineEvent(ctx, incident.row, {
          id: args.eventId,
          kind: 'report_sent',
          at: args.sentAt,
          body: args.note ?? '',
          visibility: 'customer',
          meta: { reportId: args.id, reportKind: args.kind, via: args.via },
        }),
      });
    }
    const report: Report = {
      ...fresh(args.id, ctx),
      customerId: args.customerId,
      kind: args.kind,
      periodStart: args.periodStart,
      periodEnd: args.periodEnd,
      sentAt: utc(args.sentAt),
      via: args.via,
      incidentId: args.incidentId ?? null,
      authorId: ctx.actor.id,
      note: args.note ?? null,
    };
    return accept({ entity: 'report', row: report }, ...writes);
  },
);
