// The search benchmark's worker (bundled as search-worker.js next to search-page.ts): the
// shared/search engine in a Web Worker, as renderer/search/worker.ts runs it, over a scale's
// documents (bench/lib/search-corpus.ts, fetched as one file). It times the index build, the
// persisted form and the queries in the worker (two calls, so that the runner can read the
// renderer's CPU time over the queries alone), then keeps only the index (as the app's worker
// does: the texts a query checks are read from the replica there, from memory here) so that
// the runner can read the worker's heap.
import { SearchIndex, type DocText } from '../../shared/search/engine';
import { unpackDoc, type PackedDoc } from '../lib/packed-docs';
import type { SearchBuildResult, SearchQueryResult, ToSearchWorker } from './protocol';

let index: SearchIndex | null = null;
let queries: string[] = [];
let texts: Map<string, DocText> | null = null;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** The texts of the check and the highlight, from memory (the app reads them from the replica). */
async function loader(ids: string[]): Promise<Map<string, DocText>> {
  const out = new Map<string, DocText>();
  for (const id of ids) {
    const t = texts?.get(id);
    if (t) out.set(id, t);
  }
  return out;
}

async function build(url: string, limit: number, warmUp: number): Promise<SearchBuildResult> {
  index = null;
  texts = null;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const file = (await response.json()) as { docs: PackedDoc[]; queries: string[] };
  queries = file.queries;
  let docs = file.docs.map(unpackDoc);
  file.docs = [];
  texts = new Map(docs.map((d) => [d.id, { title: d.title, text: d.text }]));

  const buildStarted = performance.now();
  const built = new SearchIndex();
  for (const d of docs) built.put(d);
  const buildMs = performance.now() - buildStarted;
  docs = [];

  const persistStarted = performance.now();
  let json: string | null = built.toJSON();
  const persistMs = performance.now() - persistStarted;
  const persistedBytes = new TextEncoder().encode(json).length;
  const loadStarted = performance.now();
  const loaded = SearchIndex.fromJSON(json);
  const loadMs = performance.now() - loadStarted;
  json = null;
  index = loaded;
  // Warm-up (JIT) and the corpus's density, not timed (and outside the queries' CPU window).
  for (const q of queries.slice(0, warmUp)) await loaded.search(q, loader, { limit });
  const matched = queries.slice(0, 40).map((q) => loaded.countMatches(q));
  matched.sort((a, b) => a - b);
  return {
    documents: loaded.size,
    buildMs,
    persistMs,
    persistedBytes,
    loadMs,
    medianIndexMatches: matched[Math.floor(matched.length / 2)] ?? 0,
  };
}

async function run(limit: number): Promise<SearchQueryResult> {
  const loaded = index;
  if (!loaded || !texts) throw new Error('search worker: build first');
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    hits += (await loaded.search(q, loader, { limit })).length;
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  // Only the index stays (the app's worker keeps no texts).
  texts = null;
  return {
    queries: times.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? 0,
    meanHits: hits / Math.max(1, times.length),
    times,
    slowest: times
      .map((ms, i) => ({ query: queries[i]!, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
  };
}

self.onmessage = (e: MessageEvent<ToSearchWorker>) => {
  const msg = e.data;
  (msg.type === 'build' ? build(msg.url, msg.limit, msg.warmUp) : run(msg.limit)).then(
    (result) => self.postMessage({ ok: true, result }),
    (err: unknown) =>
      self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
