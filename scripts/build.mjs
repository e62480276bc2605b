// Builds everything `npm start` and the end-to-end tests run: the renderer (Vite), the
// Electron main process and preload (esbuild, scripts/build-main.mjs) and the central API
// (esbuild, so it starts without a TypeScript loader).
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

function step(label, fn) {
  const started = Date.now();
  process.stdout.write(`build: ${label}… `);
  return Promise.resolve(fn()).then(() => console.log(`done in ${Date.now() - started} ms`));
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) {
    process.stdout.write(r.stdout?.toString() ?? '');
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
  }
}

try {
  await step('renderer (vite)', () =>
    run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']),
  );
  await step('main and preload (esbuild)', () => run(process.execPath, ['scripts/build-main.mjs']));
  await step('central API (esbuild)', () =>
    build({
      // The bootstrap worker thread is loaded from a file beside cli.mjs (server/sync/bootstrap-pool.ts).
      entryPoints: { cli: 'server/cli.ts', 'bootstrap-worker': 'server/sync/bootstrap-worker.ts' },
      outdir: 'out/server',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    }),
  );
} catch (err) {
  console.error(`\nbuild failed: ${err.message}`);
  process.exit(1);
}
