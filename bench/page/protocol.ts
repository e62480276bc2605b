// What the benchmark pages expose on `window.bench`, shared by the pages (bundled for
// Chromium) and the runner (Node), which calls them through page.evaluate.

export interface SignedIn {
  userId: string;
  role: string;
  name: string;
  team: string;
  origin: string;
}

export interface BootstrapResult {
  /** The whole first sync. */
  ms: number;
  /**
   * When the replica became usable (the sync meta's usableAt: every row but timeline events
   * written, the first stage of the bootstrap), from the start of the sync; = ms when the
   * server has no stages.
   */
  usableMs: number;
  pulled: number;
  pages: number;
  /** Rows per table in the replica afterwards. */
  tables: Record<string, number>;
  /** Where the replica writes ran ('main': the page's own thread, also when the worker failed). */
  writer: 'main' | 'worker';
  /** The page's main-thread long tasks (PerformanceObserver 'longtask', > 50 ms) during the sync. */
  longTasks: LongTasks;
}

export interface LongTasks {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface RawResult {
  /** Rows written. */
  rows: number;
  /** Pages fetched, and written (every stride-th). */
  pages: number;
  writtenPages: number;
  /** Time inside the bulkPut transactions only (the storage limit). */
  writeMs: number;
  /** Time fetching and parsing the same pages (not part of the raw figure; for reading the engine's). */
  fetchMs: number;
}

export interface DeltaResult {
  ms: number;
  pushed: number;
  rejected: number;
  pulled: number;
  /** Time to record the local mutations (not part of the figure). */
  localMs: number;
}

export interface TimingSeries {
  firstMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface EngineBenchApi {
  signIn(email: string, password: string): Promise<SignedIn>;
  /**
   * The first sync as the app runs it: the engine in the page, its writes in the replica writer
   * worker, sensitive fields sealed under the browser profile's key of the replica (the key the
   * app itself takes in browser mode, so the app opens this replica later). `encrypt: false`: the
   * same without a key (rows in clear; the app reads them as they are).
   */
  bootstrap(timelines: 'all' | 'open-only', options?: { encrypt?: boolean }): Promise<BootstrapResult>;
  /**
   * The same first sync into a second, throw-away replica (`dbName`) whose sensitive fields are
   * sealed (renderer/replica/encryption) with a key made like the browser-mode app's; deleted after.
   * `readMs`: the time to read every incident back (decrypted when sealed), as a title search does;
   * `openMs`: the open incidents as Today reads them on start (`openIncidents`: index cursors).
   */
  encryptedBootstrap(args: {
    timelines: 'all' | 'open-only';
    dbName: string;
    encrypt: boolean;
    /** Where the writes run (default 'main': the page's thread, the figure before the worker). */
    writer?: 'main' | 'worker';
  }): Promise<BootstrapResult & { readMs: number; readRows: number; openMs: number; openRows: number }>;
  /** Raw bulkPut of the pages a pull returns; with stride k only every k-th page is written. */
  raw(args: {
    email: string;
    password: string;
    timelines: 'all' | 'open-only';
    dbName: string;
    stride: number;
  }): Promise<RawResult>;
  /** Rows written so far by the running raw baseline / sync (for progress lines). */
  progress(): Promise<{
    raw: { rows: number; pages: number };
    engine: { rows: number; pages: number } | null;
  }>;
  closeReplica(): Promise<void>;
  deleteDatabase(name: string): Promise<void>;
  /** Incidents of the replica (id, receivedAt), for building mutations. */
  incidents(limit: number): Promise<Array<{ id: string; receivedAt: string }>>;
  delta(args: { local: Array<{ id: string; incidentId: string; at: string }> }): Promise<DeltaResult>;
  /** Writes rows straight into a replica database (a fixture), with a complete sync row. */
  writeFixture(args: {
    dbName: string;
    tables: Record<string, unknown[]>;
    timelines: 'all' | 'open-only';
  }): Promise<void>;
  /** Remembers who is signed in, as the app does, so that the app opens that replica offline. */
  rememberIdentity(identity: {
    serverUrl: string;
    origin: string;
    user: { id: string; email: string; name: string; role: string };
  }): void;
  slaTick(args: {
    incidents: unknown[];
    customers: unknown[];
    ticks: number;
  }): Promise<{ fullRecompute: TimingSeries; incidents: number }>;
  /**
   * Chart data and portfolio read from the bootstrapped replica, the way the views read them:
   * before the closed-history buckets (every incident row) and with them (open rows + buckets).
   */
  historyReads(args: { runs: number; now: string }): Promise<{
    customerId: string;
    customerIncidents: number;
    allIncidents: number;
    buckets: number;
    chartsBefore: TimingSeries;
    chartsAfter: TimingSeries;
    portfolioBefore: TimingSeries;
    portfolioAfter: TimingSeries;
  }>;
  charts(args: {
    customer: unknown;
    incidents: unknown[];
    period: { from: string; to: string };
    now: string;
    runs: number;
  }): Promise<TimingSeries>;
  quarterly(args: {
    customer: unknown;
    incidents: unknown[];
    events: unknown[];
    users: unknown[];
    now: string;
    runs: number;
  }): Promise<TimingSeries & { period: { from: string; to: string }; sections: string[] }>;
  /** The quarterly report as the desktop prints it: model, then the self-contained HTML. */
  quarterlyHtml(args: {
    customer: unknown;
    incidents: unknown[];
    events: unknown[];
    users: unknown[];
    now: string;
  }): Promise<{ html: string; modelMs: number; htmlMs: number; fontFaces: number }>;
}

export interface PouchBenchApi {
  replicate(args: {
    remote: string;
    batchSize: number;
    localName: string;
  }): Promise<{ ms: number; docsWritten: number; docsRead: number; localDocs: number }>;
  destroy(localName: string): Promise<void>;
}

export function series(times: number[]): TimingSeries {
  const warm = times.slice(1).sort((a, b) => a - b);
  const pool = warm.length > 0 ? warm : times;
  return {
    firstMs: times[0] ?? 0,
    medianMs: pool[Math.floor(pool.length / 2)] ?? 0,
    minMs: Math.min(...pool),
    maxMs: Math.max(...pool),
    runs: times.length,
  };
}

/** The search worker's index build (bench/page/search-worker.ts). */
export interface SearchBuildResult {
  documents: number;
  /** Every document put into a new index, in the worker. */
  buildMs: number;
  /** `toJSON` of the index, and the size of that string in UTF-8 (what the replica stores). */
  persistMs: number;
  persistedBytes: number;
  /** `fromJSON` of the persisted form (a cold start's load); the queries run on that index. */
  loadMs: number;
  /** Median count of documents the index matches before the phrase check (the corpus's density). */
  medianIndexMatches: number;
}

/** The search worker's queries. */
export interface SearchQueryResult {
  queries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanHits: number;
  /** Wall time of each query, in order. */
  times: number[];
  slowest: Array<{ query: string; ms: number }>;
}

export type ToSearchWorker =
  | { type: 'build'; url: string; limit: number; warmUp: number }
  | { type: 'queries'; limit: number };

export interface SearchBenchApi {
  /** Builds the index of the documents at `url` in a new worker (then `warmUp` untimed queries). */
  build(url: string, limit: number, warmUp: number): Promise<SearchBuildResult>;
  /** Runs the file's queries on it (then the worker keeps only the index). */
  queries(limit: number): Promise<SearchQueryResult>;
  stop(): void;
}
