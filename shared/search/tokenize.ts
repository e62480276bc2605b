// Tokenizer of the full-text index. Japanese is written without spaces, so runs of Japanese
// characters are indexed as character bigrams (ライセンスエラー → らい いせ せん んす すえ えら
// ら), and any part of a word of two characters or more is found, wherever a word segmenter
// would cut. Latin words and numbers are indexed as folded words (a query word also finds
// longer words it starts). Everything is folded first (fold.ts). Intl.Segmenter('ja') ranks
// results that match whole words (`wholeWordIn`).
import { foldText, isCjkChar } from './fold';

/** A piece of a text or query: a run of Japanese characters, or a Latin word / number. */
export interface Piece {
  kind: 'cjk' | 'latin';
  /** Folded. */
  text: string;
}

type CharClass = 0 | 1 | 2; // separator, Japanese, Latin letter or digit

function classOf(ch: string): CharClass {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) ? 2 : 0;
  // Fast paths (no regular expression per character): hiragana, katakana, common kanji.
  if (
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x4e00 && code <= 0x9fff)
  )
    return 1;
  if (code >= 0x3041 && code <= 0x9fff) return isCjkChar(ch) ? 1 : 0;
  if (code >= 0x20000 && code <= 0x3134f) return 1;
  return isCjkChar(ch) ? 1 : /[\p{L}\p{N}]/u.test(ch) ? 2 : 0;
}

/**
 * Splits a text into folded pieces: runs of Japanese characters and Latin words, cut where the
 * script changes or at spaces and punctuation. (The index cuts by character class: on the
 * same texts, Intl.Segmenter's words give the same pieces once Japanese words are joined back
 * into runs for the bigrams, at about five times the cost; the segmenter ranks whole words, see
 * `wholeWordIn`.)
 */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let current = '';
  let kind: CharClass = 0;
  for (const ch of foldText(text)) {
    const c = classOf(ch);
    if (c !== kind && current !== '') {
      if (kind !== 0) out.push({ kind: kind === 1 ? 'cjk' : 'latin', text: current });
      current = '';
    }
    kind = c;
    if (c !== 0) current += ch;
  }
  if (current !== '' && kind !== 0) out.push({ kind: kind === 1 ? 'cjk' : 'latin', text: current });
  return out;
}

let segmenter: Intl.Segmenter | null = null;

/** Words of recently ranked texts (titles come back query after query: an event shows its incident's). */
const WORDS = new Map<string, Set<string>>();
const WORDS_CACHED = 5_000;

function wordsOf(text: string): Set<string> {
  let words = WORDS.get(text);
  if (words) return words;
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  words = new Set<string>();
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.add(foldText(s.segment));
  if (WORDS.size >= WORDS_CACHED) WORDS.clear();
  WORDS.set(text, words);
  return words;
}

/** A Latin piece stands as a whole word of the folded text (a word starts and ends there). */
function wholeLatinWord(folded: string, word: string): boolean {
  for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) {
    if (classOf(folded[i - 1] ?? ' ') !== 2 && classOf(folded[i + word.length] ?? ' ') !== 2) return true;
  }
  return false;
}

/**
 * Does a piece of the query stand as a whole word of the text (Intl.Segmenter's Japanese
 * words), not inside a longer one? 京都 is a word of 京都支店 but not of 東京都. Used to rank
 * the shown results, so it runs on a few short texts per query: a query of Latin words only
 * needs no segmenter (a word boundary on each side), and the words of a text are remembered.
 */
export function wholeWordIn(text: string, query: readonly Piece[]): boolean {
  if (query.length === 0) return false;
  if (query.every((p) => p.kind === 'latin')) {
    const folded = foldText(text);
    return query.every((p) => wholeLatinWord(folded, p.text));
  }
  const words = wordsOf(text);
  return query.every((p) => words.has(p.text));
}

/** The bigrams of a Japanese run; a single character stands for itself. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The index terms of a text (duplicates kept: they count as term frequency). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === 'latin') out.push(p.text);
    else {
      const chars = [...p.text];
      if (chars.length < 2) {
        out.push(p.text);
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
      // The last character alone, so a one-character query also finds a run's end (東北 ← 北).
      out.push(chars[chars.length - 1]!);
    }
  }
  return out;
}

export interface QueryTerm {
  term: string;
  /** Also matches longer index terms starting with it (Latin words; a single kana/kanji). */
  prefix: boolean;
}

/** The terms a query needs (all of them must be found) and its folded pieces (for checks). */
export function queryTerms(query: string): { terms: QueryTerm[]; pieces: Piece[] } {
  const ps = pieces(query);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const p of ps) {
    const list =
      p.kind === 'latin'
        ? [{ term: p.text, prefix: true }]
        : bigrams(p.text).map((b) => ({ term: b, prefix: [...b].length === 1 }));
    for (const t of list) {
      if (seen.has(t.term)) continue;
      seen.add(t.term);
      terms.push(t);
    }
  }
  return { terms, pieces: ps };
}
