// Generated SQLite files, cached under bench/results/cache by a hash of the generator's code
// and the scale options (generation is not measured; a million rows take minutes on a busy
// machine). Each benchmark works on a copy, so the cached file stays pristine.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SCALES, type ScaleKey } from './scales';

const GENERATOR_SOURCES = [
  'server/seed/generate.ts',
  'server/seed/bulk.ts',
  'server/seed/prng.ts',
  'server/db/migrations.ts',
  'server/db/schema.ts',
  'server/sync/store.ts',
  'shared/model/entities.ts',
  'bench/lib/scales.ts',
  'bench/gen.ts',
];

export interface Dataset {
  key: ScaleKey;
  /** The pristine generated file (read-only use). */
  file: string;
  rows: number;
  /** Generation time in this run (0 when taken from the cache). */
  generatedMs: number;
  cached: boolean;
}

export function cacheKey(root: string, key: ScaleKey): string {
  const hash = createHash('sha256');
  for (const f of GENERATOR_SOURCES) hash.update(readFileSync(join(root, f)));
  hash.update(JSON.stringify(SCALES[key].options));
  return hash.digest('hex').slice(0, 16);
}

/** Runs a command, resolves with its stdout; rejects with its stderr on failure. */
export function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)),
    );
  });
}

export async function ensureDataset(
  root: string,
  cacheDir: string,
  key: ScaleKey,
  useCache: boolean,
): Promise<Dataset> {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `${key}-${cacheKey(root, key)}.sqlite`);
  const countFile = `${file}.rows`;
  if (useCache && existsSync(file) && existsSync(countFile)) {
    return { key, file, rows: Number(readFileSync(countFile, 'utf8')), generatedMs: 0, cached: true };
  }
  // Older versions of this scale are of no further use.
  for (const f of readdirSync(cacheDir))
    if (f.startsWith(`${key}-`) && !f.startsWith(`${key}-${cacheKey(root, key)}`))
      rmSync(join(cacheDir, f), { force: true });
  const out = await run(process.execPath, ['--import', 'tsx', 'bench/gen.ts', key, file], { cwd: root });
  const { rows, ms } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { rows: number; ms: number };
  writeFileSync(countFile, String(rows));
  return { key, file, rows, generatedMs: ms, cached: false };
}

/** A working copy of a dataset for a server that writes to it. */
export function workingCopy(dataset: Dataset, dir: string, name: string): string {
  const target = join(dir, `${name}.sqlite`);
  copyFileSync(dataset.file, target);
  return target;
}

export function fileSizeMb(file: string): number {
  return Math.round(statSync(file).size / 1e5) / 10;
}
