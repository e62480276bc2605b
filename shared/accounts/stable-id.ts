// Stable ids: a UUID derived from a name (RFC 9562 version 5, SHA-1 in a namespace), so that
// importing the same file twice names the same rows. Pure TypeScript (no Web Crypto: it is
// asynchronous, and this runs row by row in a preview).

/** The namespace of TAM Workstation's derived ids (a fixed random UUID). */
export const IMPORT_NAMESPACE = '6f1c2b9e-3d4a-4e8b-9c1d-7a5e2f3b4c6d';

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** SHA-1 of bytes, as 20 bytes. */
export function sha1(bytes: readonly number[]): number[] {
  const ml = bytes.length * 8;
  const msg = [...bytes, 0x80];
  while (msg.length % 64 !== 56) msg.push(0);
  for (let i = 7; i >= 0; i--) msg.push(i >= 4 ? 0 : (ml / 2 ** (8 * i)) & 0xff);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Array<number>(80);
  for (let at = 0; at < msg.length; at += 64) {
    for (let i = 0; i < 16; i++)
      w[i] =
        (msg[at + 4 * i]! << 24) |
        (msg[at + 4 * i + 1]! << 16) |
        (msg[at + 4 * i + 2]! << 8) |
        msg[at + 4 * i + 3]!;
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].flatMap((h) => [
    (h >>> 24) & 0xff,
    (h >>> 16) & 0xff,
    (h >>> 8) & 0xff,
    h & 0xff,
  ]);
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

/** A version-5 UUID of `name` in `namespace` (a UUID). */
export function uuidV5(name: string, namespace: string = IMPORT_NAMESPACE): string {
  const ns = namespace.replace(/-/g, '');
  const nsBytes = Array.from({ length: 16 }, (_, i) => parseInt(ns.slice(2 * i, 2 * i + 2), 16));
  const h = sha1([...nsBytes, ...utf8(name)]).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const s = h.map(hex).join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
