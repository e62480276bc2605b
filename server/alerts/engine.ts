// The alert engine: on the server's clock, makes the alerts that come due for every open,
// unanswered incident (shared/alerts decides which and for whom), stores them as `alert` rows
// in each recipient's own scope (so they sync like any row, to that person only) and announces
// them on the event stream. It runs every few seconds and at once after a change (a new level-1
// incident alerts its responder within a second).
//
// Exactly once: an alert's id is derived from (incident, stage, recipient) and only a missing
// one is written, in a transaction that on PostgreSQL holds an advisory lock, so neither a
// restart nor a second API process makes an alert twice.
import { sql } from 'kysely';
import { alertsToSend, DEFAULT_DELIVERY } from '../../shared/alerts/delivery';
import type { DeliveredAlert, DeliveryOptions } from '../../shared/alerts/delivery';
import { alertSchedule } from '../../shared/alerts/schedule';
import type { PlannedAlert } from '../../shared/alerts/schedule';
import type {
  Absence,
  Alert,
  Customer,
  DutyShift,
  Incident,
  TaggedRow,
  User,
} from '../../shared/model/entities';
import type { Db } from '../db';
import { GLOBAL_SCOPE } from '../db/schema';
import type { ChangeNotice } from '../sync/push';
import { writeRows } from '../sync/store';
import { PeriodicJob } from '../jobs/periodic';

export interface AlertEngineOptions {
  /** The server's clock (tests move it). */
  now?: () => number;
  /** Milliseconds between two passes (default 5 s); a change also triggers one. */
  intervalMs?: number;
  delivery?: DeliveryOptions;
}

/** What a pass made, for the event stream: each recipient's new alerts. */
export interface MadeAlert {
  id: string;
  recipientId: string;
  incidentId: string;
  stage: Alert['stage'];
  urgent: boolean;
}

interface Context {
  version: number;
  customers: Map<string, Customer>;
  users: User[];
  absences: Absence[];
  roster: DutyShift[];
}

/** Advisory lock key of the alert pass on PostgreSQL (any constant shared by all processes). */
const ADVISORY_KEY = 734_281_907;
const CONTEXT_ENTITIES = ['customer', 'user', 'absence', 'dutyShift'];

export class AlertEngine extends PeriodicJob {
  protected readonly jobName = 'alert';
  private context: Context | null = null;
  /** Each open incident's schedule, recomputed when the incident or the context changes. */
  private readonly plans = new Map<string, { version: number; context: number; plan: PlannedAlert[] }>();
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly announce: (notice: ChangeNotice) => void,
    private readonly options: AlertEngineOptions = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.startEvery(this.options.intervalMs ?? 5000);
  }

  private async loadContext(): Promise<Context> {
    const top = await this.db.kysely
      .selectFrom('records')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('entity', 'in', CONTEXT_ENTITIES)
      .executeTakeFirst();
    const version = Number(top?.v ?? 0);
    if (this.context && this.context.version === version) return this.context;
    const rows = await this.db.kysely
      .selectFrom('records')
      .select(['entity', 'data'])
      .where('entity', 'in', CONTEXT_ENTITIES)
      .where('deleted', '=', 0)
      .execute();
    const ctx: Context = { version, customers: new Map(), users: [], absences: [], roster: [] };
    for (const r of rows) {
      const row = JSON.parse(r.data) as unknown;
      if (r.entity === 'customer') ctx.customers.set((row as Customer).id, row as Customer);
      else if (r.entity === 'user') ctx.users.push(row as User);
      else if (r.entity === 'absence') ctx.absences.push(row as Absence);
      else ctx.roster.push(row as DutyShift);
    }
    this.context = ctx;
    return ctx;
  }

  /** One pass: the alerts due now. Returns how many were made. */
  async pass(): Promise<number> {
    const nowMs = this.now();
    const ctx = await this.loadContext();
    const open = await this.db.kysely
      .selectFrom('records')
      .select(['id', 'version'])
      .where('entity', '=', 'incident')
      .where('open', '=', 1)
      .where('deleted', '=', 0)
      .execute();
    const stale = open.filter((o) => {
      const p = this.plans.get(o.id);
      return !p || p.version !== Number(o.version) || p.context !== ctx.version;
    });
    const openIds = new Set(open.map((o) => o.id));
    for (const id of this.plans.keys()) if (!openIds.has(id)) this.plans.delete(id);
    for (let at = 0; at < stale.length; at += 500) {
      const ids = stale.slice(at, at + 500).map((o) => o.id);
      const rows = await this.db.kysely
        .selectFrom('records')
        .select(['version', 'data'])
        .where('entity', '=', 'incident')
        .where('id', 'in', ids)
        .execute();
      for (const r of rows) {
        const incident = JSON.parse(r.data) as Incident;
        const customer = ctx.customers.get(incident.customerId);
        let plan: PlannedAlert[] = [];
        if (customer) {
          try {
            plan = alertSchedule({
              incident,
              customer,
              users: ctx.users,
              absences: ctx.absences,
              roster: ctx.roster,
              now: nowMs,
            });
          } catch {
            plan = []; // facts the SLA engine refuses (a broken calendar) raise no alert
          }
        }
        this.plans.set(incident.id, { version: Number(r.version), context: ctx.version, plan });
      }
    }
    // The incidents with a stage due now; only their alerts are read.
    const due = [...this.plans.entries()].filter(([, p]) =>
      p.plan.some(
        (s) => s.atMs <= nowMs && s.atMs >= nowMs - (this.options.delivery ?? DEFAULT_DELIVERY).catchUpMs,
      ),
    );
    if (due.length === 0) return 0;
    return this.deliver(due, nowMs);
  }

  private async deliver(due: Array<[string, { plan: PlannedAlert[] }]>, nowMs: number): Promise<number> {
    const made: MadeAlert[] = [];
    const summary = await this.db.kysely.transaction().execute(async (trx) => {
      if (this.db.kind === 'postgres') await sql`select pg_advisory_xact_lock(${ADVISORY_KEY})`.execute(trx);
      const ids = due.map(([id]) => id);
      const delivered = new Map<string, DeliveredAlert[]>();
      for (let at = 0; at < ids.length; at += 500) {
        const rows = await trx
          .selectFrom('records')
          .select('data')
          .where('entity', '=', 'alert')
          .where('parent_id', 'in', ids.slice(at, at + 500))
          .execute();
        for (const r of rows) {
          const a = JSON.parse(r.data) as Alert;
          const list = delivered.get(a.incidentId) ?? [];
          list.push({ stage: a.stage, recipientId: a.recipientId, acknowledgedAt: a.acknowledgedAt });
          delivered.set(a.incidentId, list);
        }
      }
      const writes: TaggedRow[] = [];
      const nowIso = new Date(nowMs).toISOString();
      const titles = await this.titles(trx, ids);
      for (const [incidentId, { plan }] of due) {
        const incident = titles.get(incidentId);
        if (!incident) continue;
        for (const send of alertsToSend(
          incidentId,
          plan,
          delivered.get(incidentId) ?? [],
          nowMs,
          this.options.delivery,
        )) {
          const row: Alert = {
            id: send.id,
            version: 0,
            updatedAt: nowIso,
            deleted: false,
            recipientId: send.recipientId,
            role: send.role,
            customerId: incident.customerId,
            incidentId,
            stage: send.stage,
            severity: send.plan.severity,
            at: send.plan.at,
            dueAt: send.plan.dueAt,
            urgent: send.plan.urgent,
            title: incident.title,
            readAt: null,
            acknowledgedAt: null,
          };
          writes.push({ entity: 'alert', row });
          made.push({
            id: row.id,
            recipientId: row.recipientId,
            incidentId,
            stage: row.stage,
            urgent: row.urgent,
          });
        }
      }
      return writeRows(trx, writes);
    });
    if (made.length > 0) {
      this.announce({
        customerIds: [...summary.customerIds].filter((c) => c !== GLOBAL_SCOPE),
        scopeMayChange: false,
        version: summary.lastVersion,
        alerts: made,
      });
    }
    return made.length;
  }

  private async titles(
    exec: Parameters<typeof writeRows>[0],
    ids: string[],
  ): Promise<Map<string, Pick<Incident, 'customerId' | 'title'>>> {
    const out = new Map<string, Pick<Incident, 'customerId' | 'title'>>();
    for (let at = 0; at < ids.length; at += 500) {
      const rows = await exec
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'incident')
        .where('id', 'in', ids.slice(at, at + 500))
        .execute();
      for (const r of rows) {
        const i = JSON.parse(r.data) as Incident;
        out.set(i.id, { customerId: i.customerId, title: i.title });
      }
    }
    return out;
  }
}
