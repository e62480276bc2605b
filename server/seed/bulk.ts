// Fast bulk loading of rows (seed and scale data), bypassing the mutation path: one
// transaction, sequence numbers reserved per chunk, prepared statements on SQLite and
// array-unnest inserts on PostgreSQL.
import type { TaggedRow } from '../../shared/model/entities';
import type { Db } from '../db';
import { toRecord } from '../sync/store';

const PG_CHUNK = 5000;

/** Secondary indexes of `records`, dropped during a large load and rebuilt after (sorting once beats inserting at random). */
const RECORD_INDEXES: Record<string, string> = {
  records_pk: 'create unique index if not exists records_pk on records (entity, id)',
  records_version: 'create unique index if not exists records_version on records (version)',
  records_customer_version:
    'create index if not exists records_customer_version on records (customer_id, version)',
  records_parent:
    'create index if not exists records_parent on records (parent_id) where parent_id is not null',
};

export interface BulkOptions {
  /** Drop the secondary indexes for the load and rebuild them after (for loads of many rows). */
  rebuildIndexes?: boolean;
}

export async function bulkInsert(
  db: Db,
  chunks: Iterable<readonly TaggedRow[]>,
  options: BulkOptions = {},
): Promise<number> {
  return db.sqlite
    ? sqliteLoad(db.sqlite, chunks, options.rebuildIndexes === true)
    : pgLoad(db, chunks, options);
}

const UPSERT_RECORD = ` on conflict (entity, id) do update set version = excluded.version, customer_id = excluded.customer_id,
  parent_id = excluded.parent_id, open = excluded.open, deleted = excluded.deleted, data = excluded.data`;

function sqliteLoad(
  sqlite: NonNullable<Db['sqlite']>,
  chunks: Iterable<readonly TaggedRow[]>,
  rebuild: boolean,
): number {
  const reserve = sqlite.prepare(
    'update sync_state set last_version = last_version + ? where id = 1 returning last_version',
  );
  const scope = sqlite.prepare(
    `insert into customer_scope (customer_id, tam_id, backup_tam_id, team, deleted) values (?, ?, ?, ?, ?)
     on conflict (customer_id) do update set tam_id = excluded.tam_id, backup_tam_id = excluded.backup_tam_id,
     team = excluded.team, deleted = excluded.deleted`,
  );
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const journal = sqlite.pragma('journal_mode', { simple: true }) as string;
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  // A large page cache keeps the indexes in memory during the load.
  sqlite.pragma('cache_size = -524288');
  if (rebuild && journal === 'wal') {
    // A large load bypasses the WAL (which would write every page twice: to the log, then to
    // the database) and keeps its rollback journal in memory. A crash during the load can
    // leave the file unusable: scale loads go into a database made for them.
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
  }
  try {
    // One transaction: the indexes are dropped, the rows appended, the indexes rebuilt (a
    // duplicate id fails the rebuild and rolls everything back).
    return sqlite.transaction(() => {
      if (rebuild)
        for (const name of Object.keys(RECORD_INDEXES)) sqlite.exec(`drop index if exists ${name}`);
      const insert = sqlite.prepare(
        'insert into records (entity, id, version, customer_id, parent_id, open, deleted, data) values (?, ?, ?, ?, ?, ?, ?, ?)' +
          (rebuild ? '' : UPSERT_RECORD),
      );
      let total = 0;
      for (const chunk of chunks) {
        if (chunk.length === 0) continue;
        const first =
          Number((reserve.get(chunk.length) as { last_version: number }).last_version) - chunk.length + 1;
        for (let i = 0; i < chunk.length; i++) {
          const tagged = chunk[i]!;
          const r = toRecord(tagged, first + i);
          insert.run(r.entity, r.id, r.version, r.customer_id, r.parent_id, r.open, r.deleted, r.data);
          if (tagged.entity === 'customer') {
            const c = tagged.row;
            scope.run(c.id, c.tamId, c.backupTamId, c.team, c.deleted ? 1 : 0);
          }
        }
        total += chunk.length;
      }
      if (rebuild) for (const ddl of Object.values(RECORD_INDEXES)) sqlite.exec(ddl);
      return total;
    })();
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    if (rebuild && journal === 'wal') {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`synchronous = ${synchronous}`);
    }
  }
}

async function pgLoad(db: Db, chunks: Iterable<readonly TaggedRow[]>, options: BulkOptions): Promise<number> {
  let total = 0;
  const pool = db.pool;
  if (!pool) throw new Error('bulkInsert: no database handle');
  const client = await pool.connect();
  try {
    await client.query('begin');
    if (options.rebuildIndexes)
      for (const name of Object.keys(RECORD_INDEXES)) await client.query(`drop index if exists ${name}`);
    for (const chunk of chunks) {
      for (let start = 0; start < chunk.length; start += PG_CHUNK) {
        const part = chunk.slice(start, start + PG_CHUNK);
        const res = await client.query<{ last_version: number }>(
          'update sync_state set last_version = last_version + $1 where id = 1 returning last_version',
          [part.length],
        );
        const first = Number(res.rows[0]!.last_version) - part.length + 1;
        const records = part.map((tagged, i) => toRecord(tagged, first + i));
        await client.query(
          `insert into records (entity, id, version, customer_id, parent_id, open, deleted, data)
           select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[])` +
            (options.rebuildIndexes ? '' : UPSERT_RECORD),
          [
            records.map((r) => r.entity),
            records.map((r) => r.id),
            records.map((r) => r.version),
            records.map((r) => r.customer_id),
            records.map((r) => r.parent_id),
            records.map((r) => r.open),
            records.map((r) => r.deleted),
            records.map((r) => r.data),
          ],
        );
        for (const tagged of part) {
          if (tagged.entity !== 'customer') continue;
          const c = tagged.row;
          await client.query(
            `insert into customer_scope (customer_id, tam_id, backup_tam_id, team, deleted) values ($1, $2, $3, $4, $5)
             on conflict (customer_id) do update set tam_id = excluded.tam_id, backup_tam_id = excluded.backup_tam_id,
             team = excluded.team, deleted = excluded.deleted`,
            [c.id, c.tamId, c.backupTamId, c.team, c.deleted ? 1 : 0],
          );
        }
        total += part.length;
      }
    }
    if (options.rebuildIndexes) for (const ddl of Object.values(RECORD_INDEXES)) await client.query(ddl);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return total;
}

/** Creates or updates the sign-in of a user (email stored lower-case). */
export async function upsertAccount(
  db: Db,
  userId: string,
  email: string,
  passwordHash: string,
): Promise<void> {
  await db.kysely
    .insertInto('accounts')
    .values({ user_id: userId, email: email.toLowerCase(), password_hash: passwordHash })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ email: email.toLowerCase(), password_hash: passwordHash }),
    )
    .execute();
}
