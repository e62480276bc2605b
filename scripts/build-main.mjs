// Bundles the Electron main process and the preload with esbuild:
//   main/main.ts    → out/main/main.cjs     (package.json "main")
//   main/preload.ts → out/main/preload.cjs
// Both are CommonJS with `electron` left to the runtime. The preload runs in a sandboxed
// renderer, whose `require` knows only a few modules (electron, events, timers, url), so
// shared/ code is bundled into it and it is built for the browser platform: a Node
// built-in sneaking in fails here, at build time, instead of in the window.
// Runnable on its own: `node scripts/build-main.mjs` (scripts/build.mjs runs it too).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'main');

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // Electron 45: Node 22, Chromium 140.
  target: ['node22', 'chrome140'],
};

const started = Date.now();
try {
  await Promise.all([
    build({ ...common, entryPoints: ['main/main.ts'], outfile: join(outDir, 'main.cjs'), platform: 'node' }),
    build({
      ...common,
      entryPoints: ['main/preload.ts'],
      outfile: join(outDir, 'preload.cjs'),
      platform: 'browser',
    }),
  ]);
} catch (err) {
  // esbuild has already printed the located errors.
  console.error(`build-main: bundling failed (${err.message.split('\n')[0]})`);
  process.exit(1);
}

// The sandboxed preload may require nothing but electron.
const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = required.filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(
    `build-main: the preload requires ${foreign.join(', ')}; a sandboxed preload can only require electron.`,
  );
  process.exit(1);
}

console.log(
  `build-main: ${relative(root, join(outDir, 'main.cjs'))} and ${relative(root, join(outDir, 'preload.cjs'))} in ${Date.now() - started} ms`,
);
