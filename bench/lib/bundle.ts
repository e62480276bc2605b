// Bundles the benchmark pages with esbuild (the renderer's code as it is, no Vite-only
// features) and writes their HTML next to them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const html = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body><script type="module" src="./${script}"></script></body></html>\n`;

/** Writes `<dir>/<name>.html` and `<dir>/<name>.js` from `entry`. */
export async function bundlePage(root: string, entry: string, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(dir, `${name}.js`),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    // Readable output: CPU profiles name the functions, and the "// path" comments esbuild
    // leaves before each module map a line back to its source file.
    minify: false,
    sourcemap: false,
    define: { 'import.meta.env': JSON.stringify({ PROD: true, DEV: false, MODE: 'production', SSR: false, BASE_URL: '/' }), 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'error',
  });
  writeFileSync(join(dir, `${name}.html`), html(`${name}.js`));
}
