// The search benchmark's corpus: a user's scope from the server's deterministic generator
// (server/seed/generate.ts) at the scale of ./scales.ts, turned into the documents the app's
// search indexes (renderer/search/sources.ts), and the queries run against it.
//
// The generator's texts are a few fixed English phrases, useless for a search benchmark, so
// titles, descriptions and timeline bodies are replaced by deterministic mixed Japanese/English
// sentences drawn from a vocabulary of support terms (seeded: the same every run, and the same
// as the figures of shared/search/README.md were taken on).
import type { TaggedRow } from '../../shared/model/entities';
import type { SearchDoc } from '../../shared/search/engine';
import { generateScaleData } from '../../server/seed/generate';
import { docsOfRow, type IndexedTable } from '../../renderer/search/sources';
import type { ScaleDef } from './scales';

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

/** A seeded generator (mulberry32). */
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

const TABLE_OF_ENTITY: Partial<Record<TaggedRow['entity'], IndexedTable>> = {
  customer: 'customers',
  contact: 'contacts',
  incident: 'incidents',
  request: 'requests',
  healthCheck: 'healthChecks',
  timelineEvent: 'timelines',
};

export interface SearchCorpus {
  docs: SearchDoc[];
  /** Mixed queries: one Japanese word, two Japanese words, an English prefix, English + Japanese. */
  queries: string[];
}

/** The documents of a scale's scope with the deterministic texts, and `queryCount` queries. */
export function searchCorpus(scale: ScaleDef, queryCount: number): SearchCorpus {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (words: number): string => {
    let out = '';
    for (let i = 0; i < words; i++) {
      out += random() < 0.2 ? ` ${pick(EN)} ` : pick(JA);
      out += pick(GLUE);
    }
    return out;
  };
  const { chunks } = generateScaleData(scale.options);
  const docs: SearchDoc[] = [];
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
      for (const d of list) docs.push(d);
    }
  }
  const queries: string[] = [];
  for (let i = 0; i < queryCount; i++) {
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
  return { docs, queries };
}
