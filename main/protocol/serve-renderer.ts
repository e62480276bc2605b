// Serves the built renderer (out/renderer/) on app://tam/ through protocol.handle. A real
// origin instead of file:// gives the page a proper same-origin policy, working
// localStorage/IndexedDB, and lets us send the CSP as a header on every response.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../security/csp';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../security/origin';

/** Privileges for protocol.registerSchemesAsPrivileged (before app 'ready'). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // Standard: relative URLs resolve, and web storage/IndexedDB work (the offline replica).
    standard: true,
    // Secure context: crypto.subtle, service-worker-free secure APIs.
    secure: true,
    supportFetchAPI: true,
    // Deliberately not bypassCSP, corsEnabled, allowServiceWorkers or stream.
  },
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface ServeRendererOptions {
  /** Absolute path of the built renderer (out/renderer). */
  rootDir: string;
  log?(message: string): void;
}

/** Request with the field Electron adds (absent for browser-initiated loads). */
type ProtocolRequest = Request & { initiatorOrigin?: string | null };

function respond(
  status: number,
  body: string | Uint8Array<ArrayBuffer> | null,
  contentType = 'text/plain; charset=utf-8',
): Response {
  const headers = new Headers(SECURITY_HEADERS);
  headers.set('Content-Type', contentType);
  headers.set('Cache-Control', 'no-cache');
  return new Response(body, { status, headers });
}

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

export function createRendererHandler(
  options: ServeRendererOptions,
): (request: Request) => Promise<Response> {
  const root = path.resolve(options.rootDir);
  let realRoot: Promise<string> | null = null;

  return async (request: ProtocolRequest) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');

    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return respond(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return respond(404, 'Not found');

    // Only the app itself (or the browser loading the window) may read app files.
    const initiator = request.initiatorOrigin;
    if (initiator !== undefined && initiator !== APP_ORIGIN) {
      options.log?.(`refused ${url.pathname} to initiator ${String(initiator)}`);
      return respond(403, 'Forbidden');
    }

    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return respond(400, 'Bad request');
    }
    if (relative.includes('\0') || relative.includes('\\')) return respond(400, 'Bad request');
    // URL parsing already removed literal dot segments; encoded ones (%2e%2e) show up here.
    if (relative.split('/').includes('..')) {
      options.log?.(`refused path traversal to ${url.pathname}`);
      return respond(403, 'Forbidden');
    }
    if (relative.endsWith('/')) relative += 'index.html';

    let target = path.resolve(root, `.${path.posix.normalize(relative)}`);
    if (!inside(root, target)) {
      options.log?.(`refused path traversal to ${url.pathname}`);
      return respond(403, 'Forbidden');
    }

    if (!(await isFile(target))) {
      // Client-side routes (no file extension) get the app shell; missing assets get 404.
      if (path.extname(relative) !== '') return respond(404, 'Not found');
      target = path.join(root, 'index.html');
    }

    // Symlinks inside the bundle must not lead out of it.
    try {
      realRoot ??= realpath(root);
      const [resolvedRoot, resolvedTarget] = await Promise.all([realRoot, realpath(target)]);
      if (!inside(resolvedRoot, resolvedTarget)) {
        options.log?.(`refused symlink escape at ${url.pathname}`);
        return respond(403, 'Forbidden');
      }
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(resolvedTarget));
      const type = CONTENT_TYPES[path.extname(resolvedTarget).toLowerCase()] ?? 'application/octet-stream';
      return respond(200, body, type);
    } catch {
      return respond(404, 'Not found');
    }
  };
}
