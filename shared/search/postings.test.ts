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
});
