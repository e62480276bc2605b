// The report font inside a self-contained document. The app bundles Noto Sans JP as
// @fontsource's unicode-range subsets (about 120 woff2 files per weight); a report uses a few
// of them. For the desktop's PDF (a hidden window with the network off) the subsets the
// document's text needs are fetched from the app and inlined as data: URLs, so the PDF looks
// the same on every machine whatever fonts it has installed.

export interface FontFaceSource {
  family: string;
  weight: string;
  style: string;
  /** Absolute URL of the woff2 file. */
  url: string;
  /** The CSS unicode-range, e.g. "U+0000-00FF, U+3000-30FF". */
  unicodeRange: string;
}

export const REPORT_FONT_FAMILY = 'Noto Sans JP';
export const REPORT_FONT_WEIGHTS: readonly string[] = ['400', '700'];

/** Parses a CSS unicode-range into inclusive [from, to] code point pairs (U+4??, U+0-7F, U+3000). */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const raw of range.split(',')) {
    const part = raw.trim().replace(/^u\+/i, '');
    if (part === '') continue;
    if (part.includes('?')) {
      const lo = parseInt(part.replace(/\?/g, '0'), 16);
      const hi = parseInt(part.replace(/\?/g, 'f'), 16);
      if (Number.isFinite(lo) && Number.isFinite(hi)) out.push([lo, hi]);
      continue;
    }
    const [a, b] = part.split('-');
    const lo = parseInt(a ?? '', 16);
    const hi = b === undefined ? lo : parseInt(b, 16);
    if (Number.isFinite(lo) && Number.isFinite(hi)) out.push([lo, hi]);
  }
  return out;
}

/** The distinct code points of a text. */
export function codePointsOf(text: string): Set<number> {
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0) as number);
  return points;
}

/** The faces (of the wanted weights) whose range covers at least one code point of the text. */
export function facesForText(
  faces: readonly FontFaceSource[],
  text: string,
  weights: readonly string[] = REPORT_FONT_WEIGHTS,
): FontFaceSource[] {
  const points = [...codePointsOf(text)];
  return faces.filter((face) => {
    if (!weights.includes(face.weight)) return false;
    const ranges = parseUnicodeRange(face.unicodeRange);
    // No range means the whole font.
    if (ranges.length === 0) return true;
    return points.some((p) => ranges.some(([lo, hi]) => p >= lo && p <= hi));
  });
}

const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '');

/** The first woff2 url() of a src descriptor, resolved against the stylesheet's URL. */
export function woff2Url(src: string, base: string): string | null {
  const urls = [...src.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((m) => m[2] as string);
  const chosen = urls.find((u) => /\.woff2(\?|#|$)/i.test(u)) ?? null;
  if (chosen === null) return null;
  try {
    return new URL(chosen, base).href;
  } catch {
    return null;
  }
}

/** Every @font-face of a family in the page's stylesheets (the bundled @fontsource CSS). */
export function collectFontFaces(doc: Document, family: string = REPORT_FONT_FAMILY): FontFaceSource[] {
  const faces: FontFaceSource[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's stylesheet
    }
    const base = sheet.href ?? doc.baseURI;
    for (const rule of Array.from(rules)) {
      if (!rule.cssText.trimStart().toLowerCase().startsWith('@font-face')) continue;
      const style = (rule as CSSFontFaceRule).style;
      if (unquote(style.getPropertyValue('font-family')) !== family) continue;
      const url = woff2Url(style.getPropertyValue('src'), base);
      if (url === null) continue;
      faces.push({
        family,
        weight: style.getPropertyValue('font-weight').trim() || '400',
        style: style.getPropertyValue('font-style').trim() || 'normal',
        url,
        unicodeRange: style.getPropertyValue('unicode-range').trim(),
      });
    }
  }
  return faces;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const cssString = (s: string) => `"${s.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

/**
 * @font-face rules with the faces inlined as data: URLs. font-display: block, so printing
 * never uses a fallback font while a face is still decoding. A face that cannot be fetched is
 * left out (the document falls back to the system's Japanese fonts).
 */
export async function inlineFontFaces(
  faces: readonly FontFaceSource[],
  fetchFn: (url: string) => Promise<Response> = (url) => fetch(url),
): Promise<string> {
  const rules = await Promise.all(
    faces.map(async (face) => {
      try {
        const res = await fetchFn(face.url);
        if (!res.ok) return '';
        const data = base64(new Uint8Array(await res.arrayBuffer()));
        const range = face.unicodeRange ? `unicode-range:${face.unicodeRange};` : '';
        return `@font-face{font-family:${cssString(face.family)};font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2");${range}}`;
      } catch {
        return '';
      }
    }),
  );
  return rules.filter((r) => r !== '').join('\n');
}
