// @vitest-environment node
// One indexer per replica: the routing between windows, with Node's own BroadcastChannel
// (real, between the "windows" of this process) and the Web Locks polyfill the reliability
// suite uses for one browser profile. The worker is replaced by an engine that answers with
// the name of the window that ran the query (indexing itself: indexer.test.ts, and the e2e
// spec search-indexer.spec.ts in Chromium).
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/search/engine';
import { WebLocksPolyfill } from '../../test/reliability/support/web-locks';
import type { IndexerStatus } from './indexer';
import {
  SearchRouteFailure,
  searchChannelName,
  startSearchRouter,
  type EngineEvents,
  type RouterState,
  type SearchAnswer,
  type SearchRouter,
} from './router';

const DB = 'tam-replica-test';

const hitOf = (window: string): SearchHit => ({
  id: `incident:${window}`,
  kind: 'incident',
  rowId: window,
  customerId: null,
  incidentId: window,
  title: window,
  at: null,
  status: null,
  open: null,
  severity: null,
  score: 1,
  phrase: false,
  titleMarked: { text: window, marks: [[0, 1]] },
  snippet: null,
});

const READY: IndexerStatus = { state: 'ready', docs: 3, persistedChars: 10, buildMs: 1, loaded: true };

interface Deferred {
  resolve(a: SearchAnswer): void;
  reject(e: Error): void;
}

class World {
  readonly locks = new WebLocksPolyfill();
  readonly started: string[] = [];
  /** Queries held by an engine instead of answered at once (while `hold` is set). */
  readonly held: { window: string; query: string; d: Deferred }[] = [];
  hold = false;
  private readonly routers: SearchRouter[] = [];
  readonly states = new Map<string, RouterState>();

  open(
    window: string,
    options: { locks?: boolean; channel?: boolean; acceptMs?: number; answerMs?: number } = {},
  ): SearchRouter {
    const r = startSearchRouter({
      name: DB,
      locks: options.locks === false ? undefined : this.locks,
      channel: options.channel === false ? null : new BroadcastChannel(searchChannelName(DB)),
      windowId: window,
      acceptMs: options.acceptMs,
      answerMs: options.answerMs,
      startEngine: (events: EngineEvents) => {
        this.started.push(window);
        let stopped = false;
        const mine: Deferred[] = [];
        queueMicrotask(() => events.onStatus(READY));
        return {
          search: (query) =>
            new Promise<SearchAnswer>((resolve, reject) => {
              if (stopped) return reject(new SearchRouteFailure('stopped'));
              const d = { resolve, reject };
              if (this.hold) {
                this.held.push({ window, query, d });
                mine.push(d);
              } else resolve({ hits: [hitOf(window)], tookMs: 1 });
            }),
          stop: () => {
            stopped = true;
            for (const d of mine) d.reject(new SearchRouteFailure('stopped'));
          },
        };
      },
      onChange: (state) => this.states.set(window, state),
    });
    this.routers.push(r);
    return r;
  }

  close(): void {
    for (const r of this.routers) r.stop();
  }
}

/** Lets locks, channel messages and timers of zero delay run. */
const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 5));
};

const answeredBy = async (p: Promise<SearchAnswer>) => (await p).hits.map((h) => h.title);

let world: World;
afterEach(() => world?.close());

describe('one search indexer per replica', () => {
  it('only the window holding the lock indexes; the others get its answers and status', async () => {
    world = new World();
    const a = world.open('a');
    const b = world.open('b');
    const c = world.open('c');
    await settle();
    expect(world.started).toEqual(['a']);
    expect([a.role, b.role, c.role]).toEqual(['indexer', 'follower', 'follower']);
    expect(await answeredBy(a.search('x', {}, 10))).toEqual(['a']);
    expect(await answeredBy(b.search('x', { severity: [1], kinds: ['incident'] }, 10))).toEqual(['a']);
    expect(await answeredBy(c.search('y', {}, 10))).toEqual(['a']);
    // The indexer's status reaches the followers (the palette shows "being built" from it).
    expect(world.states.get('b')).toEqual({ role: 'follower', status: READY, error: null });
  });

  it('when the indexer window goes, the next one indexes and answers, in-flight queries included', async () => {
    world = new World();
    const a = world.open('a');
    const b = world.open('b');
    const c = world.open('c');
    await settle();
    world.hold = true;
    const fromB = b.search('in flight', {}, 10);
    const fromC = c.search('in flight too', {}, 10);
    await settle();
    expect(world.held.map((h) => [h.window, h.query])).toEqual([
      ['a', 'in flight'],
      ['a', 'in flight too'],
    ]);
    world.hold = false;
    a.stop();
    await settle();
    expect(world.started).toEqual(['a', 'b']);
    expect(b.role).toBe('indexer');
    // b answers its own query itself, and c's sent again to it.
    expect(await answeredBy(fromB)).toEqual(['b']);
    expect(await answeredBy(fromC)).toEqual(['b']);
    expect(await answeredBy(c.search('after', {}, 10))).toEqual(['b']);
  });

  it('a query no indexer takes fails with no_indexer; one never answered fails with timed_out', async () => {
    world = new World();
    // Another build holds the lock and never answers on the channel.
    let releaseForeign = () => undefined as void;
    void world.locks.request(
      searchChannelName(DB),
      {},
      () => new Promise<void>((resolve) => (releaseForeign = resolve)),
    );
    await settle(1);
    const b = world.open('b', { acceptMs: 10 });
    await expect(b.search('x', {}, 10)).rejects.toEqual(new SearchRouteFailure('no_indexer'));
    expect(world.started).toEqual([]);
    releaseForeign();
    await settle();
    expect(world.started).toEqual(['b']);

    const c = world.open('c', { answerMs: 50 });
    await settle();
    world.hold = true;
    const err = await c.search('x', {}, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SearchRouteFailure);
    expect((err as SearchRouteFailure).code).toBe('timed_out');
  });

  it('a message it cannot read is ignored; a stopped window refuses at once', async () => {
    world = new World();
    const a = world.open('a');
    await settle();
    const stranger = new BroadcastChannel(searchChannelName(DB));
    stranger.postMessage({ type: 'query', from: 'z', id: -1, query: 'x', filters: {}, limit: 10 });
    stranger.postMessage({
      type: 'query',
      from: 'z',
      id: 1,
      query: 'x',
      filters: { kinds: ['nope'] },
      limit: 10,
    });
    const seen: unknown[] = [];
    stranger.addEventListener('message', (e) => seen.push(e.data));
    await settle();
    expect(seen.filter((m) => (m as { type: string }).type !== 'status')).toEqual([]);
    stranger.close();
    a.stop();
    await expect(a.search('x', {}, 10)).rejects.toEqual(new SearchRouteFailure('stopped'));
  });

  it('without Web Locks or without a channel, every window indexes alone (as before)', async () => {
    world = new World();
    const a = world.open('a', { locks: false });
    const b = world.open('b', { locks: false });
    const c = world.open('c', { channel: false });
    await settle();
    expect(world.started).toEqual(['a', 'b', 'c']);
    expect(await answeredBy(b.search('x', {}, 10))).toEqual(['b']);
    expect(await answeredBy(c.search('x', {}, 10))).toEqual(['c']);
    expect(a.role).toBe('indexer');
  });
});
