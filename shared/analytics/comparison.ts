// Quarter over quarter: the figures of a period beside those of the period before it, each
// with its change and whether that is an improvement (the direction of each figure is data
// below). The quarterly report's summary and the manager's portfolio both read this; the
// words are the renderer's, built from these figures only. Open findings are not compared:
// a finding keeps no history of its status, so its count of an earlier period is unknown.
import type { QuarterlySchedule } from '../sla/index';
import type { SummarySection } from '../reports/quarterly/report';
import { addDays, dayNumber } from './period';
import type { DatePeriod } from './period';

export const COMPARED_FIGURES = [
  'received',
  'receivedLevel1',
  'resolved',
  'slaMetPct',
  'breaches',
  'openAtEnd',
] as const;
export type ComparedFigure = (typeof COMPARED_FIGURES)[number];

/** Which way is better for each figure; 'neutral' figures change but neither improve nor worsen. */
export const FIGURE_DIRECTION: Record<ComparedFigure, 'higher' | 'lower' | 'neutral'> = {
  received: 'neutral',
  receivedLevel1: 'lower',
  resolved: 'neutral',
  slaMetPct: 'higher',
  breaches: 'lower',
  openAtEnd: 'lower',
};

export type PeriodFigures = Record<ComparedFigure, number | null>;

export type ChangeTrend = 'improved' | 'worsened' | 'unchanged' | 'changed' | 'not_comparable';

export interface FigureChange {
  key: ComparedFigure;
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is null. */
  change: number | null;
  trend: ChangeTrend;
}

export interface PeriodComparison {
  previousPeriod: DatePeriod;
  figures: FigureChange[];
}

/** The figures of a summary section. */
export function figuresOfSummary(s: Omit<SummarySection, 'comparison'>): PeriodFigures {
  return {
    received: s.incidents.received,
    receivedLevel1: s.incidents.receivedBySeverity[1],
    resolved: s.incidents.resolved,
    slaMetPct: s.sla.metPct === null ? null : Math.round(s.sla.metPct * 10) / 10,
    breaches: s.sla.missed + s.sla.breached,
    openAtEnd: s.incidents.openAtEnd,
  };
}

export function compareFigures(
  current: Partial<PeriodFigures>,
  previous: Partial<PeriodFigures>,
  keys: readonly ComparedFigure[] = COMPARED_FIGURES,
): FigureChange[] {
  return keys.map((key) => {
    const c = current[key] ?? null;
    const p = previous[key] ?? null;
    if (c === null || p === null)
      return { key, current: c, previous: p, change: null, trend: 'not_comparable' };
    const change = Math.round((c - p) * 10) / 10;
    const direction = FIGURE_DIRECTION[key];
    const trend: ChangeTrend =
      change === 0
        ? 'unchanged'
        : direction === 'neutral'
          ? 'changed'
          : change > 0 === (direction === 'higher')
            ? 'improved'
            : 'worsened';
    return { key, current: c, previous: p, change, trend };
  });
}

/**
 * The period before a period: the previous contract quarter when the period is one (and not the
 * first); else as many whole months before when it runs from a 1st to a 1st (a calendar
 * quarter, a month); else the same number of days before.
 */
export function previousPeriod(period: DatePeriod, schedule?: QuarterlySchedule): DatePeriod {
  if (schedule) {
    const i = schedule.periods.findIndex((p) => p.start === period.from && p.endExclusive === period.to);
    const prev = i > 0 ? schedule.periods[i - 1] : undefined;
    if (prev) return { from: prev.start, to: prev.endExclusive };
  }
  if (period.from.endsWith('-01') && period.to.endsWith('-01')) {
    const months = (y: string) => Number(y.slice(0, 4)) * 12 + Number(y.slice(5, 7)) - 1;
    const span = months(period.to) - months(period.from);
    const start = months(period.from) - span;
    const from = `${String(Math.floor(start / 12)).padStart(4, '0')}-${String((start % 12) + 1).padStart(2, '0')}-01`;
    return { from, to: period.from };
  }
  const days = dayNumber(period.to) - dayNumber(period.from);
  return { from: addDays(period.from, -days), to: period.from };
}

/** The changes that improved and those that got worse, in figure order (for the summary in words). */
export function improvementsAndSetbacks(figures: readonly FigureChange[]): {
  improved: FigureChange[];
  worsened: FigureChange[];
} {
  return {
    improved: figures.filter((f) => f.trend === 'improved'),
    worsened: figures.filter((f) => f.trend === 'worsened'),
  };
}
