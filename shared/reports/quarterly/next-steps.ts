// Next steps derived from the state at `now`: what is still open for the customer, in the
// order a reader acts on it (incidents by level, findings by severity, requests, health check).
import { parseInstant } from '../../sla/index';
import type { SlaState } from '../../sla/index';
import type {
  FindingSchema,
  HealthCheck,
  IncidentStatus,
  Request,
  RequestStage,
  RequestType,
  Severity,
} from '../../model/entities';
import type { z } from 'zod';
import type { CustomerContext } from '../../analytics/context';
import type { IncidentFacts } from '../../analytics/incident-facts';
import { customerRequests, isInProgress } from '../../analytics/requests';
import type { NextHealthCheck } from '../../analytics/schedule';

type FindingSeverity = z.infer<typeof FindingSchema>['severity'];

export type NextStep =
  | {
      kind: 'open_incident';
      incidentId: string;
      title: string;
      severity: Severity;
      status: IncidentStatus;
      slaState: SlaState | null;
      /** The response due time while unanswered; null once answered. */
      responseDueAt: string | null;
    }
  | {
      kind: 'open_finding';
      healthCheckId: string;
      findingId: string;
      area: string;
      severity: FindingSeverity;
      status: 'open' | 'accepted';
      recommendation: string;
    }
  | { kind: 'request_in_progress'; requestId: string; type: RequestType; stage: RequestStage; title: string }
  | { kind: 'health_check'; next: Extract<NextHealthCheck, { status: 'scheduled' | 'due' }> };

export type NextStepKind = NextStep['kind'];

const FINDING_ORDER: Record<FindingSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** A finding still needs work while open, or accepted (agreed, not yet carried out). */
export function isOpenFinding(status: string): status is 'open' | 'accepted' {
  return status === 'open' || status === 'accepted';
}

export function openIncidentSteps(facts: readonly IncidentFacts[]): NextStep[] {
  return facts
    .filter((f) => f.closedMs === null)
    .sort((a, b) => a.incident.severity - b.incident.severity || a.receivedMs - b.receivedMs)
    .map((f) => ({
      kind: 'open_incident' as const,
      incidentId: f.incident.id,
      title: f.incident.title,
      severity: f.incident.severity,
      status: f.incident.status,
      slaState: f.sla?.state ?? null,
      responseDueAt: f.sla !== null && f.sla.remainingMs !== null ? f.sla.dueAt : null,
    }));
}

export function openFindingSteps(ctx: CustomerContext, healthChecks: readonly HealthCheck[]): NextStep[] {
  const steps: Array<Extract<NextStep, { kind: 'open_finding' }>> = [];
  for (const h of healthChecks) {
    if (h.deleted || h.customerId !== ctx.customer.id || h.status === 'cancelled') continue;
    for (const f of h.findings) {
      if (!isOpenFinding(f.status)) continue;
      steps.push({
        kind: 'open_finding',
        healthCheckId: h.id,
        findingId: f.id,
        area: f.area,
        severity: f.severity,
        status: f.status,
        recommendation: f.recommendation,
      });
    }
  }
  // Array.prototype.sort is stable: equal severities keep health-check and finding order.
  return steps.sort((a, b) => FINDING_ORDER[a.severity] - FINDING_ORDER[b.severity]);
}

const submittedMs = (r: Request): number => parseInstant(r.stageHistory[0]?.at ?? '') || 0;

export function requestSteps(
  ctx: CustomerContext,
  requests: readonly Request[],
  incidentId?: string,
): NextStep[] {
  return customerRequests(ctx, requests)
    .filter((r) => isInProgress(r.stage) && (incidentId === undefined || r.incidentId === incidentId))
    .sort((a, b) => submittedMs(a) - submittedMs(b))
    .map((r) => ({
      kind: 'request_in_progress' as const,
      requestId: r.id,
      type: r.type,
      stage: r.stage,
      title: r.title,
    }));
}

export function healthCheckStep(next: NextHealthCheck): NextStep[] {
  return next.status === 'scheduled' || next.status === 'due' ? [{ kind: 'health_check', next }] : [];
}
