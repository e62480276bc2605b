import { describe, expect, it } from 'vitest';
import { NAMESPACES } from './index';
import { detectLocale } from './locale';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}
function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
}

describe.each(Object.entries(NAMESPACES))('i18n namespace %s', (_ns, cat) => {
  it('Japanese and English have the same keys (English alone has the singular `_one` forms)', () => {
    expect(keys(cat.ja).sort()).toEqual(
      keys(cat.en)
        .filter((k) => !k.endsWith('_one'))
        .sort(),
    );
  });

  it('a plural has its `_other` form beside every `_one`, and English counts are plural-aware', () => {
    const en = keys(cat.en);
    for (const k of en.filter((k) => k.endsWith('_one'))) expect(en, k).toContain(k.replace(/_one$/, '_other'));
    const leaf = (k: string) => k.split('.').reduce<any>((o, p) => o[p], cat.en) as string;
    // '{{count}} customers' must not read "1 customers": a count-bearing English text has forms
    const unplural = en.filter((k) => /\{\{count\}\}/.test(leaf(k)) && !/_(one|other)$/.test(k));
    expect(unplural).toEqual([]);
  });

  it('no translation is empty', () => {
    expect(values(cat.en).filter((v) => v.trim() === '')).toEqual([]);
    expect(values(cat.ja).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('the same placeholders appear in both languages', () => {
    const placeholders = (c: object) =>
      keys(c).map((k) => {
        const v = k.split('.').reduce<any>((o, p) => o[p], c) as string;
        return `${k}:${[...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',')}`;
      });
    const en = placeholders(cat.en).filter((p) => !p.split(':')[0]!.endsWith('_one'));
    expect(placeholders(cat.ja).sort()).toEqual(en.sort());
  });
});

describe('core catalog', () => {
  it('Japanese strings are Japanese', () => {
    const { ja, en } = NAMESPACES.translation;
    expect(ja.nav.customers).not.toBe(en.nav.customers);
    expect(ja.nav.today).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });
});

describe('detectLocale', () => {
  it('picks Japanese for any ja locale', () => {
    expect(detectLocale(['ja-JP'])).toBe('ja');
    expect(detectLocale(['JA'])).toBe('ja');
  });
  it('takes the first supported language in order', () => {
    expect(detectLocale(['fr-FR', 'en-GB', 'ja'])).toBe('en');
    expect(detectLocale(['de', 'ja-JP'])).toBe('ja');
  });
  it('falls back to English', () => {
    expect(detectLocale([])).toBe('en');
    expect(detectLocale(['fr'])).toBe('en');
  });
});
