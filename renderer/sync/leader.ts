// One sync leader across the windows of a replica (Web Locks). Every window queues for the
// lock; the holder syncs until it closes or is stopped, then the next window takes over. A
// window where the user just signed in steals the lock: in browser mode only that window
// holds a token, so it must be the one that syncs.

export interface LockManagerLike {
  request(
    name: string,
    options: { steal?: boolean; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

export interface LeaderElection {
  readonly isLeader: boolean;
  /** Takes the lock from the current holder (which goes back to waiting). */
  steal(): void;
  stop(): void;
}

export interface LeaderOptions {
  /** Called on becoming leader; returns what to call on losing it. */
  onLead(): () => void;
  /** navigator.locks; without it (old runtimes, tests) this window leads alone. */
  locks: LockManagerLike | undefined;
}

export function electLeader(name: string, options: LeaderOptions): LeaderElection {
  let isLeader = false;
  let stopped = false;
  let release: (() => void) | null = null;
  let resign: (() => void) | null = null;
  // Each request gets a number; only the newest may re-queue after losing the lock.
  let ticket = 0;

  const lead = () => {
    isLeader = true;
    resign = options.onLead();
  };
  const lose = () => {
    if (!isLeader) return;
    isLeader = false;
    const r = resign;
    resign = null;
    r?.();
  };

  const acquire = (steal: boolean) => {
    const mine = ++ticket;
    const locks = options.locks;
    if (!locks) {
      if (!isLeader) lead();
      return;
    }
    locks
      .request(name, steal ? { steal: true } : {}, () => {
        if (stopped || mine !== ticket) return Promise.resolve();
        lead();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      })
      .catch(() => {
        // AbortError: another window stole the lock.
      })
      .finally(() => {
        if (mine !== ticket) return;
        lose();
        release = null;
        if (!stopped) acquire(false);
      });
  };

  acquire(false);

  return {
    get isLeader() {
      return isLeader;
    },
    steal() {
      if (stopped || isLeader) return;
      acquire(true);
    },
    stop() {
      stopped = true;
      ticket++;
      lose();
      release?.();
      release = null;
    },
  };
}
