// The search benchmark's page: starts the search worker (search-worker.ts, bundled next to it
// as search-worker.js) as the app's window starts renderer/search/worker.ts, and hands the
// runner the worker's figures. The page itself holds nothing of the index.
import type { SearchBenchApi, SearchBuildResult, SearchQueryResult, ToSearchWorker } from './protocol';

let worker: Worker | null = null;

function ask<R>(message: ToSearchWorker): Promise<R> {
  const w = worker;
  if (!w) return Promise.reject(new Error('search worker: not started'));
  return new Promise<R>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<{ ok: true; result: R } | { ok: false; error: string }>) =>
      e.data.ok ? resolve(e.data.result) : reject(new Error(e.data.error));
    w.onerror = (e) => reject(new Error(`search worker: ${e.message}`));
    w.postMessage(message);
  });
}

const api: SearchBenchApi = {
  build(url, limit, warmUp) {
    worker?.terminate();
    worker = new Worker(new URL('./search-worker.js', location.href), { type: 'module', name: 'search' });
    return ask<SearchBuildResult>({ type: 'build', url: new URL(url, location.href).href, limit, warmUp });
  },
  queries(limit) {
    return ask<SearchQueryResult>({ type: 'queries', limit });
  },
  stop() {
    worker?.terminate();
    worker = null;
  },
};

(window as unknown as { bench: SearchBenchApi }).bench = api;
document.title = 'bench ready';
