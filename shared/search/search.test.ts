import { describe, expect, it } from 'vitest';
import { foldText, foldWithMap } from './fold';
import { indexTerms, pieces } from './tokenize';
import { SearchIndex, type DocText, type SearchDoc } from './engine';

describe('folding', () => {
  it.each([
    ['ｶﾀｶﾅ', 'かたかな'],
    ['カタカナ', 'かたかな'],
    ['ｶﾞｲﾄﾞ', 'がいど'],
    ['ﾊﾟｯﾁ', 'ぱっち'],
    ['サーバー', 'さば'],
    ['ｻｰﾊﾞｰ', 'さば'],
    ['Ｏｒａｃｌｅ１２ｃ', 'oracle12c'],
    ['Résumé ÉTÉ', 'resume ete'],
    ['北斗電機', '北斗電機'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('maps every folded character back to the original', () => {
    const { folded, map } = foldWithMap('ｶﾞｰﾄﾞ abc');
    expect(folded).toBe('がど abc');
    expect(map).toEqual([0, 3, 5, 6, 7, 8]);
  });
});

describe('tokenizer', () => {
  it('cuts Japanese runs into bigrams and keeps Latin words', () => {
    expect(pieces('Oracle12cのライセンスエラー、再起動。')).toEqual([
      { kind: 'latin', text: 'oracle12c' },
      { kind: 'cjk', text: 'のらいせんすえら' },
      { kind: 'cjk', text: '再起動' },
    ]);
    expect(indexTerms('再起動')).toEqual(['再起', '起動', '動']);
  });
});

// Queries and the texts they must and must not find.
const TABLE: { query: string; match: string[]; miss: string[] }[] = [
  {
    query: 'ライセンス',
    match: ['ライセンスエラーが再発', 'ﾗｲｾﾝｽ切れ', 'らいせんす'],
    miss: ['ライス', 'センス'],
  },
  { query: 'ﾗｲｾﾝｽ', match: ['ライセンスエラー'], miss: ['ライス'] },
  { query: 'らいせんす', match: ['ライセンス更新'], miss: ['ライセンサ'] },
  { query: 'サーバ', match: ['サーバー再起動', 'ｻｰﾊﾞｰ', 'サーバ'], miss: ['サービス'] },
  { query: 'サーバー', match: ['サーバ停止'], miss: ['サーモ'] },
  { query: 'エラー', match: ['接続エラーが発生', 'ｴﾗｰ'], miss: ['エアー'] },
  { query: '東京都', match: ['東京都港区'], miss: ['京都と東京', '東京'] },
  { query: '京都', match: ['東京都', '京都支店'], miss: ['東京'] },
  { query: '再起動', match: ['サーバを再起動した'], miss: ['起動の再確認', '再度起動'] },
  { query: '北', match: ['北斗電機', '東北支社'], miss: ['南斗'] },
  { query: 'oracle', match: ['Oracle 12c', 'ORACLE', 'Ｏｒａｃｌｅ'], miss: ['coracle'] },
  { query: 'lic', match: ['License error'], miss: ['public'] },
  { query: 'resume', match: ['Résumé sent'], miss: ['presume'] },
  { query: 'ORA-600 エラー', match: ['ora-600のエラーが出た'], miss: ['ora-600 の警告', 'エラー 700'] },
  { query: 'ガイド', match: ['ｶﾞｲﾄﾞ参照'], miss: ['カイト'] },
];

function docOf(id: string, text: string, extra: Partial<SearchDoc> = {}): SearchDoc {
  return {
    id,
    kind: 'event',
    rowId: id,
    customerId: null,
    incidentId: null,
    title: '',
    text,
    at: '2026-01-01T00:00:00Z',
    status: null,
    open: null,
    severity: null,
    ...extra,
  };
}

function loaderOf(docs: readonly SearchDoc[]) {
  const byId = new Map(docs.map((d) => [d.id, d]));
  return async (ids: string[]) => {
    const out = new Map<string, DocText>();
    for (const id of ids) {
      const d = byId.get(id);
      if (d) out.set(id, { title: d.title, text: d.text });
    }
    return out;
  };
}

describe('matching', () => {
  for (const row of TABLE) {
    it(`"${row.query}" finds ${row.match.join(' / ')} and not ${row.miss.join(' / ')}`, async () => {
      const docs = [
        ...row.match.map((t, i) => docOf(`event:m${i}`, t)),
        ...row.miss.map((t, i) => docOf(`event:x${i}`, t)),
      ];
      const index = new SearchIndex();
      for (const d of docs) index.put(d);
      const hits = await index.search(row.query, loaderOf(docs));
      expect(hits.map((h) => h.id).sort()).toEqual(row.match.map((_, i) => `event:m${i}`).sort());
    });
  }

  it('highlights the matched words in the original text', async () => {
    const doc = docOf('event:a', '昨日ｻｰﾊﾞｰを再起動しました');
    const index = new SearchIndex();
    index.put(doc);
    const [hit] = await index.search('サーバ 再起動', loaderOf([doc]));
    const s = hit!.snippet!;
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['ｻｰﾊﾞｰ', '再起動']);
  });

  it('survives a round trip through JSON and replaces and removes documents', async () => {
    const docs = [docOf('event:a', 'ライセンスエラー'), docOf('event:b', 'ディスク容量')];
    const index = new SearchIndex();
    for (const d of docs) index.put(d);
    const again = SearchIndex.fromJSON(index.toJSON());
    expect((await again.search('ﾗｲｾﾝｽ', loaderOf(docs))).map((h) => h.id)).toEqual(['event:a']);
    const changed = docOf('event:a', 'ディスク交換');
    again.put(changed);
    again.remove('event:b');
    expect((await again.search('ディスク', loaderOf([changed]))).map((h) => h.id)).toEqual(['event:a']);
    expect(await again.search('ライセンス', loaderOf([changed]))).toEqual([]);
  });
});

describe('ranking and filters', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const incident = (id: string, extra: Partial<SearchDoc>): SearchDoc =>
    docOf(`incident:${id}`, extra.text ?? '', { kind: 'incident', rowId: id, incidentId: id, ...extra });

  it('puts the exact phrase first, then recent and open ones', async () => {
    const docs = [
      incident('scattered', {
        title: 'エラー: ライセンス',
        at: '2026-05-30T00:00:00Z',
        open: true,
        status: 'new',
      }),
      incident('phrase', {
        title: 'ライセンスエラー',
        at: '2025-01-01T00:00:00Z',
        open: false,
        status: 'closed',
      }),
    ];
    const index = new SearchIndex();
    for (const d of docs) index.put(d);
    const hits = await index.search('ライセンスエラー', loaderOf(docs), { now });
    expect(hits.map((h) => h.rowId)).toEqual(['phrase']);
    const both = await index.search('エラー ライセンス', loaderOf(docs), { now });
    expect(both.map((h) => h.rowId)).toEqual(['scattered', 'phrase']);

    const equal = [
      incident('closed', {
        title: 'ディスク容量',
        at: '2026-05-01T00:00:00Z',
        open: false,
        status: 'closed',
      }),
      incident('open', {
        title: 'ディスク容量',
        at: '2026-05-01T00:00:00Z',
        open: true,
        status: 'in_progress',
      }),
      incident('old', {
        title: 'ディスク容量',
        at: '2020-05-01T00:00:00Z',
        open: true,
        status: 'in_progress',
      }),
    ];
    const index2 = new SearchIndex();
    for (const d of equal) index2.put(d);
    expect((await index2.search('ディスク', loaderOf(equal), { now })).map((h) => h.rowId)).toEqual([
      'open',
      'closed',
      'old',
    ]);
  });

  it('ranks a whole word (Intl.Segmenter) above the same characters inside a longer word', async () => {
    const docs = [
      incident('inside', { title: '東京都の拠点', at: '2026-05-01T00:00:00Z', open: true }),
      incident('word', { title: '京都の拠点', at: '2026-05-01T00:00:00Z', open: true }),
    ];
    const index = new SearchIndex();
    for (const d of docs) index.put(d);
    expect((await index.search('京都', loaderOf(docs), { now })).map((h) => h.rowId)).toEqual([
      'word',
      'inside',
    ]);
  });

  it('filters by kind, customer, level, status and period; events follow their incident', async () => {
    const docs = [
      incident('i1', {
        title: '障害',
        customerId: 'c1',
        severity: 1,
        status: 'new',
        open: true,
        at: '2026-03-01T00:00:00Z',
      }),
      docOf('event:e1', '障害の続報', {
        incidentId: 'i1',
        rowId: 'i1',
        customerId: 'c1',
        at: '2026-03-02T00:00:00Z',
      }),
      incident('i2', {
        title: '障害',
        customerId: 'c2',
        severity: 3,
        status: 'closed',
        open: false,
        at: '2025-03-01T00:00:00Z',
      }),
    ];
    const index = new SearchIndex();
    for (const d of docs) index.put(d);
    const ids = async (filters: Parameters<SearchIndex['search']>[2]) =>
      (await index.search('障害', loaderOf(docs), { ...filters, now })).map((h) => h.id).sort();
    expect(await ids({ filters: { kinds: ['event'] } })).toEqual(['event:e1']);
    expect(await ids({ filters: { customerId: 'c2' } })).toEqual(['incident:i2']);
    expect(await ids({ filters: { severity: [1] } })).toEqual(['event:e1', 'incident:i1']);
    expect(await ids({ filters: { status: ['closed'] } })).toEqual(['incident:i2']);
    expect(await ids({ filters: { from: '2026-01-01', to: '2026-03-01' } })).toEqual(['incident:i1']);
    const [event] = await index.search('続報', loaderOf(docs), { now });
    expect(event).toMatchObject({ title: '障害', status: 'new', open: true });
  });
});
