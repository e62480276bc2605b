// The request workflows as the views show them: the stages of each type in order, the
// stages allowed next (shared/mutations REQUEST_WORKFLOWS, the same rule request.advance
// applies), and the board: requests grouped by type and stage, prioritised first.
import { PatchStageSchema, SignatureStageSchema } from '../../../shared/model/entities';
import type { Request, RequestStage, RequestType } from '../../../shared/model/entities';
import { REQUEST_WORKFLOWS } from '../../../shared/mutations';

export const REQUEST_TYPES: readonly RequestType[] = ['signature_release', 'private_patch'];

/** Every stage of a type, in workflow order. */
export const STAGES: Record<RequestType, readonly RequestStage[]> = {
  signature_release: SignatureStageSchema.options,
  private_patch: PatchStageSchema.options,
};

/** The stages a request may move to from where it is now; [] at a final stage. */
export function nextStages(request: Pick<Request, 'type' | 'stage'>): readonly RequestStage[] {
  return REQUEST_WORKFLOWS[request.type][request.stage] ?? [];
}

export function isFinalStage(request: Pick<Request, 'type' | 'stage'>): boolean {
  return nextStages(request).length === 0;
}

/** Prioritised (MSA Enterprise) first, then the most recently changed. */
export function compareRequests(a: Request, b: Request): number {
  if (a.priority !== b.priority) return a.priority === 'prioritised' ? -1 : 1;
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

export interface BoardColumn {
  stage: RequestStage;
  requests: Request[];
}

export interface BoardLane {
  type: RequestType;
  columns: BoardColumn[];
  total: number;
}

export interface BoardFilter {
  customerId?: string;
  type?: RequestType;
}

/** The requests by type (lanes) and stage (columns, every stage shown even when empty). */
export function requestBoard(requests: readonly Request[], filter: BoardFilter = {}): BoardLane[] {
  const shown = requests.filter(
    (r) => !r.deleted && (filter.customerId === undefined || r.customerId === filter.customerId),
  );
  return REQUEST_TYPES.filter((type) => filter.type === undefined || filter.type === type).map((type) => {
    const ofType = shown.filter((r) => r.type === type);
    return {
      type,
      total: ofType.length,
      columns: STAGES[type].map((stage) => ({
        stage,
        requests: ofType.filter((r) => r.stage === stage).sort(compareRequests),
      })),
    };
  });
}

/** When the request reached its current stage. */
export function stageSince(request: Pick<Request, 'stageHistory' | 'stage'>): string | null {
  for (let i = request.stageHistory.length - 1; i >= 0; i--) {
    const change = request.stageHistory[i];
    if (change && change.stage === request.stage) return change.at;
  }
  return null;
}
