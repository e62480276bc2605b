// npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P]
//                   [--static DIR] [--updates-dir DIR] [--generate N,M,K] [--seed S] [--log-level L]
//                   [--trust-proxy LIST] [--idle-timeout MIN] [--no-alerts] [--no-health-snapshots]
// npm run server -- --db FILE --backup OUT     (an online copy of the SQLite database, then exit)
// Environment: PORT, HOST (default 127.0.0.1), DATABASE_URL, TAM_DB_FILE, TAM_DEMO_PASSWORD,
// TAM_CORS_ORIGINS (comma-separated extra origins), TAM_STATIC_DIR, TAM_UPDATES_DIR, TAM_LOG_LEVEL,
// TAM_REQUEST_TIMEOUT_MS, TAM_MAX_CONNECTIONS, TAM_PULL_MAX_BYTES, TAM_TRUST_PROXY
// (comma-separated proxy addresses/CIDRs), TAM_IDLE_TIMEOUT_MINUTES (default 480).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SERVER_LIMITS, createApi } from './app';
import type { ServerLimits } from './app';
import { DEFAULT_DB_FILE } from './db';
import { BackupError, backupSqlite } from './db/backup';
import { LOG_LEVELS } from './http/logging';
import type { LogLevel } from './http/logging';
import { PULL_DEFAULT_MAX_BYTES } from './sync/pull';
import type { DbConfig } from './db';
import { DEMO_DEFAULT_PASSWORD, DEMO_LOGINS, seedDemo } from './seed/demo';
import { loadScaleData } from './seed/generate';
import { pushQuotaFromEnv, type PushQuotaOptions } from './sync/quota';

export interface CliConfig {
  port: number;
  host: string;
  db: DbConfig;
  demo: boolean;
  demoPassword: string;
  staticDir?: string;
  /** The desktop app's update feed, served at /updates/<file>. */
  updatesDir?: string;
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-For counts (addresses or CIDRs); empty: none. */
  trustProxy: string[];
  /** Minutes of inactivity after which a session ends (default 8 h). */
  idleTimeoutMinutes?: number;
  generate?: { customers: number; incidents: number; events: number; seed: number };
  /** JSON-lines log to stdout at this level ('silent': off). */
  logLevel: LogLevel;
  limits: Partial<ServerLimits>;
  pullMaxBytes: number;
  /** Copy the SQLite database to this file and exit (no server). */
  backup?: string;
  /** Make SLA alerts (server/alerts); `--no-alerts` or TAM_ALERTS=off turns it off. */
  alerts: boolean;
  /** Make the weekly health snapshots (server/health); `--no-health-snapshots` or TAM_HEALTH_SNAPSHOTS=off turns it off. */
  healthSnapshots: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export class ConfigError extends Error {}

export function parseConfig(argv: string[], rawEnv: NodeJS.ProcessEnv): CliConfig {
  // An empty variable counts as unset.
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''),
  ) as NodeJS.ProcessEnv;
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'demo-password': { type: 'string' },
      static: { type: 'string' },
      'updates-dir': { type: 'string' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      'log-level': { type: 'string' },
      backup: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'no-alerts': { type: 'boolean', default: false },
      'no-health-snapshots': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new ConfigError(USAGE);
  const portText = values.port ?? env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port ${portText} is not a port number (0-65535; 0 picks a free one).`);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const dbText = values.db ?? env.DATABASE_URL ?? env.TAM_DB_FILE ?? DEFAULT_DB_FILE;
  const db: DbConfig = /^postgres(ql)?:\/\//.test(dbText)
    ? { kind: 'postgres', url: dbText }
    : { kind: 'sqlite', file: dbText };
  const demoPassword = values['demo-password'] ?? env.TAM_DEMO_PASSWORD ?? DEMO_DEFAULT_PASSWORD;
  if (values.demo && demoPassword === DEMO_DEFAULT_PASSWORD && !LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(
      `Demo mode with the default password only listens on loopback; use --host 127.0.0.1, or set --demo-password (or TAM_DEMO_PASSWORD) to listen on ${host}.`,
    );
  }
  let generate: CliConfig['generate'];
  if (values.generate) {
    const parts = values.generate.split(',').map(Number);
    if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new ConfigError(
        '--generate takes CUSTOMERS,INCIDENTS,EVENTS, e.g. --generate 500,100000,1000000',
      );
    }
    generate = {
      customers: parts[0]!,
      incidents: parts[1]!,
      events: parts[2]!,
      seed: Number(values.seed ?? 1),
    };
  }
  const staticDir = values.static ?? env.TAM_STATIC_DIR;
  const logLevel = values['log-level'] ?? env.TAM_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(`--log-level ${logLevel} is not a level; use one of ${LOG_LEVELS.join(', ')}.`);
  const positive = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1)
      throw new ConfigError(`${name} ${text} is not a positive whole number.`);
    return n;
  };
  const requestTimeoutMs = positive(
    'TAM_REQUEST_TIMEOUT_MS',
    env.TAM_REQUEST_TIMEOUT_MS,
    DEFAULT_SERVER_LIMITS.requestTimeoutMs,
  );
  const limits: Partial<ServerLimits> = {
    requestTimeoutMs,
    headersTimeoutMs: Math.min(DEFAULT_SERVER_LIMITS.headersTimeoutMs, requestTimeoutMs),
    timeoutCheckIntervalMs: Math.min(
      DEFAULT_SERVER_LIMITS.timeoutCheckIntervalMs,
      Math.max(100, Math.floor(requestTimeoutMs / 4)),
    ),
    maxConnections: positive(
      'TAM_MAX_CONNECTIONS',
      env.TAM_MAX_CONNECTIONS,
      DEFAULT_SERVER_LIMITS.maxConnections,
    ),
  };
  const pullMaxBytes = positive('TAM_PULL_MAX_BYTES', env.TAM_PULL_MAX_BYTES, PULL_DEFAULT_MAX_BYTES);
  if (values.backup !== undefined && db.kind !== 'sqlite') {
    throw new ConfigError(
      '--backup copies a SQLite database; for PostgreSQL use pg_dump (see the README, "Backups").',
    );
  }
  const trustProxy = (values['trust-proxy'] ?? env.TAM_TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const idleText = values['idle-timeout'] ?? env.TAM_IDLE_TIMEOUT_MINUTES;
  const idleTimeoutMinutes = idleText === undefined ? undefined : Number(idleText);
  if (
    idleTimeoutMinutes !== undefined &&
    (!Number.isInteger(idleTimeoutMinutes) || idleTimeoutMinutes < 1 || idleTimeoutMinutes > 7 * 24 * 60)
  ) {
    throw new ConfigError(
      `--idle-timeout ${idleText} is not a number of minutes (1-10080; default 480, i.e. 8 hours).`,
    );
  }
  const updatesDir = values['updates-dir'] ?? env.TAM_UPDATES_DIR;
  return {
    port,
    host,
    db,
    demo: values.demo ?? false,
    demoPassword,
    ...(staticDir ? { staticDir } : {}),
    ...(updatesDir ? { updatesDir } : {}),
    corsOrigins: (env.TAM_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy,
    ...(idleTimeoutMinutes !== undefined ? { idleTimeoutMinutes } : {}),
    ...(generate ? { generate } : {}),
    logLevel: logLevel as LogLevel,
    limits,
    pullMaxBytes,
    ...(values.backup !== undefined ? { backup: values.backup } : {}),
    alerts: !values['no-alerts'] && env.TAM_ALERTS !== 'off',
    healthSnapshots: !values['no-health-snapshots'] && env.TAM_HEALTH_SNAPSHOTS !== 'off',
  };
}

const USAGE = `Usage: npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P] [--static DIR] [--updates-dir DIR] [--generate N,M,K] [--seed S] [--log-level fatal|error|warn|info|debug|trace|silent] [--trust-proxy ADDR,CIDR,...] [--idle-timeout MINUTES] [--no-alerts] [--no-health-snapshots]
       npm run server -- --db FILE --backup OUT   (online copy of the SQLite database)`;

async function main(): Promise<void> {
  let config: CliConfig;
  let pushQuota: Partial<PushQuotaOptions>;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
    pushQuota = pushQuotaFromEnv(process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  if (config.backup !== undefined && config.db.kind === 'sqlite') {
    try {
      const result = await backupSqlite(config.db.file, config.backup);
      console.log(
        `Backup of ${config.db.file} written to ${config.backup} (${result.pages} pages, ${result.bytes} bytes).`,
      );
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      console.error(err instanceof BackupError ? reason : `The backup failed: ${reason}`);
      process.exitCode = 1;
    }
    return;
  }
  if (config.updatesDir && !statSync(config.updatesDir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(
      `--updates-dir ${config.updatesDir} is not a folder; create it and copy the release files (latest*.yml and the installers) into it.`,
    );
    process.exit(2);
  }
  const api = await createApi({
    db: config.db,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    ...(config.idleTimeoutMinutes !== undefined
      ? { auth: { idleTimeoutMs: config.idleTimeoutMinutes * 60_000 } }
      : {}),
    alerts: config.alerts ? {} : false,
    // The demo fills a year of weekly history so that the trend charts show something at once.
    healthSnapshots: config.healthSnapshots ? (config.demo ? { backfillWeeks: 52 } : {}) : false,
    ...(config.staticDir ? { staticDir: config.staticDir } : {}),
    // JSON lines to stdout; the human-readable notes below go through it too.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    limits: config.limits,
    pullMaxBytes: config.pullMaxBytes,
    ...(config.updatesDir ? { updatesDir: config.updatesDir } : {}),
    pushQuota,
  });
  // The notes below (address, demo logins) are shown at any level: a JSON line at info even
  // when the log is set to warn or error, plain text when it is off.
  const notes = config.logLevel === 'silent' ? null : api.app.log.child({}, { level: 'info' });
  const log = (msg: string) => (notes ? notes.info(msg) : console.log(msg));
  if (config.demo) {
    const { seeded } = await seedDemo(api.db, config.demoPassword);
    log(seeded ? 'Demo data seeded.' : 'Demo data already present (kept).');
  }
  if (config.generate) {
    const started = Date.now();
    const summary = await loadScaleData(api.db, config.generate);
    log(
      `Generated ${summary.rows} rows (${summary.customers} customers, ${summary.incidents} incidents, ${summary.events} events) in ${Date.now() - started} ms; scale users sign in with password "scale".`,
    );
  }
  const address = await api.app.listen({ port: config.port, host: config.host });
  // The first snapshot pass ran before the data above existed: another one now, once the API
  // is listening (the demo's year of history is filled in the background).
  api.healthSnapshots?.nudge();
  const where = config.db.kind === 'postgres' ? 'PostgreSQL' : `SQLite ${config.db.file}`;
  log(`TAM Workstation API listening on ${address} (${where})`);
  log(`OpenAPI: ${address}/v1/openapi.json`);
  if (config.updatesDir) log(`Desktop updates: ${address}/updates/ (from ${resolve(config.updatesDir)})`);
  if (config.demo) {
    log(
      `Demo logins (password: ${config.demoPassword === DEMO_DEFAULT_PASSWORD ? `"${DEMO_DEFAULT_PASSWORD}"` : 'as given'}):`,
    );
    for (const login of DEMO_LOGINS) log(`  ${login.email.padEnd(22)} ${login.role.padEnd(8)} ${login.name}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    api
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('Shutdown failed:', err instanceof Error ? err.message : err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main().catch((err: unknown) => {
    console.error(`Could not start the API: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
