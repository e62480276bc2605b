// Online backup of the SQLite database: `npm run server -- --db FILE --backup OUT`.
//
// The backup opens the database file read-only on a connection of its own (the API may be
// running on it in another process) and copies it with SQLite's backup API (better-sqlite3's
// db.backup()). The copy is taken in one step, inside one read transaction: under WAL that
// is a consistent snapshot (every transaction committed before the step, none after), and the
// API's writers are not blocked meanwhile. The copy is created owner-only (0600), like the
// database, and must not exist yet.
//
// The copy gets a new cursor key (server_secrets.cursor_hmac). A restored database is older
// than what clients have pulled since, and it hands out again the change numbers they have
// seen; with the old key their cursors would be accepted and the rows behind those numbers
// missed. With a new key every old cursor is refused (invalid_cursor) and each client
// downloads its replica again, keeping and then pushing its pending changes.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_FILE_MODE } from './index';

export interface BackupResult {
  /** Pages copied. */
  pages: number;
  /** Bytes of the copy. */
  bytes: number;
}

export class BackupError extends Error {}

export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}; check --db.`);
  if (existsSync(target))
    throw new BackupError(
      `${target} already exists; choose a new file name for the backup (an existing file is never overwritten).`,
    );
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Owner-only from the first byte (the backup fills the empty file).
    closeSync(openSync(target, 'wx', SQLITE_FILE_MODE));
    let done;
    try {
      done = await db.backup(target, {
        // The first step only starts the backup; then copy every page in one step, so no
        // write between two steps can make SQLite restart the copy (or mix two states).
        progress: () => 0x7fffffff,
      });
      const copy = new BetterSqlite3(target);
      try {
        copy
          .prepare("update server_secrets set value = ? where name = 'cursor_hmac'")
          .run(randomBytes(32).toString('base64url'));
      } finally {
        copy.close();
      }
    } catch (err) {
      rmSync(target, { force: true });
      throw err;
    }
    chmodSync(target, SQLITE_FILE_MODE);
    const page = db.pragma('page_size', { simple: true }) as number;
    return { pages: done.totalPages, bytes: done.totalPages * page };
  } finally {
    db.close();
  }
}
