// PostgreSQL for the server load test: a throw-away database per run, filled with the same
// rows as the SQLite file of the scale (copied table by table, so both engines serve
// identical data, with the server's own migrations creating the schema).
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../../server/db/index';

const CHUNK = 5000;

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

interface RecordRow {
  entity: string;
  id: string;
  version: number;
  customer_id: string;
  parent_id: string | null;
  open: number | null;
  deleted: number;
  data: string;
}

/** Copies records, scopes, accounts and the sequence counter; returns the number of records. */
export async function copySqliteToPostgres(sqliteFile: string, url: string): Promise<number> {
  const db = await openDatabase({ kind: 'postgres', url }); // runs the migrations
  const source = new Database(sqliteFile, { readonly: true });
  const client = await db.pool!.connect();
  let copied = 0;
  try {
    await client.query('begin');
    let batch: RecordRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await client.query(
        `insert into records (entity, id, version, customer_id, parent_id, open, deleted, data)
         select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[])`,
        [
          batch.map((r) => r.entity),
          batch.map((r) => r.id),
          batch.map((r) => r.version),
          batch.map((r) => r.customer_id),
          batch.map((r) => r.parent_id),
          batch.map((r) => r.open),
          batch.map((r) => r.deleted),
          batch.map((r) => r.data),
        ],
      );
      copied += batch.length;
      batch = [];
    };
    for (const row of source
      .prepare(
        'select entity, id, version, customer_id, parent_id, open, deleted, data from records order by version',
      )
      .iterate()) {
      batch.push(row as RecordRow);
      if (batch.length >= CHUNK) await flush();
    }
    await flush();
    for (const s of source
      .prepare('select customer_id, tam_id, backup_tam_id, team, deleted from customer_scope')
      .all() as Array<Record<string, unknown>>) {
      await client.query(
        'insert into customer_scope (customer_id, tam_id, backup_tam_id, team, deleted) values ($1, $2, $3, $4, $5)',
        [s.customer_id, s.tam_id, s.backup_tam_id, s.team, s.deleted],
      );
    }
    for (const a of source.prepare('select user_id, email, password_hash from accounts').all() as Array<
      Record<string, unknown>
    >) {
      await client.query('insert into accounts (user_id, email, password_hash) values ($1, $2, $3)', [
        a.user_id,
        a.email,
        a.password_hash,
      ]);
    }
    const last = (
      source.prepare('select last_version from sync_state where id = 1').get() as { last_version: number }
    ).last_version;
    await client.query('update sync_state set last_version = $1 where id = 1', [last]);
    await client.query('commit');
    await client.query('analyze');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
    source.close();
    await db.close();
  }
  return copied;
}
