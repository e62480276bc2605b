// Sign-in, sessions and the Bearer check. Tokens are random (32 bytes) and stored only as
// their SHA-256; sessions expire. Failed sign-ins are counted per email and per address:
// too many within the window answer 429 until it passes.
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../shared/model/entities';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import { DUMMY_HASH, verifyPassword } from './passwords';

export interface AuthOptions {
  sessionTtlMs: number;
  /** Failed sign-ins per email within the window before 429. */
  maxFailuresPerEmail: number;
  /** Failed sign-ins per client address within the window before 429. */
  maxFailuresPerAddress: number;
  failureWindowMs: number;
  now: () => number;
}

export const DEFAULT_AUTH_OPTIONS: Omit<AuthOptions, 'now'> = {
  sessionTtlMs: 12 * 60 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerAddress: 50,
  failureWindowMs: 15 * 60_000,
};

export interface AuthedUser {
  user: User;
  expiresAt: number;
  tokenHash: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class Auth {
  constructor(
    private readonly db: Db,
    private readonly options: AuthOptions,
  ) {}

  private async loadUser(userId: string): Promise<User | undefined> {
    const row = await this.db.kysely
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'user')
      .where('id', '=', userId)
      .executeTakeFirst();
    const user = row ? (JSON.parse(row.data) as User) : undefined;
    return user && !user.deleted ? user : undefined;
  }

  private async checkThrottle(keys: Array<[string, number]>): Promise<void> {
    const now = this.options.now();
    for (const [key, max] of keys) {
      const row = await this.db.kysely.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
      if (row && now - Number(row.window_start) < this.options.failureWindowMs && row.failures >= max) {
        const retryAfter = Math.ceil((Number(row.window_start) + this.options.failureWindowMs - now) / 1000);
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins; wait ${Math.ceil(retryAfter / 60)} minute(s) and try again, or ask an administrator to reset your password.`,
          { 'retry-after': String(retryAfter) },
        );
      }
    }
  }

  private async recordFailure(keys: string[]): Promise<void> {
    const now = this.options.now();
    for (const key of keys) {
      await this.db.kysely.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
        if (!row || now - Number(row.window_start) >= this.options.failureWindowMs) {
          await trx
            .insertInto('login_failures')
            .values({ key, failures: 1, window_start: now })
            .onConflict((oc) => oc.column('key').doUpdateSet({ failures: 1, window_start: now }))
            .execute();
        } else {
          await trx.updateTable('login_failures').set({ failures: row.failures + 1 }).where('key', '=', key).execute();
        }
      });
    }
  }

  async login(emailInput: string, password: string, address: string): Promise<{ token: string; expiresAt: number; user: User }> {
    const email = emailInput.trim().toLowerCase();
    const keys: Array<[string, number]> = [
      [`email:${email}`, this.options.maxFailuresPerEmail],
      [`addr:${address}`, this.options.maxFailuresPerAddress],
    ];
    await this.checkThrottle(keys);
    const account = await this.db.kysely.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
    // Verify against a dummy hash for an unknown email: same work, same answer.
    const matches = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH);
    const user = account && matches ? await this.loadUser(account.user_id) : undefined;
    if (!user) {
      await this.recordFailure(keys.map(([k]) => k));
      throw new HttpError(401, 'invalid_credentials', 'Email or password is wrong; check both and try again.');
    }
    await this.db.kysely.deleteFrom('login_failures').where('key', '=', `email:${email}`).execute();
    const token = randomBytes(32).toString('base64url');
    const now = this.options.now();
    const expiresAt = now + this.options.sessionTtlMs;
    await this.db.kysely
      .insertInto('sessions')
      .values({ token_hash: sha256(token), user_id: user.id, created_at: now, expires_at: expiresAt })
      .execute();
    return { token, expiresAt, user };
  }

  /** The signed-in user of an Authorization header, or a 401 that says what to do. */
  async authenticate(authorization: string | undefined): Promise<AuthedUser> {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new HttpError(401, 'unauthorized', 'Sign in first (POST /v1/auth/login) and send the token as "Authorization: Bearer <token>".');
    }
    const tokenHash = sha256(match[1]);
    const session = await this.db.kysely.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!session) {
      throw new HttpError(401, 'unauthorized', 'This session is not valid (signed out or unknown); sign in again.');
    }
    if (Number(session.expires_at) <= this.options.now()) {
      await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      throw new HttpError(401, 'session_expired', 'Your session has expired; sign in again.');
    }
    const user = await this.loadUser(session.user_id);
    if (!user) throw new HttpError(401, 'unauthorized', 'This account no longer exists; ask an administrator.');
    return { user, expiresAt: Number(session.expires_at), tokenHash };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }
}
