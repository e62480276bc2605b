// Serves the desktop app's update feed read-only at GET /updates/<file> (started with
// --updates-dir DIR): electron-builder's latest.yml / latest-mac.yml / latest-linux.yml and
// the artifacts next to them, which electron-updater's generic provider downloads, with
// byte-range requests (206, also several ranges for differential downloads). Only plain
// files directly in DIR: no sub-folders, no dotfiles, nothing a symbolic link points to
// outside DIR.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';

/** A file name electron-builder writes: letters, digits, space, . _ - +; never a leading dot. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,199}$/;

const TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
};

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Parses a Range header against a file size (RFC 9110 §14): the ranges to send, 'unsatisfiable'
 * (416), or null when the header is absent or not a bytes range we understand (then the
 * whole file is sent, as the RFC allows).
 */
export function parseRange(header: string | undefined, size: number): ByteRange[] | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return null;
  const parts = match[1]!.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > 100) return null;
  const ranges: ByteRange[] = [];
  for (const part of parts) {
    const m = /^(\d*)-(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    if (m[1] === '') {
      // Suffix range: the last N bytes.
      const length = Number(m[2]);
      if (length === 0) continue;
      ranges.push({ start: Math.max(0, size - length), end: size - 1 });
      continue;
    }
    const start = Number(m[1]);
    const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
    if (start >= size) continue;
    ranges.push({ start, end });
  }
  return ranges.length === 0 ? 'unsatisfiable' : ranges;
}

async function fileInside(dir: string, name: string): Promise<{ path: string; size: number } | null> {
  if (!FILE_NAME.test(name) || basename(name) !== name) return null;
  try {
    const root = await realpath(dir);
    const real = await realpath(join(root, name));
    // A symbolic link may point anywhere: only files whose real place is DIR itself.
    if (dirname(real) !== root || basename(real).startsWith('.')) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

const notFound = (reply: FastifyReply, name: string) =>
  reply
    .code(404)
    .header('cache-control', 'no-store')
    .send(
      errorBody(
        'not_found',
        `No update file ${JSON.stringify(name)} here; the server's update folder has latest.yml and the release files it names.`,
      ),
    );

export function registerUpdatesRoute(app: FastifyInstance, dir: string): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/updates/:file',
    exposeHeadRoute: false,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const name = (request.params as { file?: string }).file ?? '';
      const file = await fileInside(dir, name);
      if (!file) return notFound(reply, name);
      const type = TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
      reply.headers({
        'accept-ranges': 'bytes',
        // The feed changes with each release; clients ask again every time.
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      const head = request.method === 'HEAD';
      const ranges = parseRange(request.headers.range, file.size);
      if (ranges === 'unsatisfiable') {
        return reply
          .code(416)
          .header('content-range', `bytes */${file.size}`)
          .send(
            errorBody(
              'range_not_satisfiable',
              `The requested range is outside ${name} (${file.size} bytes); ask for bytes 0-${file.size - 1} or less.`,
            ),
          );
      }
      if (ranges === null) {
        reply.headers({ 'content-type': type, 'content-length': String(file.size) });
        return head ? reply.send() : reply.send(createReadStream(file.path));
      }
      if (ranges.length === 1) {
        const { start, end } = ranges[0]!;
        reply.code(206).headers({
          'content-type': type,
          'content-range': `bytes ${start}-${end}/${file.size}`,
          'content-length': String(end - start + 1),
        });
        return head ? reply.send() : reply.send(createReadStream(file.path, { start, end }));
      }
      // Several ranges: one multipart/byteranges body (what differential downloads ask for).
      const boundary = `tam-updates-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
      const partHeader = (r: ByteRange) =>
        `\r\n--${boundary}\r\ncontent-type: ${type}\r\ncontent-range: bytes ${r.start}-${r.end}/${file.size}\r\n\r\n`;
      const closing = `\r\n--${boundary}--\r\n`;
      const length = ranges.reduce(
        (sum, r) => sum + Buffer.byteLength(partHeader(r)) + (r.end - r.start + 1),
        Buffer.byteLength(closing),
      );
      reply.code(206).headers({
        'content-type': `multipart/byteranges; boundary=${boundary}`,
        'content-length': String(length),
      });
      if (head) return reply.send();
      const path = file.path;
      async function* parts() {
        for (const r of ranges as ByteRange[]) {
          yield Buffer.from(partHeader(r));
          for await (const chunk of createReadStream(path, { start: r.start, end: r.end }))
            yield chunk as Buffer;
        }
        yield Buffer.from(closing);
      }
      return reply.send(Readable.from(parts()));
    },
  });
}
