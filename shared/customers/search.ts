// Customer search: one query box that finds a customer by its Japanese or its Latin name, or
// by the kana reading of the Japanese name (ほくと finds 北斗電機 when its reading is ホクトデンキ).
// Matching ignores case, width (ｻｸﾗ = サクラ, Ｓａｋｕｒａ = Sakura), the difference between
// hiragana and katakana (さくら = サクラ), spaces and punctuation (・ , . - etc.). Each word
// of the query must occur in one of the names; kanji match as written.

export interface SearchableCustomer {
  nameJa: string;
  nameLatin: string;
  /** Kana reading of the Japanese name (optional: older rows have none). */
  nameKana?: string | null | undefined;
}

const KATAKANA_START = 0x30a1; // ァ
const KATAKANA_END = 0x30f6; // ヶ
const KANA_OFFSET = 0x60; // ァ (U+30A1) - ぁ (U+3041)

/** Letters, digits, kana and kanji are kept; everything else (spaces, punctuation, symbols) goes. */
const DROPPED = /[\s\p{P}\p{S}]/gu;

/**
 * The form a name and a query are compared in: NFKC (full/half width folded), lower case,
 * katakana as hiragana, without spaces and punctuation. The long-vowel mark ー is kept.
 */
export function normalizeForSearch(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : ch;
  }
  return out.replace(DROPPED, (m) => (m === 'ー' ? m : ''));
}

/** The words of a query, each normalised; empty words (punctuation only) are dropped. */
export function queryTerms(query: string): string[] {
  return query
    .normalize('NFKC')
    .split(/[\s\u3000]+/u)
    .map(normalizeForSearch)
    .filter((t) => t.length > 0);
}

/** Rank of a match: lower is better. */
export const MATCH_RANK = { exact: 0, prefix: 1, wordStart: 2, contains: 3 } as const;
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

function wordStarts(name: string): string[] {
  // The normalised suffix starting at each word of the original name.
  return name
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .map((_, i, words) => normalizeForSearch(words.slice(i).join(' ')))
    .filter((s) => s.length > 0);
}

function rankIn(name: string, terms: readonly string[]): number | null {
  const full = normalizeForSearch(name);
  if (!terms.every((t) => full.includes(t))) return null;
  const joined = terms.join('');
  if (full === joined) return MATCH_RANK.exact;
  const first = terms[0] ?? '';
  if (full.startsWith(first)) return MATCH_RANK.prefix;
  if (wordStarts(name).some((w) => w.startsWith(first))) return MATCH_RANK.wordStart;
  return MATCH_RANK.contains;
}

/**
 * How well a customer matches a query: a rank (lower is better) or null for no match.
 * An empty query matches every customer (rank 'contains').
 */
export function matchCustomer(customer: SearchableCustomer, query: string): MatchRank | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return MATCH_RANK.contains;
  // Every word must be found, each in either name (a query may mix scripts: "さくら bank").
  const names = [customer.nameJa, customer.nameLatin, ...(customer.nameKana ? [customer.nameKana] : [])];
  const normalised = names.map(normalizeForSearch);
  if (!terms.every((t) => normalised.some((n) => n.includes(t)))) return null;
  const ranks = names.map((n) => rankIn(n, terms)).filter((r): r is number => r !== null);
  return (ranks.length > 0 ? Math.min(...ranks) : MATCH_RANK.contains) as MatchRank;
}

/**
 * The customers matching a query, best first; equal ranks keep the order they came in
 * (the replica lists customers by Latin name).
 */
export function searchCustomers<T extends SearchableCustomer>(customers: readonly T[], query: string): T[] {
  return customers
    .map((customer, index) => ({ customer, index, rank: matchCustomer(customer, query) }))
    .filter((m): m is { customer: T; index: number; rank: MatchRank } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.customer);
}
