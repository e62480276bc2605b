import { describe, expect, it } from 'vitest';
import { MATCH_RANK, matchCustomer, normalizeForSearch, queryTerms, searchCustomers } from './search';

const sakura = { nameJa: '株式会社さくら銀行', nameLatin: 'Sakura Bank, Ltd.' };
const metro = { nameJa: '東京メトロ物流株式会社', nameLatin: 'Tokyo Metro Logistics Co., Ltd.' };
const northwind = { nameJa: 'ノースウィンド・トレーディング', nameLatin: 'Northwind Trading Inc.' };
const hokuto = { nameJa: '北斗製薬株式会社', nameLatin: 'Hokuto Pharmaceutical Co., Ltd.' };
const all = [hokuto, northwind, sakura, metro];

describe('normalizeForSearch', () => {
  it('folds case, width, katakana to hiragana, and drops spaces and punctuation', () => {
    expect(normalizeForSearch('Sakura Bank, Ltd.')).toBe('sakurabankltd');
    expect(normalizeForSearch('ＳＡＫＵＲＡ')).toBe('sakura');
    expect(normalizeForSearch('サクラ')).toBe('さくら');
    expect(normalizeForSearch('ｻｸﾗ')).toBe('さくら');
    expect(normalizeForSearch('ノースウィンド・トレーディング')).toBe('のーすうぃんどとれーでぃんぐ');
  });
  it('keeps kanji as written', () => {
    expect(normalizeForSearch('東京メトロ物流')).toBe('東京めとろ物流');
  });
  it('splits a query into words on ASCII and ideographic spaces', () => {
    expect(queryTerms(' sakura\u3000BANK ')).toEqual(['sakura', 'bank']);
    expect(queryTerms(' , ')).toEqual([]);
  });
});

describe('matchCustomer', () => {
  it('finds a customer by its Latin name regardless of case', () => {
    expect(matchCustomer(sakura, 'sakura')).not.toBeNull();
    expect(matchCustomer(sakura, 'SAKURA BANK')).not.toBeNull();
    expect(matchCustomer(sakura, 'bank ltd')).not.toBeNull();
  });
  it('finds a customer by its Japanese name in hiragana, katakana or kanji', () => {
    expect(matchCustomer(sakura, 'さくら')).not.toBeNull();
    expect(matchCustomer(sakura, 'サクラ')).not.toBeNull();
    expect(matchCustomer(sakura, 'ｻｸﾗ')).not.toBeNull();
    expect(matchCustomer(sakura, '銀行')).not.toBeNull();
    expect(matchCustomer(northwind, 'のーすうぃんど')).not.toBeNull();
    expect(matchCustomer(metro, '東京')).not.toBeNull();
  });
  it('accepts a query mixing both names', () => {
    expect(matchCustomer(sakura, 'さくら bank')).not.toBeNull();
  });
  it('requires every word to be found', () => {
    expect(matchCustomer(sakura, 'sakura metro')).toBeNull();
    expect(matchCustomer(sakura, '東京')).toBeNull();
  });
  it('matches everything on an empty query', () => {
    expect(matchCustomer(sakura, '')).toBe(MATCH_RANK.contains);
    expect(matchCustomer(sakura, '  ')).toBe(MATCH_RANK.contains);
  });
  it('ranks a name prefix above a word start above a substring', () => {
    expect(matchCustomer(sakura, 'saku')).toBe(MATCH_RANK.prefix);
    expect(matchCustomer(sakura, 'bank')).toBe(MATCH_RANK.wordStart);
    expect(matchCustomer(sakura, 'ank')).toBe(MATCH_RANK.contains);
  });
});

describe('searchCustomers', () => {
  it('filters and orders best match first, keeping input order among equals', () => {
    expect(searchCustomers(all, 'co').map((c) => c.nameLatin)).toEqual([
      'Hokuto Pharmaceutical Co., Ltd.',
      'Tokyo Metro Logistics Co., Ltd.',
    ]);
    expect(searchCustomers(all, 'to').map((c) => c.nameLatin)).toEqual([
      'Tokyo Metro Logistics Co., Ltd.',
      'Hokuto Pharmaceutical Co., Ltd.',
    ]);
    expect(searchCustomers(all, '株式会社').map((c) => c.nameLatin)).toEqual([
      'Sakura Bank, Ltd.',
      'Hokuto Pharmaceutical Co., Ltd.',
      'Tokyo Metro Logistics Co., Ltd.',
    ]);
  });
  it('returns every customer for an empty query and none for an unknown name', () => {
    expect(searchCustomers(all, '')).toEqual(all);
    expect(searchCustomers(all, 'contoso')).toEqual([]);
  });
});

describe('kana reading', () => {
  const hokuto = { nameJa: '北斗電機株式会社', nameLatin: 'Hokuto Denki K.K.', nameKana: 'ホクトデンキ' };
  it('finds a kanji name by its reading in hiragana, katakana or half-width katakana', () => {
    expect(matchCustomer(hokuto, 'ほくと')).toBe(MATCH_RANK.prefix);
    expect(matchCustomer(hokuto, 'デンキ')).toBe(MATCH_RANK.contains);
    expect(matchCustomer(hokuto, 'ﾎｸﾄ')).toBe(MATCH_RANK.prefix);
    expect(matchCustomer({ ...hokuto, nameKana: null }, 'ほくと')).toBeNull();
    expect(matchCustomer({ nameJa: hokuto.nameJa, nameLatin: hokuto.nameLatin }, 'ほくと')).toBeNull();
  });
});
