// The results: each measure with its baseline, ratio and goal; the machine they came from;
// a plain-text table for the terminal and the JSON written to bench/results/latest.json.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';

export interface Measure {
  key: string;
  label: string;
  /** The figure; null when it could not be measured (see note). */
  value: number | null;
  unit: string;
  baseline?: { label: string; value: number | null; unit: string };
  /** e.g. { value: 0.62, text: '0.62× raw bulkPut' } */
  ratio?: { value: number | null; text: string };
  goal?: { text: string; met: boolean | null };
  note?: string;
  /** 1-minute load average when the measure was taken. */
  load1?: number;
  details?: unknown;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

export function machine(chromium: string, loadAtStart: number[]): Machine {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1e8) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: loadAtStart.map((n) => Math.round(n * 100) / 100),
    loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

export function gitState(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString().trim()
        .length > 0;
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

// ---------------------------------------------------------------- formatting

export function fmt(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  const n =
    Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : Math.abs(value) >= 10
        ? value.toFixed(1)
        : value.toFixed(2);
  return unit ? `${n} ${unit}` : n;
}

export const atMost = (value: number | null, limit: number): boolean | null =>
  value === null || Number.isNaN(value) ? null : value <= limit;
export const atLeast = (value: number | null, limit: number): boolean | null =>
  value === null || Number.isNaN(value) ? null : value >= limit;
/** Both goals met: false if either is missed, null if either is unknown and none missed. */
export const both = (a: boolean | null, b: boolean | null): boolean | null =>
  a === false || b === false ? false : a === null || b === null ? null : true;
export const ratioOf = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null ||
  a === undefined ||
  b === null ||
  b === undefined ||
  b === 0 ||
  Number.isNaN(a) ||
  Number.isNaN(b)
    ? null
    : Math.round((a / b) * 100) / 100;

export function table(measures: Measure[]): string {
  const rows = measures.map((m) => [
    m.label,
    fmt(m.value, m.unit),
    m.baseline ? `${fmt(m.baseline.value, m.baseline.unit)} (${m.baseline.label})` : '—',
    m.ratio ? (m.ratio.value === null ? 'n/a' : m.ratio.text) : '—',
    m.goal?.text ?? '—',
    m.goal ? (m.goal.met === null ? 'n/a' : m.goal.met ? 'yes' : 'NO') : '—',
  ]);
  const head = ['Measure', 'Figure', 'Baseline', 'Ratio', 'Goal', 'Met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The same table in Markdown (for bench/README.md). */
export function markdownTable(measures: Measure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| Measure | Figure | Baseline | Ratio | Goal | Met |', '|---|---|---|---|---|---|'];
  for (const m of measures) {
    lines.push(
      `| ${esc(m.label)} | ${fmt(m.value, m.unit)} | ${m.baseline ? esc(`${fmt(m.baseline.value, m.baseline.unit)} (${m.baseline.label})`) : '—'} | ${
        m.ratio ? (m.ratio.value === null ? 'n/a' : esc(m.ratio.text)) : '—'
      } | ${m.goal ? esc(m.goal.text) : '—'} | ${m.goal ? (m.goal.met === null ? 'n/a' : m.goal.met ? 'yes' : '**no**') : '—'} |`,
    );
  }
  return lines.join('\n');
}
