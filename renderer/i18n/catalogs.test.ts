import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { detectLocale } from './locale';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

describe('i18n catalogs', () => {
  it('Japanese and English have the same keys', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('no translation is empty', () => {
    const empty = (cat: object) =>
      keys(cat).filter((k) => k.split('.').reduce<any>((o, p) => o[p], cat).trim() === '');
    expect(empty(en)).toEqual([]);
    expect(empty(ja)).toEqual([]);
  });

  it('Japanese strings are actually Japanese where English has words', () => {
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
