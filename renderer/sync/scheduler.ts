// When to sync: on start-up, when the network comes back (the online event, and a heartbeat
// because navigator.onLine lies), after a local change (debounced), on a server poke, every
// 60 s, and after the computer wakes up. Failures back off exponentially with jitter; when the
// server asks to wait (429 or 503 with Retry-After) nothing is sent before that time.
// Runtime-neutral: timers, randomness and the clock are injected.
import { backoffDelay, type BackoffOptions } from '../../shared/bridge/event-stream';
import type { SyncOutcome } from './engine';
import type { SyncFailure } from './transport';

export type SyncTrigger =
  | 'startup'
  | 'online'
  | 'local-change'
  | 'poke'
  | 'periodic'
  | 'resume'
  | 'retry'
  | 'heartbeat'
  | 'sign-in'
  | 'manual';

export interface SchedulerState {
  running: boolean;
  /** Did the last contact reach the server? null before the first. */
  reachable: boolean | null;
  /** Syncing waits for the user to sign in again. */
  blocked: 'auth' | null;
  /** Consecutive failed cycles. */
  attempt: number;
  /** When the next cycle is due (epoch ms), if one is scheduled. */
  nextRunAt: number | null;
  lastFailure: SyncFailure | null;
}

export interface SchedulerOptions {
  run(): Promise<SyncOutcome>;
  /** Cheap reachability check (GET /v1/health): true when the server answered. */
  probe(): Promise<boolean>;
  /** The browser's opinion (navigator.onLine): false is trusted, true is not. */
  isOnline(): boolean;
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
  random(): number;
  periodMs?: number;
  debounceMs?: number;
  heartbeatMs?: number;
  backoff?: Partial<Omit<BackoffOptions, 'random'>>;
  onChange?(state: SchedulerState): void;
}

export const SYNC_PERIOD_MS = 60_000;
export const LOCAL_CHANGE_DEBOUNCE_MS = 400;
export const HEARTBEAT_MS = 10_000;

export class SyncScheduler {
  private readonly o: Required<Omit<SchedulerOptions, 'backoff' | 'onChange'>> &
    Pick<SchedulerOptions, 'onChange'>;
  private readonly backoff: BackoffOptions;
  private state: SchedulerState = {
    running: false,
    reachable: null,
    blocked: null,
    attempt: 0,
    nextRunAt: null,
    lastFailure: null,
  };
  private cancelNext: (() => void) | null = null;
  private cancelDebounce: (() => void) | null = null;
  private cancelHeartbeat: (() => void) | null = null;
  private generation = 0;
  private stopped = false;
  /** The server asked not to be contacted before this instant (epoch ms; 0: no such request). */
  private notBefore = 0;

  constructor(options: SchedulerOptions) {
    this.o = {
      periodMs: SYNC_PERIOD_MS,
      debounceMs: LOCAL_CHANGE_DEBOUNCE_MS,
      heartbeatMs: HEARTBEAT_MS,
      ...options,
    };
    this.backoff = { initialMs: 2_000, maxMs: 5 * 60_000, ...options.backoff, random: options.random };
  }

  get snapshot(): SchedulerState {
    return this.state;
  }

  private set(patch: Partial<SchedulerState>): void {
    this.state = { ...this.state, ...patch };
    this.o.onChange?.(this.state);
  }

  /** Something happened that may call for a sync. */
  trigger(reason: SyncTrigger): void {
    if (this.stopped) return;
    if (this.state.blocked === 'auth' && reason !== 'sign-in' && reason !== 'manual') return;
    if (this.o.now() < this.notBefore) {
      // The server asked to wait (Retry-After): every trigger waits for the run already
      // scheduled at that time.
      if (this.state.nextRunAt === null || this.state.nextRunAt < this.notBefore)
        this.scheduleNext(this.notBefore - this.o.now(), 'retry');
      return;
    }
    if (reason === 'local-change') {
      // While backing off from a failure the retry timer (and the heartbeat) will carry the
      // change; hammering a dead network on every keystroke helps nobody.
      if (this.state.attempt > 0) return;
      this.cancelDebounce?.();
      this.cancelDebounce = this.o.schedule(() => {
        this.cancelDebounce = null;
        void this.runNow();
      }, this.o.debounceMs);
      return;
    }
    if (
      reason === 'online' ||
      reason === 'resume' ||
      reason === 'heartbeat' ||
      reason === 'sign-in' ||
      reason === 'manual' ||
      reason === 'poke'
    ) {
      // A fresh chance: the backoff starts over.
      this.set({ attempt: 0, ...(reason === 'sign-in' ? { blocked: null } : {}) });
    }
    void this.runNow();
  }

  /** Runs a cycle now; resolves with its outcome (null when stopped). */
  async runNow(): Promise<SyncOutcome | null> {
    if (this.stopped) return null;
    const gen = ++this.generation;
    this.cancelNext?.();
    this.cancelNext = null;
    this.cancelDebounce?.();
    this.cancelDebounce = null;
    this.set({ running: true, nextRunAt: null });
    let outcome: SyncOutcome;
    try {
      outcome = await this.o.run();
    } catch (err) {
      outcome = {
        ok: false,
        error: {
          code: 'internal',
          message: err instanceof Error ? err.message : String(err),
          retryable: true,
        },
        report: { pushed: 0, rejected: 0, pulled: 0, pages: 0, rebootstrapped: false },
      };
    }
    if (this.stopped || gen !== this.generation) return outcome;
    this.afterRun(outcome);
    return outcome;
  }

  private afterRun(outcome: SyncOutcome): void {
    if (outcome.ok) {
      this.stopHeartbeat();
      this.set({ running: false, reachable: true, blocked: null, attempt: 0, lastFailure: null });
      this.scheduleNext(this.o.periodMs, 'periodic');
      return;
    }
    const failure = outcome.error;
    if (failure.code === 'auth') {
      this.stopHeartbeat();
      this.set({ running: false, reachable: true, blocked: 'auth', lastFailure: failure, nextRunAt: null });
      return;
    }
    const attempt = this.state.attempt + 1;
    const networkDown = failure.code === 'network';
    this.set({ running: false, reachable: !networkDown, attempt, lastFailure: failure });
    const wait = failure.retryAfterMs ?? 0;
    if (wait > 0) this.notBefore = this.o.now() + wait;
    this.scheduleNext(Math.max(wait, backoffDelay(attempt - 1, this.backoff)), 'retry');
    if (networkDown) this.startHeartbeat();
    else this.stopHeartbeat();
  }

  private scheduleNext(ms: number, reason: SyncTrigger): void {
    this.cancelNext?.();
    this.set({ nextRunAt: this.o.now() + ms });
    this.cancelNext = this.o.schedule(() => {
      this.cancelNext = null;
      this.trigger(reason);
    }, ms);
  }

  /** While the server is unreachable: probe it cheaply and sync as soon as it answers. */
  private startHeartbeat(): void {
    if (this.cancelHeartbeat) return;
    const beat = () => {
      this.cancelHeartbeat = this.o.schedule(() => {
        void (async () => {
          if (this.stopped) return;
          const up = this.o.isOnline() && (await this.o.probe().catch(() => false));
          if (this.stopped || !this.cancelHeartbeat) return;
          if (up) {
            this.cancelHeartbeat = null;
            this.trigger('heartbeat');
          } else beat();
        })();
      }, this.o.heartbeatMs);
    };
    beat();
  }

  private stopHeartbeat(): void {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = null;
  }

  stop(): void {
    this.stopped = true;
    this.cancelNext?.();
    this.cancelDebounce?.();
    this.stopHeartbeat();
    this.cancelNext = this.cancelDebounce = null;
    this.set({ running: false, nextRunAt: null });
  }
}
