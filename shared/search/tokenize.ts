// Tokenizer of the full-text index. Japanese is written without spaces, so a text is cut into
// words with Intl.Segmenter('ja'); runs of Japanese words are then indexed as character
// bigrams (ライセンスエラー → らい いせ せん んす すえ えら ら), so any part of a word of two
// characters or more is found, whatever the segmenter decided. Latin words and numbers are
// indexed as folded words (a query word also finds longer words it starts). Everything is
// folded first (fold.ts).
import { foldText, isCjkChar } from './fold';

let segmenter: Intl.Segmenter | null = null;
function words(text: string): { segment: string; isWordLike: boolean }[] {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  return Array.from(segmenter.segment(text), (s) => ({
    segment: s.segment,
    isWordLike: s.isWordLike === true,
  }));
}

/** A piece of a text or query: a run of Japanese characters, or a Latin word / number. */
export interface Piece {
  kind: 'cjk' | 'latin';
  /** Folded. */
  text: string;
}

/** Splits a (not yet folded) text into folded pieces: Japanese runs and Latin words. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let run = '';
  const flush = () => {
    if (run.length > 0) out.push({ kind: 'cjk', text: run });
    run = '';
  };
  for (const w of words(text.normalize('NFKC'))) {
    if (!w.isWordLike) {
      // Punctuation and spaces end a Japanese run; a long-vowel mark alone is part of one.
      if (foldText(w.segment).length > 0 && [...w.segment].every(isCjkChar)) run += foldText(w.segment);
      else flush();
      continue;
    }
    // A segment may mix scripts (e.g. "12c版"): split it at script changes.
    let latin = '';
    for (const ch of foldText(w.segment)) {
      if (isCjkChar(ch)) {
        if (latin) out.push({ kind: 'latin', text: latin });
        latin = '';
        run += ch;
      } else if (/[\p{L}\p{N}]/u.test(ch)) {
        flush();
        latin += ch;
      } else {
        flush();
        if (latin) out.push({ kind: 'latin', text: latin });
        latin = '';
      }
    }
    if (latin) out.push({ kind: 'latin', text: latin });
  }
  flush();
  return out;
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
      out.push(...bigrams(p.text));
      // The last character alone, so a one-character query also finds a run's end (東北 ← 北).
      const chars = [...p.text];
      if (chars.length > 1) out.push(chars[chars.length - 1]!);
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
