// The API's log: Fastify's own pino logger, one JSON object per line, each request with its
// id. Never logged: request or response bodies, the Authorization header, cookies, and any
// field or query parameter that carries a password or a token.
import type { FastifyRequest } from 'fastify';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LogOptions {
  /** Default 'info'. */
  level?: LogLevel;
  /** Where the JSON lines go (default: stdout). Tests pass a buffer. */
  stream?: { write(line: string): unknown };
}

/** Field names whose values are secret wherever they appear in a logged object. */
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'token', 'authorization', 'cookie'];

/** pino redaction paths: the secret fields at the top level and up to two levels down. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Query parameters whose values are replaced before a URL is logged. */
const SECRET_QUERY = /(token|password|secret|auth|key|session|code)/i;

/** The URL with the values of secret-looking query parameters replaced by [Redacted]. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is still checked as written
      }
      return eq >= 0 && SECRET_QUERY.test(decoded) ? `${name}=[Redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** Fastify `logger` options: JSON lines, redaction, a request serializer without secrets. */
export function loggerOptions(options: LogOptions) {
  return {
    level: options.level ?? 'info',
    ...(options.stream ? { stream: options.stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: {
      req(request: FastifyRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        };
      },
    },
  };
}
