// The facts of the health rating, derived from the synced rows of one customer as they stood
// at `now`. Each comes from its one home: SLA results, breaches, open incidents, the next
// health check and the overdue quarterly reports from the portfolio row (shared/analytics),
// today's daily reports from the SLA engine (shared/sla), product support from
// shared/products/support. Nothing here re-derives a contract rule.
import type { SupportPolicy } from '../sla/index';
import { dailyReportStatus, localDateOf, parseInstant, SlaInputError } from '../sla/index';
import type { Customer, DeployedProduct, HealthCheck, Incident, Report, User } from '../model/entities';
import { isOpenStatus } from '../incidents/open';
import { portfolioRows } from '../analytics/portfolio';
import type { PortfolioRow } from '../analytics/portfolio';
import { supportState } from '../products/support';
import { assessHealth } from './rating';
import type { HealthAssessment, HealthFacts } from './rating';
import { HEALTH_WEIGHTS } from './weights';
import type { HealthWeights } from './weights';
import { liveRowsByCustomer } from '../customers/by-customer';

export interface HealthInput {
  customers: readonly Customer[];
  incidents: readonly Incident[];
  users: readonly User[];
  healthChecks: readonly HealthCheck[];
  reportLog: readonly Report[];
  deployedProducts: readonly DeployedProduct[];
  now: string;
  policies?: readonly SupportPolicy[];
}

const SERIOUS_FINDINGS = new Set(['high', 'critical']);

/** Today's daily reports of the customer's level-1 incidents that are overdue at `now`. */
function overdueDailyReports(
  customer: Customer,
  incidents: readonly Incident[],
  reports: readonly Report[],
  now: string,
): number {
  const nowMs = parseInstant(now);
  const level1 = incidents.filter((i) => i.severity === 1 && parseInstant(i.receivedAt) <= nowMs);
  if (level1.length === 0) return 0;
  const ids = new Set(level1.map((i) => i.id));
  try {
    const items = dailyReportStatus({
      calendar: customer.calendar,
      incidents: level1.map((i) => ({
        incidentId: i.id,
        severity: i.severity,
        receivedAt: i.receivedAt,
        // Closed as of now: the closure (resolvedAt, else the row's last change) not after now.
        closedAt: isOpenStatus(i.status) ? null : (i.resolvedAt ?? i.updatedAt),
      })),
      log: reports
        .filter((r) => r.kind === 'daily' && r.incidentId !== null && ids.has(r.incidentId))
        .filter((r) => parseInstant(r.sentAt) <= nowMs)
        .map((r) => ({ kind: 'daily' as const, incidentId: r.incidentId!, sentAt: r.sentAt, via: r.via })),
      now,
    });
    return items.filter((i) => i.status === 'overdue').length;
  } catch (e) {
    if (e instanceof SlaInputError) return 0;
    throw e;
  }
}

/** The health facts of one customer from its portfolio row and its other rows. */
export function healthFactsOf(
  row: PortfolioRow,
  customer: Customer,
  rows: {
    incidents: readonly Incident[];
    healthChecks: readonly HealthCheck[];
    reportLog: readonly Report[];
    deployedProducts: readonly DeployedProduct[];
  },
  now: string,
): HealthFacts {
  const today = localDateOf(customer.calendar, parseInstant(now));
  // The last health check held by today: its findings still needing work.
  let last: HealthCheck | undefined;
  for (const h of rows.healthChecks) {
    if (h.deleted || h.status !== 'completed' || h.scheduledDate > today) continue;
    if (last === undefined || h.scheduledDate > last.scheduledDate) last = h;
  }
  let openFindingsSerious = 0;
  let openFindingsOther = 0;
  for (const f of last?.findings ?? []) {
    if (f.status !== 'open' && f.status !== 'accepted') continue;
    if (SERIOUS_FINDINGS.has(f.severity)) openFindingsSerious += 1;
    else openFindingsOther += 1;
  }
  let versionsEnded = 0;
  let versionsEndingSoon = 0;
  for (const p of rows.deployedProducts) {
    if (p.deleted) continue;
    const state = supportState(p.supportEndsOn, today);
    if (state.status === 'ended') versionsEnded += 1;
    else if (state.status === 'ending_soon') versionsEndingSoon += 1;
  }
  return {
    slaMetPct: row.slaMetPct,
    breaches: row.breaches,
    dailyReportsOverdue: overdueDailyReports(customer, rows.incidents, rows.reportLog, now),
    quarterlyReportsOverdue: row.nextQuarterlyReport.overdueCount,
    openLevel1: row.openBySeverity[1],
    openLevel2: row.openBySeverity[2],
    openFindingsSerious,
    openFindingsOther,
    versionsEnded,
    versionsEndingSoon,
    healthCheckNotScheduled: row.nextHealthCheck.status === 'due',
  };
}

export interface CustomerHealth extends HealthAssessment {
  customerId: string;
  facts: HealthFacts;
}

/**
 * The health of every live customer at `now`, keyed by customer id. A customer whose calendar
 * the engine refuses is left out (its data cannot be read).
 */
export function customerHealth(
  input: HealthInput,
  weights: HealthWeights = HEALTH_WEIGHTS,
): Map<string, CustomerHealth> {
  const incidents = liveRowsByCustomer(input.incidents);
  const healthChecks = liveRowsByCustomer(input.healthChecks);
  const reports = liveRowsByCustomer(input.reportLog);
  const products = liveRowsByCustomer(input.deployedProducts);
  const out = new Map<string, CustomerHealth>();
  for (const customer of input.customers) {
    if (customer.deleted) continue;
    const mine = {
      incidents: incidents.get(customer.id) ?? [],
      healthChecks: healthChecks.get(customer.id) ?? [],
      reportLog: reports.get(customer.id) ?? [],
      deployedProducts: products.get(customer.id) ?? [],
    };
    let row: PortfolioRow | undefined;
    try {
      [row] = portfolioRows({
        customers: [customer],
        incidents: mine.incidents,
        users: input.users,
        healthChecks: mine.healthChecks,
        reportLog: mine.reportLog,
        now: input.now,
        ...(input.policies ? { policies: input.policies } : {}),
      });
    } catch (e) {
      if (e instanceof SlaInputError) continue;
      throw e;
    }
    if (!row) continue;
    const facts = healthFactsOf(row, customer, mine, input.now);
    out.set(customer.id, { customerId: customer.id, facts, ...assessHealth(facts, weights) });
  }
  return out;
}
