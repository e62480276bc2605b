// Per-user write quotas on push: mutations per minute and request bytes per day, counted in
// sliding windows in this API process. Over a quota the push is refused as a whole with 429
// `rate_limited` and a Retry-After that says when it will fit; nothing of it is applied, and
// the client sends it again then. The defaults are far above what a person produces (a TAM's
// busiest day is a few hundred changes), so only a runaway or hostile client meets them.
import { HttpError } from '../http/errors';

export interface PushQuotaOptions {
  /** Mutations a user may push per minute (default 600; 0: no limit). */
  mutationsPerMinute: number;
  /** Bytes of push bodies a user may send per 24 hours (default 50 MB; 0: no limit). */
  bytesPerDay: number;
}

export const DEFAULT_PUSH_QUOTA: PushQuotaOptions = { mutationsPerMinute: 600, bytesPerDay: 50_000_000 };

/**
 * The quotas set by the environment (`TAM_PUSH_MUTATIONS_PER_MINUTE`, `TAM_PUSH_BYTES_PER_DAY`:
 * whole numbers, 0 for no limit); unset ones keep their defaults. Throws a message that names
 * the variable when a value is not a whole number.
 */
export function pushQuotaFromEnv(env: Record<string, string | undefined>): Partial<PushQuotaOptions> {
  const read = (name: string): number | undefined => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,15}$/.test(value))
      throw new Error(`${name} must be a whole number (0 for no limit), not '${value}'.`);
    return Number(value);
  };
  const mutationsPerMinute = read('TAM_PUSH_MUTATIONS_PER_MINUTE');
  const bytesPerDay = read('TAM_PUSH_BYTES_PER_DAY');
  return {
    ...(mutationsPerMinute === undefined ? {} : { mutationsPerMinute }),
    ...(bytesPerDay === undefined ? {} : { bytesPerDay }),
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Amounts spent at instants, forgotten once older than the window. */
class Window {
  private readonly spent: Array<{ at: number; amount: number }> = [];
  private total = 0;

  constructor(private readonly span: number) {}

  private prune(now: number): void {
    while (this.spent.length > 0 && this.spent[0]!.at <= now - this.span)
      this.total -= this.spent.shift()!.amount;
  }

  /** Milliseconds until `amount` more fits under `limit` (0: it fits now). */
  wait(now: number, amount: number, limit: number): number {
    this.prune(now);
    // An empty window always takes one request, however large: nothing can be stuck for ever.
    if (this.total === 0 || this.total + amount <= limit) return 0;
    let freed = this.total;
    for (const s of this.spent) {
      freed -= s.amount;
      if (freed === 0 || freed + amount <= limit) return s.at + this.span - now;
    }
    return this.span;
  }

  add(now: number, amount: number): void {
    this.spent.push({ at: now, amount });
    this.total += amount;
  }

  get empty(): boolean {
    return this.spent.length === 0;
  }
}

export class PushQuota {
  private readonly users = new Map<string, { minute: Window; day: Window }>();

  constructor(
    private readonly options: PushQuotaOptions,
    private readonly now: () => number,
  ) {}

  /** Counts a push of the user, or throws 429 `rate_limited` (counting nothing) when it does not fit. */
  take(userId: string, mutations: number, bytes: number): void {
    if (this.options.mutationsPerMinute <= 0 && this.options.bytesPerDay <= 0) return;
    const now = this.now();
    let user = this.users.get(userId);
    if (!user) {
      user = { minute: new Window(MINUTE), day: new Window(DAY) };
      this.users.set(userId, user);
    }
    const { mutationsPerMinute, bytesPerDay } = this.options;
    const minuteWait = mutationsPerMinute > 0 ? user.minute.wait(now, mutations, mutationsPerMinute) : 0;
    const dayWait = bytesPerDay > 0 ? user.day.wait(now, bytes, bytesPerDay) : 0;
    const wait = Math.max(minuteWait, dayWait);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      const what =
        dayWait >= minuteWait
          ? `more than ${this.options.bytesPerDay} bytes of changes in 24 hours`
          : `more than ${this.options.mutationsPerMinute} changes per minute`;
      throw new HttpError(
        429,
        'rate_limited',
        `This account has sent ${what}, the server's limit; nothing of this push was applied. Send it again in ${seconds} s (the app does so by itself).`,
        { 'retry-after': String(seconds) },
      );
    }
    if (mutations > 0) user.minute.add(now, mutations);
    user.day.add(now, bytes);
    if (this.users.size > 10_000) this.sweep(now);
  }

  /** Forgets users whose windows are empty, so the map stays as small as the active users. */
  private sweep(now: number): void {
    for (const [id, user] of this.users) {
      user.minute.wait(now, 0, Infinity);
      user.day.wait(now, 0, Infinity);
      if (user.minute.empty && user.day.empty) this.users.delete(id);
    }
  }
}
