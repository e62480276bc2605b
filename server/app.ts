// The central API as a Fastify instance: /v1 routes first, then (optionally) the built app.
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginRequestSchema, PullRequestSchema, PushRequestSchema } from '../shared/model/api';
import type { HealthResponse, LoginResponse, MeResponse } from '../shared/model/api';
import { IdSchema } from '../shared/model/entities';
import type { Incident } from '../shared/model/entities';
import type { Actor } from '../shared/mutations/types';
import { AlertEngine } from './alerts/engine';
import type { AlertEngineOptions } from './alerts/engine';
import { Auth, DEFAULT_AUTH_OPTIONS } from './auth/sessions';
import type { AuthOptions, AuthedUser } from './auth/sessions';
import { openDatabase } from './db';
import type { Db, DbConfig } from './db';
import { HttpError, errorBody, parseOr400 } from './http/errors';
import { buildOpenApi } from './http/openapi';
import { SECURITY_HEADERS, serveStatic } from './http/static';
import { ChangeHub } from './sync/events';
import { CursorCodec, ScopeSets, pull } from './sync/pull';
import { claimClient, clientOwner, clientTaken, push } from './sync/push';
import { isInScope } from './sync/scope';

export interface AppOptions {
  /** A database to open (and close with the app), or an open one (left open). */
  db: DbConfig | Db;
  /** Serve a built single-page app from this folder at / (index.html fallback). */
  staticDir?: string;
  /** Origins allowed besides http://localhost:*, http://127.0.0.1:*, http://[::1]:* and app://. */
  corsOrigins?: string[];
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Milliseconds between SSE heartbeat comments (default 25 s). */
  heartbeatMs?: number;
  /** The clock (tests move it to expire sessions). */
  now?: () => number;
  auth?: Partial<Omit<AuthOptions, 'now'>>;
  logger?: boolean;
  /** Make SLA alerts on the server's clock (server/alerts); off unless given (the CLI turns it on). */
  alerts?: Omit<AlertEngineOptions, 'now'> | false;
}

export interface TamApi {
  app: FastifyInstance;
  db: Db;
  hub: ChangeHub;
  /** The alert engine, when the app runs one. */
  alerts: AlertEngine | null;
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
      return new HttpError(413, 'payload_too_large', `The request body is larger than ${bodyLimit} bytes; send less at once (e.g. push in smaller batches).`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'invalid_json', 'The body is empty but Content-Type says JSON; send a JSON object or drop the header.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'invalid_request', 'Content-Length does not match the body; send the request again.');
    default:
      if (err.statusCode === 400) return new HttpError(400, 'invalid_json', 'The body is not valid JSON; check the syntax and send again.');
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return new HttpError(err.statusCode, 'invalid_request', 'The request could not be read; check method, headers and body.');
      }
      return new HttpError(500, 'internal', 'Something went wrong on the server; try again, and report it if it keeps happening.');
  }
}

export async function createApi(options: AppOptions): Promise<TamApi> {
  const ownsDb = !('kysely' in options.db);
  const db: Db = 'kysely' in options.db ? options.db : await openDatabase(options.db);
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const auth = new Auth(db, { ...DEFAULT_AUTH_OPTIONS, ...options.auth, now });
  const hub = new ChangeHub(db, options.heartbeatMs ?? 25_000);
  const alerts = options.alerts ? new AlertEngine(db, (notice) => hub.publish(notice), { ...options.alerts, now }) : null;
  // A change may bring an alert due at once (a new level-1 incident): a pass right away.
  if (alerts) hub.onChange((notice) => notice.alerts === undefined && alerts.nudge());
  const sets = new ScopeSets(db);
  let cursors: CursorCodec;
  try {
    cursors = await CursorCodec.load(db);
  } catch (err) {
    if (ownsDb) await db.close();
    throw err;
  }
  const extraOrigins = new Set(options.corsOrigins ?? []);
  const openapi = buildOpenApi(bodyLimit);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    return503OnClosing: true,
    // The router refuses a malformed URL (bad percent-encoding, an over-long id) before any
    // handler runs: answer it in the contract's error format too.
    frameworkErrors: (err, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      void reply
        .code(err.statusCode ?? 400)
        .headers(API_HEADERS)
        .send(errorBody('invalid_request', 'The URL is not valid (bad percent-encoding or a too long id); check the path.'));
    },
    // Errors Node's HTTP parser raises (e.g. headers over 16 KiB) never reach Fastify's routes.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      const body = JSON.stringify(
        tooLarge
          ? errorBody('headers_too_large', 'The request headers are too large; sign in again or send less.')
          : errorBody('invalid_request', 'The request could not be parsed as HTTP; check the client.'),
      );
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy();
      }
    },
  });

  const allowedOrigin = (origin: string | undefined): origin is string =>
    origin !== undefined && (LOOPBACK_ORIGIN.test(origin) || APP_ORIGIN.test(origin) || extraOrigins.has(origin));
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

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(corsHeaders(request));
    if (request.url.startsWith('/v1/')) reply.headers(API_HEADERS);
    if (request.method === 'OPTIONS') {
      if (allowedOrigin(request.headers.origin)) {
        reply.headers({
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '600',
        });
      }
      return reply.code(204).send();
    }
  });

  app.setErrorHandler((err, request, reply) => {
    const httpError = err instanceof HttpError ? err : mapFrameworkError(err as { code?: string; statusCode?: number }, bodyLimit);
    if (httpError.statusCode >= 500) request.log.error(err);
    void reply.code(httpError.statusCode).headers(httpError.headers).send(errorBody(httpError.code, httpError.message));
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (options.staticDir && !request.url.startsWith('/v1/') && (await serveStatic(options.staticDir, request, reply))) return;
    return reply.code(404).send(errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}; see GET /v1/openapi.json.`));
  });

  const signedIn = (request: FastifyRequest): Promise<AuthedUser> => auth.authenticate(request.headers.authorization);
  const actorOf = (user: AuthedUser['user']): Actor => ({ id: user.id, role: user.role, team: user.team });

  app.get('/v1/health', async (): Promise<HealthResponse> => ({ status: 'ok', db: db.kind }));

  app.get('/v1/openapi.json', async () => openapi);

  app.post('/v1/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseOr400(LoginRequestSchema, request.body);
    const session = await auth.login(body.email, body.password, request.ip);
    const { id, email, name, role } = session.user;
    return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), user: { id, email, name, role } };
  });

  app.post('/v1/auth/logout', async (request, reply) => {
    const session = await signedIn(request);
    await auth.logout(session.tokenHash);
    return reply.code(204).send();
  });

  app.get('/v1/me', async (request): Promise<MeResponse> => {
    const { user, expiresAt } = await signedIn(request);
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, team: user.team, locale: user.locale },
      expiresAt: new Date(expiresAt).toISOString(),
    };
  });

  app.post('/v1/sync/pull', async (request, reply) => {
    const { user } = await signedIn(request);
    const body = parseOr400(PullRequestSchema, request.body);
    // A refused pull (bad cursor, another user's client id) must leave no trace: the client id
    // is only looked up first, and registered once the pull has succeeded.
    const owner = await clientOwner(db, body.clientId);
    if (owner !== undefined && owner !== user.id) throw clientTaken();
    const json = await pull(db, sets, cursors, actorOf(user), body);
    if (owner === undefined) await claimClient(db, body.clientId, user.id, now());
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.post('/v1/sync/push', async (request) => {
    const { user } = await signedIn(request);
    const body = parseOr400(PushRequestSchema, request.body);
    return push(db, actorOf(user), body, now, (notice) => hub.publish(notice));
  });

  app.get('/v1/sync/events', async (request, reply: FastifyReply) => {
    const { user } = await signedIn(request);
    reply.hijack();
    await hub.attach(actorOf(user), reply.raw, { ...corsHeaders(request), 'x-content-type-options': 'nosniff' });
  });

  app.get('/v1/incidents/:id/timeline', async (request, reply) => {
    const { user } = await signedIn(request);
    const id = parseOr400(IdSchema, (request.params as { id?: unknown }).id, 'incident id');
    const row = await db.kysely
      .selectFrom('records')
      .select(['data', 'customer_id'])
      .where('entity', '=', 'incident')
      .where('id', '=', id)
      .executeTakeFirst();
    const incident = row ? (JSON.parse(row.data) as Incident) : undefined;
    if (!row || !incident || incident.deleted || !(await isInScope(db.kysely, actorOf(user), row.customer_id))) {
      throw new HttpError(404, 'not_found', `No incident ${id} in your scope; sync, and check the incident's customer is assigned to you.`);
    }
    const events = await db.kysely
      .selectFrom('records')
      .select('data')
      .where('parent_id', '=', id)
      .where('entity', '=', 'timelineEvent')
      .where('deleted', '=', 0)
      .orderBy('version')
      .execute();
    const json = `{"incidentId":${JSON.stringify(id)},"events":[${events.map((e) => e.data).join(',')}]}`;
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

  let closing: Promise<void> | undefined;
  return {
    app,
    db,
    hub,
    alerts,
    close() {
      closing ??= (async () => {
        await alerts?.stop();
        await hub.close();
        await app.close();
        if (ownsDb) await db.close();
      })();
      return closing;
    },
  };
}
