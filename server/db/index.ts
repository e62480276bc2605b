// Opens the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when a URL is
// given. Both behind one Kysely schema; migrations run on open.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type DbKind = 'sqlite' | 'postgres';

export type DbConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface Db {
  kind: DbKind;
  kysely: Kysely<Database>;
  /** The raw SQLite handle (bulk loads); undefined on PostgreSQL. */
  sqlite?: BetterSqlite3.Database;
  /** The PostgreSQL pool (bulk loads, LISTEN); undefined on SQLite. */
  pool?: pg.Pool;
  config: DbConfig;
  close(): Promise<void>;
}

export const DEFAULT_DB_FILE = './data/tam.sqlite';

/** The SQLite file holds password hashes and the cursor key: readable by its owner only. */
export const SQLITE_FILE_MODE = 0o600;

/**
 * Creates the SQLite file (owner-only) before better-sqlite3 opens it, whatever the umask,
 * and tightens an existing one. The -wal and -shm files SQLite makes take the main file's
 * mode on Unix; they are chmod-ed after opening as well (see restrictSqliteFiles).
 */
function prepareSqliteFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  mkdirSync(dirname(file), { recursive: true });
  // 'a' creates if missing and never truncates; the mode applies to a new file only.
  if (!existsSync(file)) closeSync(openSync(file, 'a', SQLITE_FILE_MODE));
  chmodSync(file, SQLITE_FILE_MODE);
}

/** chmod 0600 the database file and its -wal/-shm companions (those that exist). */
export function restrictSqliteFiles(file: string): void {
  if (file === ':memory:' || file === '') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, SQLITE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

const INT8_OID = 20;

/** PostgreSQL returns bigint as text; our sequence numbers stay far below 2^53, so read them as numbers. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

export function createPgPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes as pg.CustomTypesConfig });
  // An idle connection PostgreSQL terminates (restart, admin command) is re-emitted on the pool;
  // without a listener that 'error' would kill the process. pg-pool already drops the client.
  pool.on('error', (err) =>
    console.error(`PostgreSQL connection lost (a new one opens on the next request): ${err.message}`),
  );
  return pool;
}

export interface OpenOptions {
  /**
   * Run the migrations (default true). A second connection of the same process (the bootstrap
   * worker, server/sync/bootstrap-pool.ts) opens a database the API has already migrated.
   */
  migrate?: boolean;
}

export async function openDatabase(config: DbConfig, options: OpenOptions = {}): Promise<Db> {
  let db: Db;
  if (config.kind === 'sqlite') {
    prepareSqliteFile(config.file);
    const sqlite = new BetterSqlite3(config.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a push acknowledged to the client survives a power loss (NORMAL in WAL mode may
    // roll back the last transactions).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Reading creates the -shm (and -wal) files now, so they can be restricted at once.
    sqlite.prepare('select count(*) from sqlite_master').get();
    restrictSqliteFiles(config.file);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    db = {
      kind: 'sqlite',
      kysely,
      sqlite,
      config,
      close: async () => {
        await kysely.destroy();
      },
    };
  } else {
    const pool = createPgPool(config.url, config.poolSize);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    db = {
      kind: 'postgres',
      kysely,
      pool,
      config,
      close: async () => {
        await kysely.destroy();
      },
    };
  }
  if (options.migrate === false) return db;
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(
      `Database migration failed (${reason}); check that the database is reachable and writable.`,
    );
  }
}
