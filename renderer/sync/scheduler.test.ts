// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from './engine';
import { electLeader, type LockManagerLike } from './leader';
import { SyncScheduler } from './scheduler';

/** A manual clock: timers fire only when the test advances time. */
class Clock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 0;
  schedule = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  };
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
  get pending() {
    return this.timers.map((x) => x.at - this.t).sort((a, b) => a - b);
  }
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const ok: SyncOutcome = {
  ok: true,
  report: { pushed: 0, rejected: 0, pulled: 0, pages: 1, rebootstrapped: false },
};
const fail = (code: string, retryable = true): SyncOutcome => ({
  ok: false,
  error: { code, message: code, retryable },
  report: { pushed: 0, rejected: 0, pulled: 0, pages: 0, rebootstrapped: false },
});

function setup(
  outcomes: SyncOutcome[],
  options: { online?: () => boolean; probe?: () => Promise<boolean> } = {},
) {
  const clock = new Clock();
  const runs: number[] = [];
  const scheduler = new SyncScheduler({
    run: async () => {
      runs.push(clock.t);
      return outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
    },
    probe: options.probe ?? (async () => false),
    isOnline: options.online ?? (() => true),
    schedule: clock.schedule,
    now: () => clock.t,
    random: () => 1, // the upper end of the jitter: deterministic
  });
  return { clock, runs, scheduler };
}

describe('SyncScheduler', () => {
  it('syncs at start-up and then every 60 s', async () => {
    const { clock, runs, scheduler } = setup([ok]);
    scheduler.trigger('startup');
    await flush();
    expect(runs).toEqual([0]);
    await clock.advance(60_000);
    await clock.advance(60_000);
    expect(runs).toEqual([0, 60_000, 120_000]);
    expect(scheduler.snapshot).toMatchObject({ reachable: true, attempt: 0, nextRunAt: 180_000 });
  });

  it('debounces local changes', async () => {
    const { clock, runs, scheduler } = setup([ok]);
    scheduler.trigger('local-change');
    await clock.advance(100);
    scheduler.trigger('local-change');
    await clock.advance(100);
    scheduler.trigger('local-change');
    expect(runs).toEqual([]);
    await clock.advance(400);
    expect(runs).toEqual([600]);
  });

  it('backs off exponentially on failures, and a heartbeat notices the network is back', async () => {
    let up = false;
    const { clock, runs, scheduler } = setup([fail('network'), fail('network'), fail('network'), ok], {
      probe: async () => up,
    });
    scheduler.trigger('startup');
    await flush();
    expect(scheduler.snapshot).toMatchObject({ reachable: false, attempt: 1 });
    // Retry after 2 s, then 4 s (random()=1: the full ceiling).
    await clock.advance(2_000);
    expect(runs).toEqual([0, 2_000]);
    await clock.advance(4_000);
    expect(runs).toEqual([0, 2_000, 6_000]);
    expect(scheduler.snapshot.attempt).toBe(3);
    // A local change does not bypass the backoff.
    scheduler.trigger('local-change');
    await clock.advance(1_000);
    expect(runs).toHaveLength(3);
    // The next retry is 8 s after the last failure; the heartbeat probes every 10 s: it wins
    // only when the server answers.
    up = true;
    await clock.advance(3_000); // t = 10 000: heartbeat probe (first scheduled at 0 + 10 s)
    expect(runs).toEqual([0, 2_000, 6_000, 10_000]);
    expect(scheduler.snapshot).toMatchObject({ reachable: true, attempt: 0 });
  });

  it('the online event retries at once and restarts the backoff', async () => {
    const { runs, scheduler } = setup([fail('server'), ok]);
    scheduler.trigger('startup');
    await flush();
    expect(scheduler.snapshot).toMatchObject({ reachable: true, attempt: 1 });
    scheduler.trigger('online');
    await flush();
    expect(runs).toHaveLength(2);
    expect(scheduler.snapshot.attempt).toBe(0);
  });

  it('waits for sign-in after an authentication failure', async () => {
    const { clock, runs, scheduler } = setup([fail('auth', false), ok]);
    scheduler.trigger('startup');
    await flush();
    expect(scheduler.snapshot.blocked).toBe('auth');
    scheduler.trigger('poke');
    scheduler.trigger('local-change');
    await clock.advance(600_000);
    expect(runs).toHaveLength(1);
    scheduler.trigger('sign-in');
    await flush();
    expect(runs).toHaveLength(2);
    expect(scheduler.snapshot.blocked).toBeNull();
  });

  it('honours Retry-After: nothing is sent before the time the server asked for, whatever triggers', async () => {
    const limited: SyncOutcome = {
      ok: false,
      error: { code: 'rate-limited', message: 'slow down', retryable: true, retryAfterMs: 30_000 },
      report: { pushed: 0, rejected: 0, pulled: 0, pages: 0, rebootstrapped: false },
    };
    const { clock, runs, scheduler } = setup([limited, ok]);
    scheduler.trigger('startup');
    await flush();
    expect(scheduler.snapshot).toMatchObject({ attempt: 1, nextRunAt: 30_000 });
    for (const reason of ['poke', 'manual', 'online', 'heartbeat', 'resume', 'periodic'] as const) {
      scheduler.trigger(reason);
      await clock.advance(1_000);
    }
    scheduler.trigger('local-change');
    await clock.advance(23_999);
    expect(runs).toEqual([0]);
    await clock.advance(1);
    expect(runs).toEqual([0, 30_000]);
    // Afterwards triggers run at once again.
    scheduler.trigger('manual');
    await flush();
    expect(runs).toEqual([0, 30_000, 30_000]);
  });

  it('stops for good', async () => {
    const { clock, runs, scheduler } = setup([ok]);
    scheduler.trigger('startup');
    await flush();
    scheduler.stop();
    scheduler.trigger('poke');
    await clock.advance(600_000);
    expect(runs).toHaveLength(1);
    expect(clock.pending).toEqual([]);
  });
});

/** An in-memory Web Locks manager with exclusive locks, queueing and steal. */
class FakeLocks implements LockManagerLike {
  private holder: { id: number; abort: () => void } | null = null;
  private queue: (() => void)[] = [];
  private ids = 0;
  request(
    _name: string,
    options: { steal?: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        const id = this.ids++;
        let settled = false;
        const release = (dispatch: boolean) => {
          if (settled) return false;
          settled = true;
          if (this.holder?.id === id) this.holder = null;
          if (dispatch && !this.holder) this.queue.shift()?.();
          return true;
        };
        this.holder = { id, abort: () => release(false) && reject(new Error('AbortError')) };
        void callback({}).then(() => release(true) && resolve());
      };
      if (options.steal && this.holder) {
        this.holder.abort();
        grant();
      } else if (this.holder) this.queue.push(grant);
      else grant();
    });
  }
}

describe('electLeader', () => {
  it('one window leads; the next takes over when it stops; a signing-in window steals', async () => {
    const locks = new FakeLocks();
    const log: string[] = [];
    const win = (name: string) =>
      electLeader('tam-sync', {
        locks,
        onLead: () => {
          log.push(`${name} leads`);
          return () => log.push(`${name} resigns`);
        },
      });
    const a = win('a');
    const b = win('b');
    await flush();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    b.steal();
    await flush();
    expect([a.isLeader, b.isLeader]).toEqual([false, true]);
    b.stop();
    await flush();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    // The robbed window learns it asynchronously (as with real Web Locks).
    expect(log).toEqual(['a leads', 'b leads', 'a resigns', 'b resigns', 'a leads']);
    a.stop();
  });

  it('leads alone without Web Locks', () => {
    const e = electLeader('x', { locks: undefined, onLead: () => () => undefined });
    expect(e.isLeader).toBe(true);
    e.stop();
    expect(e.isLeader).toBe(false);
  });
});
