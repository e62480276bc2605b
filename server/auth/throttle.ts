// Sign-in throttling. Every attempt is counted atomically BEFORE its password is checked, per
// (e-mail, address) and per address: the first attempts pass freely, then each one must wait a
// delay that doubles (30 s, 1 min, 2 min, … up to 15 min). No hard lock: the right password from
// another address is never affected by failures elsewhere, and a quiet key resets itself.
import { isIPv4, isIPv6 } from 'node:net';
import type { Db } from '../db';
import type { Executor } from '../sync/scope';

export interface ThrottleOptions {
  /** Free attempts per (e-mail, address) before delays start. */
  maxFailuresPerEmail: number;
  /** Free attempts per address (all e-mails) before delays start. */
  maxFailuresPerAddress: number;
  /** A key quiet for this long (after its delay ended) starts again from zero; old rows are purged. */
  failureWindowMs: number;
  /** The first delay; each further attempt doubles it. */
  throttleBaseDelayMs: number;
  throttleMaxDelayMs: number;
}

/**
 * The address a limit counts: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64 (one host
 * usually owns a whole /64, so counting single IPv6 addresses would let it rotate freely).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts;
  const prefix = groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}

export interface Admission {
  ok: boolean;
  /** When refused: seconds until the next attempt is admitted. */
  retryAfterSeconds: number;
}

export class SignInThrottle {
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ThrottleOptions,
  ) {}

  keys(email: string, address: string): Array<{ key: string; free: number }> {
    const addr = addressKey(address);
    return [
      { key: `ea:${email}|${addr}`, free: this.options.maxFailuresPerEmail },
      { key: `a:${addr}`, free: this.options.maxFailuresPerAddress },
    ];
  }

  private delay(attempt: number, free: number): number {
    if (attempt < free) return 0;
    return Math.min(
      this.options.throttleMaxDelayMs,
      this.options.throttleBaseDelayMs * 2 ** Math.min(30, attempt - free),
    );
  }

  /**
   * Counts an attempt on every key, in the caller's transaction, or refuses it (counting nothing)
   * while any key is still waiting. The key rows are locked (PostgreSQL: FOR UPDATE; SQLite: one
   * writer), so concurrent attempts are admitted one after the other.
   */
  async admit(trx: Executor, email: string, address: string, now: number): Promise<Admission> {
    const keys = this.keys(email, address).sort((a, b) => (a.key < b.key ? -1 : 1));
    await trx
      .insertInto('login_failures')
      .values(keys.map(({ key }) => ({ key, failures: 0, next_allowed_at: 0, last_at: now })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await trx
      .selectFrom('login_failures')
      .selectAll()
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .orderBy('key')
      .$if(this.db.kind === 'postgres', (q) => q.forUpdate())
      .execute();
    let waitUntil = 0;
    const next: Array<{ key: string; failures: number; next_allowed_at: number }> = [];
    for (const { key, free } of keys) {
      const row = rows.find((r) => r.key === key);
      const nextAllowed = Number(row?.next_allowed_at ?? 0);
      // Quiet for a whole window after its delay ended: start again.
      const failures =
        row && now < Math.max(nextAllowed, Number(row.last_at)) + this.options.failureWindowMs
          ? Number(row.failures)
          : 0;
      if (failures > 0 && nextAllowed > now) waitUntil = Math.max(waitUntil, nextAllowed);
      next.push({ key, failures: failures + 1, next_allowed_at: now + this.delay(failures + 1, free) });
    }
    if (waitUntil > now)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) };
    for (const row of next) {
      await trx
        .updateTable('login_failures')
        .set({ failures: row.failures, next_allowed_at: row.next_allowed_at, last_at: now })
        .where('key', '=', row.key)
        .execute();
    }
    return { ok: true, retryAfterSeconds: 0 };
  }

  /** The password was right: the (e-mail, address) key starts again, the address gives its attempt back. */
  async succeeded(trx: Executor, email: string, address: string): Promise<void> {
    const [pair, addr] = this.keys(email, address);
    await trx.deleteFrom('login_failures').where('key', '=', pair!.key).execute();
    await trx
      .updateTable('login_failures')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', addr!.key)
      .where('failures', '>', 0)
      .execute();
  }

  /** Deletes counters quiet for longer than the window and the longest delay (at most once a minute; true if it ran). */
  async purge(now: number): Promise<boolean> {
    if (now - this.lastPurge < 60_000) return false;
    this.lastPurge = now;
    const before = now - this.options.failureWindowMs - this.options.throttleMaxDelayMs;
    await this.db.kysely.deleteFrom('login_failures').where('last_at', '<', before).execute();
    return true;
  }
}
