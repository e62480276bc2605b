// Ids the client chooses: entity ids (UUID v4) and the replica's client id. Uses the Web
// Crypto API, present in Chromium, Electron and Node alike.
interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues<T extends Uint8Array>(array: T): T;
}
declare const crypto: CryptoLike;

/** A random UUID v4 (works outside secure contexts too, where randomUUID is missing). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** FNV-1a over the text with a seed: 32 bits. */
function fnv(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A UUID (version 8, "custom") derived from a key and a namespace: the same on every machine,
 * for rows the server makes once per key (e.g. one health snapshot per customer and week).
 */
export function derivedId(namespace: string, key: string): string {
  const text = `${namespace}|${key}`;
  const hex = [0x5a17c3e, 0x6b28d4f, 0x7c39e50, 0x8d4af61]
    .map((seed) => fnv(text, seed).toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
