// The weekly health snapshot job: on the server's clock, makes each live customer's health
// snapshot of the current week (the customer's Monday) the first time it runs in that week,
// with the rating of shared/health as the rows stand at that instant, and stores it as a
// `healthSnapshot` row of the customer (so it syncs to whoever sees the customer). Optionally
// it fills missing earlier weeks (`backfillWeeks`), each read as the rows stood at the start of
// that week — the demo uses it so that a fresh start has a year of trend.
//
// Exactly once: a snapshot's id is derived from (customer, week) and only a missing one is
// written, in a transaction that on PostgreSQL holds an advisory lock, so neither a restart nor
// a second API process makes one twice.
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { customerHealth } from '../../shared/health/facts';
import {
  addWeeks,
  healthSnapshotId,
  healthSnapshotRow,
  weekStartMs,
  weekStartOf,
} from '../../shared/health/snapshot';
import type {
  Customer,
  DeployedProduct,
  HealthCheck,
  Incident,
  Report,
  TaggedRow,
  User,
} from '../../shared/model/entities';
import type { Db } from '../db';
import type { ChangeNotice } from '../sync/push';
import { writeRows } from '../sync/store';
import { PeriodicJob } from '../jobs/periodic';

export interface HealthSnapshotOptions {
  /** The server's clock (tests move it). */
  now?: () => number;
  /** Milliseconds between two passes (default 1 h). */
  intervalMs?: number;
  /** Also make the snapshots of up to this many earlier weeks that are missing (default 0). */
  backfillWeeks?: number;
}

/** Advisory lock key of the snapshot pass on PostgreSQL. */
const ADVISORY_KEY = 734_281_908;
/** Customers read and written per transaction. */
const BATCH = 50;

interface CustomerRows {
  incidents: Incident[];
  healthChecks: HealthCheck[];
  reportLog: Report[];
  deployedProducts: DeployedProduct[];
}

/** The instant in the customer's zone (ISO with its offset). */
function isoAt(customer: Customer, ms: number): string {
  return (
    DateTime.fromMillis(ms, { zone: customer.calendar.timeZone }).toISO({ suppressMilliseconds: true }) ??
    new Date(ms).toISOString()
  );
}

export class HealthSnapshotJob extends PeriodicJob {
  protected readonly jobName = 'health snapshot';
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly announce: (notice: ChangeNotice) => void,
    private readonly options: HealthSnapshotOptions = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.startEvery(this.options.intervalMs ?? 3_600_000);
  }

  /** One pass: the snapshots missing now. Returns how many were made. */
  async pass(): Promise<number> {
    const nowMs = this.now();
    const customers = (
      await this.db.kysely
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'customer')
        .where('deleted', '=', 0)
        .execute()
    )
      .map((r) => JSON.parse(r.data) as Customer)
      .filter((c) => !c.archivedAt);
    // Each customer's weeks wanted: the current one and the backfill.
    const wanted = new Map<string, Array<{ id: string; weekStart: string; atMs: number }>>();
    const back = Math.max(0, Math.floor(this.options.backfillWeeks ?? 0));
    for (const customer of customers) {
      let current: string;
      try {
        current = weekStartOf(customer, nowMs);
      } catch {
        continue; // an invalid zone: no snapshot can be dated
      }
      const weeks = [{ id: healthSnapshotId(customer.id, current), weekStart: current, atMs: nowMs }];
      const firstWeek = weekStartOf(customer, weekStartMs(customer, customer.contractStart));
      for (let k = 1; k <= back; k++) {
        const weekStart = addWeeks(current, -k);
        if (weekStart < firstWeek) break;
        weeks.push({
          id: healthSnapshotId(customer.id, weekStart),
          weekStart,
          atMs: weekStartMs(customer, weekStart),
        });
      }
      wanted.set(customer.id, weeks);
    }
    const ids = [...wanted.values()].flat().map((w) => w.id);
    const existing = new Set<string>();
    for (let at = 0; at < ids.length; at += 500) {
      const rows = await this.db.kysely
        .selectFrom('records')
        .select('id')
        .where('entity', '=', 'healthSnapshot')
        .where('id', 'in', ids.slice(at, at + 500))
        .execute();
      for (const r of rows) existing.add(r.id);
    }
    const todo = customers.filter((c) => (wanted.get(c.id) ?? []).some((w) => !existing.has(w.id)));
    if (todo.length === 0) return 0;
    const users = (
      await this.db.kysely
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'user')
        .where('deleted', '=', 0)
        .execute()
    ).map((r) => JSON.parse(r.data) as User);

    let made = 0;
    for (let at = 0; at < todo.length; at += BATCH) {
      const batch = todo.slice(at, at + BATCH);
      const rows = await this.rowsOf(batch.map((c) => c.id));
      made += await this.write(batch, rows, users, wanted);
    }
    return made;
  }

  private async rowsOf(customerIds: string[]): Promise<Map<string, CustomerRows>> {
    const out = new Map<string, CustomerRows>(
      customerIds.map((id) => [id, { incidents: [], healthChecks: [], reportLog: [], deployedProducts: [] }]),
    );
    const rows = await this.db.kysely
      .selectFrom('records')
      .select(['entity', 'customer_id', 'data'])
      .where('entity', 'in', ['incident', 'healthCheck', 'report', 'deployedProduct'])
      .where('customer_id', 'in', customerIds)
      .where('deleted', '=', 0)
      .execute();
    for (const r of rows) {
      const mine = out.get(r.customer_id);
      if (!mine) continue;
      const row = JSON.parse(r.data) as unknown;
      if (r.entity === 'incident') mine.incidents.push(row as Incident);
      else if (r.entity === 'healthCheck') mine.healthChecks.push(row as HealthCheck);
      else if (r.entity === 'report') mine.reportLog.push(row as Report);
      else mine.deployedProducts.push(row as DeployedProduct);
    }
    return out;
  }

  private async write(
    batch: Customer[],
    rows: Map<string, CustomerRows>,
    users: User[],
    wanted: Map<string, Array<{ id: string; weekStart: string; atMs: number }>>,
  ): Promise<number> {
    const writes: TaggedRow[] = [];
    const summary = await this.db.kysely.transaction().execute(async (trx) => {
      if (this.db.kind === 'postgres') await sql`select pg_advisory_xact_lock(${ADVISORY_KEY})`.execute(trx);
      const ids = batch.flatMap((c) => (wanted.get(c.id) ?? []).map((w) => w.id));
      // Read again under the lock: another process may have made some meanwhile.
      const made = new Set(
        (
          await trx
            .selectFrom('records')
            .select('id')
            .where('entity', '=', 'healthSnapshot')
            .where('id', 'in', ids)
            .execute()
        ).map((r) => r.id),
      );
      for (const customer of batch) {
        const mine = rows.get(customer.id)!;
        for (const week of wanted.get(customer.id) ?? []) {
          if (made.has(week.id)) continue;
          const asOf = isoAt(customer, week.atMs);
          const health = customerHealth({ customers: [customer], users, ...mine, now: asOf }).get(
            customer.id,
          );
          if (!health) continue; // a calendar the engine refuses: nothing to rate
          writes.push({
            entity: 'healthSnapshot',
            row: {
              ...healthSnapshotRow(customer.id, week.weekStart, asOf, health),
              updatedAt: isoAt(customer, this.now()),
            },
          });
        }
      }
      return writeRows(trx, writes);
    });
    if (writes.length > 0) {
      this.announce({
        customerIds: [...summary.customerIds],
        scopeMayChange: false,
        version: summary.lastVersion,
      });
    }
    return writes.length;
  }
}
