// Folding: the form in which texts and queries are compared, so that what a user types finds
// what was written however it was written.
//
// - Width: NFKC per character (ｶﾀｶﾅ = カタカナ, Ｏｒａｃｌｅ = Oracle, ① = 1); a half-width voiced
//   mark is composed with the kana before it (ｶﾞ = ガ).
// - Kana: katakana are compared as hiragana (ライセンス ≈ らいせんす).
// - Long-vowel marks (ー, ｰ) are dropped, so サーバー = サーバ (both spellings are common in IT).
// - Latin: lower case, accents removed (Résumé = resume).
//
// `foldWithMap` also tells, for every folded character, which character of the original it
// came from, so a match found in the folded text can be highlighted in the original.

const KATAKANA_START = 0x30a1; // ァ
const KATAKANA_END = 0x30f6; // ヶ
const KANA_OFFSET = 0x60; // ァ (U+30A1) - ぁ (U+3041)
const LONG_VOWEL = /[\u30fc\uff70]/u;
const COMBINING_LATIN = /[\u0300-\u036f]/gu;

/** The combining voiced / semi-voiced mark a character stands for (ﾞ, ﾟ, ゛, ゜), else null. */
function voicedMark(ch: string): string | null {
  if (ch !== '\uff9e' && ch !== '\uff9f' && !(ch >= '\u3099' && ch <= '\u309c')) return null;
  const k = ch.normalize('NFKC').trim();
  return k === '\u3099' || k === '\u309a' ? k : null;
}

const CACHE = new Map<string, string>();

/** The folded form of one character (may be empty, or longer than one character). */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  // Fast paths: ASCII, hiragana and common kanji fold to themselves (or lower case).
  if (ch.length === 1 && code < 0x80)
    return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  if (ch.length === 1 && ((code >= 0x3041 && code <= 0x3096) || (code >= 0x4e00 && code <= 0x9fff)))
    return ch;
  let folded = CACHE.get(ch);
  if (folded === undefined) {
    folded = foldSlow(ch);
    if (CACHE.size < 50_000) CACHE.set(ch, folded);
  }
  return folded;
}

function foldSlow(ch: string): string {
  if (LONG_VOWEL.test(ch)) return '';
  let s = ch.normalize('NFKC');
  if (s.length === 0) return s;
  // Remove Latin accents (NFD splits é into e + U+0301); kana voicing marks are not in that range.
  s = s.normalize('NFD').replace(COMBINING_LATIN, '').normalize('NFC').toLowerCase();
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (code === 0x30fc) continue;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : c;
  }
  return out;
}

export interface FoldedText {
  text: string;
  folded: string;
  /** For each UTF-16 unit of `folded`, the index in the original text it came from. */
  map: number[];
}

/** Folds a text and keeps where each folded character came from. */
export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const ch of text) {
    const mark = voicedMark(ch);
    if (mark !== null && folded.length > 0) {
      // A separate (half-width) voiced mark: compose it with the kana before it (ｶﾞ → が).
      const composed = (folded[folded.length - 1]! + mark).normalize('NFC');
      if (composed.length === 1) {
        folded = folded.slice(0, -1) + composed;
        index += ch.length;
        continue;
      }
    }
    const f = foldChar(ch);
    folded += f;
    for (let i = 0; i < f.length; i++) map.push(index);
    index += ch.length;
  }
  return { text, folded, map };
}

/** The folded form of a text (as `foldWithMap`, without the map). */
export function foldText(text: string): string {
  let folded = '';
  for (const ch of text) {
    const mark = voicedMark(ch);
    if (mark !== null && folded.length > 0) {
      const composed = (folded[folded.length - 1]! + mark).normalize('NFC');
      if (composed.length === 1) {
        folded = folded.slice(0, -1) + composed;
        continue;
      }
    }
    folded += foldChar(ch);
  }
  return folded;
}

/** Hiragana, katakana (folded to hiragana), kanji and the iteration mark: written without spaces. */
export function isCjkChar(ch: string): boolean {
  return /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3005\u3006]/u.test(ch);
}
