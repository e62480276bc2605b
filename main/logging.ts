// The app's log file (electron-log: main process and, over the bridge, the window), rotating
// in the OS's log folder (~/Library/Logs/TAM Workstation on macOS, %APPDATA%\TAM Workstation\logs
// on Windows, ~/.config/TAM Workstation/logs on Linux). Support reads it when a TAM reports a
// problem from a customer site, so every line passes through redact(): no token, password or
// e-mail address reaches the file, and lines are capped.
import type { LogLevel, LogMessage, NodeLogger } from 'electron-log';

/** Rotates to main.old.log beyond this (one old file is kept). */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
const MAX_LINE = 4000;

const RULES: Array<[RegExp, string]> = [
  // Authorization headers and bearer tokens anywhere.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // JSON or key=value secrets: token, password, authorization, cookie, secret.
  [
    /("?(?:[a-z_]*token|password|passwd|authorization|cookie|secret)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}]+)/gi,
    '$1[redacted]',
  ],
  // E-mail addresses (users, customer contacts).
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // Long opaque strings (session tokens are 43 base64url characters).
  [/\b[A-Za-z0-9_-]{40,}\b/g, '[redacted]'],
];

/** A log line with secrets and addresses removed, at most 4000 characters. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.length > MAX_LINE
    ? `${out.slice(0, MAX_LINE)}… [${out.length - MAX_LINE} more characters]`
    : out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error)
    return redact(
      `${value.name}: ${value.message}${value.stack ? `\n${value.stack.split('\n').slice(1, 8).join('\n')}` : ''}`,
    );
  if (value === null || typeof value !== 'object') return value;
  // Objects are written as redacted JSON text, never as live structures.
  try {
    return redact(JSON.stringify(value));
  } catch {
    return '[unserialisable]';
  }
}

export interface AppLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** Lines from the window (bridge `log`), tagged as such. */
  fromWindow(level: 'info' | 'warn' | 'error', message: string): void;
  /** The folder holding the log files (Help > Open logs folder). */
  folder(): string;
}

export interface LoggingOptions {
  /** 'debug' when developing; 'info' in installed builds. */
  level?: LogLevel;
  /** Tests: write elsewhere. */
  resolvePath?: () => string;
  /** Also print to the terminal (development). */
  console?: boolean;
}

/** Sets up an electron-log logger (electron-log/main in the app, a MainLogger is a NodeLogger) and returns the app's log. */
export function configureLogging(logger: NodeLogger, options: LoggingOptions = {}): AppLog {
  const file = logger.transports.file;
  file.level = options.level ?? 'info';
  file.maxSize = LOG_MAX_BYTES;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  if (options.resolvePath) {
    const resolve = options.resolvePath;
    file.resolvePathFn = () => resolve();
  }
  logger.transports.console.level = options.console ? (options.level ?? 'info') : false;
  logger.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map(redactValue) }));
  const folder = (): string => {
    const path = file.getFile().path;
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return cut > 0 ? path.slice(0, cut) : path;
  };
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => (err === undefined ? logger.error(message) : logger.error(message, err)),
    fromWindow: (level, message) => logger[level](`[window] ${message}`),
    folder,
  };
}
