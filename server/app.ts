// The central API as a Fastify instance: /v1 routes first, then (optionally) the built app.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AUDIT_DEFAULT_LIMIT,
  AuditQuerySchema,
  ChangePasswordRequestSchema,
  CreateUserRequestSchema,
  IncidentTimelineQuerySchema,
  LoginRequestSchema,
  PullRequestSchema,
  PushRequestSchema,
  UpdateUserRequestSchema,
} from '../shared/model/api';
import type {
  AuditResponse,
  ChangePasswordResponse,
  CreateUserResponse,
  HealthResponse,
  LoginResponse,
  MeResponse,
  RevokeSessionsResponse,
  SessionListResponse,
  UserListResponse,
  UserResponse,
} from '../shared/model/api';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../shared/attachments/limits';
import { IdSchema } from '../shared/model/entities';
import type { Actor } from '../shared/mutations/types';
import { registerAttachmentRoutes } from './attachments/routes';
import type { AttachmentOptions } from './attachments/routes';
import { listAudit, writeAudit } from './auth/audit';
import { AlertEngine } from './alerts/engine';
import type { AlertEngineOptions } from './alerts/engine';
import { HealthSnapshotJob } from './health/snapshots';
import type { HealthSnapshotOptions } from './health/snapshots';
import { Auth, DEFAULT_AUTH_OPTIONS } from './auth/sessions';
import { addressKey } from './auth/throttle';
import { UserAdmin } from './auth/users';
import type { AuthOptions, AuthedUser } from './auth/sessions';
import { openDatabase } from './db';
import type { Db, DbConfig } from './db';
import { HttpError, errorBody, parseOr400 } from './http/errors';
import { loggerOptions } from './http/logging';
import type { LogOptions } from './http/logging';
import { buildOpenApi } from './http/openapi';
import { SECURITY_HEADERS, serveStatic } from './http/static';
import { registerUpdatesRoute } from './http/updates';
import { ChangeHub } from './sync/events';
import { BootstrapPool, isCatchUpPull, workerCanOpen } from './sync/bootstrap-pool';
import { CursorCodec, ScopeSets, pull } from './sync/pull';
import { acceptsGzip, encodePage } from './http/compress';
import { claimClient, clientOwner, clientTaken, push } from './sync/push';
import { timelinePage } from './sync/timeline';
import { DEFAULT_PUSH_QUOTA, PushQuota } from './sync/quota';
import type { PushQuotaOptions } from './sync/quota';

export interface AppOptions {
  /** A database to open (and close with the app), or an open one (left open). */
  db: DbConfig | Db;
  /** Serve a built single-page app from this folder at / (index.html fallback). */
  staticDir?: string;
  /** Serve the desktop app's update feed from this folder at /updates/<file> (read-only). */
  updatesDir?: string;
  /** Origins allowed besides http://localhost:*, http://127.0.0.1:*, http://[::1]:* and app://. */
  corsOrigins?: string[];
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Milliseconds between SSE heartbeat comments (default 25 s). */
  heartbeatMs?: number;
  /** The clock (tests move it to expire sessions). */
  now?: () => number;
  auth?: Partial<Omit<AuthOptions, 'now'>>;
  /** Fastify's pino logger (JSON lines, redacted); off unless given (the CLI turns it on). */
  logger?: boolean | LogOptions;
  /** Connection timeouts and limits (defaults: DEFAULT_SERVER_LIMITS). */
  limits?: Partial<ServerLimits>;
  /** Serialized bytes after which a pull page ends (default 4 MiB; at least one row per page). */
  pullMaxBytes?: number;
  /**
   * Worker threads answering catch-up pulls (bootstrap pages) on connections of their own, so
   * that they never hold the event loop (sync/bootstrap-pool.ts). Default 0: on the main
   * thread (the CLI runs 1). Ignored for an in-memory SQLite database.
   */
  bootstrapWorkers?: number;
  /** Per-user write quotas on push (defaults: 600 mutations per minute, 50 MB per day). */
  pushQuota?: Partial<PushQuotaOptions>;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, e.g. ['10.0.0.0/8']):
   * the client address (sign-in limits, sessions, audit) is then taken from that header.
   * Default: none, the socket's address counts.
   */
  trustProxy?: string[];
  /** Event streams a user may hold open (per process); a new one closes the oldest. Default 5. */
  maxStreamsPerUser?: number;
  /** Make SLA alerts on the server's clock (server/alerts); off unless given (the CLI turns it on). */
  alerts?: Omit<AlertEngineOptions, 'now'> | false;
  /**
   * Attachments (/v1/attachments): where their bytes are stored, the size and quota limits, the
   * scan hook. Without it the attachment routes answer 404 (the CLI always gives a store).
   */
  attachments?: AttachmentOptions;
  /**
   * Make each customer's weekly health snapshot on the server's clock (server/health); off
   * unless given (the CLI turns it on).
   */
  healthSnapshots?: Omit<HealthSnapshotOptions, 'now'> | false;
}

export interface ServerLimits {
  /** A request (headers and body) must be complete within this many ms, or it is cut (408). */
  requestTimeoutMs: number;
  /** The headers must be complete within this many ms (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** How often Node checks those two timeouts (ms); a slow request is cut at most this late. */
  timeoutCheckIntervalMs: number;
  /** An idle keep-alive connection is closed after this many ms. */
  keepAliveTimeoutMs: number;
  /** Requests served on one keep-alive connection before it is closed (0: no limit). */
  maxRequestsPerSocket: number;
  /** Open connections at once (event streams included); further ones are refused (0: no limit). */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 15_000,
  timeoutCheckIntervalMs: 5_000,
  keepAliveTimeoutMs: 65_000,
  maxRequestsPerSocket: 1_000,
  maxConnections: 2_000,
};

export interface TamApi {
  app: FastifyInstance;
  db: Db;
  hub: ChangeHub;
  /** The alert engine, when the app runs one. */
  alerts: AlertEngine | null;
  /** The worker threads answering bootstrap pages, when the app runs them (bootstrapWorkers). */
  bootstrap: BootstrapPool | null;
  /** The weekly health snapshot job, when the app runs one. */
  healthSnapshots: HealthSnapshotJob | null;
  /** Ends SSE streams, stops Fastify and closes the database (if the app opened it). */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const APP_ORIGIN = /^app:\/\/[A-Za-z0-9._-]*$/;

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

function mapFrameworkError(err: { code?: string; statusCode?: number }, bodyLimit: number): HttpError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(
        413,
        'payload_too_large',
        `The request body is larger than ${bodyLimit} bytes; send less at once (e.g. push in smaller batches).`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(
        415,
        'unsupported_media_type',
        'Send the body as JSON with "Content-Type: application/json".',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(
        400,
        'invalid_json',
        'The body is empty but Content-Type says JSON; send a JSON object or drop the header.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(
        400,
        'invalid_request',
        'Content-Length does not match the body; send the request again.',
      );
    default:
      if (err.statusCode === 400)
        return new HttpError(
          400,
          'invalid_json',
          'The body is not valid JSON; check the syntax and send again.',
        );
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return new HttpError(
          err.statusCode,
          'invalid_request',
          'The request could not be read; check method, headers and body.',
        );
      }
      return new HttpError(
        500,
        'internal',
        'Something went wrong on the server; try again, and report it if it keeps happening.',
      );
  }
}

export async function createApi(options: AppOptions): Promise<TamApi> {
  const ownsDb = !('kysely' in options.db);
  const db: Db = 'kysely' in options.db ? options.db : await openDatabase(options.db);
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const hub = new ChangeHub(db, options.heartbeatMs ?? 25_000, options.maxStreamsPerUser);
  const authOptions: AuthOptions = { ...DEFAULT_AUTH_OPTIONS, ...options.auth, now };
  const auth = new Auth(db, authOptions, (sessionIds) => hub.end({ endSessions: sessionIds }));
  const users = new UserAdmin({
    db,
    auth,
    scrypt: authOptions.scrypt,
    now,
    publish: (notice) => hub.publish(notice),
    endUsers: (userIds) => hub.end({ endUsers: userIds }),
  });
  const alerts = options.alerts
    ? new AlertEngine(db, (notice) => hub.publish(notice), { ...options.alerts, now })
    : null;
  // A change may bring an alert due at once (a new level-1 incident): a pass right away.
  if (alerts) hub.onChange((notice) => notice.alerts === undefined && alerts.nudge());
  const healthSnapshots = options.healthSnapshots
    ? new HealthSnapshotJob(db, (notice) => hub.publish(notice), { ...options.healthSnapshots, now })
    : null;
  const sets = new ScopeSets(db);
  const pushQuota = new PushQuota({ ...DEFAULT_PUSH_QUOTA, ...options.pushQuota }, now);
  let cursors: CursorCodec;
  try {
    cursors = await CursorCodec.load(db);
  } catch (err) {
    if (ownsDb) await db.close();
    throw err;
  }
  const bootstrap =
    (options.bootstrapWorkers ?? 0) > 0 && workerCanOpen(db.config)
      ? new BootstrapPool(db.config, options.bootstrapWorkers ?? 0)
      : null;
  const extraOrigins = new Set(options.corsOrigins ?? []);
  const openapi = buildOpenApi(bodyLimit);
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const logger =
    options.logger === true ? loggerOptions({}) : options.logger ? loggerOptions(options.logger) : false;

  const app = Fastify({
    logger,
    // Request ids: unique across processes and restarts (a client's own id is not trusted).
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit,
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: options.trustProxy } : {}),
    return503OnClosing: true,
    // A body trickled in byte by byte (or headers that never end) must not hold a connection
    // for ever: Node cuts the request after these times (checked every timeoutCheckIntervalMs).
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    // The router refuses a malformed URL (bad percent-encoding, an over-long id) before any
    // handler runs: answer it in the contract's error format too.
    frameworkErrors: (err, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      void reply
        .code(err.statusCode ?? 400)
        .headers(API_HEADERS)
        .send(
          errorBody(
            'invalid_request',
            'The URL is not valid (bad percent-encoding or a too long id); check the path.',
          ),
        );
    },
    // Errors Node's HTTP parser raises (e.g. headers over 16 KiB) never reach Fastify's routes.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      if (timedOut)
        app.log.warn(
          { code: 'request_timeout', remoteAddress: socket.remoteAddress },
          'request cut: not complete in time',
        );
      else if (err.code !== 'ECONNRESET')
        app.log.info({ code: err.code, remoteAddress: socket.remoteAddress }, 'unreadable request refused');
      const body = JSON.stringify(
        tooLarge
          ? errorBody('headers_too_large', 'The request headers are too large; sign in again or send less.')
          : timedOut
            ? errorBody(
                'request_timeout',
                `The request was not complete within ${Math.round(limits.requestTimeoutMs / 1000)} seconds; check the network and send it again.`,
              )
            : errorBody('invalid_request', 'The request could not be parsed as HTTP; check the client.'),
      );
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy();
      }
    },
  });

  const allowedOrigin = (origin: string | undefined): origin is string =>
    origin !== undefined &&
    (LOOPBACK_ORIGIN.test(origin) || APP_ORIGIN.test(origin) || extraOrigins.has(origin));
  const corsHeaders = (request: FastifyRequest): Record<string, string> => {
    const origin = request.headers.origin;
    if (!allowedOrigin(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'false',
      'access-control-expose-headers': 'retry-after',
      vary: 'Origin',
    };
  };

  if (limits.maxConnections > 0) app.server.maxConnections = limits.maxConnections;

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.headers(corsHeaders(request));
    if (request.url.startsWith('/v1/')) reply.headers(API_HEADERS);
    if (request.method === 'OPTIONS') {
      if (allowedOrigin(request.headers.origin)) {
        reply.headers({
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type, range',
          'access-control-max-age': '600',
        });
      }
      return reply.code(204).send();
    }
  });

  app.setErrorHandler((err, request, reply) => {
    const httpError =
      err instanceof HttpError
        ? err
        : mapFrameworkError(err as { code?: string; statusCode?: number }, bodyLimit);
    // Bodies are never logged; a 500 is logged with its error, a refusal with its code.
    if (httpError.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: httpError.code, statusCode: httpError.statusCode }, 'request refused');
    void reply
      .code(httpError.statusCode)
      .headers(httpError.headers)
      .send(errorBody(httpError.code, httpError.message, httpError.details));
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (
      options.staticDir &&
      !request.url.startsWith('/v1/') &&
      (await serveStatic(options.staticDir, request, reply))
    )
      return;
    return reply
      .code(404)
      .send(
        errorBody(
          'not_found',
          `No route ${request.method} ${request.url.split('?')[0]}; see GET /v1/openapi.json.`,
        ),
      );
  });

  const signedIn = (request: FastifyRequest, allowPasswordChange = false): Promise<AuthedUser> =>
    auth.authenticate(request.headers.authorization, { allowPasswordChange });
  const context = (request: FastifyRequest) => ({
    address: request.ip,
    userAgent: request.headers['user-agent'],
  });
  /** An administrator's session, or 403 admin_only (written to the audit log). */
  const adminOnly = async (request: FastifyRequest): Promise<AuthedUser> => {
    const session = await signedIn(request);
    if (session.user.role !== 'admin') {
      await writeAudit(db.kysely, {
        at: now(),
        actor: session.user.email,
        action: 'access.refused',
        target: `${request.method} ${request.url.split('?')[0]}`,
        address: addressKey(request.ip),
      });
      throw new HttpError(
        403,
        'admin_only',
        'Only an administrator can do this; ask an administrator of your organisation.',
      );
    }
    return session;
  };
  const actorOf = (user: AuthedUser['user']): Actor => ({ id: user.id, role: user.role, team: user.team });

  if (options.updatesDir) registerUpdatesRoute(app, options.updatesDir);
  if (options.attachments)
    registerAttachmentRoutes(
      app,
      {
        db,
        now,
        signedIn: async (request) => actorOf((await signedIn(request)).user),
        publish: (notice) => hub.publish(notice),
      },
      options.attachments,
    );

  app.get('/v1/health', async (): Promise<HealthResponse> => ({ status: 'ok', db: db.kind }));

  app.get('/v1/openapi.json', async () => openapi);

  app.post('/v1/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseOr400(LoginRequestSchema, request.body);
    const session = await auth.login(body.email, body.password, context(request));
    const { id, email, name, role } = session.user;
    return {
      token: session.token,
      expiresAt: new Date(session.expiresAt).toISOString(),
      user: { id, email, name, role },
    };
  });

  app.post('/v1/auth/logout', async (request, reply) => {
    const session = await signedIn(request, true);
    await auth.logout(session);
    return reply.code(204).send();
  });

  app.post('/v1/auth/password', async (request): Promise<ChangePasswordResponse> => {
    const session = await signedIn(request, true);
    const body = parseOr400(ChangePasswordRequestSchema, request.body);
    const revokedSessions = await auth.changePassword(
      session,
      body.currentPassword,
      body.newPassword,
      context(request),
    );
    return { revokedSessions };
  });

  app.get('/v1/auth/sessions', async (request): Promise<SessionListResponse> => {
    const session = await signedIn(request);
    return { sessions: await auth.listSessions(session) };
  });

  app.delete('/v1/auth/sessions/:id', async (request, reply) => {
    const session = await signedIn(request);
    const id = parseOr400(z.string().min(1).max(100), (request.params as { id?: unknown }).id, 'session id');
    await auth.revokeSession(session, id, request.ip);
    return reply.code(204).send();
  });

  app.delete('/v1/auth/sessions', async (request): Promise<RevokeSessionsResponse> => {
    const session = await signedIn(request);
    return { revokedSessions: await auth.revokeOthers(session, request.ip) };
  });

  app.get('/v1/me', async (request): Promise<MeResponse> => {
    const { user, expiresAt, mustChangePassword } = await signedIn(request, true);
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        team: user.team,
        locale: user.locale,
      },
      expiresAt: new Date(expiresAt).toISOString(),
      mustChangePassword,
      ...(options.attachments
        ? {
            limits: {
              attachmentMaxBytes: options.attachments.maxFileBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
            },
          }
        : {}),
    };
  });

  app.get('/v1/admin/audit', async (request): Promise<AuditResponse> => {
    await adminOnly(request);
    const query = parseOr400(AuditQuerySchema, request.query, 'query');
    return { entries: await listAudit(db.kysely, query.limit ?? AUDIT_DEFAULT_LIMIT) };
  });

  app.get('/v1/admin/users', async (request): Promise<UserListResponse> => {
    await adminOnly(request);
    return { users: await users.list() };
  });

  app.post('/v1/admin/users', async (request, reply): Promise<CreateUserResponse> => {
    const admin = await adminOnly(request);
    const body = parseOr400(CreateUserRequestSchema, request.body);
    const created = await users.create(admin, body, addressKey(request.ip));
    reply.code(201);
    return created;
  });

  app.patch('/v1/admin/users/:id', async (request): Promise<UserResponse> => {
    const admin = await adminOnly(request);
    const id = parseOr400(IdSchema, (request.params as { id?: unknown }).id, 'user id');
    const patch = parseOr400(UpdateUserRequestSchema, request.body);
    return { user: await users.update(admin, id, patch, addressKey(request.ip)) };
  });

  app.post('/v1/sync/pull', async (request, reply) => {
    const { user } = await signedIn(request);
    const body = parseOr400(PullRequestSchema, request.body);
    // A refused pull (bad cursor, another user's client id) must leave no trace: the client id
    // is only looked up first, and registered once the pull has succeeded.
    const owner = await clientOwner(db, body.clientId);
    if (owner !== undefined && owner !== user.id) throw clientTaken();
    const pullOptions = options.pullMaxBytes !== undefined ? { maxBytes: options.pullMaxBytes } : {};
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    // Bootstrap pages come from the worker (already encoded there), deltas from this thread.
    const inline = async () =>
      encodePage(await pull(db, sets, cursors, actorOf(user), body, pullOptions), gzip);
    let page: Awaited<ReturnType<typeof inline>>;
    if (bootstrap && isCatchUpPull(cursors, body, user.id)) {
      try {
        page = await bootstrap.run(actorOf(user), body, pullOptions, gzip);
      } catch (err) {
        // A refusal (bad cursor…) is the answer; a worker that cannot start or died must not
        // stop anyone's first sync: this thread answers the page instead.
        if (err instanceof HttpError) throw err;
        request.log.error({ err }, 'bootstrap worker failed; the page is answered on the main thread');
        page = await inline();
      }
    } else page = await inline();
    if (owner === undefined) await claimClient(db, body.clientId, user.id, now());
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    if (page.gzip) reply.header('content-encoding', 'gzip');
    return reply.type('application/json; charset=utf-8').send(page.body);
  });

  app.post('/v1/sync/push', async (request) => {
    const { user } = await signedIn(request);
    const body = parseOr400(PushRequestSchema, request.body);
    const length = Number(request.headers['content-length']);
    pushQuota.take(
      user.id,
      body.mutations.length,
      Number.isFinite(length) ? length : JSON.stringify(request.body).length,
    );
    return push(db, actorOf(user), body, now, (notice) => hub.publish(notice), request.log);
  });

  app.get('/v1/sync/events', async (request, reply: FastifyReply) => {
    const { user, sessionId } = await signedIn(request);
    reply.hijack();
    await hub.attach(
      actorOf(user),
      reply.raw,
      { ...corsHeaders(request), 'x-content-type-options': 'nosniff' },
      sessionId,
    );
  });

  app.get('/v1/incidents/:id/timeline', async (request, reply) => {
    const { user } = await signedIn(request);
    const id = parseOr400(IdSchema, (request.params as { id?: unknown }).id, 'incident id');
    const query = parseOr400(
      IncidentTimelineQuerySchema,
      request.query,
      'query (limit: 1-1000, after: the "next" of the previous page)',
    );
    const json = await timelinePage(db, actorOf(user), id, query);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  if (options.staticDir) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/v1/')) reply.headers(SECURITY_HEADERS);
      return payload;
    });
  }

  await hub.start();
  await app.ready();
  alerts?.start();
  healthSnapshots?.start();

  let closing: Promise<void> | undefined;
  return {
    app,
    db,
    hub,
    alerts,
    bootstrap,
    healthSnapshots,
    close() {
      closing ??= (async () => {
        await alerts?.stop();
        await healthSnapshots?.stop();
        await hub.close();
        await app.close();
        await bootstrap?.close();
        if (ownsDb) await db.close();
      })();
      return closing;
    },
  };
}
