// npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P]
//                   [--static DIR] [--generate N,M,K] [--seed S]
// Environment: PORT, HOST (default 127.0.0.1), DATABASE_URL, TAM_DB_FILE, TAM_DEMO_PASSWORD,
// TAM_CORS_ORIGINS (comma-separated extra origins), TAM_STATIC_DIR.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from './app';
import { DEFAULT_DB_FILE } from './db';
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
  corsOrigins: string[];
  generate?: { customers: number; incidents: number; events: number; seed: number };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export class ConfigError extends Error {}

export function parseConfig(argv: string[], rawEnv: NodeJS.ProcessEnv): CliConfig {
  // An empty variable counts as unset.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== '')) as NodeJS.ProcessEnv;
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'demo-password': { type: 'string' },
      static: { type: 'string' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new ConfigError(USAGE);
  const portText = values.port ?? env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port ${portText} is not a port number (0-65535; 0 picks a free one).`);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const dbText = values.db ?? env.DATABASE_URL ?? env.TAM_DB_FILE ?? DEFAULT_DB_FILE;
  const db: DbConfig = /^postgres(ql)?:\/\//.test(dbText) ? { kind: 'postgres', url: dbText } : { kind: 'sqlite', file: dbText };
  const demoPassword = values['demo-password'] ?? env.TAM_DEMO_PASSWORD ?? DEMO_DEFAULT_PASSWORD;
  if (values.demo && demoPassword === DEMO_DEFAULT_PASSWORD && !LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError(`Demo mode with the default password only listens on loopback; use --host 127.0.0.1, or set --demo-password (or TAM_DEMO_PASSWORD) to listen on ${host}.`);
  }
  let generate: CliConfig['generate'];
  if (values.generate) {
    const parts = values.generate.split(',').map(Number);
    if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new ConfigError('--generate takes CUSTOMERS,INCIDENTS,EVENTS, e.g. --generate 500,100000,1000000');
    }
    generate = { customers: parts[0]!, incidents: parts[1]!, events: parts[2]!, seed: Number(values.seed ?? 1) };
  }
  const staticDir = values.static ?? env.TAM_STATIC_DIR;
  return {
    port,
    host,
    db,
    demo: values.demo ?? false,
    demoPassword,
    ...(staticDir ? { staticDir } : {}),
    corsOrigins: (env.TAM_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    ...(generate ? { generate } : {}),
  };
}

const USAGE = `Usage: npm run server -- [--port N] [--host H] [--db FILE|postgres://URL] [--demo] [--demo-password P] [--static DIR] [--generate N,M,K] [--seed S]`;

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
  const api = await createApi({
    db: config.db,
    corsOrigins: config.corsOrigins,
    ...(config.staticDir ? { staticDir: config.staticDir } : {}),
    pushQuota,
  });
  if (config.demo) {
    const { seeded } = await seedDemo(api.db, config.demoPassword);
    console.log(seeded ? 'Demo data seeded.' : 'Demo data already present (kept).');
  }
  if (config.generate) {
    const started = Date.now();
    const summary = await loadScaleData(api.db, config.generate);
    console.log(`Generated ${summary.rows} rows (${summary.customers} customers, ${summary.incidents} incidents, ${summary.events} events) in ${Date.now() - started} ms; scale users sign in with password "scale".`);
  }
  const address = await api.app.listen({ port: config.port, host: config.host });
  const where = config.db.kind === 'postgres' ? 'PostgreSQL' : `SQLite ${config.db.file}`;
  console.log(`TAM Workstation API listening on ${address} (${where})`);
  console.log(`  OpenAPI: ${address}/v1/openapi.json`);
  if (config.demo) {
    console.log(`  Demo logins (password: ${config.demoPassword === DEMO_DEFAULT_PASSWORD ? `"${DEMO_DEFAULT_PASSWORD}"` : 'as given'}):`);
    for (const login of DEMO_LOGINS) console.log(`    ${login.email.padEnd(22)} ${login.role.padEnd(8)} ${login.name}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
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

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main().catch((err: unknown) => {
    console.error(`Could not start the API: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
