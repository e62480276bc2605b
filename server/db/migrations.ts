// Versioned migrations, in code, applied by Kysely's Migrator at start-up (it takes a lock,
// so several API processes starting at once on PostgreSQL migrate once).
import { randomBytes } from 'node:crypto';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('records')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('open', 'integer')
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    // The key is a unique index rather than a primary-key constraint, so that a bulk load can
    // drop it and rebuild it by sorting once (see seed/bulk.ts).
    await db.schema.createIndex('records_pk').unique().on('records').columns(['entity', 'id']).execute();
    await db.schema.createIndex('records_version').unique().on('records').column('version').execute();
    await db.schema
      .createIndex('records_customer_version')
      .on('records')
      .columns(['customer_id', 'version'])
      .execute();
    await db.schema
      .createIndex('records_parent')
      .on('records')
      .column('parent_id')
      .where(sql.ref('parent_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('customer_scope')
      .addColumn('customer_id', 'text', (c) => c.primaryKey())
      .addColumn('tam_id', 'text', (c) => c.notNull())
      .addColumn('backup_tam_id', 'text')
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_scope_tam').on('customer_scope').column('tam_id').execute();
    await db.schema
      .createIndex('customer_scope_backup')
      .on('customer_scope')
      .column('backup_tam_id')
      .execute();
    await db.schema.createIndex('customer_scope_team').on('customer_scope').column('team').execute();

    await db.schema
      .createTable('accounts')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sync_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('last_mutation_id', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('client_mutations')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('processed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_mutations_pk', ['client_id', 'mutation_id'])
      .execute();

    await db.schema
      .createTable('scope_sets')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('customer_ids', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sync_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last_version', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into sync_state (id, last_version) values (1, 0)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'sync_state',
      'scope_sets',
      'client_mutations',
      'sync_clients',
      'login_failures',
      'sessions',
      'accounts',
      'customer_scope',
      'records',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * Server secrets, made once per database on first start (every API process on the database
 * shares them). `cursor_hmac`: the key that authenticates pull cursors (sync/pull.ts).
 */
const serverSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into server_secrets (name, value) values ('cursor_hmac', ${randomBytes(32).toString('base64url')})`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('server_secrets').ifExists().execute();
  },
};

/**
 * Sign-in, sessions and audit (issue 12/14): sessions get a public id, last use, address,
 * user agent and revocation; accounts a one-time-password flag and an active flag; failed
 * sign-ins are counted as attempts with a growing delay (the old counters are dropped: they
 * only ever hold the last 15 minutes); the audit log.
 */
const authAudit: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema.alterTable('sessions').addColumn('id', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('last_used_at', 'bigint').execute();
    await db.schema.alterTable('sessions').addColumn('address', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('revoked_at', 'bigint').execute();
    await db.schema.alterTable('sessions').addColumn('revoked_reason', 'text').execute();
    // Sessions of before: a public id derived from the token hash, last use = creation.
    await sql`update sessions set id = 's' || substr(token_hash, 1, 32), last_used_at = created_at`.execute(
      db,
    );
    await db.schema.createIndex('sessions_id').unique().on('sessions').column('id').execute();

    await db.schema
      .alterTable('accounts')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('accounts')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await db.schema.dropTable('login_failures').execute();
    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      /** Attempts admitted (counted before the password is checked) since the counter last reset. */
      .addColumn('failures', 'integer', (c) => c.notNull())
      /** No attempt is admitted before this instant (ms). */
      .addColumn('next_allowed_at', 'bigint', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_failures_last_at').on('login_failures').column('last_at').execute();

    await db.schema
      .createTable('audit')
      .addColumn(
        'seq',
        postgres
          ? sql`bigint generated always as identity primary key`
          : sql`integer primary key autoincrement`,
      )
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('address', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit').ifExists().execute();
  },
};

/** Resumable attachment uploads: one row per upload (its owner, size, hash, chunking), one per chunk received. */
const attachments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attachment_uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('chunk_size', 'integer', (c) => c.notNull())
      .addColumn('chunk_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('attachment_uploads_user')
      .on('attachment_uploads')
      .column('user_id')
      .execute();
    await db.schema
      .createTable('attachment_chunks')
      .addColumn('upload_id', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('attachment_chunks_pk', ['upload_id', 'n'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('attachment_chunks').ifExists().execute();
    await db.schema.dropTable('attachment_uploads').ifExists().execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_server_secrets': serverSecrets,
  '0003_auth_audit': authAudit,
  '0004_attachments': attachments,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
