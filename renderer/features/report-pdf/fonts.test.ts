import { describe, expect, it } from 'vitest';
import {
  codePointsOf,
  collectFontFaces,
  facesForText,
  inlineFontFaces,
  parseUnicodeRange,
  woff2Url,
  type FontFaceSource,
} from './fonts';

const face = (
  weight: string,
  unicodeRange: string,
  url = `https://app.example/assets/f-${weight}-${unicodeRange.length}.woff2`,
): FontFaceSource => ({
  family: 'Noto Sans JP',
  weight,
  style: 'normal',
  url,
  unicodeRange,
});

describe('unicode ranges', () => {
  it('parses single points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+3000, u+4??')).toEqual([
      [0, 0xff],
      [0x3000, 0x3000],
      [0x400, 0x4ff],
    ]);
    expect(parseUnicodeRange('')).toEqual([]);
  });

  it('keeps only the faces the text needs, of the report weights', () => {
    const latin = face('400', 'U+0000-00FF');
    const kana = face('400', 'U+3040-30FF');
    const kanjiBold = face('700', 'U+4E00-9FFF');
    const thin = face('100', 'U+0000-FFFF');
    const whole = face('400', '');
    expect(facesForText([latin, kana, kanjiBold, thin], 'Sakura')).toEqual([latin]);
    expect(facesForText([latin, kana, kanjiBold, thin], 'さくら銀行')).toEqual([kana, kanjiBold]);
    expect(facesForText([whole], 'x')).toEqual([whole]);
    expect(codePointsOf('𠮷a').has(0x20bb7)).toBe(true);
  });
});

describe('font sources', () => {
  it('takes the woff2 url of a src, resolved against the stylesheet', () => {
    expect(
      woff2Url(
        'url(./files/a.woff2) format("woff2"), url(./files/a.woff) format("woff")',
        'app://tam/assets/index.css',
      ),
    ).toBe('app://tam/assets/files/a.woff2');
    expect(woff2Url('url("b.woff")', 'app://tam/')).toBeNull();
  });

  it('reads the @font-face rules of the family from the page', () => {
    const style = document.createElement('style');
    style.textContent = `
      @font-face { font-family: 'Noto Sans JP'; font-weight: 700; src: url(/assets/jp-700.woff2) format('woff2'); unicode-range: U+3040-30FF; }
      @font-face { font-family: 'Other'; src: url(/assets/other.woff2) format('woff2'); }
      .x { color: red; }`;
    document.head.append(style);
    try {
      const faces = collectFontFaces(document);
      expect(faces).toHaveLength(1);
      expect(faces[0]).toMatchObject({
        family: 'Noto Sans JP',
        weight: '700',
        unicodeRange: expect.stringMatching(/U\+3040-30FF/i),
      });
      expect(faces[0]?.url).toMatch(/\/assets\/jp-700\.woff2$/);
    } finally {
      style.remove();
    }
  });

  it('inlines the faces as data: URLs with font-display: block; a face that fails is left out', async () => {
    const ok = face('400', 'U+3040-30FF', 'https://app.example/ok.woff2');
    const missing = face('700', 'U+3040-30FF', 'https://app.example/missing.woff2');
    const css = await inlineFontFaces([ok, missing], async (url) =>
      url.endsWith('ok.woff2')
        ? new Response(new Uint8Array([0x77, 0x4f, 0x46, 0x32]))
        : new Response('', { status: 404 }),
    );
    expect(css).toBe(
      '@font-face{font-family:"Noto Sans JP";font-style:normal;font-weight:400;font-display:block;src:url(data:font/woff2;base64,d09GMg==) format("woff2");unicode-range:U+3040-30FF;}',
    );
  });
});
