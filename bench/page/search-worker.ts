// The search benchmark's worker (bundled as search-worker.js next to search-page.ts): the
// shared/search engine in a Web Worker, as renderer/search/worker.ts runs it, over a scale's
// documents (bench/lib/search-corpus.ts, fetched as one file). It times the index build, the
// persisted form and the queries in the worker, then keeps only the index (as the app's worker
// does: the texts a query checks are read from the replica there, from memory here) so that
// the runner can read the worker's heap.
import { SearchIndex, type DocText } from '../../shared/search/engine';
import { unpackDoc, type PackedDoc } from '../lib/packed-docs';
import type { SearchRunResult, ToSearchWorker } from './protocol';

let index: SearchIndex | null = null;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function run(url: string, limit: number, warmUp: number): Promise<SearchRunResult> {
  index = null;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const file = (await response.json()) as { docs: PackedDoc[]; queries: string[] };
  let docs = file.docs.map(unpackDoc);
  file.docs = [];
  let texts: Map<string, DocText> | null = new Map(docs.map((d) => [d.id, { title: d.title, text: d.text }]));

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
  index = SearchIndex.fromJSON(json);
  const loadMs = performance.now() - loadStarted;
  json = null;

  const source = texts;
  const loader = async (ids: string[]) => {
    const out = new Map<string, DocText>();
    for (const id of ids) {
      const t = source.get(id);
      if (t) out.set(id, t);
    }
    return out;
  };
  const loaded = index;
  // Warm-up (JIT), not measured.
  for (const q of file.queries.slice(0, warmUp)) await loaded.search(q, loader, { limit });
  const times: number[] = [];
  let hits = 0;
  for (const q of file.queries) {
    const t0 = performance.now();
    hits += (await loaded.search(q, loader, { limit })).length;
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const matched = file.queries.slice(0, 40).map((q) => loaded.countMatches(q));
  matched.sort((a, b) => a - b);
  texts = null;
  return {
    documents: loaded.size,
    buildMs,
    persistMs,
    persistedBytes,
    loadMs,
    queries: times.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? 0,
    meanHits: hits / Math.max(1, times.length),
    medianIndexMatches: matched[Math.floor(matched.length / 2)] ?? 0,
    slowest: times
      .map((ms, i) => ({ query: file.queries[i]!, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
  };
}

self.onmessage = (e: MessageEvent<ToSearchWorker>) => {
  const msg = e.data;
  run(msg.url, msg.limit, msg.warmUp).then(
    (result) => self.postMessage({ ok: true, result }),
    (err: unknown) => self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
