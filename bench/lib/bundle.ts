// Bundles the benchmark pages with esbuild (the renderer's code as it is, no Vite-only
// features) and writes their HTML next to them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const html = (script: string, css: string | null) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${css ? `<link rel="stylesheet" href="./${css}">` : ''}</head><body><script type="module" src="./${script}"></script></body></html>\n`;

/** Vite's `?raw` imports (the report stylesheet as text), which esbuild does not know. */
const rawImports: Plugin = {
  name: 'raw-imports',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** Writes `<dir>/<name>.html` (unless `withHtml` is false: a worker) and `<dir>/<name>.js` from `entry`. */
export async function bundlePage(
  root: string,
  entry: string,
  dir: string,
  name: string,
  withHtml = true,
): Promise<void> {
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
    define: {
      'import.meta.env': JSON.stringify({
        PROD: true,
        DEV: false,
        MODE: 'production',
        SSR: false,
        BASE_URL: '/',
      }),
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
    },
    // The report documents: JSX, their stylesheets and the report font's woff2 files, linked
    // from the page as the app links them (the PDF pipeline inlines the faces it finds there).
    jsx: 'automatic',
    loader: { '.woff2': 'file', '.woff': 'file' },
    plugins: [rawImports],
    logLevel: 'error',
  });
  if (!withHtml) return;
  const css = existsSync(join(dir, `${name}.css`)) ? `${name}.css` : null;
  writeFileSync(join(dir, `${name}.html`), html(`${name}.js`, css));
}
