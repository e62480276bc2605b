// The full-text index: an inverted index (postings.ts) over the Japanese-aware tokenizer of
// tokenize.ts, plus checking that every Japanese part of the query occurs as written
// (bigrams alone would let 東京都 find "京都と東京"), ranking (exact phrase, recency, open
// before closed) and highlighting the matched words in context.
//
// Pure: the texts needed for the check and the highlight are read through a loader the caller
// passes (the search worker reads them from the replica), so the index keeps no bodies.
import { foldText, foldWithMap, type FoldedText } from './fold';
import { Postings, type PostingsJSON } from './postings';
import { indexTerms, queryTerms, wholeWordIn, type Piece } from './tokenize';

export const SEARCH_KINDS = ['incident', 'event', 'customer', 'contact', 'request', 'finding'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One searchable thing. Events take status, level and title from their incident's document. */
export interface SearchDoc {
  /** `${kind}:${key}`, unique in the index. */
  id: string;
  kind: SearchKind;
  /** The row its view shows: the incident (incidents and their events), customer, contact, request, health check (findings). */
  rowId: string;
  customerId: string | null;
  incidentId: string | null;
  /** Short label, indexed and kept in the index (empty for events: their incident's title is used). */
  title: string;
  /** The body, indexed but not kept (read again through the loader). */
  text: string;
  /** Instant or local date the period filter and recency use. */
  at: string | null;
  status: string | null;
  /** Open (true) or closed (false); null when it does not apply. */
  open: boolean | null;
  severity: number | null;
}

type Stored = Omit<SearchDoc, 'id' | 'text'>;

export interface SearchFilters {
  customerId?: string | null;
  severity?: readonly number[];
  status?: readonly string[];
  /** Inclusive bounds compared with the document's `at` (ISO strings compare as text). */
  from?: string | null;
  to?: string | null;
  kinds?: readonly SearchKind[];
}

/** Highlighted text: [start, end) ranges of matched words. */
export interface Marked {
  text: string;
  marks: [number, number][];
}

export interface SearchHit extends Stored {
  id: string;
  score: number;
  /** The whole query occurs as typed (after folding). */
  phrase: boolean;
  titleMarked: Marked;
  /** Where in the body the query matched, with some context (null: only the title matched). */
  snippet: Marked | null;
}

/** The texts of a document for the check and the highlight. */
export interface DocText {
  title: string;
  text: string;
}

/** How much a title's term counts against a body's (MiniSearch's boost of before). */
const TITLE_WEIGHT = 2;

/** The persisted form's own version (the indexer also versions what it persists). */
const JSON_VERSION = 1;

export class SearchIndex {
  private postings: Postings<Stored>;
  /**
   * One copy of each customer and incident id the stored fields hold (an incident's id is in
   * each of its events' documents twice, a customer's in all of its documents): a manager's
   * 400,000 documents kept a copy each, about a sixth of the index's heap.
   */
  private ids = new Map<string, string>();

  constructor(postings?: Postings<Stored>) {
    this.postings = postings ?? new Postings<Stored>();
  }

  /** A persisted index (`toJSON`) loaded back. */
  static fromJSON(json: string): SearchIndex {
    const parsed = JSON.parse(json) as { v?: number; postings?: PostingsJSON<Stored> };
    if (parsed.v !== JSON_VERSION || !parsed.postings) throw new Error('Not a search index of this version');
    const index = new SearchIndex();
    for (const doc of parsed.postings.docs) doc[2] = index.shared(doc[2]);
    index.postings = Postings.fromJSON(parsed.postings);
    return index;
  }

  private intern(value: string | null): string | null {
    if (value === null) return null;
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    this.ids.set(value, value);
    return value;
  }

  /** Stored fields whose ids are the index's one copy. */
  private shared(s: Stored): Stored {
    s.customerId = this.intern(s.customerId);
    s.incidentId = this.intern(s.incidentId);
    if (s.rowId === s.incidentId || s.rowId === s.customerId) s.rowId = this.intern(s.rowId)!;
    return s;
  }

  toJSON(): string {
    return JSON.stringify({ v: JSON_VERSION, postings: this.postings.toJSON() });
  }

  get size(): number {
    return this.postings.size;
  }

  has(id: string): boolean {
    return this.postings.has(id);
  }

  stored(id: string): Stored | undefined {
    return this.postings.storedOf(id);
  }

  /** Adds or replaces a document. */
  put(doc: SearchDoc): void {
    const tf = new Map<string, number>();
    let length = 0;
    for (const term of indexTerms(doc.title)) {
      tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT);
      length++;
    }
    for (const term of indexTerms(doc.text)) {
      tf.set(term, (tf.get(term) ?? 0) + 1);
      length++;
    }
    const stored: Stored = this.shared({
      kind: doc.kind,
      rowId: doc.rowId,
      customerId: doc.customerId,
      incidentId: doc.incidentId,
      title: doc.title,
      at: doc.at,
      status: doc.status,
      open: doc.open,
      severity: doc.severity,
    });
    this.postings.add(doc.id, stored, tf, length);
  }

  remove(id: string): void {
    this.postings.remove(id);
  }

  /** The documents holding every term of the query, with their scores (before the phrase check). */
  private matches(query: string) {
    const { terms, pieces } = queryTerms(query);
    const groups = terms.map((t) => this.postings.listsOf(t.term, t.prefix));
    const found = terms.length > 0 && groups.every((g) => g.length > 0);
    return {
      terms,
      pieces,
      ...(found ? this.postings.match(groups) : { docs: new Int32Array(0), scores: new Float64Array(0) }),
    };
  }

  /** How many documents the index itself matches for a query (before the phrase check): a measure for the bench. */
  countMatches(query: string): number {
    return this.matches(query).docs.length;
  }

  /**
   * The documents matching a query, best first. Every word of the query must be found;
   * Japanese parts as written (after folding), Latin words also as the start of a longer word.
   */
  async search(
    query: string,
    load: (ids: string[]) => Promise<Map<string, DocText>>,
    options: { filters?: SearchFilters; limit?: number; now?: Date } = {},
  ): Promise<SearchHit[]> {
    const { terms, pieces, docs, scores } = this.matches(query);
    if (terms.length === 0) return [];
    const filters = options.filters ?? {};
    const filtered = hasFilters(filters);
    // The best CANDIDATES by index score (those passing the filters), best first: kept in a
    // small sorted window while walking the matches (a manager's query matches tens of
    // thousands of documents; sorting them all cost more than the matching).
    const best: number[] = [];
    for (let k = 0; k < docs.length; k++) {
      const score = scores[k]!;
      if (best.length === CANDIDATES && score <= scores[best[best.length - 1]!]!) continue;
      if (filtered && !this.passes(this.resolved(this.postings.storedAt(docs[k]!)), filters)) continue;
      let at = best.length;
      while (at > 0 && scores[best[at - 1]!]! < score) at--;
      best.splice(at, 0, k);
      if (best.length > CANDIDATES) best.pop();
    }
    const candidates = best.map((k) => ({
      id: this.postings.idAt(docs[k]!),
      stored: this.postings.storedAt(docs[k]!),
      score: scores[k]!,
    }));
    const texts = await load(candidates.map((r) => r.id));
    const top = candidates[0]?.score || 1;
    const now = (options.now ?? new Date()).getTime();
    const phraseText = pieces.map((p) => p.text).join('');
    const ranked: { id: string; doc: DocText; fields: Stored; phrase: boolean; score: number }[] = [];
    for (const r of candidates) {
      const id = r.id;
      const doc = texts.get(id);
      if (!doc) continue;
      const title = foldText(doc.title);
      const body = foldText(doc.text);
      if (!pieces.every((p) => contains(title, p) || contains(body, p))) continue;
      const fields = this.resolved(r.stored);
      const phrase = squash(title).includes(phraseText) || squash(body).includes(phraseText);
      const ageDays = fields.at ? Math.max(0, (now - Date.parse(fields.at)) / 86_400_000) : 3650;
      const score =
        r.score / top +
        (phrase ? 1 : 0) +
        0.5 * Math.pow(0.5, ageDays / 180) +
        (fields.open === true ? 0.3 : 0);
      ranked.push({ id, doc, fields, phrase, score });
    }
    ranked.sort((a, b) => b.score - a.score);
    const hits: SearchHit[] = ranked
      .slice(0, options.limit ?? 50)
      .map(({ id, doc, fields, phrase, score }) => {
        const title = doc.title || fields.title;
        const snippet = snippetOf(doc.text, foldWithMap(doc.text), pieces);
        // Whole words (Intl.Segmenter) rank above parts of longer words: 京都 in 京都支店, not in 東京都.
        // The snippet is segmented only around its marks (a few words of context each side).
        const whole =
          wholeWordIn(title, pieces) || (snippet !== null && wholeWordIn(aroundMarks(snippet), pieces));
        return {
          ...fields,
          title,
          id,
          score: score + (whole ? 0.25 : 0),
          phrase,
          titleMarked: { text: title, marks: marksIn(foldWithMap(title), pieces) },
          snippet,
        };
      });
    hits.sort((a, b) => b.score - a.score);
    return hits;
  }

  /** Stored fields of a result; an event takes status, level and openness from its incident. */
  private resolved(s: Stored): Stored {
    const base: Stored = {
      kind: s.kind,
      rowId: s.rowId,
      customerId: s.customerId,
      incidentId: s.incidentId,
      title: s.title,
      at: s.at,
      status: s.status,
      open: s.open,
      severity: s.severity,
    };
    if (s.kind === 'event' && s.incidentId) {
      const incident = this.stored(`incident:${s.incidentId}`);
      if (incident) {
        base.status = incident.status;
        base.open = incident.open;
        base.severity = incident.severity;
        base.title = incident.title;
      }
    }
    return base;
  }

  private passes(s: Stored, f: SearchFilters): boolean {
    if (f.kinds && f.kinds.length > 0 && !f.kinds.includes(s.kind)) return false;
    if (f.customerId && s.customerId !== f.customerId) return false;
    if (f.severity && f.severity.length > 0 && (s.severity === null || !f.severity.includes(s.severity)))
      return false;
    if (f.status && f.status.length > 0 && (s.status === null || !f.status.includes(s.status))) return false;
    if (f.from && (s.at === null || s.at.slice(0, f.from.length) < f.from)) return false;
    if (f.to && (s.at === null || s.at.slice(0, f.to.length) > f.to)) return false;
    return true;
  }
}

function hasFilters(f: SearchFilters): boolean {
  return Object.values(f).some(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
}

/** How many index results are checked and ranked per query. */
const CANDIDATES = 200;

function squash(folded: string): string {
  return folded.replace(/[\s\p{P}\p{S}]+/gu, '');
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{Script=Latin}\p{N}]/u.test(ch);
}

/** Positions where a piece occurs: Japanese anywhere, Latin at the start of a word. */
function occurrences(folded: string, piece: Piece): number[] {
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const i = folded.indexOf(piece.text, from);
    if (i < 0) return out;
    if (piece.kind === 'cjk' || !isWordChar(folded[i - 1])) out.push(i);
    from = i + 1;
  }
}

function contains(folded: string, piece: Piece): boolean {
  if (piece.kind === 'cjk') return folded.includes(piece.text);
  return occurrences(folded, piece).length > 0;
}

/** Characters that fold to nothing or into the character before (ー, ﾞ): part of a highlighted word. */
function ignorable(ch: string): boolean {
  return foldWithMap(ch).folded.length === 0 || /^[\u3099\u309a]$/u.test(ch.normalize('NFKC').trim());
}

function marksIn(text: FoldedText, pieces: readonly Piece[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const p of pieces) {
    for (const i of occurrences(text.folded, p)) {
      const end = i + p.text.length - 1;
      const start = text.map[i]!;
      let stop = text.map[end]! + 1;
      const next = text.map[end + 1] ?? text.text.length;
      while (stop < next && ignorable(text.text[stop]!)) stop++;
      ranges.push([start, stop]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Characters of context each side of the marks that the whole-word check segments. */
const WORD_CONTEXT = 12;

/** The part of a highlighted text from a little before its first mark to a little after its last. */
function aroundMarks(marked: Marked): string {
  const first = marked.marks[0];
  const last = marked.marks[marked.marks.length - 1];
  if (!first || !last) return marked.text;
  return marked.text.slice(Math.max(0, first[0] - WORD_CONTEXT), last[1] + WORD_CONTEXT);
}

/** Context shown around the first match of the body. */
const CONTEXT = 40;

function snippetOf(text: string, folded: FoldedText, pieces: readonly Piece[]): Marked | null {
  const marks = marksIn(folded, pieces);
  const first = marks[0];
  if (!first) return null;
  let start = Math.max(0, first[0] - CONTEXT);
  let end = Math.min(text.length, first[1] + CONTEXT * 2);
  // Do not cut a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/u.test(text[start] ?? '')) start--;
  if (end < text.length && /[\udc00-\udfff]/u.test(text[end] ?? '')) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shown = prefix + text.slice(start, end).replace(/\s+/gu, ' ') + suffix;
  // Whitespace collapsing changes offsets: recompute the marks on the shown text.
  const again = marksIn(foldWithMap(shown), pieces);
  return { text: shown, marks: again };
}
