// The quarter-over-quarter comparison in words, in the report's language: which figures
// improved and which got worse, each with its two values. Built from the model's figures only
// (shared/analytics comparison); nothing is invented.
import { improvementsAndSetbacks } from '../../../shared/analytics/index';
import type { FigureChange, PeriodComparison } from '../../../shared/analytics/index';
import type { ReportFormat } from '../report-pdf';

/** A figure's value as the report shows it (a percentage for SLA met, else a count). */
export function figureValue(
  f: Pick<FigureChange, 'key'>,
  value: number | null,
  format: ReportFormat,
): string {
  if (f.key === 'slaMetPct') return format.pct(value);
  return value === null ? format.pct(null) : format.count(value);
}

/** The signed change as the report shows it. */
export function figureChange(f: FigureChange, format: ReportFormat): string {
  if (f.change === null) return format.pct(null);
  const sign = f.change > 0 ? '+' : f.change < 0 ? '−' : '±';
  const abs = Math.abs(f.change);
  return `${sign}${f.key === 'slaMetPct' ? `${abs.toFixed(1)} pt` : format.count(abs)}`;
}

/** One or two sentences: what improved, what got worse (or that nothing did). */
export function comparisonSentences(comparison: PeriodComparison, format: ReportFormat): string[] {
  const l = format.t;
  const item = (f: FigureChange) =>
    l('comparison.item', {
      figure: l(`comparison.figures.${f.key}`),
      previous: figureValue(f, f.previous, format),
      current: figureValue(f, f.current, format),
    });
  const { improved, worsened } = improvementsAndSetbacks(comparison.figures);
  const out: string[] = [];
  const sep = l('comparison.separator');
  if (improved.length > 0) out.push(l('comparison.improved', { items: improved.map(item).join(sep) }));
  if (worsened.length > 0) out.push(l('comparison.worsened', { items: worsened.map(item).join(sep) }));
  if (out.length === 0) out.push(l('comparison.steady'));
  return out;
}
