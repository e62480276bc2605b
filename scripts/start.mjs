// `npm start`: build, start the central API on the embedded database with demo data, and
// open the desktop app pointed at it. Where Electron cannot run (no binary on this machine)
// it says so in one line and serves the same app to the browser instead. `npm run web`
// (`--web`) chooses browser mode on purpose.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { electronRuntime } from './electron-runtime.mjs';

const { values } = parseArgs({
  options: {
    web: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '4780' },
    db: { type: 'string', default: process.env.TAM_DB_FILE ?? 'data/tam.sqlite' },
  },
});

if (!values['no-build']) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync('data', { recursive: true });
const url = `http://127.0.0.1:${values.port}`;
const children = [];
const server = spawn(
  process.execPath,
  ['out/server/cli.mjs', '--demo', '--port', values.port, '--db', values.db, '--static', 'out/renderer'],
  { stdio: 'inherit' },
);
children.push(server);
server.on('exit', (code) => {
  if (code) console.error(`The central API stopped (exit code ${code}); see its messages above.`);
  shutdown(code ?? 0);
});

function shutdown(code) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

await waitForHealth(`${url}/v1/health`);

const runtime = values.web ? { available: false } : await electronRuntime();
if (runtime.available) {
  // Chromium refuses to start its sandbox as root; only then is it switched off, and said so.
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (asRoot)
    console.log(
      'Running as root: starting Electron with --no-sandbox (run as a normal user to keep the sandbox).',
    );
  const app = spawn(runtime.binary, asRoot ? ['--no-sandbox', '.'] : ['.'], {
    stdio: 'inherit',
    env: { ...process.env, TAM_SERVER_URL: url },
  });
  children.push(app);
  app.on('exit', (code) => shutdown(code ?? 0));
} else {
  if (!values.web)
    console.log(
      `Electron cannot run on this machine (${runtime.reason}); serving the app to your browser instead.`,
    );
  console.log(`TAM Workstation: open ${url}/ in your browser (Ctrl+C to stop).`);
}

async function waitForHealth(healthUrl) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(healthUrl);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error(`The central API did not answer at ${healthUrl} within 60 s.`);
  shutdown(1);
}
