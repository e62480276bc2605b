// The full-text index: MiniSearch with the Japanese-aware tokenizer of tokenize.ts, plus what
// MiniSearch does not do — checking that every Japanese part of the query occurs as written
// (bigrams alone would let 東京都 find "京都と東京"), ranking (exact phrase, recency, open
// before closed) and highlighting the matched words in context.
//
// Pure: the texts needed for the check and the highlight are read through a loader the caller
// passes (the search worker reads them from the replica), so the index keeps no bodies.
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { foldText, foldWithMap, type FoldedText } from './fold';
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
const STORED: (keyof Stored)[] = [
  'kind',
  'rowId',
  'customerId',
  'incidentId',
  'title',
  'at',
  'status',
  'open',
  'severity',
];

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

const OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: STORED,
  tokenize: indexTerms,
  processTerm: (term) => term,
};

export class SearchIndex {
  private mini: MiniSearch<SearchDoc>;

  constructor(mini?: MiniSearch<SearchDoc>) {
    this.mini = mini ?? new MiniSearch<SearchDoc>(OPTIONS);
  }

  /** A persisted index (`toJSON`) loaded back. */
  static fromJSON(json: string): SearchIndex {
    return new SearchIndex(MiniSearch.loadJSON<SearchDoc>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  stored(id: string): Stored | undefined {
    return this.mini.getStoredFields(id) as Stored | undefined;
  }

  /** Adds or replaces a document. */
  put(doc: SearchDoc): void {
    if (this.mini.has(doc.id)) this.mini.discard(doc.id);
    this.mini.add(doc);
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
  }

  /** How many documents the index itself matches for a query (before the phrase check): a measure for the bench. */
  countMatches(query: string): number {
    const { terms } = queryTerms(query);
    const prefixed = new Set(terms.filter((t) => t.prefix).map((t) => t.term));
    return this.mini.search(
      { combineWith: 'AND', queries: terms.map((t) => t.term) },
      { tokenize: (q) => [q], processTerm: (t) => t, prefix: (term) => prefixed.has(term), fuzzy: false },
    ).length;
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
    const { terms, pieces } = queryTerms(query);
    if (terms.length === 0) return [];
    const prefixed = new Set(terms.filter((t) => t.prefix).map((t) => t.term));
    const filters = options.filters ?? {};
    const raw = this.mini.search(
      { combineWith: 'AND', queries: terms.map((t) => t.term) },
      {
        tokenize: (q) => [q],
        processTerm: (t) => t,
        prefix: (term) => prefixed.has(term),
        fuzzy: false,
        boost: { title: 2 },
        filter: hasFilters(filters) ? (r) => this.passes(this.resolved(r), filters) : undefined,
      },
    );
    const candidates = raw.slice(0, CANDIDATES);
    const texts = await load(candidates.map((r) => String(r.id)));
    const top = raw[0]?.score ?? 1;
    const now = (options.now ?? new Date()).getTime();
    const phraseText = pieces.map((p) => p.text).join('');
    const ranked: { id: string; doc: DocText; fields: Stored; phrase: boolean; score: number }[] = [];
    for (const r of candidates) {
      const id = String(r.id);
      const doc = texts.get(id);
      if (!doc) continue;
      const title = foldText(doc.title);
      const body = foldText(doc.text);
      if (!pieces.every((p) => contains(title, p) || contains(body, p))) continue;
      const fields = this.resolved(r);
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
        const whole = wholeWordIn(title, pieces) || (snippet !== null && wholeWordIn(snippet.text, pieces));
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
  private resolved(r: SearchResult): Stored {
    const s = r as unknown as Stored;
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
