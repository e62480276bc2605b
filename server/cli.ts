// npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P]
//                   [--static DIR] [--updates-dir DIR] [--generate N,M,K] [--seed S] [--log-level L]
//                   [--trust-proxy LIST] [--idle-timeout MIN] [--no-alerts]
//                   [--workers N] [--bootstrap-workers N]
//                   [--attachments-dir DIR] [--attachment-max-bytes N] [--attachment-quota-bytes N]
//                   [--attachment-scan "CMD ARGS"] [--no-health-snapshots]
//                   [--attachments-s3-bucket B [--attachments-s3-endpoint URL] [--attachments-s3-region R]
//                    [--attachments-s3-path-style] [--attachments-s3-prefix P]]
// npm run server -- --db FILE --backup OUT     (an online copy of the SQLite database, then exit)
// Environment: PORT, HOST (default 127.0.0.1), DATABASE_URL, TAM_DB_FILE, TAM_DEMO_PASSWORD,
// TAM_CORS_ORIGINS (comma-separated extra origins), TAM_STATIC_DIR, TAM_UPDATES_DIR, TAM_LOG_LEVEL,
// TAM_REQUEST_TIMEOUT_MS, TAM_MAX_CONNECTIONS, TAM_PULL_MAX_BYTES, TAM_TRUST_PROXY
// (comma-separated proxy addresses/CIDRs), TAM_IDLE_TIMEOUT_MINUTES (default 480), TAM_WORKERS,
// TAM_BOOTSTRAP_WORKERS, TAM_ATTACHMENTS_DIR, TAM_ATTACHMENT_MAX_BYTES, TAM_ATTACHMENT_QUOTA_BYTES,
// TAM_ATTACHMENT_SCAN, TAM_ATTACHMENTS_S3_BUCKET, TAM_ATTACHMENTS_S3_ENDPOINT,
// TAM_ATTACHMENTS_S3_REGION, TAM_ATTACHMENTS_S3_PATH_STYLE, TAM_ATTACHMENTS_S3_PREFIX and the
// bucket's key, from the environment only: TAM_ATTACHMENTS_S3_ACCESS_KEY_ID,
// TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY (TAM_ATTACHMENTS_S3_SESSION_TOKEN for temporary keys).
import cluster from 'node:cluster';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_ATTACHMENT_MAX_BYTES,
  DEFAULT_ATTACHMENT_USER_QUOTA_BYTES,
} from '../shared/attachments/limits';
import { DEFAULT_SERVER_LIMITS, createApi } from './app';
import { S3Store } from './attachments/s3-store';
import type { S3StoreOptions } from './attachments/s3-store';
import { LocalDirStore } from './attachments/store';
import type { AttachmentStore } from './attachments/store';
import type { ServerLimits } from './app';
import { DEFAULT_DB_FILE, openDatabase } from './db';
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
  /** API processes (node:cluster) sharing the port; more than 1 only on PostgreSQL. */
  workers: number;
  /** Worker threads per process answering bootstrap pages (0: on the event loop). */
  bootstrapWorkers: number;
  /**
   * Attachments: the local store's folder, or the S3-compatible bucket that replaces it; the
   * largest file, the per-user quota (0: none), the scan hook.
   */
  attachments: {
    dir: string;
    s3?: S3StoreOptions;
    maxFileBytes: number;
    userQuotaBytes: number;
    scanCommand: string[];
  };
  /** Make the weekly health snapshots (server/health); `--no-health-snapshots` or TAM_HEALTH_SNAPSHOTS=off turns it off. */
  healthSnapshots: boolean;
}

/** At most this many API processes (--workers). */
export const MAX_WORKERS = 64;

/** Why SQLite runs one API process: the refusal of `--workers N` says it. */
export const SQLITE_SINGLE_PROCESS =
  'SQLite stays single-process: it lets one writer at a time hold the database file, and better-sqlite3 waits for that lock synchronously, so several API processes on one file would queue behind each other (or fail with SQLITE_BUSY after 5 s) rather than run in parallel, and the pokes that tell clients about a change only cross processes through PostgreSQL (LISTEN/NOTIFY). One process on SQLite serves 2,000 clients; for more, or more cores, use PostgreSQL (--db postgres://...).';

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
      workers: { type: 'string' },
      'bootstrap-workers': { type: 'string' },
      'attachments-dir': { type: 'string' },
      'attachment-max-bytes': { type: 'string' },
      'attachment-quota-bytes': { type: 'string' },
      'attachment-scan': { type: 'string' },
      'attachments-s3-bucket': { type: 'string' },
      'attachments-s3-endpoint': { type: 'string' },
      'attachments-s3-region': { type: 'string' },
      'attachments-s3-path-style': { type: 'boolean', default: false },
      'attachments-s3-prefix': { type: 'string' },
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
  const workersText = values.workers ?? env.TAM_WORKERS;
  const workers = positive('--workers', workersText, 1);
  if (workers > MAX_WORKERS)
    throw new ConfigError(
      `--workers ${workers} is too many; use at most ${MAX_WORKERS} (about one per CPU core).`,
    );
  if (workers > 1 && db.kind === 'sqlite')
    throw new ConfigError(`--workers ${workers} needs PostgreSQL. ${SQLITE_SINGLE_PROCESS}`);
  const bootstrapText = values['bootstrap-workers'] ?? env.TAM_BOOTSTRAP_WORKERS;
  const bootstrapWorkers = bootstrapText === undefined ? 1 : Number(bootstrapText);
  if (!Number.isInteger(bootstrapWorkers) || bootstrapWorkers < 0 || bootstrapWorkers > 16)
    throw new ConfigError(
      `--bootstrap-workers ${bootstrapText} is not a number of threads (0-16; 0 answers bootstrap pages on the event loop; default 1).`,
    );
  const bytes = (name: string, text: string | undefined, fallback: number, zeroOk: boolean): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < (zeroOk ? 0 : 1))
      throw new ConfigError(`${name} ${text} is not a number of bytes${zeroOk ? ' (0: no limit)' : ''}.`);
    return n;
  };
  const attachments = {
    // Beside the SQLite file by default (data/attachments), else ./data/attachments.
    dir:
      values['attachments-dir'] ??
      env.TAM_ATTACHMENTS_DIR ??
      join(db.kind === 'sqlite' ? dirname(db.file) : './data', 'attachments'),
    maxFileBytes: bytes(
      '--attachment-max-bytes',
      values['attachment-max-bytes'] ?? env.TAM_ATTACHMENT_MAX_BYTES,
      DEFAULT_ATTACHMENT_MAX_BYTES,
      false,
    ),
    userQuotaBytes: bytes(
      '--attachment-quota-bytes',
      values['attachment-quota-bytes'] ?? env.TAM_ATTACHMENT_QUOTA_BYTES,
      DEFAULT_ATTACHMENT_USER_QUOTA_BYTES,
      true,
    ),
    scanCommand: (values['attachment-scan'] ?? env.TAM_ATTACHMENT_SCAN ?? '').split(/\s+/).filter(Boolean),
  };
  const s3 = s3Config(values, env);
  if (s3 && (values['attachments-dir'] ?? env.TAM_ATTACHMENTS_DIR) !== undefined)
    throw new ConfigError(
      '--attachments-dir and --attachments-s3-bucket both choose where attachments are kept; give one of them.',
    );
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
    workers,
    bootstrapWorkers,
    attachments: s3 ? { ...attachments, s3 } : attachments,
    healthSnapshots: !values['no-health-snapshots'] && env.TAM_HEALTH_SNAPSHOTS !== 'off',
  };
}

/** The S3-compatible bucket for attachments, when one is configured (the bucket's name chooses it). */
function s3Config(
  values: {
    'attachments-s3-bucket'?: string | undefined;
    'attachments-s3-endpoint'?: string | undefined;
    'attachments-s3-region'?: string | undefined;
    'attachments-s3-path-style'?: boolean | undefined;
    'attachments-s3-prefix'?: string | undefined;
  },
  env: Record<string, string | undefined>,
): S3StoreOptions | undefined {
  const bucket = values['attachments-s3-bucket'] ?? env.TAM_ATTACHMENTS_S3_BUCKET;
  const endpoint = values['attachments-s3-endpoint'] ?? env.TAM_ATTACHMENTS_S3_ENDPOINT;
  const region = values['attachments-s3-region'] ?? env.TAM_ATTACHMENTS_S3_REGION;
  const pathStyleText = env.TAM_ATTACHMENTS_S3_PATH_STYLE;
  const prefix = values['attachments-s3-prefix'] ?? env.TAM_ATTACHMENTS_S3_PREFIX;
  if (!bucket) {
    if (
      endpoint !== undefined ||
      region !== undefined ||
      prefix !== undefined ||
      values['attachments-s3-path-style']
    )
      throw new ConfigError(
        'The --attachments-s3-* settings need --attachments-s3-bucket (or TAM_ATTACHMENTS_S3_BUCKET): the bucket that keeps the attachments.',
      );
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError(
      `--attachments-s3-bucket ${bucket} is not a bucket name (3-63 lower-case letters, digits, dots and hyphens).`,
    );
  if (endpoint !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(endpoint);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
      throw new ConfigError(
        `--attachments-s3-endpoint ${endpoint} is not an http(s) address without credentials (e.g. https://minio.example.com:9000); the key goes in TAM_ATTACHMENTS_S3_ACCESS_KEY_ID and TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY.`,
      );
  }
  if (pathStyleText !== undefined && !['1', 'true', '0', 'false'].includes(pathStyleText))
    throw new ConfigError(`TAM_ATTACHMENTS_S3_PATH_STYLE=${pathStyleText} is not 1, true, 0 or false.`);
  if (prefix !== undefined && !/^[A-Za-z0-9!_.*'()/-]{0,200}$/.test(prefix))
    throw new ConfigError(
      `--attachments-s3-prefix ${prefix} may hold only letters, digits and / ! - _ . * ' ( ) (at most 200).`,
    );
  const accessKeyId = env.TAM_ATTACHMENTS_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new ConfigError(
      `The attachments bucket ${bucket} needs its key in the environment: set TAM_ATTACHMENTS_S3_ACCESS_KEY_ID and TAM_ATTACHMENTS_S3_SECRET_ACCESS_KEY (never on the command line).`,
    );
  const sessionToken = env.TAM_ATTACHMENTS_S3_SESSION_TOKEN;
  return {
    bucket,
    region: region ?? 'us-east-1',
    ...(endpoint !== undefined ? { endpoint } : {}),
    forcePathStyle:
      Boolean(values['attachments-s3-path-style']) || pathStyleText === '1' || pathStyleText === 'true',
    ...(prefix ? { prefix } : {}),
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}

/** The attachment store the configuration chooses: the S3-compatible bucket, else the local folder. */
export async function attachmentStoreOf(config: CliConfig['attachments']): Promise<AttachmentStore> {
  return config.s3 ? S3Store.open(config.s3) : new LocalDirStore(config.dir);
}

const USAGE = `Usage: npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P] [--static DIR] [--updates-dir DIR] [--generate N,M,K] [--seed S] [--log-level fatal|error|warn|info|debug|trace|silent] [--trust-proxy ADDR,CIDR,...] [--idle-timeout MINUTES] [--no-alerts] [--workers N (PostgreSQL)] [--bootstrap-workers N] [--attachments-dir DIR] [--attachment-max-bytes N] [--attachment-quota-bytes N] [--attachment-scan "CMD ARGS"] [--no-health-snapshots] [--attachments-s3-bucket B] [--attachments-s3-endpoint URL] [--attachments-s3-region R] [--attachments-s3-path-style] [--attachments-s3-prefix P]
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
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  // A process of a cluster (--workers N): the primary seeded the data and prints the address.
  const inCluster = cluster.isWorker;
  const api = await createApi({
    db: config.db,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    ...(config.idleTimeoutMinutes !== undefined
      ? { auth: { idleTimeoutMs: config.idleTimeoutMinutes * 60_000 } }
      : {}),
    alerts: config.alerts ? {} : false,
    bootstrapWorkers: config.bootstrapWorkers,
    // The demo fills its 18 months of weekly history so that the trend charts show something at once.
    healthSnapshots: config.healthSnapshots ? (config.demo ? { backfillWeeks: 78 } : {}) : false,
    ...(config.staticDir ? { staticDir: config.staticDir } : {}),
    // JSON lines to stdout; the human-readable notes below go through it too.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    limits: config.limits,
    pullMaxBytes: config.pullMaxBytes,
    ...(config.updatesDir ? { updatesDir: config.updatesDir } : {}),
    pushQuota,
    attachments: {
      store: await attachmentStoreOf(config.attachments),
      maxFileBytes: config.attachments.maxFileBytes,
      userQuotaBytes: config.attachments.userQuotaBytes,
      ...(config.attachments.scanCommand.length > 0 ? { scanCommand: config.attachments.scanCommand } : {}),
    },
  });
  // The notes below (address, demo logins) are shown at any level: a JSON line at info even
  // when the log is set to warn or error, plain text when it is off.
  const notes = config.logLevel === 'silent' ? null : api.app.log.child({}, { level: 'info' });
  const log = (msg: string) => (notes ? notes.info(msg) : console.log(msg));
  if (config.demo && !inCluster) {
    const { seeded } = await seedDemo(api.db, config.demoPassword);
    log(seeded ? 'Demo data seeded.' : 'Demo data already present (kept).');
  }
  if (config.generate && !inCluster) await generate(api.db, config.generate, log);
  const address = await api.app.listen({ port: config.port, host: config.host });
  // The first snapshot pass ran before the data above existed: another one now, once the API
  // is listening (the demo's year of history is filled in the background).
  api.healthSnapshots?.nudge();
  const where = config.db.kind === 'postgres' ? 'PostgreSQL' : `SQLite ${config.db.file}`;
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
  if (inCluster) log(`Process ${process.pid} of the cluster serving ${address}`);
  else log(`TAM Workstation API listening on ${address} (${where})`);
  if (inCluster) {
    // The primary is gone (killed without passing the signal on): do not serve alone.
    cluster.worker?.on('disconnect', () => stop('primary process gone'));
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    return;
  }
  log(`OpenAPI: ${address}/v1/openapi.json`);
  if (config.updatesDir) log(`Desktop updates: ${address}/updates/ (from ${resolve(config.updatesDir)})`);
  if (config.demo) {
    log(
      `Demo logins (password: ${config.demoPassword === DEMO_DEFAULT_PASSWORD ? `"${DEMO_DEFAULT_PASSWORD}"` : 'as given'}):`,
    );
    for (const login of DEMO_LOGINS) log(`  ${login.email.padEnd(22)} ${login.role.padEnd(8)} ${login.name}`);
  }

  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function generate(
  db: Awaited<ReturnType<typeof openDatabase>>,
  options: NonNullable<CliConfig['generate']>,
  log: (msg: string) => void,
): Promise<void> {
  const started = Date.now();
  const summary = await loadScaleData(db, options);
  log(
    `Generated ${summary.rows} rows (${summary.customers} customers, ${summary.incidents} incidents, ${summary.events} events) in ${Date.now() - started} ms; scale users sign in with password "scale".`,
  );
}

/**
 * `--workers N` (PostgreSQL): this process migrates and seeds once, then runs N API processes
 * (node:cluster) that share the port; connections are handed to them in turn. Pokes cross
 * processes through PostgreSQL NOTIFY, cursors are signed with the database's secret, and
 * sequence numbers come from one locked row, so any process can answer any request. A process
 * that dies is replaced; SIGINT/SIGTERM stop them all.
 */
async function runPrimary(config: CliConfig): Promise<void> {
  // Notes as JSON lines, like the processes' own log (plain text when the log is off).
  const log = (msg: string) =>
    console.log(
      config.logLevel === 'silent'
        ? msg
        : JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg }),
    );
  const db = await openDatabase(config.db);
  try {
    if (config.demo) {
      const { seeded } = await seedDemo(db, config.demoPassword);
      log(seeded ? 'Demo data seeded.' : 'Demo data already present (kept).');
    }
    if (config.generate) await generate(db, config.generate, log);
  } finally {
    await db.close();
  }
  let stopping = false;
  let listening = 0;
  let address = '';
  const fork = () => cluster.fork();
  const started = new Set<number>();
  cluster.on('listening', (worker, where) => {
    started.add(worker.id);
    if (++listening !== config.workers || address !== '') return;
    const host = where.address.includes(':') ? `[${where.address}]` : where.address;
    address = `http://${host}:${where.port}`;
    log(`TAM Workstation API listening on ${address} (PostgreSQL, ${config.workers} processes)`);
    log(`OpenAPI: ${address}/v1/openapi.json`);
    if (config.demo) {
      log(
        `Demo logins (password: ${config.demoPassword === DEMO_DEFAULT_PASSWORD ? `"${DEMO_DEFAULT_PASSWORD}"` : 'as given'}):`,
      );
      for (const login of DEMO_LOGINS)
        log(`  ${login.email.padEnd(22)} ${login.role.padEnd(8)} ${login.name}`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!started.has(worker.id)) {
      // It never listened (bad database URL, port taken): another would fail the same way.
      console.error(`An API process could not start (${signal ?? `exit code ${code}`}); stopping.`);
      stop('start failure');
      process.exitCode = 1;
      return;
    }
    log(`API process ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another`);
    listening--;
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down ${config.workers} processes`);
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit();
    for (const w of alive) w?.process.kill('SIGTERM');
    // A process that does not end in time is killed; the exit code then says so.
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, 30_000).unref();
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
