// npx tsx bench/search.ts [--scale tam|manager] [--queries N]
// The full-text search engine (shared/search) on a user's scope: index build time, the size of
// the persisted index and query latency (p50/p95 over mixed Japanese and English queries).
//
// Rows (ids, customers, dates, statuses, levels) come from the server's deterministic generator
// (server/seed/generate.ts) at the scale of bench/lib/scales.ts. Its texts are a few fixed
// English phrases, useless for a search benchmark, so titles, descriptions and timeline bodies
// are replaced by deterministic mixed Japanese/English sentences drawn from a vocabulary of
// support terms (seeded, the same every run). Runs in Node: the app runs the same code in its
// search worker; texts for the phrase check and the highlight are read from memory here, from
// IndexedDB (one bulkGet per table for the candidates) in the app.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import type { TaggedRow } from '../shared/model/entities';
import { generateScaleData } from '../server/seed/generate';
import { SearchIndex, type DocText } from '../shared/search/engine';
import { docsOfRow, type IndexedTable } from '../renderer/search/sources';
import { SCALES } from './lib/scales';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'tam' },
    queries: { type: 'string', default: '200' },
  },
});
const scale = SCALES[args.scale === 'manager' ? 'manager' : 'tam'];

const JA = [
  'ライセンス',
  'エラー',
  'サーバー',
  '再起動',
  '定義ファイル',
  '更新',
  '失敗',
  '接続',
  'タイムアウト',
  'ログ',
  '調査',
  '証明書',
  '期限切れ',
  'メモリ',
  '不足',
  'ディスク',
  '容量',
  '検知',
  '誤検知',
  'スキャン',
  'エンジン',
  '停止',
  '配送管理端末',
  '管理コンソール',
  'パッチ',
  '適用',
  '手順',
  '確認',
  'お客様',
  '回答',
  'ベンダー',
  '報告',
  '北斗電機',
  '東京メトロ物流',
  '障害',
  '復旧',
  '性能',
  '低下',
  '応答',
  '遅延',
];
const EN = [
  'license',
  'error',
  'server',
  'restart',
  'definition',
  'update',
  'failure',
  'timeout',
  'certificate',
  'memory',
  'disk',
  'scan',
  'engine',
  'console',
  'patch',
  'proxy',
  'Oracle',
  'Windows',
  'Linux',
  'ORA-600',
];
const GLUE = ['の', 'が', 'を', 'で', 'に', 'と', 'について', 'した', 'しました', 'です', '。'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function sentence(words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) {
    out += random() < 0.2 ? ` ${pick(EN)} ` : pick(JA);
    out += pick(GLUE);
  }
  return out;
}

const TABLE_OF_ENTITY: Partial<Record<TaggedRow['entity'], IndexedTable>> = {
  customer: 'customers',
  contact: 'contacts',
  incident: 'incidents',
  request: 'requests',
  healthCheck: 'healthChecks',
  timelineEvent: 'timelines',
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function main(): Promise<void> {
  const load = loadavg()[0]!.toFixed(2);
  const { chunks } = generateScaleData(scale.options);
  const docs: ReturnType<typeof docsOfRow> = [];
  const open = new Set<string>();
  for (const chunk of chunks()) {
    for (const tagged of chunk) {
      const table = TABLE_OF_ENTITY[tagged.entity];
      if (!table) continue;
      const row = { ...tagged.row } as Record<string, unknown>;
      if (tagged.entity === 'incident') {
        row.title = sentence(3);
        row.description = sentence(8);
      } else if (tagged.entity === 'timelineEvent') {
        // A manager's replica holds the timelines of open incidents only.
        if (scale.user.timelines === 'open-only' && !open.has(String(row.incidentId))) continue;
        row.body = sentence(10);
      }
      // Timeline events are packed per incident in the replica: one event per record here gives
      // the same documents (event:<incidentId>:<eventId>).
      const list =
        tagged.entity === 'timelineEvent'
          ? docsOfRow(table, {
              incidentId: row.incidentId,
              customerId: row.customerId,
              events: [row],
            } as never)
          : docsOfRow(table, row as never);
      if (tagged.entity === 'incident' && list[0]?.open) open.add(String(row.id));
      docs.push(...list);
    }
  }
  const texts = new Map<string, DocText>(docs.map((d) => [d.id, { title: d.title, text: d.text }]));
  const loader = async (ids: string[]) => {
    const out = new Map<string, DocText>();
    for (const id of ids) {
      const t = texts.get(id);
      if (t) out.set(id, t);
    }
    return out;
  };

  const started = performance.now();
  const index = new SearchIndex();
  for (const d of docs) index.put(d);
  const buildMs = performance.now() - started;
  const json = index.toJSON();
  const loadStarted = performance.now();
  const loaded = SearchIndex.fromJSON(json);
  const loadMs = performance.now() - loadStarted;

  const queries: string[] = [];
  const n = Number(args.queries);
  for (let i = 0; i < n; i++) {
    const r = i % 4;
    queries.push(
      r === 0
        ? pick(JA)
        : r === 1
          ? `${pick(JA)} ${pick(JA)}`
          : r === 2
            ? pick(EN)
                .toLowerCase()
                .slice(0, 3 + (i % 4))
            : `${pick(EN)} ${pick(JA)}`,
    );
  }
  // Warm-up (JIT), not measured.
  for (const q of queries.slice(0, 20)) await loaded.search(q, loader);
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    hits += (await loaded.search(q, loader, { limit: 50 })).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // How many documents a query matches before the phrase check and the cut to 50 (the corpus's density).
  const matched = queries.slice(0, 40).map((q) => loaded.countMatches(q));
  matched.sort((a, b) => a - b);
  const result = {
    scale: scale.label,
    documents: index.size,
    buildMs: Math.round(buildMs),
    loadPersistedMs: Math.round(loadMs),
    persistedMb: +(json.length / 1_048_576).toFixed(1),
    queries: n,
    p50Ms: +percentile(times, 50).toFixed(1),
    p95Ms: +percentile(times, 95).toFixed(1),
    meanHits: +(hits / n).toFixed(1),
    medianIndexMatches: matched[Math.floor(matched.length / 2)],
    heapMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
    load1: { start: load, end: loadavg()[0]!.toFixed(2) },
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
