// The search index of one replica, kept up to date as rows arrive or change. It runs in the
// search worker (worker.ts), never on the UI thread: it opens the replica itself, follows
// every change any window or the sync makes (Dexie's cross-context `storagemutated` event,
// with the primary keys of the rows written) and persists the index in the replica's
// `searchIndex` table, so a cold start loads it and only re-reads rows, re-indexing the ones
// whose version or updatedAt changed meanwhile.
import Dexie from 'dexie';
import { SearchIndex, type SearchFilters, type SearchHit } from '../../shared/search/engine';
import type { ReplicaDb } from '../replica/db';
import {
  INDEXED_TABLES,
  docsOfRow,
  eachRowOf,
  idOf,
  readTexts,
  rowsBetween,
  signatureOf,
  type IndexedRow,
  type IndexedTable,
} from './sources';

/**
 * Version of the persisted form; a persisted index of another format is rebuilt. 2: timeline
 * events come from packed `timelines` records (event documents keyed `<incidentId>:<eventId>`).
 * 3: the index's own postings (shared/search/postings.ts) instead of MiniSearch's JSON.
 */
export const INDEX_FORMAT = 3;

const KIND_OF_TABLE: Record<IndexedTable, string> = {
  customers: 'customer',
  contacts: 'contact',
  incidents: 'incident',
  requests: 'request',
  healthChecks: 'finding',
  timelines: 'event',
};

export interface IndexerStatus {
  state: 'loading' | 'building' | 'ready';
  docs: number;
  /** Characters of the persisted index at its last save (its size on disk, roughly). */
  persistedChars: number | null;
  /** The last build or check after a start, in ms. */
  buildMs: number | null;
  /** The index came from the replica's persisted copy (not rebuilt). */
  loaded: boolean;
}

interface Range {
  from: unknown;
  to: unknown;
}

/** The ranges of a Dexie RangeSet (also its structured clone from another context). */
function rangesOf(node: unknown, out: Range[] = []): Range[] {
  const n = node as { from?: unknown; to?: unknown; l?: unknown; r?: unknown; d?: number } | null;
  if (!n || n.d === 0) return out;
  if (n.l) rangesOf(n.l, out);
  if (n.from !== undefined) out.push({ from: n.from, to: n.to });
  if (n.r) rangesOf(n.r, out);
  return out;
}

export class Indexer {
  index = new SearchIndex();
  /** 'table:id' → signature, then a tab and the document ids when they are not the usual one. */
  private rows = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  status: IndexerStatus = { state: 'loading', docs: 0, persistedChars: null, buildMs: null, loaded: false };

  constructor(
    private readonly db: ReplicaDb,
    private readonly options: {
      saveDelayMs?: number;
      maxSaveDelayMs?: number;
      onStatus?: (s: IndexerStatus) => void;
    } = {},
  ) {}

  /** Loads the persisted index, checks it against the replica, then follows changes. */
  async start(): Promise<void> {
    const started = Date.now();
    const saved = await this.db.searchIndex.get('index');
    if (saved && saved.format === INDEX_FORMAT) {
      try {
        this.index = SearchIndex.fromJSON(saved.json);
        this.rows = new Map(Object.entries(saved.rows));
        this.status = { ...this.status, loaded: true, persistedChars: saved.json.length };
      } catch {
        this.index = new SearchIndex();
        this.rows = new Map();
      }
    }
    this.setStatus({ state: 'building' });
    const listener = (parts: Record<string, unknown>) => this.onMutated(parts);
    Dexie.on('storagemutated', listener);
    this.unsubscribe = () => Dexie.on('storagemutated').unsubscribe(listener);
    await this.enqueue(async () => {
      for (const table of INDEXED_TABLES) await this.reconcile(table);
    });
    this.setStatus({ state: 'ready', buildMs: Date.now() - started });
    if (this.dirty) this.scheduleSave();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  async search(query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchHit[]> {
    return this.index.search(query, (ids) => readTexts(this.db, ids), { filters, limit });
  }

  /** Waits for every change seen so far to be indexed. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Writes the index to the replica now. */
  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.dirty = false;
    this.dirtySince = null;
    const json = this.index.toJSON();
    await this.db.searchIndex.put({
      key: 'index',
      format: INDEX_FORMAT,
      json,
      rows: Object.fromEntries(this.rows),
      savedAt: new Date().toISOString(),
    });
    this.setStatus({ persistedChars: json.length });
  }

  private dirty = false;

  private setStatus(next: Partial<IndexerStatus>): void {
    this.status = { ...this.status, ...next, docs: this.index.size };
    this.options.onStatus?.(this.status);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((err: unknown) => {
      // A failed read (the replica closed, being deleted) leaves the index as it was.
      console.warn('search index: update failed', err);
    });
    return this.queue;
  }

  /**
   * Saves once changes have paused (a TAM's index is tens of MB: not after every page of a
   * first sync), but at least every `maxSaveDelayMs` while they keep coming.
   */
  private scheduleSave(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const overdue = now - this.dirtySince >= (this.options.maxSaveDelayMs ?? 120_000);
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = null;
        void this.enqueue(() => this.save());
      },
      overdue ? 0 : (this.options.saveDelayMs ?? 5000),
    );
  }

  private dirtySince: number | null = null;

  private onMutated(parts: Record<string, unknown>): void {
    const prefix = `idb://${this.db.name}/`;
    const work: { table: IndexedTable; ranges: Range[] }[] = [];
    for (const [part, set] of Object.entries(parts)) {
      if (!part.startsWith(prefix) || !part.endsWith('/')) continue;
      const table = part.slice(prefix.length, -1) as IndexedTable;
      if (!INDEXED_TABLES.includes(table)) continue;
      work.push({ table, ranges: rangesOf(set) });
    }
    if (part_all(parts)) {
      void this.enqueue(async () => {
        for (const table of INDEXED_TABLES) await this.reconcile(table);
        this.afterChange();
      });
      return;
    }
    if (work.length === 0) return;
    void this.enqueue(async () => {
      for (const { table, ranges } of work) {
        for (const r of ranges) {
          if (typeof r.from !== 'string' || typeof r.to !== 'string') {
            await this.reconcile(table);
            break;
          }
          const found = await rowsBetween(this.db, table, r.from, r.to);
          for (const row of found) this.applyRow(table, row);
          const present = new Set(found.map((row) => idOf(table, row)));
          if (r.from === r.to) {
            if (!present.has(r.from)) this.dropRow(`${table}:${r.from}`);
          } else {
            for (const key of [...this.rows.keys()]) {
              if (!key.startsWith(`${table}:`)) continue;
              const id = key.slice(table.length + 1);
              if (id >= r.from && id <= r.to && !present.has(id)) this.dropRow(key);
            }
          }
        }
      }
      this.afterChange();
    });
  }

  private afterChange(): void {
    this.setStatus({});
    if (this.dirty) this.scheduleSave();
  }

  /** Reads a whole table: indexes new and changed rows, forgets rows no longer there. */
  private async reconcile(table: IndexedTable): Promise<void> {
    const seen = new Set<string>();
    await eachRowOf(this.db, table, (rows) => {
      for (const row of rows) {
        seen.add(`${table}:${idOf(table, row)}`);
        this.applyRow(table, row);
      }
    });
    for (const key of [...this.rows.keys()]) {
      if (key.startsWith(`${table}:`) && !seen.has(key)) this.dropRow(key);
    }
  }

  private docIdsOf(key: string, entry: string): string[] {
    const tab = entry.indexOf('\t');
    if (tab >= 0) {
      const list = entry.slice(tab + 1);
      return list === '' ? [] : list.split(',');
    }
    const colon = key.indexOf(':');
    return [`${KIND_OF_TABLE[key.slice(0, colon) as IndexedTable]}:${key.slice(colon + 1)}`];
  }

  private applyRow(table: IndexedTable, row: IndexedRow): void {
    const id = idOf(table, row);
    const key = `${table}:${id}`;
    const sig = signatureOf(table, row);
    const prev = this.rows.get(key);
    if (prev !== undefined && prev.split('\t')[0] === sig) return;
    if (prev !== undefined) for (const id of this.docIdsOf(key, prev)) this.index.remove(id);
    const docs = docsOfRow(table, row);
    for (const doc of docs) this.index.put(doc);
    const usual = `${KIND_OF_TABLE[table]}:${id}`;
    const ids = docs.map((d) => d.id);
    this.rows.set(key, ids.length === 1 && ids[0] === usual ? sig : `${sig}\t${ids.join(',')}`);
    this.dirty = true;
  }

  private dropRow(key: string): void {
    const prev = this.rows.get(key);
    if (prev === undefined) return;
    for (const id of this.docIdsOf(key, prev)) this.index.remove(id);
    this.rows.delete(key);
    this.dirty = true;
  }
}

/** Dexie's "everything changed" signal (e.g. after a page was restored from the back/forward cache). */
function part_all(parts: Record<string, unknown>): boolean {
  return 'all' in parts;
}
