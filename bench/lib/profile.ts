// Reads a V8 CPU profile (.cpuprofile, from Chromium's CDP or node --cpu-prof) and says where
// the time went: self and total time per function, named by its SOURCE file. Bundles made by
// esbuild without minification keep a "// path/to/module.ts" comment before each module, so a
// bundle line maps back to the file it came from.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SourceMap } from './sourcemap';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  fn: string;
  file: string;
  selfMs: number;
  totalMs: number;
  selfPct: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: HotSpot[];
  /** Self time per source file. */
  byFile: Array<{ file: string; selfMs: number; selfPct: number }>;
}

const moduleMaps = new Map<string, Array<[number, string]>>();
const sourceMaps = new Map<string, SourceMap | null>();

function moduleMap(file: string): Array<[number, string]> {
  let map = moduleMaps.get(file);
  if (map) return map;
  map = [];
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = /^\/\/ ((?:node_modules|renderer|shared|server|bench|main)\/\S+)$/.exec(line);
      if (m) map!.push([i, m[1]!]);
    });
  } catch {
    // Not readable: the url stays as it is.
  }
  moduleMaps.set(file, map);
  return map;
}

/** The source file (and line, and original name when a source map knows it) of a call frame. */
function sourceOf(
  cf: CallFrame,
  resolveLocal: (url: string) => string | null,
  root: string,
): { file: string; name: string | null } {
  const url = cf.url;
  if (!url) return { file: '(native)', name: null };
  const local = resolveLocal(url) ?? (url.startsWith('file://') ? fileURLToPath(url) : null);
  if (!local) return { file: url, name: null };
  let map = sourceMaps.get(local);
  if (map === undefined) {
    map = SourceMap.forFile(local, root);
    sourceMaps.set(local, map);
  }
  const pos = map?.lookup(cf.lineNumber, cf.columnNumber);
  if (pos) return { file: `${pos.source}:${pos.line}`, name: pos.name };
  // An esbuild bundle without a map: the "// path" comment before the line names the module.
  const modules = moduleMap(local);
  let lo = 0;
  let hi = modules.length - 1;
  let found: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (modules[mid]![0] <= cf.lineNumber) {
      found = modules[mid]![1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found) return { file: found, name: null };
  return { file: local.startsWith(root) ? local.slice(root.length + 1) : local, name: null };
}

export function summarizeProfile(
  profile: CpuProfile,
  options: { root: string; resolveLocal?: (url: string) => string | null; top?: number },
): ProfileSummary {
  const resolveLocal = options.resolveLocal ?? (() => null);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + delta);
  }
  const keyOf = new Map<number, { fn: string; file: string }>();
  for (const n of profile.nodes) {
    const cf = n.callFrame;
    const src = cf.url ? sourceOf(cf, resolveLocal, options.root) : { file: '', name: null };
    // A minified name is replaced by the original one when the map has it.
    const fn =
      (src.name && src.name !== cf.functionName
        ? `${src.name}${cf.functionName ? ` (${cf.functionName})` : ''}`
        : cf.functionName) || (cf.url ? '(anonymous)' : '');
    keyOf.set(n.id, { fn: fn || '(root)', file: src.file });
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  let all = 0;
  for (const [id, us] of selfUs) {
    all += us;
    const k = keyOf.get(id)!;
    const key = `${k.fn}\t${k.file}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const fileKey = k.file.replace(/:\d+$/, '') || k.fn;
    fileSelf.set(fileKey, (fileSelf.get(fileKey) ?? 0) + us);
    // Total: this sample counts once for every distinct function on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = keyOf.get(cur)!;
      const kkey = `${kk.fn}\t${kk.file}`;
      if (seen.has(kkey)) continue;
      seen.add(kkey);
      total.set(kkey, (total.get(kkey) ?? 0) + us);
      if (!byId.has(cur)) break;
    }
  }
  const top = options.top ?? 15;
  const pct = (us: number) => (all > 0 ? Math.round((1000 * us) / all) / 10 : 0);
  const byFunction = [...total.keys()]
    .map((key) => {
      const [fn, file] = key.split('\t') as [string, string];
      const us = self.get(key) ?? 0;
      return {
        fn,
        file,
        selfMs: Math.round(us / 100) / 10,
        totalMs: Math.round((total.get(key) ?? 0) / 100) / 10,
        selfPct: pct(us),
      };
    })
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  const byFile = [...fileSelf]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([file, us]) => ({ file, selfMs: Math.round(us / 100) / 10, selfPct: pct(us) }));
  return { totalMs: Math.round(all / 1000), byFunction, byFile };
}

/** The functions with the largest total (inclusive) time, whose file matches `filter`. */
export function topTotals(
  profile: CpuProfile,
  options: { root: string; resolveLocal?: (url: string) => string | null; filter: RegExp; top?: number },
): HotSpot[] {
  const summary = summarizeProfile(profile, { ...options, top: 100_000 });
  return summary.byFunction
    .filter((h) => options.filter.test(h.file))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, options.top ?? 10);
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}
