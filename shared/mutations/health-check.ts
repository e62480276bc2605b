// Health checks: schedule (date rule enforced by the SLA engine), record findings, complete.
import { z } from 'zod';
import {
  FIELD_LIMITS,
  FindingSeveritySchema,
  FindingStatusSchema,
  IdSchema,
  InstantSchema,
  LocalDateSchema,
} from '../model/entities';
import type { HealthCheck } from '../model/entities';
import { defineMutation } from './define';
import { customerToday, fresh, load, touch, utc } from './helpers';
import { rejectOutOfBounds } from './time-bounds';
import { checkHealthCheckDate } from './health-check-rule';
import { accept, reject } from './types';

export const healthCheckSchedule = defineMutation(
  z.object({
    /** A new id schedules a health check; the id of a scheduled one moves it. */
    id: IdSchema,
    customerId: IdSchema,
    /** The date the customer agreed the date and arrangements. */
    agreedOn: LocalDateSchema,
    /** The proposed business day (customer's local date). */
    scheduledDate: LocalDateSchema,
  }),
  async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    if (!customer.ok) return customer.result;
    const existing = await ctx.read.get('healthCheck', args.id);
    if (existing && (existing.deleted || existing.customerId !== args.customerId)) {
      return reject(
        'already_exists',
        `Health check id ${args.id} is already used; generate a new id and retry.`,
      );
    }
    if (existing && existing.status !== 'scheduled') {
      return reject(
        'invalid_transition',
        `This health check is ${existing.status}; schedule a new one instead of moving it.`,
      );
    }
    const others = (await ctx.read.listByCustomer('healthCheck', args.customerId)).filter(
      (h) => !h.deleted && h.status !== 'cancelled' && h.id !== args.id,
    );
    const verdict = checkHealthCheckDate({
      calendar: customer.row.calendar,
      contract: { start: customer.row.contractStart, end: customer.row.contractEnd },
      date: args.scheduledDate,
      agreedOn: args.agreedOn,
      existing: others.map((h) => ({ id: h.id, date: h.scheduledDate })),
      ...(existing ? { rescheduling: existing.id } : {}),
    });
    if (!verdict.ok) {
      const first = verdict.reasons[0];
      return reject(
        first?.code ?? 'rule_violation',
        `The health check cannot be on ${args.scheduledDate}: ${verdict.reasons.map((r) => r.message).join(' ')}`,
        first?.params,
      );
    }
    const row: HealthCheck = existing
      ? touch(existing, ctx, {
          agreedOn: args.agreedOn,
          scheduledDate: args.scheduledDate,
          // A move counts only when the date changes: the invitation's SEQUENCE. The server
          // re-runs this on its own row, so concurrent moves each count once, in its order.
          rescheduleCount:
            (existing.rescheduleCount ?? 0) + (existing.scheduledDate === args.scheduledDate ? 0 : 1),
        })
      : {
          ...fresh(args.id, ctx),
          customerId: args.customerId,
          agreedOn: args.agreedOn,
          scheduledDate: args.scheduledDate,
          status: 'scheduled',
          findings: [],
          completedAt: null,
          rescheduleCount: 0,
        };
    return accept({ entity: 'healthCheck', row });
  },
);

export const healthCheckRecordFinding = defineMutation(
  z.object({
    healthCheckId: IdSchema,
    /** A new id adds a finding; the id of a recorded one updates it (e.g. its status). */
    findingId: IdSchema,
    area: z.string().trim().min(1).max(FIELD_LIMITS.name),
    finding: z.string().trim().min(1).max(FIELD_LIMITS.findingText),
    severity: FindingSeveritySchema,
    recommendation: z
      .string()
      .trim()
      .min(1, 'Every finding needs a recommendation')
      .max(FIELD_LIMITS.findingText),
    status: FindingStatusSchema.optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'healthCheck', args.healthCheckId);
    if (!loaded.ok) return loaded.result;
    const check = loaded.row;
    if (check.status === 'cancelled') {
      return reject(
        'invalid_transition',
        'This health check was cancelled; record findings on the health check that took place.',
      );
    }
    const finding = {
      id: args.findingId,
      area: args.area,
      finding: args.finding,
      severity: args.severity,
      recommendation: args.recommendation,
      status: args.status ?? 'open',
    };
    const known = check.findings.some((f) => f.id === args.findingId);
    const findings = known
      ? check.findings.map((f) => (f.id === args.findingId ? finding : f))
      : [...check.findings, finding];
    return accept({ entity: 'healthCheck', row: touch(check, ctx, { findings }) });
  },
);

export const healthCheckComplete = defineMutation(
  z.object({
    healthCheckId: IdSchema,
    completedAt: InstantSchema.optional(),
  }),
  async (args, ctx) => {
    const loaded = await load(ctx, 'healthCheck', args.healthCheckId);
    if (!loaded.ok) return loaded.result;
    const check = loaded.row;
    if (check.status !== 'scheduled') {
      return reject('invalid_transition', `This health check is already ${check.status}.`);
    }
    if (check.findings.length === 0) {
      return reject(
        'rule_violation',
        'Record at least one finding (with its recommendation) before completing the health check.',
      );
    }
    const customer = await load(ctx, 'customer', check.customerId);
    if (!customer.ok) return customer.result;
    if (customerToday(ctx, customer.row) < check.scheduledDate) {
      return reject(
        'rule_violation',
        `The health check is scheduled for ${check.scheduledDate}; complete it on or after that day.`,
      );
    }
    const completedAt = args.completedAt ?? ctx.now;
    const outOfBounds = rejectOutOfBounds(
      'The completion time (completedAt)',
      completedAt,
      ctx,
      customer.row,
    );
    if (outOfBounds) return outOfBounds;
    return accept({
      entity: 'healthCheck',
      row: touch(check, ctx, { status: 'completed', completedAt: utc(completedAt) }),
    });
  },
);
