// The inverted index under SearchIndex: for every term, the documents holding it and how often
// (one flat array per term, [doc, tf, doc, tf, …] in ascending document number). Written for
// this corpus instead of MiniSearch, by a measured gain (shared/search/README.md, "Bench"):
// Japanese bigrams make a handful of very common terms per query, and MiniSearch scored every
// document of each term into its own map and built a result object with match details for
// each of thousands of matches; here a query walks each term's array once into two typed
// arrays (score and how many of the query's terms each document has), and only the documents
// holding every term are kept. Adding a document is a push per distinct term.
//
// Documents are numbered in the order they are added; replacing or removing one only marks
// its number dead (its postings are skipped, then dropped by `compact` once dead ones pile up).

/** BM25 parameters (the usual values; MiniSearch used the same). */
const K1 = 1.2;
const B = 0.7;

export interface PostingsJSON<S> {
  /** Live documents in number order: [id, length, stored fields]. */
  docs: [string, number, S][];
  /** Term → [doc delta, tf, doc delta, tf, …] (doc numbers delta-encoded). */
  terms: Record<string, number[]>;
}

export class Postings<S> {
  private ids: (string | null)[] = [];
  private lengths: number[] = [];
  private stored: (S | null)[] = [];
  private byId = new Map<string, number>();
  private terms = new Map<string, number[]>();
  private totalLength = 0;
  private dead = 0;
  /** Terms in sorted order for prefix look-ups (null: to rebuild; new terms were added). */
  private sortedTerms: string[] | null = null;
  /**
   * Scratch of `match`, kept between queries (a manager's index has 400,000 documents: two
   * fresh arrays of that size per query cost more in allocation and GC than the matching);
   * all zero between calls (each call resets what it touched).
   */
  private seen = new Uint8Array(0);
  private score = new Float64Array(0);
  /** BM25's length normalisation K1·(1 − B + B·length/avg) per document, for `normsOf`. */
  private norms = new Float64Array(0);
  private normsAvg = NaN;
  private normsSize = -1;

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  storedOf(id: string): S | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : (this.stored[n] ?? undefined);
  }

  storedAt(n: number): S {
    return this.stored[n] as S;
  }

  idAt(n: number): string {
    return this.ids[n] as string;
  }

  /**
   * Adds a document under `id` (replacing one of that id) with its weighted terms: each term
   * with its frequency (a title term may count more than once).
   */
  add(id: string, stored: S, termFrequencies: Map<string, number>, length: number): void {
    this.remove(id);
    const n = this.ids.length;
    this.ids.push(id);
    this.lengths.push(length);
    this.stored.push(stored);
    this.byId.set(id, n);
    this.totalLength += length;
    for (const [term, tf] of termFrequencies) {
      let list = this.terms.get(term);
      if (list === undefined) {
        list = [];
        this.terms.set(term, list);
        this.sortedTerms = null;
      }
      list.push(n, tf);
    }
  }

  remove(id: string): void {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.byId.delete(id);
    this.ids[n] = null;
    this.stored[n] = null;
    this.totalLength -= this.lengths[n] ?? 0;
    this.dead++;
    if (this.dead > 10_000 && this.dead > this.byId.size) this.compact();
  }

  /** Drops the postings of dead documents (their numbers stay unused). */
  compact(): void {
    for (const [term, list] of this.terms) {
      const kept: number[] = [];
      for (let i = 0; i < list.length; i += 2)
        if (this.ids[list[i]!] !== null) kept.push(list[i]!, list[i + 1]!);
      if (kept.length === 0) {
        this.terms.delete(term);
        this.sortedTerms = null;
      } else this.terms.set(term, kept);
    }
    this.dead = 0;
  }

  /** The postings lists of a term, or of every term it starts (prefix). */
  listsOf(term: string, prefix: boolean): number[][] {
    if (!prefix) {
      const list = this.terms.get(term);
      return list ? [list] : [];
    }
    this.sortedTerms ??= [...this.terms.keys()].sort();
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    const out: number[][] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(term); i++) {
      const list = this.terms.get(sorted[i]!);
      if (list) out.push(list);
    }
    return out;
  }

  /**
   * The live documents that hold every group (a group: the lists of one query term, several
   * for a prefix), each with its BM25 score summed over the groups. Unordered.
   */
  match(groups: number[][][]): { docs: Int32Array; scores: Float64Array } {
    const size = this.ids.length;
    const live = this.byId.size;
    if (groups.length === 0 || live === 0) return { docs: new Int32Array(0), scores: new Float64Array(0) };
    // The rarest group first: later groups only touch documents that are still in.
    const ordered = [...groups].sort((a, b) => total(a) - total(b));
    if (this.seen.length < size) {
      this.seen = new Uint8Array(size);
      this.score = new Float64Array(size);
    }
    const seen = this.seen;
    const score = this.score;
    const norms = this.normsOf(this.totalLength / live || 1);
    const ids = this.ids;
    // No dead documents: every posting is live, a term's document frequency is its length.
    const clean = this.dead === 0;
    for (let g = 0; g < ordered.length; g++) {
      const need = g;
      const got = g + 1;
      for (const list of ordered[g]!) {
        let df = 0;
        if (clean) df = list.length / 2;
        else for (let i = 0; i < list.length; i += 2) if (ids[list[i]!] !== null) df++;
        const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
        for (let i = 0; i < list.length; i += 2) {
          const n = list[i]!;
          const state = seen[n]!;
          if (state !== need && state !== got) continue;
          if (!clean && ids[n] === null) continue;
          const tf = list[i + 1]!;
          score[n] = score[n]! + (idf * tf * (K1 + 1)) / (tf + norms[n]!);
          seen[n] = got;
        }
      }
    }
    const last = ordered.length;
    let count = 0;
    for (let n = 0; n < size; n++) if (seen[n] === last) count++;
    const docs = new Int32Array(count);
    const scores = new Float64Array(count);
    let k = 0;
    // Collect in document order, and leave the scratch all zero for the next call.
    for (let n = 0; n < size; n++) {
      const state = seen[n]!;
      if (state === 0) continue;
      if (state === last) {
        docs[k] = n;
        scores[k++] = score[n]!;
      }
      seen[n] = 0;
      score[n] = 0;
    }
    return { docs, scores };
  }

  /** The length normalisation of every document for the average length `avg` (recomputed when it or the numbering changed). */
  private normsOf(avg: number): Float64Array {
    const size = this.ids.length;
    if (this.normsAvg === avg && this.normsSize === size) return this.norms;
    if (this.norms.length < size) this.norms = new Float64Array(size);
    const norms = this.norms;
    const lengths = this.lengths;
    for (let n = 0; n < size; n++) norms[n] = K1 * (1 - B + (B * lengths[n]!) / avg);
    this.normsAvg = avg;
    this.normsSize = size;
    return norms;
  }

  toJSON(): PostingsJSON<S> {
    // Renumber the live documents 0…n-1 (dead ones leave no hole in the persisted form).
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const docs: [string, number, S][] = [];
    for (let n = 0; n < this.ids.length; n++) {
      const id = this.ids[n];
      if (id === null || id === undefined) continue;
      renumber[n] = docs.length;
      docs.push([id, this.lengths[n]!, this.stored[n] as S]);
    }
    const terms: Record<string, number[]> = {};
    for (const [term, list] of this.terms) {
      const out: number[] = [];
      let prev = 0;
      for (let i = 0; i < list.length; i += 2) {
        const m = renumber[list[i]!]!;
        if (m < 0) continue;
        out.push(m - prev, list[i + 1]!);
        prev = m;
      }
      if (out.length > 0) terms[term] = out;
    }
    return { docs, terms };
  }

  static fromJSON<S>(json: PostingsJSON<S>): Postings<S> {
    const p = new Postings<S>();
    for (const [id, length, stored] of json.docs) {
      p.byId.set(id, p.ids.length);
      p.ids.push(id);
      p.lengths.push(length);
      p.stored.push(stored);
      p.totalLength += length;
    }
    for (const term of Object.keys(json.terms)) {
      const list = json.terms[term]!;
      let prev = 0;
      for (let i = 0; i < list.length; i += 2) {
        prev += list[i]!;
        list[i] = prev;
      }
      p.terms.set(term, list);
    }
    return p;
  }
}

function total(lists: number[][]): number {
  let n = 0;
  for (const l of lists) n += l.length;
  return n;
}
