// Static SVG charts of the customer reports. The report is printed to PDF (in Chromium's
// print path or a hidden window with JavaScript off) and rendered to static markup, so its
// charts are plain SVG computed here, with no layout measuring or effects. Each chart is an
// image with a name (role="img" + <title>); the numbers are in the tables beside it.
import { useId } from 'react';

export interface ChartSeries {
  label: string;
  color: string;
  values: readonly number[];
}

export const SEVERITY_COLORS = { 1: '#b3261e', 2: '#c86a12', 3: '#0b5cad', 4: '#5f6b7a' } as const;
export const OUTCOME_COLORS = { met: '#1e7d32', missed: '#c86a12', breached: '#b3261e' } as const;

const FONT = 11;

/** A round upper bound for the y axis, and its tick step (at most five ticks). */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const stepInt = Math.max(1, step);
  return { top: Math.ceil(max / stepInt) * stepInt, step: stepInt };
}

function Legend({
  items,
  y,
  x0,
}: {
  items: ReadonlyArray<{ label: string; color: string; dashed?: boolean }>;
  y: number;
  x0: number;
}) {
  let x = x0;
  return (
    <g>
      {items.map((item) => {
        const at = x;
        // Wide enough for Japanese labels (about one em per character).
        x += 24 + item.label.length * (FONT * 0.95) + 12;
        return (
          <g key={item.label}>
            {item.dashed ? (
              <line
                x1={at}
                x2={at + 16}
                y1={y - 4}
                y2={y - 4}
                stroke={item.color}
                strokeWidth={2}
                strokeDasharray="4 3"
              />
            ) : (
              <rect x={at} y={y - 10} width={12} height={12} fill={item.color} />
            )}
            <text x={at + 20} y={y} fontSize={FONT}>
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Stacked bars per category (months), one colour per series. */
export function StackedBarChart({
  title,
  categories,
  series,
  width = 640,
  height = 220,
}: {
  title: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  width?: number;
  height?: number;
}) {
  const titleId = useId();
  const left = 40;
  const right = 10;
  const top = 10;
  const bottom = 50;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const { top: yTop, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => top + plotH - (v / yTop) * plotH;
  const slot = categories.length === 0 ? plotW : plotW / categories.length;
  const barW = Math.min(48, slot * 0.6);
  const ticks: number[] = [];
  for (let v = 0; v <= yTop; v += step) ticks.push(v);
  return (
    <svg
      className="rpt-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
    >
      <title id={titleId}>{title}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={left}
            x2={width - right}
            y1={y(v)}
            y2={y(v)}
            stroke="#d9dde3"
            strokeWidth={v === 0 ? 1.5 : 0.75}
          />
          <text x={left - 6} y={y(v) + 4} fontSize={FONT} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {categories.map((category, i) => {
        const cx = left + slot * i + slot / 2;
        let base = 0;
        return (
          <g key={category}>
            {series.map((s) => {
              const v = s.values[i] ?? 0;
              const y0 = y(base);
              base += v;
              const y1 = y(base);
              return v > 0 ? (
                <rect key={s.label} x={cx - barW / 2} y={y1} width={barW} height={y0 - y1} fill={s.color} />
              ) : null;
            })}
            <text x={cx} y={top + plotH + 14} fontSize={FONT} textAnchor="middle">
              {category}
            </text>
          </g>
        );
      })}
      <Legend items={series} y={height - 8} x0={left} />
    </svg>
  );
}

export interface TargetBarsRow {
  label: string;
  /** Values as percentages of the target; null when nothing was measured. */
  values: ReadonlyArray<number | null>;
}

/**
 * Horizontal bars of values as a percentage of their target, one group per row, with the
 * target (100 %) drawn as a dashed line: the response times against each level's target.
 */
export function TargetBarChart({
  title,
  rows,
  series,
  targetLabel,
  noDataLabel,
  width = 640,
}: {
  title: string;
  rows: readonly TargetBarsRow[];
  series: ReadonlyArray<{ label: string; color: string }>;
  targetLabel: string;
  noDataLabel: string;
  width?: number;
}) {
  const titleId = useId();
  const left = 150;
  const right = 50;
  const top = 8;
  const barH = 10;
  const groupH = series.length * (barH + 3) + 10;
  const height = top + rows.length * groupH + 44;
  const max = Math.max(200, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const scaleTop = Math.ceil(max / 50) * 50;
  const plotW = width - left - right;
  const x = (pct: number) => left + (Math.min(pct, scaleTop) / scaleTop) * plotW;
  const axisY = top + rows.length * groupH;
  const ticks = [0, 50, 100, 150, 200].filter((t) => t <= scaleTop).concat(scaleTop > 200 ? [scaleTop] : []);
  return (
    <svg
      className="rpt-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
    >
      <title id={titleId}>{title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={axisY} stroke="#d9dde3" strokeWidth={0.75} />
          <text x={x(t)} y={axisY + 14} fontSize={FONT} textAnchor="middle">
            {`${t}%`}
          </text>
        </g>
      ))}
      {rows.map((row, r) => {
        const gy = top + r * groupH + 5;
        const none = row.values.every((v) => v === null);
        return (
          <g key={row.label}>
            <text x={left - 8} y={gy + groupH / 2 - 2} fontSize={FONT} textAnchor="end">
              {row.label}
            </text>
            {none ? (
              <text x={left + 6} y={gy + groupH / 2 - 2} fontSize={FONT} fill="#5b6473">
                {noDataLabel}
              </text>
            ) : (
              series.map((s, i) => {
                const v = row.values[i] ?? null;
                if (v === null) return null;
                const by = gy + i * (barH + 3);
                return (
                  <g key={s.label}>
                    <rect x={left} y={by} width={Math.max(1, x(v) - left)} height={barH} fill={s.color} />
                    <text x={x(v) + 4} y={by + barH - 1} fontSize={FONT - 1}>
                      {`${Math.round(v)}%`}
                    </text>
                  </g>
                );
              })
            )}
          </g>
        );
      })}
      <line
        x1={x(100)}
        x2={x(100)}
        y1={top}
        y2={axisY}
        stroke="#1d2330"
        strokeWidth={1.5}
        strokeDasharray="4 3"
      />
      <Legend
        items={[...series, { label: targetLabel, color: '#1d2330', dashed: true }]}
        y={height - 8}
        x0={left}
      />
    </svg>
  );
}
