// Serves a built single-page app from a folder: files as they are, index.html for any other
// path (client-side routes), with security headers. Never serves outside the folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/** Returns false when the request is not for the app (then the caller answers 404). */
export async function serveStatic(
  root: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const base = resolve(root);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    return false;
  }
  const wanted = resolve(join(base, pathname));
  if (wanted !== base && !wanted.startsWith(base + sep)) return false;
  let file = wanted === base ? null : await fileAt(wanted);
  let cache = /[.-][0-9a-zA-Z_-]{8,}\.(js|css|woff2?|png|svg)$/.test(wanted)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  if (!file) {
    if (extname(pathname) !== '' && !pathname.endsWith('.html')) return false;
    file = await fileAt(join(base, 'index.html'));
    cache = 'no-cache';
    if (!file) return false;
  }
  reply.headers({
    ...SECURITY_HEADERS,
    'cache-control': cache,
    'content-type': TYPES[extname(file.path)] ?? 'application/octet-stream',
    'content-length': String(file.size),
  });
  if (request.method === 'HEAD') await reply.send();
  else await reply.send(createReadStream(file.path));
  return true;
}
