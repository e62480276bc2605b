// Quarter over quarter in the portfolio: each customer's current contract quarter beside the
// quarter before it (SLA met %, breaches, incidents received), from the same facts and rules as
// the portfolio row and the quarterly report.
import type { SupportPolicy } from '../sla/index';
import { SlaInputError } from '../sla/index';
import type { Customer, Incident, Report } from '../model/entities';
import { compareFigures, previousPeriod } from './comparison';
import type { FigureChange, PeriodFigures } from './comparison';
import { customerContext } from './context';
import { incidentFacts } from './incident-facts';
import type { IncidentFacts } from './incident-facts';
import { inPeriod } from './period';
import type { DatePeriod } from './period';
import { currentQuarter, customerQuarterlySchedule, quarterPeriod } from './schedule';

export const PORTFOLIO_COMPARED = ['slaMetPct', 'breaches', 'received'] as const;

function figuresIn(facts: readonly IncidentFacts[], period: DatePeriod): Partial<PeriodFigures> {
  let met = 0;
  let decided = 0;
  let breaches = 0;
  let received = 0;
  for (const f of facts) {
    if (inPeriod(f.receivedDate, period)) received += 1;
    const o = f.outcome;
    if (o === null || !inPeriod(o.date, period)) continue;
    decided += 1;
    if (o.kind === 'met') met += 1;
    else breaches += 1;
  }
  return {
    slaMetPct: decided === 0 ? null : Math.round((met / decided) * 1000) / 10,
    breaches,
    received,
  };
}

export interface PortfolioComparisonRow {
  customerId: string;
  period: DatePeriod;
  previousPeriod: DatePeriod;
  figures: FigureChange[];
}

/** Each live customer's current contract quarter against the one before, by customer id. */
export function portfolioComparison(input: {
  customers: readonly Customer[];
  incidents: readonly Incident[];
  reportLog: readonly Report[];
  now: string;
  policies?: readonly SupportPolicy[];
}): Map<string, PortfolioComparisonRow> {
  const byCustomer = new Map<string, Incident[]>();
  for (const i of input.incidents) {
    if (i.deleted) continue;
    const list = byCustomer.get(i.customerId);
    if (list) list.push(i);
    else byCustomer.set(i.customerId, [i]);
  }
  const out = new Map<string, PortfolioComparisonRow>();
  for (const customer of input.customers) {
    if (customer.deleted) continue;
    try {
      const ctx = customerContext(customer, input.now, input.policies);
      const schedule = customerQuarterlySchedule(ctx, input.reportLog);
      const period = quarterPeriod(currentQuarter(schedule, ctx.today));
      const before = previousPeriod(period, schedule);
      const facts = incidentFacts(ctx, byCustomer.get(customer.id) ?? []);
      out.set(customer.id, {
        customerId: customer.id,
        period,
        previousPeriod: before,
        figures: compareFigures(figuresIn(facts, period), figuresIn(facts, before), PORTFOLIO_COMPARED),
      });
    } catch (e) {
      if (e instanceof SlaInputError) continue;
      throw e;
    }
  }
  return out;
}
