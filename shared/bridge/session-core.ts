// Sign-in state and authorised calls, shared by the desktop main process and the web
// bridge so both behave the same: where the token is kept (encrypted file vs. page memory)
// and how the event stream is opened are the only differences, and they are injected.
import { z } from 'zod';
import { bridgeError, ErrorCodes } from './errors';
import { postLogin, postLogout, sendApiRequest, type FetchLike } from './api-calls';
import { ApiErrorSchema } from '../model/api';
import { normalizeServerUrl } from './rules';
import {
  SessionUserSchema,
  type ApiRequest,
  type ApiResponse,
  type DesktopEvent,
  type Session,
  type SignInArgs,
  type SignInResult,
} from './schemas';
import {
  startEventStream,
  type BackoffOptions,
  type EventStreamHandle,
  type StreamResponse,
} from './event-stream';

/** What is remembered about who signed in where. Not secret; never includes the token. */
export const StoredIdentitySchema = z.object({
  serverUrl: z.string(),
  origin: z.string(),
  user: SessionUserSchema,
  expiresAt: z.string(),
});
export type StoredIdentity = z.infer<typeof StoredIdentitySchema>;

/** Where identity and token live; main encrypts the token on disk, the web keeps it in memory. */
export interface SessionStore {
  loadIdentity(): Promise<StoredIdentity | null>;
  loadToken(identity: StoredIdentity): Promise<string | null>;
  save(identity: StoredIdentity, token: string): Promise<void>;
  /** The server refused the token: forget it, keep the identity (offline use goes on). */
  dropToken(identity: StoredIdentity): Promise<void>;
  /** Sign-out: forget the token and the identity. */
  clear(identity: StoredIdentity): Promise<void>;
}

export interface SessionCoreOptions {
  fetch: FetchLike;
  store: SessionStore;
  /** Opens GET {serverUrl}/v1/sync/events with the bearer token. */
  openEventStream(serverUrl: string, token: string): Promise<StreamResponse>;
  schedule(fn: () => void, ms: number): () => void;
  emit(event: DesktopEvent): void;
  now(): number;
  log?(message: string): void;
  /** Reconnect timing of the event stream (defaults: 1 s doubling to 60 s). */
  eventBackoff?: Partial<BackoffOptions>;
  /** Silence after which the stream is presumed dead (default 75 s: the server's heartbeat is 25 s). */
  eventIdleTimeoutMs?: number;
}

export interface SessionCore {
  /** Loads the remembered identity and, if a token is held, starts the event stream. */
  start(): Promise<void>;
  signIn(args: SignInArgs): Promise<SignInResult>;
  getSession(): Promise<Session | null>;
  signOut(): Promise<void>;
  apiRequest(request: ApiRequest): Promise<ApiResponse>;
  /** Woke up or came back online: reconnect the event stream now rather than after backoff. */
  reconnectEvents(): void;
  dispose(): void;
}

/** The API's error code for a session revoked on the server (401). */
export const SESSION_REVOKED_CODE = 'session_revoked';

export function createSessionCore(options: SessionCoreOptions): SessionCore {
  const { store, fetch } = options;
  let identity: StoredIdentity | null = null;
  let token: string | null = null;
  let events: EventStreamHandle | null = null;
  let loaded: Promise<void> | null = null;
  // Sign-in, sign-out and token refusal change the state one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const ensureLoaded = (): Promise<void> => {
    loaded ??= (async () => {
      identity = await store.loadIdentity();
      token = identity ? await store.loadToken(identity) : null;
    })();
    return loaded;
  };

  const stopEvents = (): void => {
    events?.stop();
    events = null;
  };

  const startEvents = (): void => {
    stopEvents();
    const current = identity;
    const bearer = token;
    if (!current || !bearer) return;
    events = startEventStream({
      connect: () => options.openEventStream(current.serverUrl, bearer),
      // Changes may have been missed while disconnected: pull once per (re)connect.
      onOpen: () => options.emit({ type: 'sync-poke' }),
      // Any event is a poke, except the server's connection handshake ('ready'), which
      // onOpen has already answered.
      onMessage: (message) => {
        if (message.event !== 'ready') options.emit({ type: 'sync-poke' });
      },
      onUnauthorized: (code) => void tokenRefused(bearer, code),
      onDisconnect: (reason, ms) =>
        options.log?.(`sync events: ${reason}; reconnecting in ${Math.round(ms / 1000)} s`),
      schedule: options.schedule,
      idleTimeoutMs: options.eventIdleTimeoutMs ?? 75_000,
      ...(options.eventBackoff ? { backoff: options.eventBackoff } : {}),
    });
  };

  /**
   * The server answered 401 for this token: forget it and tell the renderer once. An expired
   * session keeps the identity (offline work goes on, sign in again to sync); a revoked one
   * (SESSION_REVOKED_CODE: an admin, a password change, "sign out everywhere") forgets the
   * identity too, and the renderer wipes the replica.
   */
  const tokenRefused = (refused: string, code?: string): Promise<void> =>
    serialized(async () => {
      if (token !== refused || !identity) return;
      token = null;
      stopEvents();
      if (code === SESSION_REVOKED_CODE) {
        const revoked = identity;
        identity = null;
        await store.clear(revoked);
        options.log?.('the server revoked this session; the local data is being removed');
        options.emit({ type: 'session-revoked' });
        return;
      }
      await store.dropToken(identity);
      options.emit({ type: 'session-expired' });
    });

  const toSession = (id: StoredIdentity): Session => ({
    serverUrl: id.serverUrl,
    user: { ...id.user },
    expiresAt: id.expiresAt,
    needsSignIn: token === null || !(Date.parse(id.expiresAt) > options.now()),
  });

  return {
    async start() {
      await ensureLoaded();
      if (token && identity && Date.parse(identity.expiresAt) > options.now()) startEvents();
    },

    signIn(args) {
      return serialized(async () => {
        await ensureLoaded();
        const server = normalizeServerUrl(args.serverUrl);
        if (!server.ok) return { ok: false, error: server.error };
        const login = await postLogin(fetch, server.value, args.email, args.password);
        if (!login.ok) return { ok: false, error: login.error };
        const next: StoredIdentity = {
          serverUrl: server.value.serverUrl,
          origin: server.value.origin,
          user: login.value.user,
          expiresAt: login.value.expiresAt,
        };
        await store.save(next, login.value.token);
        identity = next;
        token = login.value.token;
        startEvents();
        return { ok: true, session: toSession(next) };
      });
    },

    async getSession() {
      await ensureLoaded();
      return identity ? toSession(identity) : null;
    },

    signOut() {
      return serialized(async () => {
        await ensureLoaded();
        stopEvents();
        const current = identity;
        const bearer = token;
        identity = null;
        token = null;
        if (!current) return;
        // Forget locally first: a slow or unreachable server must not keep the token alive.
        await store.clear(current);
        if (bearer) await postLogout(fetch, current.serverUrl, bearer);
      });
    },

    async apiRequest(request) {
      await ensureLoaded();
      const current = identity;
      const bearer = token;
      if (!current || !bearer) {
        return {
          status: 0,
          error: bridgeError(
            ErrorCodes.notSignedIn,
            current
              ? `Your session on ${current.serverUrl} has ended. Sign in again to sync; your work is kept on this computer.`
              : 'You are not signed in to a server. Sign in to sync.',
          ),
        };
      }
      const response = await sendApiRequest(fetch, current.serverUrl, bearer, request);
      if (response.status === 401) {
        const refusal = 'body' in response ? ApiErrorSchema.safeParse(response.body) : null;
        await tokenRefused(bearer, refusal?.success ? refusal.data.error.code : undefined);
      }
      return response;
    },

    reconnectEvents() {
      events?.reconnectNow();
    },

    dispose() {
      stopEvents();
    },
  };
}
