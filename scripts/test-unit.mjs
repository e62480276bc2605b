// Runs the unit suites. The domain (shared/) runs a second time under another machine
// time zone: SLA results must never depend on the laptop's zone.
import { spawnSync } from 'node:child_process';

const vitest = ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)];
const runs = [
  { TZ: 'UTC', args: [] },
  { TZ: 'America/Los_Angeles', args: ['--project', 'shared'] },
];
for (const run of runs) {
  console.log(`\n== unit tests with TZ=${run.TZ} ${run.args.join(' ')}`);
  const r = spawnSync(process.execPath, [...vitest, ...run.args], {
    stdio: 'inherit',
    env: { ...process.env, TZ: run.TZ },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
