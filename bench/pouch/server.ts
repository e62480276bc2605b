// The PouchDB baseline's peer: a PouchDB server (express-pouchdb over an in-memory PouchDB)
// on loopback holding the same documents the sync engine pulls for a user (their scope, live
// rows, and for 'open-only' no timeline events of closed incidents), and serving the
// baseline's page, so that the page replicates from its own origin.
// Usage: tsx bench/pouch/server.ts --sqlite FILE --email E --timelines all|open-only
//        [--sample N] --static DIR. Prints one JSON line when ready: { port, docs, scopeDocs, loadMs }.
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import httpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    email: { type: 'string' },
    timelines: { type: 'string', default: 'all' },
    sample: { type: 'string', default: '0' },
    static: { type: 'string' },
  },
});
if (!values.sqlite || !values.email || !values.static)
  throw new Error('--sqlite, --email and --static are required');

const source = new Database(values.sqlite, { readonly: true });
const account = source
  .prepare('select user_id from accounts where email = ?')
  .get(values.email.toLowerCase()) as { user_id: string } | undefined;
if (!account) throw new Error(`no account ${values.email}`);
const user = JSON.parse(
  (
    source.prepare(`select data from records where entity = 'user' and id = ?`).get(account.user_id) as {
      data: string;
    }
  ).data,
) as { role: string; team: string };
const scope =
  user.role === 'manager'
    ? (source
        .prepare('select customer_id from customer_scope where deleted = 0 and team = ?')
        .all(user.team) as Array<{ customer_id: string }>)
    : user.role === 'admin'
      ? (source.prepare('select customer_id from customer_scope where deleted = 0').all() as Array<{
          customer_id: string;
        }>)
      : (source
          .prepare(
            'select customer_id from customer_scope where deleted = 0 and (tam_id = ? or backup_tam_id = ?)',
          )
          .all(account.user_id, account.user_id) as Array<{
          customer_id: string;
        }>);
source.exec('create temp table bench_scope (customer_id text primary key)');
const addScope = source.prepare('insert into bench_scope values (?)');
for (const s of [...scope, { customer_id: '_global' }]) addScope.run(s.customer_id);
const openOnly = values.timelines === 'open-only';
const where = `r.deleted = 0 and r.customer_id in (select customer_id from bench_scope)${
  openOnly
    ? ` and not (r.entity = 'timelineEvent' and exists (select 1 from records i where i.entity = 'incident' and i.id = r.parent_id and i.open = 0))`
    : ''
}`;
const scopeDocs = (
  source.prepare(`select count(*) as n from records r where ${where}`).get() as { n: number }
).n;
const sample = Number(values.sample);
const step = sample > 0 && scopeDocs > sample ? scopeDocs / sample : 1;

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);
const MemPouch = PouchDB.defaults({ adapter: 'memory' });
const db = new MemPouch('tam');
const started = Date.now();
let batch: object[] = [];
let docs = 0;
let index = 0;
let next = 0;
for (const row of source
  .prepare(`select r.entity, r.id, r.data from records r where ${where} order by r.version`)
  .iterate() as IterableIterator<{
  entity: string;
  id: string;
  data: string;
}>) {
  if (index++ < next) continue;
  next += step;
  batch.push({ _id: `${row.entity}:${row.id}`, entity: row.entity, ...(JSON.parse(row.data) as object) });
  if (batch.length >= 5000) {
    await db.bulkDocs(batch);
    docs += batch.length;
    batch = [];
  }
}
if (batch.length > 0) {
  await db.bulkDocs(batch);
  docs += batch.length;
}
source.close();
const loadMs = Date.now() - started;

const couch = expressPouchDB(MemPouch, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: join(values.static, 'express-pouchdb.log'),
});
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/db/') || url === '/db') {
    req.url = url.slice(3) || '/';
    couch(req, res);
    return;
  }
  const file = join(values.static!, url.split('?')[0]!.replace(/^\/+/, '').replace(/\.\./g, ''));
  if ((extname(file) === '.html' || extname(file) === '.js') && existsSync(file)) {
    res.writeHead(200, { 'content-type': TYPES[extname(file)]!, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ port, docs, scopeDocs, loadMs }));
});
process.on('SIGTERM', () => process.exit(0));
