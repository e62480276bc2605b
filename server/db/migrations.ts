// Versioned migrations, in code, applied by Kysely's Migrator at start-up (it takes a lock,
// so several API processes starting at once on PostgreSQL migrate once).
import { randomBytes } from 'node:crypto';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { sql } from 'kysely';

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
    await db.schema.createIndex('records_customer_version').on('records').columns(['customer_id', 'version']).execute();
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
    await db.schema.createIndex('customer_scope_backup').on('customer_scope').column('backup_tam_id').execute();
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
    for (const table of ['sync_state', 'scope_sets', 'client_mutations', 'sync_clients', 'login_failures', 'sessions', 'accounts', 'customer_scope', 'records']) {
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
    await sql`insert into server_secrets (name, value) values ('cursor_hmac', ${randomBytes(32).toString('base64url')})`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('server_secrets').ifExists().execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_server_secrets': serverSecrets,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
