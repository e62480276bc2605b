// The manager's portfolio: one row per customer with open incidents, this quarter's SLA
// results, the next health check and the next quarterly report; plus sorting and filtering.
import type { SupportPolicy } from '../sla/index';
import type {
  ContractTier,
  Customer,
  HealthCheck,
  Incident,
  Locale,
  Report,
  Severity,
  User,
} from '../model/entities';
import { customerContext } from './context';
import { incidentFacts } from './incident-facts';
import { inPeriod } from './period';
import type { DatePeriod } from './period';
import {
  currentQuarter,
  customerQuarterlySchedule,
  nextHealthCheck,
  nextQuarterlyReport,
  quarterPeriod,
} from './schedule';
import type { NextHealthCheck, NextQuarterlyReport } from './schedule';
import { zeroCounts } from './severity';
import type { BySeverity } from './severity';
import { liveRowsByCustomer } from '../customers/by-customer';

export interface PortfolioInput {
  customers: readonly Customer[];
  incidents: readonly Incident[];
  users: readonly User[];
  healthChecks: readonly HealthCheck[];
  reportLog: readonly Report[];
  now: string;
  policies?: readonly SupportPolicy[];
}

export interface PortfolioRow {
  customerId: string;
  customerNameJa: string;
  customerNameLatin: string;
  tamId: string;
  /** null when the TAM is not in the user directory. */
  tamName: string | null;
  tier: ContractTier;
  /** Open at `now`, by current level. */
  openBySeverity: BySeverity<number>;
  openTotal: number;
  /** The customer's current contract quarter: index and half-open local dates. */
  quarter: { index: number; period: DatePeriod };
  /** Outcomes that count in the quarter (met at the answer, missed/breached at the due time). */
  slaMet: number;
  slaDecided: number;
  /** slaMet / slaDecided × 100; null when nothing was decided this quarter. */
  slaMetPct: number | null;
  /** Open incidents breached at `now` (whenever due). */
  openBreached: number;
  /** Outcomes 'missed' due in the quarter. */
  missedThisQuarter: number;
  /** openBreached + missedThisQuarter. */
  breaches: number;
  nextHealthCheck: NextHealthCheck;
  nextQuarterlyReport: NextQuarterlyReport;
}

/** One row per live customer, in input order. */
export function portfolioRows(input: PortfolioInput): PortfolioRow[] {
  const incidents = liveRowsByCustomer(input.incidents);
  const healthChecks = liveRowsByCustomer(input.healthChecks);
  const reports = liveRowsByCustomer(input.reportLog);
  const userNames = new Map(input.users.filter((u) => !u.deleted).map((u) => [u.id, u.name]));

  return input.customers
    .filter((c) => !c.deleted)
    .map((customer) => {
      const ctx = customerContext(customer, input.now, input.policies);
      const schedule = customerQuarterlySchedule(ctx, reports.get(customer.id) ?? []);
      const quarter = currentQuarter(schedule, ctx.today);
      const period = quarterPeriod(quarter);

      const openBySeverity = zeroCounts();
      let slaMet = 0;
      let slaDecided = 0;
      let openBreached = 0;
      let missedThisQuarter = 0;
      for (const f of incidentFacts(ctx, incidents.get(customer.id) ?? [])) {
        if (f.closedMs === null) openBySeverity[f.incident.severity as Severity] += 1;
        const outcome = f.outcome;
        if (outcome?.kind === 'breached') openBreached += 1;
        if (outcome === null || !inPeriod(outcome.date, period)) continue;
        slaDecided += 1;
        if (outcome.kind === 'met') slaMet += 1;
        if (outcome.kind === 'missed') missedThisQuarter += 1;
      }
      return {
        customerId: customer.id,
        customerNameJa: customer.nameJa,
        customerNameLatin: customer.nameLatin,
        tamId: customer.tamId,
        tamName: userNames.get(customer.tamId) ?? null,
        tier: customer.contractTier,
        openBySeverity,
        openTotal: openBySeverity[1] + openBySeverity[2] + openBySeverity[3] + openBySeverity[4],
        quarter: { index: quarter.index, period },
        slaMet,
        slaDecided,
        slaMetPct: slaDecided === 0 ? null : (slaMet / slaDecided) * 100,
        openBreached,
        missedThisQuarter,
        breaches: openBreached + missedThisQuarter,
        nextHealthCheck: nextHealthCheck(ctx, healthChecks.get(customer.id) ?? []),
        nextQuarterlyReport: nextQuarterlyReport(schedule),
      };
    });
}

export interface PortfolioFilter {
  /** Keep the customers of these TAMs. */
  tamIds?: readonly string[];
  tiers?: readonly ContractTier[];
}

export function filterPortfolio(rows: readonly PortfolioRow[], filter: PortfolioFilter): PortfolioRow[] {
  const tams = filter.tamIds === undefined ? null : new Set(filter.tamIds);
  const tiers = filter.tiers === undefined ? null : new Set(filter.tiers);
  return rows.filter((r) => (tams === null || tams.has(r.tamId)) && (tiers === null || tiers.has(r.tier)));
}

export type PortfolioSortKey =
  | 'customer'
  | 'tam'
  | 'tier'
  | 'openTotal'
  | 'slaMetPct'
  | 'breaches'
  | 'nextHealthCheck'
  | 'nextReportDue';

export type SortDirection = 'asc' | 'desc';

type SortValue = string | number | null;

/** Health checks that need action first: due, then by date; none owed last. */
function healthCheckRank(h: NextHealthCheck): string | null {
  switch (h.status) {
    case 'due':
      return '0';
    case 'scheduled':
      return `1${h.date}`;
    case 'completed':
      return `2${h.date}`;
    case 'not_applicable':
      return null;
  }
}

function sortValue(row: PortfolioRow, key: PortfolioSortKey, locale: Locale): SortValue {
  switch (key) {
    case 'customer':
      return locale === 'ja' ? row.customerNameJa : row.customerNameLatin;
    case 'tam':
      return row.tamName;
    case 'tier':
      return row.tier;
    case 'openTotal':
      return row.openTotal;
    case 'slaMetPct':
      return row.slaMetPct;
    case 'breaches':
      return row.breaches;
    case 'nextHealthCheck':
      return healthCheckRank(row.nextHealthCheck);
    case 'nextReportDue':
      // The report owed first: an overdue one's date is before any upcoming due date.
      return row.nextQuarterlyReport.dueDate;
  }
}

/**
 * A sorted copy: stable, empty values (no data, no TAM name, nothing owed) last in both
 * directions, text compared in the locale's collation.
 */
export function sortPortfolio(
  rows: readonly PortfolioRow[],
  key: PortfolioSortKey,
  direction: SortDirection = 'asc',
  locale: Locale = 'ja',
): PortfolioRow[] {
  const collator = new Intl.Collator(locale);
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: sortValue(row, key, locale) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : collator.compare(String(a.v), String(b.v));
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map((x) => x.row);
}
