// The mutation registry and its single entry point, used by the app (optimistic, on the
// replica) and by the server (authoritative, on SQL).
import type { z } from 'zod';
import { describeIssues } from '../model/issues';
import type { MutationDefinition } from './define';
import {
  contactRemove,
  contactUpsert,
  customerArchive,
  customerCreate,
  deployedProductRemove,
  deployedProductUpsert,
} from './account';
import { absenceRemove, absenceUpsert, dutyShiftRemove, dutyShiftUpsert } from './coverage';
import { alertAcknowledge, alertMarkRead } from './alert';
import { customerUpdate } from './customer';
import { healthCheckComplete, healthCheckRecordFinding, healthCheckSchedule } from './health-check';
import { incidentCreate, incidentRecordResponse, incidentSetSeverity, incidentSetStatus } from './incident';
import { reportLogSent } from './report';
import { replyTemplateCreate, replyTemplateDelete, replyTemplateUpdate } from './reply-template';
import { requestAdvance, requestCreate } from './request';
import { savedViewCreate, savedViewDelete, savedViewRename, savedViewUpdate } from './saved-view';
import { timelineAppend } from './timeline';
import type { MutationContext, MutationResult } from './types';
import { reject } from './types';

export * from './types';
export { INCIDENT_TRANSITIONS } from './incident';
export { REQUEST_WORKFLOWS, INITIAL_STAGE } from './request';
export { CLOCK_SKEW_MS } from './helpers';
export { savedViewNameKey } from './saved-view';
export { TIME_OUT_OF_RANGE, MAX_PAST_DAYS, MAX_FUTURE_MS, timeBounds, checkTimeBounds } from './time-bounds';
export type { TimeBound, TimeBounds, TimeBoundsViolation } from './time-bounds';

export const MUTATIONS = {
  'incident.create': incidentCreate,
  'incident.setSeverity': incidentSetSeverity,
  'incident.setStatus': incidentSetStatus,
  'incident.recordResponse': incidentRecordResponse,
  'timeline.append': timelineAppend,
  'request.create': requestCreate,
  'request.advance': requestAdvance,
  'healthCheck.schedule': healthCheckSchedule,
  'healthCheck.recordFinding': healthCheckRecordFinding,
  'healthCheck.complete': healthCheckComplete,
  'report.logSent': reportLogSent,
  'customer.update': customerUpdate,
  'alert.markRead': alertMarkRead,
  'alert.acknowledge': alertAcknowledge,
  'customer.create': customerCreate,
  'customer.archive': customerArchive,
  'contact.upsert': contactUpsert,
  'contact.remove': contactRemove,
  'deployedProduct.upsert': deployedProductUpsert,
  'deployedProduct.remove': deployedProductRemove,
  'absence.upsert': absenceUpsert,
  'absence.remove': absenceRemove,
  'dutyShift.upsert': dutyShiftUpsert,
  'dutyShift.remove': dutyShiftRemove,
  'replyTemplate.create': replyTemplateCreate,
  'replyTemplate.update': replyTemplateUpdate,
  'replyTemplate.delete': replyTemplateDelete,
  'savedView.create': savedViewCreate,
  'savedView.rename': savedViewRename,
  'savedView.update': savedViewUpdate,
  'savedView.delete': savedViewDelete,
} as const;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

/** The zod schema of each mutation's arguments. */
export const MUTATION_ARG_SCHEMAS: { [N in MutationName]: (typeof MUTATIONS)[N]['args'] } =
  Object.fromEntries(MUTATION_NAMES.map((n) => [n, MUTATIONS[n].args])) as {
    [N in MutationName]: (typeof MUTATIONS)[N]['args'];
  };

export type MutationArgs<N extends MutationName> = z.input<(typeof MUTATIONS)[N]['args']>;

/** Whether the server's scope check may skip the customers of the rows this mutation writes (see MutationOptions). */
export function writesBeyondScope(name: MutationName): boolean {
  return (MUTATIONS[name] as MutationDefinition).writesBeyondScope === true;
}

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATIONS, name);
}

/**
 * Validates the arguments and runs the mutation's logic against the read port. Returns the
 * rows to write, or a rejection `{ code, message }` the user can act on. Never throws for bad
 * input; a throwing read port propagates.
 */
export async function applyMutation(
  name: string,
  args: unknown,
  ctx: MutationContext,
): Promise<MutationResult> {
  if (!isMutationName(name)) {
    return reject('unknown_mutation', `Unknown mutation '${name}'; known: ${MUTATION_NAMES.join(', ')}.`);
  }
  const def = MUTATIONS[name] as MutationDefinition;
  const parsed = def.args.safeParse(args);
  if (!parsed.success) {
    return reject('invalid_args', `Invalid arguments for ${name}: ${describeIssues(parsed.error)}.`);
  }
  return def.run(parsed.data, ctx);
}
