// Signature releases and private patches: the stage each was in at the end of a period, and
// which ones are still in progress.
import { localDateOf, parseInstant } from '../sla/index';
import { PatchStageSchema, SignatureStageSchema } from '../model/entities';
import type { Request, RequestStage, RequestType, StageChange } from '../model/entities';
import type { CustomerContext } from './context';
import type { DatePeriod } from './period';

export const REQUEST_TYPES: readonly RequestType[] = ['signature_release', 'private_patch'];

/** Each workflow's stages in workflow order (docs/domain.md, "Request workflows"). */
export const REQUEST_STAGES: Record<RequestType, readonly RequestStage[]> = {
  signature_release: SignatureStageSchema.options,
  private_patch: PatchStageSchema.options,
};

/**
 * Stages after which nothing is owed to the customer: the customer was notified of the
 * release, the patch was declined or delivered (its later inclusion in a public patch is
 * information, not work in progress).
 */
export const COMPLETED_STAGES: ReadonlySet<RequestStage> = new Set<RequestStage>([
  'customer_notified',
  'declined',
  'delivered',
  'included_in_public_patch',
]);

export function isInProgress(stage: RequestStage): boolean {
  return !COMPLETED_STAGES.has(stage);
}

export interface DatedStageChange {
  stage: RequestStage;
  at: string;
  /** The customer's local date of `at`. */
  date: string;
}

/** The stage history with local dates, in time order (ties keep list order); changes after `now` left out. */
export function datedHistory(ctx: CustomerContext, request: Request): DatedStageChange[] {
  const rows: Array<DatedStageChange & { ms: number; i: number }> = [];
  request.stageHistory.forEach((change: StageChange, i) => {
    const ms = parseInstant(change.at);
    if (Number.isNaN(ms) || ms > ctx.nowMs) return;
    rows.push({ stage: change.stage, at: change.at, date: localDateOf(ctx.calendar, ms), ms, i });
  });
  rows.sort((a, b) => a.ms - b.ms || a.i - b.i);
  return rows.map(({ stage, at, date }) => ({ stage, at, date }));
}

/** The stage at the end of local date `before - 1` (i.e. before `before` starts); null if not yet submitted. */
export function stageBefore(history: readonly DatedStageChange[], before: string): RequestStage | null {
  let stage: RequestStage | null = null;
  for (const change of history) {
    if (change.date >= before) break;
    stage = change.stage;
  }
  return stage;
}

/** The customer's live requests (no tombstones, no other customer's rows). */
export function customerRequests(ctx: CustomerContext, requests: readonly Request[]): Request[] {
  return requests.filter((r) => !r.deleted && r.customerId === ctx.customer.id);
}

/**
 * Whether a request belongs in a period's view: submitted before the period ends and not
 * already completed before it started.
 */
export function activeInPeriod(history: readonly DatedStageChange[], period: DatePeriod): boolean {
  const atEnd = stageBefore(history, period.to);
  if (atEnd === null) return false;
  const atStart = stageBefore(history, period.from);
  return atStart === null || isInProgress(atStart);
}

export interface RequestStageCounts {
  type: RequestType;
  total: number;
  /** Every stage of the type's workflow, in order, zeros included. */
  stages: Array<{ stage: RequestStage; count: number }>;
}

/**
 * Requests of each type by the stage they were in at the end of the period (at `now` when the
 * period has not ended), counting those active in the period (see activeInPeriod).
 */
export function requestStageCounts(
  ctx: CustomerContext,
  requests: readonly Request[],
  period: DatePeriod,
): RequestStageCounts[] {
  const counts = new Map<RequestType, Map<RequestStage, number>>(
    REQUEST_TYPES.map((type) => [type, new Map(REQUEST_STAGES[type].map((s) => [s, 0]))]),
  );
  for (const request of customerRequests(ctx, requests)) {
    const history = datedHistory(ctx, request);
    if (!activeInPeriod(history, period)) continue;
    const stage = stageBefore(history, period.to) as RequestStage;
    const byStage = counts.get(request.type);
    // A stage outside the type's workflow is corrupt data; it is not counted.
    if (byStage?.has(stage)) byStage.set(stage, (byStage.get(stage) as number) + 1);
  }
  return REQUEST_TYPES.map((type) => {
    const byStage = counts.get(type) as Map<RequestStage, number>;
    const stages = REQUEST_STAGES[type].map((stage) => ({ stage, count: byStage.get(stage) as number }));
    return { type, total: stages.reduce((sum, s) => sum + s.count, 0), stages };
  });
}
