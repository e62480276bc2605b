// The search measure of `npm run bench`: the shared/search engine in a Web Worker in headless
// Chromium (bench/page/search-page.ts and search-worker.ts, bundled from the app's own code),
// over a scale's documents with deterministic mixed ja/en texts (./search-corpus.ts).
// Index build time and query latency are wall time inside the worker; the persisted size is
// the index's JSON as the replica stores it; the heap is the renderer's JS heap (the page's
// and the search worker's, through CDP, after a forced GC) once the index is built.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { launch, openBenchPage } from './browser';
import { bundlePage } from './bundle';
import { packDoc } from './packed-docs';
import { searchCorpus } from './search-corpus';
import { load1, type Measure } from './report';
import type { ScaleDef } from './scales';
import type { SearchBenchApi, SearchBuildResult, SearchQueryResult } from '../page/protocol';

/** Queries per scale (mixed ja/en), and un-timed warm-up queries before them. */
export const SEARCH_QUERIES = 200;
const WARM_UP = 20;
/** Results asked per query, as the palette asks. */
const LIMIT = 50;

/** The issue's goals per scale (null: none set). */
const GOALS: Record<'tam' | 'manager', { buildS: number | null; p95Ms: number; heapMb: number | null }> = {
  tam: { buildS: 3, p95Ms: 30, heapMb: null },
  manager: { buildS: null, p95Ms: 50, heapMb: 300 },
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** Serves `dir` on loopback (the page, its worker and the corpus files). */
function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    );
    if (path.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/**
 * The page's dedicated workers through CDP (auto-attached, not flattened, so that Playwright's
 * session can reach them): a forced GC and the used heap of each.
 */
function workerHeaps(cdp: CDPSession): { read: () => Promise<number[]> } {
  const sessions = new Set<string>();
  const pending = new Map<number, (result: unknown) => void>();
  let next = 1;
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') sessions.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => sessions.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.error ? null : msg.result);
    if (msg.id !== undefined) pending.delete(msg.id);
  });
  const send = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  return {
    async read() {
      const out: number[] = [];
      for (const s of sessions) {
        await send(s, 'HeapProfiler.collectGarbage');
        const h = (await send(s, 'Runtime.getHeapUsage')) as { usedSize: number } | null;
        if (h) out.push(h.usedSize / 1048576);
      }
      return out;
    },
  };
}

/**
 * CPU time (user + system, ms) of the renderer processes of the Chromium whose profile is
 * `profileDir` (Linux /proc; null elsewhere): the search worker's thread is in the page's
 * renderer, so the difference over the queries is their CPU time, which the machine's load
 * inflates far less than their wall time.
 */
function rendererCpuMs(profileDir: string): number | null {
  try {
    const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { maxBuffer: 64 << 20 })
      .toString()
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
    const browser = rows.find(
      (r) => r.args.includes(`--user-data-dir=${profileDir}`) && !r.args.includes('--type='),
    );
    if (!browser) return null;
    const family = new Set([browser.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of rows)
        if (family.has(r.ppid) && !family.has(r.pid)) {
          family.add(r.pid);
          grew = true;
        }
    }
    const tick = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
    let ms = 0;
    for (const r of rows) {
      if (!family.has(r.pid) || !r.args.includes('--type=renderer')) continue;
      // Fields after the command's closing parenthesis: state is the 1st, utime the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${r.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * tick;
    }
    return ms;
  } catch {
    return null;
  }
}

export interface SearchScaleOptions {
  root: string;
  /** A scratch folder of the run. */
  work: string;
  scale: ScaleDef & { key: 'tam' | 'manager' };
  log: (msg: string) => void;
  add: (m: Measure) => void;
}

export async function searchScale({
  root,
  work,
  scale,
  log,
  add,
}: SearchScaleOptions): Promise<SearchBuildResult & SearchQueryResult> {
  const dir = join(work, 'search-static');
  mkdirSync(dir, { recursive: true });
  await bundlePage(root, 'bench/page/search-page.ts', dir, 'search');
  await bundlePage(root, 'bench/page/search-worker.ts', dir, 'search-worker', false);
  log(`  search corpus (${scale.key}): generating the scope's documents with ja/en texts (not measured)`);
  const corpus = searchCorpus(scale, SEARCH_QUERIES);
  writeFileSync(
    join(dir, `${scale.key}.json`),
    JSON.stringify({ docs: corpus.docs.map(packDoc), queries: corpus.queries }),
  );
  const documents = corpus.docs.length;
  corpus.docs.length = 0;
  const { server, origin } = await serve(dir);
  const profileDir = join(work, `profile-search-${scale.key}`);
  const context = await launch(profileDir);
  try {
    const page = await openBenchPage(context, `${origin}/search.html`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    const workers = workerHeaps(cdp);
    const loadStart = load1();
    log(
      `  search (${scale.key}): ${documents.toLocaleString('en-US')} documents, index build and ${SEARCH_QUERIES} queries in the worker`,
    );
    // (Functions given to page.evaluate run in the page: they reach window.bench themselves.)
    const built = await page.evaluate(
      ([url, limit, warmUp]) =>
        (window as unknown as { bench: SearchBenchApi }).bench.build(url, limit, warmUp),
      [`/${scale.key}.json`, LIMIT, WARM_UP] as const,
    );
    const loadQueries = load1();
    const cpuBefore = rendererCpuMs(profileDir);
    const queried = await page.evaluate(
      (limit) => (window as unknown as { bench: SearchBenchApi }).bench.queries(limit),
      LIMIT,
    );
    const cpuAfter = rendererCpuMs(profileDir);
    const cpuPerQuery =
      cpuBefore !== null && cpuAfter !== null && queried.queries > 0
        ? (cpuAfter - cpuBefore) / queried.queries
        : null;
    const r = { ...built, ...queried };
    const loadEnd = load1();
    await cdp.send('HeapProfiler.collectGarbage');
    const pageHeap = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1048576;
    const workerHeap = await workers.read();
    await page.evaluate(() => (window as unknown as { bench: SearchBenchApi }).bench.stop());

    const goals = GOALS[scale.key];
    const who = scale.key === 'tam' ? 'TAM' : 'manager';
    const loadNote = `load average ${loadStart} at the start of the build, ${loadQueries} before the queries, ${loadEnd} after them`;
    add({
      key: `search.${scale.key}.build`,
      label: `Search index build, ${who} (${documents.toLocaleString('en-US')} documents)`,
      value: Math.round(r.buildMs) / 1000,
      unit: 's',
      ...(goals.buildS !== null
        ? { goal: { text: `≤ ${goals.buildS} s`, met: r.buildMs <= goals.buildS * 1000 } }
        : {}),
      note: `SearchIndex.put of every document in the search worker (wall time); rows from memory (the app's indexer also reads them from the replica in pages, not included); ${loadNote}`,
      load1: loadStart,
      details: { documents: r.documents, buildMs: r.buildMs },
    });
    add({
      key: `search.${scale.key}.size`,
      label: `Search index persisted size, ${who}`,
      value: Math.round((r.persistedBytes / 1048576) * 10) / 10,
      unit: 'MB',
      goal: { text: 'reported', met: true },
      note: `the index's JSON (UTF-8) as the replica's searchIndex table stores it (before sealing); toJSON ${Math.round(r.persistMs)} ms, fromJSON (a cold start's load) ${Math.round(r.loadMs)} ms in the worker`,
      details: { persistedBytes: r.persistedBytes, persistMs: r.persistMs, loadMs: r.loadMs },
    });
    const queryDetails = {
      queries: r.queries,
      p50Ms: r.p50Ms,
      p95Ms: r.p95Ms,
      maxMs: r.maxMs,
      meanHits: r.meanHits,
      medianIndexMatches: r.medianIndexMatches,
      slowest: r.slowest,
      cpuMsPerQuery: cpuPerQuery,
      times: r.times.map((t) => Math.round(t * 10) / 10),
      load1: { start: loadQueries, end: loadEnd },
    };
    add({
      key: `search.${scale.key}.p50`,
      label: `Search query p50, ${who} (${r.queries} mixed ja/en queries)`,
      value: Math.round(r.p50Ms * 10) / 10,
      unit: 'ms',
      note: `wall time of SearchIndex.search (limit ${LIMIT}) in the worker, after ${WARM_UP} warm-up queries; texts for the check from memory; ${loadNote}`,
      load1: loadEnd,
      details: queryDetails,
    });
    add({
      key: `search.${scale.key}.p95`,
      label: `Search query p95, ${who} (${r.queries} mixed ja/en queries)`,
      value: Math.round(r.p95Ms * 10) / 10,
      unit: 'ms',
      goal: { text: `≤ ${goals.p95Ms} ms`, met: r.p95Ms <= goals.p95Ms },
      note: `wall time in the worker, max ${Math.round(r.maxMs)} ms; ${cpuPerQuery !== null ? `the renderer's CPU time over the queries ${cpuPerQuery.toFixed(1)} ms per query on average (less inflated by the load); ` : ''}${r.meanHits.toFixed(1)} hits per query on average, median ${r.medianIndexMatches.toLocaleString('en-US')} index matches before the phrase check; ${loadNote}`,
      load1: loadEnd,
      details: queryDetails,
    });
    const workerMb = workerHeap.reduce((a, b) => a + b, 0);
    const heapMb = pageHeap + workerMb;
    add({
      key: `search.${scale.key}.heap`,
      label: `Renderer JS heap with the search index built, ${who} (MB)`,
      value: workerHeap.length > 0 ? Math.round(heapMb) : null,
      unit: 'MB',
      ...(goals.heapMb !== null
        ? {
            goal: {
              text: `≤ ${goals.heapMb} MB`,
              met: workerHeap.length > 0 ? heapMb <= goals.heapMb : null,
            },
          }
        : {}),
      note:
        workerHeap.length > 0
          ? `used JS heap after a forced GC (CDP): the page ${Math.round(pageHeap)} MB + the search worker ${Math.round(workerMb)} MB (the index only; the texts it was built from released)`
          : `the search worker's heap could not be read through CDP (the page alone: ${Math.round(pageHeap)} MB)`,
      details: { pageMb: pageHeap, workerMb: workerHeap },
    });
    return r;
  } finally {
    await context.close();
    server.close();
  }
}
