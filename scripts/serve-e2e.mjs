// The end-to-end tests' server: the real central API with demo data in a throw-away
// SQLite file, serving the built app on the same origin.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4791' } } });
const dir = mkdtempSync(join(tmpdir(), 'tam-e2e-'));
const child = spawn(
  process.execPath,
  [
    'out/server/cli.mjs',
    '--demo',
    '--port',
    values.port,
    '--db',
    join(dir, 'e2e.sqlite'),
    '--static',
    'out/renderer',
  ],
  // Warnings and errors only: the request log of a whole run would bury the test output.
  { stdio: 'inherit', env: { ...process.env, TAM_LOG_LEVEL: process.env.TAM_LOG_LEVEL ?? 'warn' } },
);
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
