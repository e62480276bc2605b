// The inverted index under SearchIndex: replacing and removing documents, dead postings
// dropped by compact, prefix look-ups, and the persisted form (renumbered, delta-encoded)
// giving the same matches and scores after a round trip.
import { describe, expect, it } from 'vitest';
import { Postings } from './postings';
import { SearchIndex, type SearchDoc } from './engine';

const tf = (...terms: string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

function matched(p: Postings<string>, ...terms: [string, boolean][]): string[] {
  const { docs } = p.match(terms.map(([t, prefix]) => p.listsOf(t, prefix)));
  return [...docs].map((n) => p.idAt(n)).sort();
}

describe('postings', () => {
  it('matches documents holding every term; prefixes expand to every term they start', () => {
    const p = new Postings<string>();
    p.add('a', 'A', tf('license', 'error'), 2);
    p.add('b', 'B', tf('licence', 'error', 'error'), 3);
    p.add('c', 'C', tf('error'), 1);
    expect(matched(p, ['error', false])).toEqual(['a', 'b', 'c']);
    expect(matched(p, ['lic', true], ['error', false])).toEqual(['a', 'b']);
    expect(matched(p, ['license', false], ['error', false])).toEqual(['a']);
    expect(matched(p, ['lic', false])).toEqual([]);
    expect(matched(p, ['zzz', true])).toEqual([]);
  });

  it('replaces a document of the same id and forgets removed ones, before and after compact', () => {
    const p = new Postings<string>();
    p.add('a', 'A1', tf('x', 'y'), 2);
    p.add('b', 'B', tf('x'), 1);
    p.add('a', 'A2', tf('z'), 1);
    expect(p.size).toBe(2);
    expect(p.storedOf('a')).toBe('A2');
    expect(matched(p, ['x', false])).toEqual(['b']);
    expect(matched(p, ['z', false])).toEqual(['a']);
    p.remove('b');
    expect(p.has('b')).toBe(false);
    expect(matched(p, ['x', false])).toEqual([]);
    p.compact();
    expect(p.listsOf('x', false)).toEqual([]);
    expect(p.listsOf('y', true)).toEqual([]);
    expect(matched(p, ['z', false])).toEqual(['a']);
  });

  it('ranks a rarer and more frequent term higher (BM25)', () => {
    const p = new Postings<string>();
    p.add('once', '', tf('error', 'x', 'y'), 3);
    p.add('twice', '', tf('error', 'error', 'x'), 3);
    p.add('none', '', tf('x'), 1);
    const { docs, scores } = p.match([p.listsOf('error', false)]);
    const by = new Map([...docs].map((n, i) => [p.idAt(n), scores[i]!]));
    expect(by.get('twice')!).toBeGreaterThan(by.get('once')!);
  });

  it('scores every match by BM25 exactly, call after call, as documents come and go', () => {
    // The reference: BM25 computed from scratch over the live documents, the way `match` has
    // always computed it (its scratch arrays and length norms are kept between calls now).
    const docs = new Map<string, Map<string, number>>();
    const lengthOf = new Map<string, number>();
    const p = new Postings<string>();
    const put = (id: string, terms: string[]) => {
      const m = tf(...terms);
      docs.set(id, m);
      lengthOf.set(id, terms.length);
      p.add(id, id, m, terms.length);
    };
    const drop = (id: string) => {
      docs.delete(id);
      lengthOf.delete(id);
      p.remove(id);
    };
    const reference = (query: string[]): string[] => {
      const live = docs.size;
      let totalLength = 0;
      for (const l of lengthOf.values()) totalLength += l;
      const avg = totalLength / live || 1;
      const out: string[] = [];
      for (const [id, m] of docs) {
        if (!query.every((t) => m.has(t))) continue;
        let score = 0;
        for (const t of [...query].sort(
          (a, b) =>
            [...docs.values()].filter((d) => d.has(a)).length -
            [...docs.values()].filter((d) => d.has(b)).length,
        )) {
          const df = [...docs.values()].filter((d) => d.has(t)).length;
          const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
          const f = m.get(t)!;
          score = score + (idf * f * (1.2 + 1)) / (f + 1.2 * (1 - 0.7 + (0.7 * lengthOf.get(id)!) / avg));
        }
        out.push(`${id}=${score}`);
      }
      return out.sort();
    };
    const actual = (query: string[]): string[] => {
      const { docs: found, scores } = p.match(query.map((t) => p.listsOf(t, false)));
      return [...found].map((n, i) => `${p.idAt(n)}=${scores[i]}`).sort();
    };
    const queries = [['all'], ['odd'], ['t2', 'all'], ['t1', 'odd', 'all'], ['none'], ['t3']];
    const check = () => {
      for (const q of queries) expect(actual(q)).toEqual(reference(q));
    };
    for (let i = 0; i < 40; i++)
      put(`d${i}`, [`t${i % 5}`, 'all', ...(i % 2 ? ['odd', 'odd'] : []), ...Array(i % 4).fill('pad')]);
    check();
    check(); // the same again: nothing of the first calls is left in the scratch
    expect(actual(['all'])).toHaveLength(40);
    // Longer documents change the average length (the norms are recomputed).
    for (let i = 40; i < 45; i++) put(`d${i}`, ['all', 't2', ...Array(20).fill('pad')]);
    check();
    // Replaced and removed documents: dead postings are skipped and the frequencies count live ones.
    put('d3', ['t2', 'odd']);
    drop('d4');
    drop('d7');
    check();
    expect(actual(['all'])).not.toContain(expect.stringMatching(/^d4=/));
    p.compact();
    check();
    // Grown past the scratch's size.
    for (let i = 45; i < 300; i++) put(`d${i}`, [`t${i % 3}`, 'all']);
    check();
  });

  it('round-trips through its persisted form with the same matches and scores', () => {
    const p = new Postings<string>();
    for (let i = 0; i < 50; i++)
      p.add(`d${i}`, `S${i}`, tf(`t${i % 7}`, 'all', ...(i % 2 ? ['odd'] : [])), 3);
    for (let i = 0; i < 50; i += 5) p.remove(`d${i}`);
    const back = Postings.fromJSON<string>(JSON.parse(JSON.stringify(p.toJSON())));
    expect(back.size).toBe(p.size);
    for (const q of [['all'], ['odd'], ['t3', 'odd']]) {
      const a = p.match(q.map((t) => p.listsOf(t, false)));
      const b = back.match(q.map((t) => back.listsOf(t, false)));
      const ids = (x: typeof a, from: Postings<string>) =>
        [...x.docs]
          .map((n, i) => `${from.idAt(n)}=${x.scores[i]!.toFixed(9)}|${from.storedOf(from.idAt(n))}`)
          .sort();
      expect(ids(b, back)).toEqual(ids(a, p));
    }
  });
});

describe('SearchIndex persisted', () => {
  it('finds the same documents after toJSON / fromJSON, and refuses a form of another version', async () => {
    const doc = (id: string, title: string, text: string): SearchDoc => ({
      id: `incident:${id}`,
      kind: 'incident',
      rowId: id,
      customerId: 'c',
      incidentId: id,
      title,
      text,
      at: '2026-01-01T00:00:00Z',
      status: 'new',
      open: true,
      severity: 2,
    });
    const index = new SearchIndex();
    index.put(doc('1', 'ライセンスエラー', 'Oracle のライセンス'));
    index.put(doc('2', 'サーバー再起動', 'license server restart'));
    index.put(doc('3', '削除される', 'ライセンス'));
    index.remove('incident:3');
    const texts = new Map([
      ['incident:1', { title: 'ライセンスエラー', text: 'Oracle のライセンス' }],
      ['incident:2', { title: 'サーバー再起動', text: 'license server restart' }],
    ]);
    const load = async (ids: string[]) =>
      new Map(ids.filter((i) => texts.has(i)).map((i) => [i, texts.get(i)!]));
    const back = SearchIndex.fromJSON(index.toJSON());
    for (const q of ['らいせんす', 'lic', 'ｻｰﾊﾞ 再起動']) {
      const a = (await index.search(q, load)).map((h) => h.id);
      expect(a.length).toBeGreaterThan(0);
      expect((await back.search(q, load)).map((h) => h.id)).toEqual(a);
    }
    expect(() => SearchIndex.fromJSON('{"documentCount":1}')).toThrow();
  });

  it('keeps every stored field as put, before and after a round trip (ids shared between documents)', () => {
    const docs: SearchDoc[] = [
      {
        id: 'customer:c1',
        kind: 'customer',
        rowId: 'c1',
        customerId: 'c1',
        incidentId: null,
        title: 'Hokuto',
        text: '',
        at: null,
        status: null,
        open: true,
        severity: null,
      },
      {
        id: 'incident:i1',
        kind: 'incident',
        rowId: 'i1',
        customerId: 'c1',
        incidentId: 'i1',
        title: 'エラー',
        text: 'x',
        at: '2026-01-01T00:00:00Z',
        status: 'new',
        open: true,
        severity: 2,
      },
      {
        id: 'event:i1:e1',
        kind: 'event',
        rowId: 'i1',
        customerId: 'c1',
        incidentId: 'i1',
        title: '',
        text: 'ログ',
        at: '2026-01-02T00:00:00Z',
        status: null,
        open: null,
        severity: null,
      },
      {
        id: 'request:r1',
        kind: 'request',
        rowId: 'r1',
        customerId: 'c1',
        incidentId: 'i1',
        title: 'ライセンス',
        text: '',
        at: null,
        status: 'open',
        open: null,
        severity: null,
      },
      {
        id: 'contact:k1',
        kind: 'contact',
        rowId: 'k1',
        customerId: 'c2',
        incidentId: null,
        title: '山田',
        text: '',
        at: null,
        status: null,
        open: null,
        severity: null,
      },
    ];
    const index = new SearchIndex();
    for (const d of docs) index.put({ ...d });
    const back = SearchIndex.fromJSON(index.toJSON());
    for (const { id, text: _text, ...fields } of docs) {
      expect(index.stored(id)).toEqual(fields);
      expect(back.stored(id)).toEqual(fields);
    }
  });
});
