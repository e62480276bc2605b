import { describe, expect, it } from 'vitest';
import { en, GLOSSARY_ENUMS, ja } from './glossary';

const valuesOf = (schema: (typeof GLOSSARY_ENUMS)[keyof typeof GLOSSARY_ENUMS]): string[] =>
  'options' in schema && Array.isArray(schema.options)
    ? schema.options.map((o: unknown) =>
        String(typeof o === 'object' && o !== null && 'value' in o ? (o as { value: unknown }).value : o),
      )
    : [];

describe('glossary', () => {
  it.each(Object.keys(GLOSSARY_ENUMS) as (keyof typeof GLOSSARY_ENUMS)[])(
    'names every value of the %s schema in Japanese and English',
    (group) => {
      const values = valuesOf(GLOSSARY_ENUMS[group]);
      expect(values.length).toBeGreaterThan(1);
      for (const v of values) {
        expect((en[group] as Record<string, string>)[v], `en ${group}.${v}`).toMatch(/\S/);
        expect((ja[group] as Record<string, string>)[v], `ja ${group}.${v}`).toMatch(/\S/);
      }
      // and nothing else: a value removed from the schema leaves no stale term
      expect(Object.keys(en[group]).sort()).toEqual([...values].sort());
    },
  );

  it('uses one wording for the contract levels (重要度 クリティカル／高／中／低)', () => {
    expect(ja.term.severity).toBe('重要度');
    expect(ja.severity).toEqual({ '1': 'クリティカル', '2': '高', '3': '中', '4': '低' });
    expect(Object.values(ja.severityLevel)).toEqual([
      'レベル 1 クリティカル',
      'レベル 2 高',
      'レベル 3 中',
      'レベル 4 低',
    ]);
    expect(en.severityLevel['1']).toBe('Level 1 Critical');
  });
});
