// Sign-in, sessions and the Bearer check. Tokens are random (32 bytes) and stored only as
// their SHA-256; a session ends after its lifetime, after an idle period, at sign-out, or when
// revoked (another session changed the password, signed out everywhere, or an administrator
// deactivated the user). Sign-in attempts are throttled (throttle.ts) before any password is
// checked. Every security-relevant action is written to the audit log in its own transaction.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionInfo } from '../../shared/model/api';
import type { User } from '../../shared/model/entities';
import { passwordProblem } from '../../shared/model/password-policy';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import type { Executor } from '../sync/scope';
import { writeAudit } from './audit';
import { DEFAULT_SCRYPT, dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import type { ScryptParams } from './passwords';
import { SignInThrottle, addressKey } from './throttle';
import type { ThrottleOptions } from './throttle';

export interface AuthOptions extends ThrottleOptions {
  /** Absolute lifetime of a session. */
  sessionTtlMs: number;
  /** A session unused for this long ends (session_expired). */
  idleTimeoutMs: number;
  scrypt: ScryptParams;
  now: () => number;
}

export const DEFAULT_AUTH_OPTIONS: Omit<AuthOptions, 'now'> = {
  sessionTtlMs: 12 * 60 * 60_000,
  idleTimeoutMs: 8 * 60 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerAddress: 50,
  failureWindowMs: 15 * 60_000,
  throttleBaseDelayMs: 30_000,
  throttleMaxDelayMs: 15 * 60_000,
  scrypt: DEFAULT_SCRYPT,
};

/** Last use is written at most this often per session (the idle timeout is hours). */
const TOUCH_EVERY_MS = 60_000;

export interface AuthedUser {
  user: User;
  expiresAt: number;
  tokenHash: string;
  /** Public id of the session. */
  sessionId: string;
  mustChangePassword: boolean;
}

export interface RequestContext {
  /** The client address (after trustProxy). */
  address: string;
  userAgent?: string | undefined;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const throttled = (retryAfterSeconds: number) =>
  new HttpError(
    429,
    'sign_in_throttled',
    `Too many failed sign-ins from here; wait ${retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`} and try again, or ask an administrator to reset your password.`,
    { 'retry-after': String(retryAfterSeconds) },
  );

const invalidCredentials = () =>
  new HttpError(401, 'invalid_credentials', 'Email or password is wrong; check both and try again.');

export class Auth {
  readonly throttle: SignInThrottle;

  constructor(
    private readonly db: Db,
    private readonly options: AuthOptions,
    /** Called after a commit that revoked sessions: their event streams must end now. */
    private readonly onRevoked: (sessionIds: string[]) => void = () => undefined,
  ) {
    this.throttle = new SignInThrottle(db, options);
  }

  private get now(): number {
    return this.options.now();
  }

  async loadUser(exec: Executor, userId: string): Promise<User | undefined> {
    const row = await exec
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'user')
      .where('id', '=', userId)
      .executeTakeFirst();
    const user = row ? (JSON.parse(row.data) as User) : undefined;
    return user && !user.deleted ? user : undefined;
  }

  /** Runs a transaction, retrying PostgreSQL serialisation failures and deadlocks. */
  private async transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.kysely.transaction().execute(fn);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt < 5 && (code === '40001' || code === '40P01')) continue;
        throw err;
      }
    }
  }

  async login(
    emailInput: string,
    password: string,
    ctx: RequestContext,
  ): Promise<{ token: string; expiresAt: number; user: User; mustChangePassword: boolean }> {
    const email = emailInput.trim().toLowerCase();
    const address = addressKey(ctx.address);
    void this.throttle.purge(this.now).then(
      (purged) => (purged ? this.purgeSessions() : undefined),
      () => undefined,
    );
    // 1. Count the attempt (atomically, before any password is checked), or refuse it.
    const admission = await this.transaction(async (trx) => {
      const result = await this.throttle.admit(trx, email, ctx.address, this.now);
      if (!result.ok)
        await writeAudit(trx, {
          at: this.now,
          actor: null,
          action: 'sign_in.throttled',
          target: email,
          address,
        });
      return result;
    });
    if (!admission.ok) throw throttled(admission.retryAfterSeconds);
    // 2. Check the password (against a dummy hash for an unknown email: same work, same answer).
    const account = await this.db.kysely
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    const matches = await verifyPassword(password, account?.password_hash ?? dummyHash(this.options.scrypt));
    const user = account && matches ? await this.loadUser(this.db.kysely, account.user_id) : undefined;
    if (!account || !user) {
      await writeAudit(this.db.kysely, {
        at: this.now,
        actor: null,
        action: 'sign_in.failed',
        target: email,
        address,
      });
      throw invalidCredentials();
    }
    if (!account.active) {
      await writeAudit(this.db.kysely, {
        at: this.now,
        actor: email,
        action: 'access.refused',
        target: 'sign_in: deactivated',
        address,
      });
      throw new HttpError(
        403,
        'account_deactivated',
        'This account has been deactivated; ask an administrator if you need access again.',
      );
    }
    // 3. A session, the rehash of an old-parameter hash, and the audit entry: one transaction.
    const rehash = needsRehash(account.password_hash, this.options.scrypt)
      ? await hashPassword(password, this.options.scrypt)
      : undefined;
    const token = randomBytes(32).toString('base64url');
    const now = this.now;
    const expiresAt = now + this.options.sessionTtlMs;
    await this.transaction(async (trx) => {
      await this.throttle.succeeded(trx, email, ctx.address);
      if (rehash) {
        await trx
          .updateTable('accounts')
          .set({ password_hash: rehash })
          .where('user_id', '=', account.user_id)
          .where('password_hash', '=', account.password_hash)
          .execute();
      }
      await trx
        .insertInto('sessions')
        .values({
          token_hash: sha256(token),
          id: randomUUID(),
          user_id: user.id,
          created_at: now,
          expires_at: expiresAt,
          last_used_at: now,
          address,
          user_agent: ctx.userAgent?.slice(0, 300) ?? null,
          revoked_at: null,
          revoked_reason: null,
        })
        .execute();
      await writeAudit(trx, { at: now, actor: email, action: 'sign_in.succeeded', target: null, address });
    });
    return { token, expiresAt, user, mustChangePassword: account.must_change_password === 1 };
  }

  /**
   * The signed-in user of an Authorization header, or a 401 that says what to do:
   * `unauthorized` (no or unknown token, signed out), `session_expired` (lifetime or idle
   * timeout), `session_revoked` (revoked elsewhere, password changed, user deactivated).
   * Until a one-time password is replaced, 403 `password_change_required` unless
   * `allowPasswordChange` (the routes that let the user change it).
   */
  async authenticate(
    authorization: string | undefined,
    options: { allowPasswordChange?: boolean } = {},
  ): Promise<AuthedUser> {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new HttpError(
        401,
        'unauthorized',
        'Sign in first (POST /v1/auth/login) and send the token as "Authorization: Bearer <token>".',
      );
    }
    const tokenHash = sha256(match[1]);
    const session = await this.db.kysely
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!session) {
      throw new HttpError(
        401,
        'unauthorized',
        'This session is not valid (signed out or unknown); sign in again.',
      );
    }
    const now = this.now;
    if (session.revoked_at !== null) {
      throw new HttpError(
        401,
        'session_revoked',
        'This session was ended (signed out from another device, password changed, or account deactivated); sign in again.',
      );
    }
    if (
      Number(session.expires_at) <= now ||
      Number(session.last_used_at) + this.options.idleTimeoutMs <= now
    ) {
      await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      throw new HttpError(401, 'session_expired', 'Your session has expired; sign in again.');
    }
    const account = await this.db.kysely
      .selectFrom('accounts')
      .select(['active', 'must_change_password'])
      .where('user_id', '=', session.user_id)
      .executeTakeFirst();
    const user = await this.loadUser(this.db.kysely, session.user_id);
    if (!user || !account)
      throw new HttpError(401, 'unauthorized', 'This account no longer exists; ask an administrator.');
    if (!account.active) {
      throw new HttpError(
        401,
        'session_revoked',
        'This account has been deactivated; ask an administrator if you need access again.',
      );
    }
    const mustChangePassword = account.must_change_password === 1;
    if (mustChangePassword && !options.allowPasswordChange) {
      throw new HttpError(
        403,
        'password_change_required',
        'Set your own password first (the one you signed in with was a one-time password), then try again.',
      );
    }
    if (now - Number(session.last_used_at) >= TOUCH_EVERY_MS) {
      await this.db.kysely
        .updateTable('sessions')
        .set({ last_used_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    return {
      user,
      expiresAt: Number(session.expires_at),
      tokenHash,
      sessionId: session.id,
      mustChangePassword,
    };
  }

  /** Sign-out: the session is gone (its token answers `unauthorized`), its event streams end. */
  async logout(session: AuthedUser): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('token_hash', '=', session.tokenHash).execute();
    this.onRevoked([session.sessionId]);
  }

  /** Marks sessions revoked in the caller's transaction; returns their ids (call onRevoked after commit). */
  async revokeWhere(
    trx: Executor,
    userId: string,
    reason: string,
    options: { only?: string; except?: string } = {},
  ): Promise<string[]> {
    const rows = await trx
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .$if(options.only !== undefined, (q) => q.where('id', '=', options.only!))
      .$if(options.except !== undefined, (q) => q.where('id', '!=', options.except!))
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await trx
        .updateTable('sessions')
        .set({ revoked_at: this.now, revoked_reason: reason })
        .where('id', 'in', ids)
        .execute();
    }
    return ids;
  }

  notifyRevoked(ids: string[]): void {
    if (ids.length > 0) this.onRevoked(ids);
  }

  async listSessions(session: AuthedUser): Promise<SessionInfo[]> {
    const now = this.now;
    const rows = await this.db.kysely
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', session.user.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where('last_used_at', '>', now - this.options.idleTimeoutMs)
      .orderBy('last_used_at', 'desc')
      .execute();
    const iso = (ms: number) => new Date(Number(ms)).toISOString();
    return rows.map((r) => ({
      id: r.id,
      createdAt: iso(r.created_at),
      lastUsedAt: iso(r.id === session.sessionId ? Math.max(now, Number(r.last_used_at)) : r.last_used_at),
      expiresAt: iso(r.expires_at),
      address: r.address,
      userAgent: r.user_agent,
      current: r.id === session.sessionId,
    }));
  }

  /** Revokes one session of the caller (any of theirs, the current one included). */
  async revokeSession(session: AuthedUser, sessionId: string, address: string): Promise<void> {
    const ids = await this.transaction(async (trx) => {
      const revoked = await this.revokeWhere(trx, session.user.id, 'revoked_by_user', { only: sessionId });
      if (revoked.length === 0) return revoked;
      await writeAudit(trx, {
        at: this.now,
        actor: session.user.email,
        action: 'session.revoked',
        target: sessionId,
        address: addressKey(address),
      });
      return revoked;
    });
    if (ids.length === 0)
      throw new HttpError(
        404,
        'not_found',
        'No such session of yours (it may have ended already); reload the list of sessions.',
      );
    this.notifyRevoked(ids);
  }

  /** "Sign out everywhere else": revokes every session of the caller but the current one. */
  async revokeOthers(session: AuthedUser, address: string): Promise<number> {
    const ids = await this.transaction(async (trx) => {
      const revoked = await this.revokeWhere(trx, session.user.id, 'revoked_by_user', {
        except: session.sessionId,
      });
      for (const id of revoked) {
        await writeAudit(trx, {
          at: this.now,
          actor: session.user.email,
          action: 'session.revoked',
          target: id,
          address: addressKey(address),
        });
      }
      return revoked;
    });
    this.notifyRevoked(ids);
    return ids.length;
  }

  /** Changes the caller's password (policy checked), ends every other session of theirs. */
  async changePassword(
    session: AuthedUser,
    currentPassword: string,
    newPassword: string,
    ctx: RequestContext,
  ): Promise<number> {
    const email = session.user.email.toLowerCase();
    const address = addressKey(ctx.address);
    // A stolen token must not let anyone try current passwords freely: same throttle as sign-in.
    const admission = await this.transaction(async (trx) => {
      const result = await this.throttle.admit(trx, email, ctx.address, this.now);
      if (!result.ok)
        await writeAudit(trx, {
          at: this.now,
          actor: email,
          action: 'sign_in.throttled',
          target: 'password change',
          address,
        });
      return result;
    });
    if (!admission.ok) throw throttled(admission.retryAfterSeconds);
    const account = await this.db.kysely
      .selectFrom('accounts')
      .selectAll()
      .where('user_id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(currentPassword, account.password_hash))) {
      await writeAudit(this.db.kysely, {
        at: this.now,
        actor: email,
        action: 'sign_in.failed',
        target: 'password change',
        address,
      });
      throw new HttpError(
        400,
        'current_password_wrong',
        'The current password is not correct; type it again (it is the one you signed in with).',
      );
    }
    // The current password was right: this was no guess, whatever the policy says next.
    await this.throttle.succeeded(this.db.kysely, email, ctx.address);
    const problem = passwordProblem(newPassword, email, currentPassword);
    if (problem) throw new HttpError(400, problem, PASSWORD_PROBLEM_MESSAGES[problem]);
    const hash = await hashPassword(newPassword, this.options.scrypt);
    const ids = await this.transaction(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ password_hash: hash, must_change_password: 0 })
        .where('user_id', '=', session.user.id)
        .execute();
      const revoked = await this.revokeWhere(trx, session.user.id, 'password_changed', {
        except: session.sessionId,
      });
      await writeAudit(trx, {
        at: this.now,
        actor: email,
        action: 'password.changed',
        target: revoked.length > 0 ? `${revoked.length} other session(s) revoked` : null,
        address,
      });
      return revoked;
    });
    this.notifyRevoked(ids);
    return ids.length;
  }

  /** Revoked and expired sessions are kept until their lifetime ends (to answer session_revoked), then deleted. */
  async purgeSessions(): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('expires_at', '<=', this.now).execute();
  }
}

export const PASSWORD_PROBLEM_MESSAGES: Record<NonNullable<ReturnType<typeof passwordProblem>>, string> = {
  password_too_short:
    'The new password is too short; use at least 12 characters (a phrase of several words works well).',
  password_too_long: 'The new password is too long; use at most 1024 characters.',
  password_is_email: 'The new password must not be your e-mail address; choose something else.',
  password_too_common:
    'The new password is one of the most common passwords; choose one that is harder to guess.',
  password_unchanged: 'The new password is the same as the current one; choose a different one.',
};
