// The search benchmark's page: starts the search worker (search-worker.ts, bundled next to it
// as search-worker.js) as the app's window starts renderer/search/worker.ts, and hands the
// runner the worker's figures. The page itself holds nothing of the index.
import type { SearchBenchApi, SearchRunResult, ToSearchWorker } from './protocol';

let worker: Worker | null = null;

const api: SearchBenchApi = {
  run(url, limit, warmUp) {
    worker?.terminate();
    const w = new Worker(new URL('./search-worker.js', location.href), { type: 'module', name: 'search' });
    worker = w;
    return new Promise<SearchRunResult>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<{ ok: true; result: SearchRunResult } | { ok: false; error: string }>) =>
        e.data.ok ? resolve(e.data.result) : reject(new Error(e.data.error));
      w.onerror = (e) => reject(new Error(`search worker: ${e.message}`));
      w.postMessage({ url: new URL(url, location.href).href, limit, warmUp } satisfies ToSearchWorker);
    });
  },
  stop() {
    worker?.terminate();
    worker = null;
  },
};

(window as unknown as { bench: SearchBenchApi }).bench = api;
document.title = 'bench ready';
