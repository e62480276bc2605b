// The query plans the pull relies on at scale, read from SQLite itself (EXPLAIN QUERY PLAN):
// an index SQLite's planner prefers on an empty or small database can walk every row of a
// million-row one, so the plan, not a timing, is what is checked here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/index';
import { timelineEventsQuery } from './pull';

let db: Db;
beforeAll(async () => {
  db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
});
afterAll(async () => {
  await db.close();
});

function planOf(query: { compile(): { sql: string; parameters: readonly unknown[] } }): string[] {
  const { sql, parameters } = query.compile();
  const rows = db.sqlite!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as Array<{
    detail: string;
  }>;
  return rows.map((r) => r.detail);
}

describe('pull query plans (SQLite)', () => {
  it("finds the events of a page's incidents through the parent index, not by walking every event", () => {
    const incidents = Array.from(
      { length: 1000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const plan = planOf(timelineEventsQuery(db.kysely, 'sqlite', incidents, 1e9, { p: 0, q: '' }, 1000));
    expect(plan.join('\n')).toMatch(/USING INDEX records_parent \(parent_id=\?\)/);
    expect(plan.join('\n')).not.toMatch(/records_pk/);
  });
});
