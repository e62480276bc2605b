// gzip for pull pages: a page is JSON made of many similar rows and shrinks 5-10x. Only when
// the client says it accepts gzip (Accept-Encoding), and only above a size where it pays.
// Browsers' and Node's fetch decode it transparently; a client that sends no Accept-Encoding
// gets the plain JSON as before.
import { gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';

/** Bodies shorter than this are sent plain (gzip's header and the CPU outweigh the gain). */
export const GZIP_MIN_BYTES = 1024;

/** zlib level for pages: 4 gives most of level 6's ratio on JSON for about half the CPU. */
export const GZIP_LEVEL = 4;

/**
 * Whether an Accept-Encoding header allows gzip: `gzip` (or `x-gzip`, or `*`) listed with a
 * quality above 0. An explicit `gzip;q=0` refuses it even when `*` is allowed.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  let star = false;
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params
      .map((p) => p.trim())
      .find((p) => p.startsWith('q='))
      ?.slice(2);
    const quality = q === undefined ? 1 : Number(q);
    const allowed = Number.isFinite(quality) && quality > 0;
    const token = name.trim();
    if (token === 'gzip' || token === 'x-gzip') return allowed;
    if (token === '*') star = allowed;
  }
  return star;
}

/** A response body and whether it is gzip-encoded. */
export interface EncodedBody {
  body: Buffer;
  gzip: boolean;
}

const gzipAsync = promisify(gzip);

/** Encodes a page off the event loop (zlib's thread pool). */
export async function encodePage(json: string, wantsGzip: boolean): Promise<EncodedBody> {
  const raw = Buffer.from(json);
  if (!wantsGzip || raw.length < GZIP_MIN_BYTES) return { body: raw, gzip: false };
  return { body: await gzipAsync(raw, { level: GZIP_LEVEL }), gzip: true };
}

/** The same, synchronously (in the bootstrap worker, whose thread is there for it). */
export function encodePageSync(json: string, wantsGzip: boolean): EncodedBody {
  const raw = Buffer.from(json);
  if (!wantsGzip || raw.length < GZIP_MIN_BYTES) return { body: raw, gzip: false };
  return { body: gzipSync(raw, { level: GZIP_LEVEL }), gzip: true };
}
