import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { initI18n, NAMESPACES } from './index';
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
    for (const k of en.filter((k) => k.endsWith('_one')))
      expect(en, k).toContain(k.replace(/_one$/, '_other'));
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
        return `${k}:${[...v.matchAll(/\{\{(\w+)\}\}/g)]
          .map((m) => m[1])
          .sort()
          .join(',')}`;
      });
    const en = placeholders(cat.en).filter((p) => !p.split(':')[0]!.endsWith('_one'));
    expect(placeholders(cat.ja).sort()).toEqual(en.sort());
  });
});

describe('typed keys', () => {
  it('a key that does not exist fails the type-check (CustomTypeOptions)', () => {
    initI18n('en');
    const t = i18next.getFixedT('en', 'sync');
    expect(t('status.syncing')).toBe('Syncing…');
    // @ts-expect-error — not a key of the 'sync' catalog: `npm run typecheck` fails if keys stop being checked
    expect(t('status.noSuchKey')).toBe('status.noSuchKey');
  });

  it('English has plural forms, Japanese one form for every count', () => {
    initI18n('en');
    const en = i18next.getFixedT('en', 'newIncident');
    const ja = i18next.getFixedT('ja', 'newIncident');
    expect(en('customerCount', { count: 1 })).toBe('1 customer matches');
    expect(en('customerCount', { count: 2 })).toBe('2 customers match');
    expect(ja('customerCount', { count: 1 })).toBe(ja('customerCount', { count: 2 }).replace('2', '1'));
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
