// Child process: loads one scale into a new SQLite file with the server's generator.
// Usage: tsx bench/gen.ts <scale> <file>. Prints one JSON line: { rows, ms }.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../server/db/index';
import { loadScaleData } from '../server/seed/generate';
import { PASSWORD, SCALES, type ScaleKey } from './lib/scales';

const [key, file] = process.argv.slice(2);
const scale = SCALES[key as ScaleKey];
if (!scale || !file) {
  console.error('usage: tsx bench/gen.ts tam|manager|server FILE');
  process.exit(2);
}
const partial = `${file}.partial`;
for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) if (existsSync(f)) rmSync(f);
const started = Date.now();
const db = await openDatabase({ kind: 'sqlite', file: partial });
const summary = await loadScaleData(db, { ...scale.options, password: PASSWORD });
db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
await db.close();
renameSync(partial, file);
for (const f of [`${partial}-wal`, `${partial}-shm`]) if (existsSync(f)) rmSync(f);
console.log(JSON.stringify({ rows: summary.rows, ms: Date.now() - started }));
