// The benchmark page served by the central API next to the built app (same origin, so the
// replicas it writes are the ones the app opens). It runs the REAL sync engine
// (renderer/sync) on the REAL replica (renderer/replica) through the web bridge, as the app
// does in browser mode, plus the baselines and the computations measured in Chromium.
import type { Change } from '../../shared/model/api';
import type { Customer, EntityName, Incident, Role, TimelineEvent, User } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations';
import { currentQuarter, customerCharts, portfolioRows, quarterPeriod } from '../../shared/analytics/index';
import { buildQuarterlyReport } from '../../shared/reports/index';
import { incidentsByCustomer, openIncidents } from '../../renderer/replica/queries';
import { allIncidentsWithHistory, incidentsWithHistory } from '../../renderer/replica/closed-history';
import { customerContext } from '../../shared/analytics/context';
import { customerQuarterlySchedule } from '../../shared/analytics/schedule';
import { computeResponseSla, policyOfCustomer, type ResponseSlaRequest } from '../../shared/sla/index';
import { responseSlaInput } from '../../shared/incidents/sla-input';
import { createWebBridge, IDENTITY_STORAGE_KEY, type WebBridge } from '../../renderer/bridge/web-bridge';
import { ReplicaDb, openReplica, replicaName } from '../../renderer/replica/db';
import { browserReplicaKey, forgetBrowserReplicaKey } from '../../renderer/replica/encryption/keys';
import { generateReplicaKey } from '../../renderer/replica/encryption/codec';
import { initialSyncMeta } from '../../renderer/replica/meta';
import { mutateReplica } from '../../renderer/replica/mutate';
import { ENTITY_TABLES, LOCAL_TABLES, SCHEMA_VERSIONS, TABLE_OF } from '../../renderer/replica/schema';
import { IDENTITY_KEY } from '../../renderer/session/identity';
import { SyncEngine } from '../../renderer/sync/engine';
import { bridgeTransport } from '../../renderer/sync/transport';
import { workerWriter } from '../../renderer/sync/writer/client';
import { directWriter, type ReplicaWriter } from '../../renderer/sync/writer/direct';
import { createElement } from 'react';
import { renderStandaloneReport } from '../../renderer/features/report-pdf/standalone';
import { quarterlyTitle } from '../../renderer/features/quarterly-report/files';
import { QuarterlyReportDocument } from '../../renderer/features/quarterly-report/QuarterlyReportDocument';
import { series, type EngineBenchApi, type LongTasks, type SignedIn } from './protocol';

// The page's main-thread long tasks (> 50 ms), as the app's window would see them during a sync.
const longTaskLog: Array<{ start: number; duration: number }> = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTaskLog.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No long-task timing in this browser: the figures read 0 and the runner says so.
}

function longTasksBetween(t0: number, t1: number): LongTasks {
  const tasks = longTaskLog.filter((t) => t.start >= t0 && t.start <= t1);
  return {
    count: tasks.length,
    totalMs: tasks.reduce((sum, t) => sum + t.duration, 0),
    maxMs: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
  };
}

/** The long tasks of [t0, now], once the observer has had a frame to report the last ones. */
async function longTasksSince(t0: number): Promise<LongTasks> {
  const t1 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return longTasksBetween(t0, t1);
}

/** The replica writer: the app's worker (bundled next to this page as writer-worker.js), or this thread. */
function writerFor(db: ReplicaDb, where: 'main' | 'worker'): ReplicaWriter {
  if (where === 'main') return directWriter(db);
  return workerWriter({
    db,
    createWorker: () =>
      new Worker(new URL('./writer-worker.js', location.href), { type: 'module', name: 'replica-writer' }),
  });
}

let bridge: WebBridge | null = null;
let signedIn: SignedIn | null = null;
let replica: ReplicaDb | null = null;
let engine: SyncEngine | null = null;
/** What the raw baseline has done so far (the runner polls it to show progress). */
let rawProgress = { rows: 0, pages: 0 };

const origin = new URL(location.href).origin;

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`bench page: ${what} first`);
  return value;
}

async function counts(db: ReplicaDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ENTITY_TABLES) out[t] = await db.table(t).count();
  return out;
}

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** The customer's current contract quarter at `now`. */
function currentQuarterOf(customer: Customer, now: string) {
  const ctx = customerContext(customer, now);
  return quarterPeriod(currentQuarter(customerQuarterlySchedule(ctx, []), ctx.today));
}

/** The Japanese quarterly report of the bench's customer (no requests, checks or log). */
function quarterlyReport(
  input: { customer: unknown; incidents: unknown[]; events: unknown[]; users: unknown[]; now: string },
  period: { from: string; to: string },
) {
  return buildQuarterlyReport({
    customer: input.customer as Customer,
    incidents: input.incidents as Incident[],
    events: input.events as TimelineEvent[],
    requests: [],
    healthChecks: [],
    reportLog: [],
    users: input.users as User[],
    period,
    locale: 'ja',
    now: input.now,
  });
}

const api: EngineBenchApi = {
  async signIn(email, password) {
    bridge?.dispose();
    bridge = createWebBridge({ notifications: null });
    const result = await bridge.signIn({ serverUrl: origin, email, password });
    if (!result.ok) throw new Error(`sign-in failed: ${result.error.code} ${result.error.message}`);
    const me = await bridge.apiRequest({ method: 'GET', path: '/v1/me' });
    const team = 'body' in me ? ((me.body as { user?: { team?: string } }).user?.team ?? '') : '';
    const u = result.session.user;
    signedIn = { userId: u.id, role: u.role, name: u.name, team, origin };
    return signedIn;
  },

  async bootstrap(timelines, options) {
    const who = need(signedIn, 'signIn');
    engine?.writer.close();
    replica?.close();
    const name = replicaName(origin, who.userId);
    const encrypt = options?.encrypt ?? true;
    if (!encrypt) await forgetBrowserReplicaKey(name);
    replica = openReplica(
      origin,
      who.userId,
      undefined,
      encrypt ? { key: await browserReplicaKey(name) } : undefined,
    );
    await replica.open();
    const writer = writerFor(replica, 'worker');
    engine = new SyncEngine({
      db: replica,
      transport: bridgeTransport(need(bridge, 'signIn')),
      timelines,
      writer,
    });
    const started = Date.now();
    const t0 = performance.now();
    const outcome = await engine.sync();
    const ms = performance.now() - t0;
    const longTasks = await longTasksSince(t0);
    if (!outcome.ok) throw new Error(`bootstrap failed: ${outcome.error.code} ${outcome.error.message}`);
    // The engine stamps usableAt (ISO, ms) when the first stage is written.
    const usableAt = (await replica.meta.get('sync'))?.usableAt;
    const usableMs = usableAt ? Math.min(ms, Math.max(0, Date.parse(usableAt) - started)) : ms;
    return {
      ms,
      usableMs,
      pulled: outcome.report.pulled,
      pages: outcome.report.pages,
      tables: await counts(replica),
      writer: writer.where === 'worker' ? 'worker' : 'main',
      longTasks,
    };
  },

  async encryptedBootstrap({ timelines, dbName, encrypt, writer: where = 'main' }) {
    await api.deleteDatabase(dbName);
    const key = encrypt ? await generateReplicaKey() : null;
    const db = new ReplicaDb(dbName, undefined, SCHEMA_VERSIONS, key ? { key } : undefined);
    await db.open();
    const writer = writerFor(db, where);
    try {
      const eng = new SyncEngine({
        db,
        transport: bridgeTransport(need(bridge, 'signIn')),
        timelines,
        writer,
      });
      const started = Date.now();
      const t0 = performance.now();
      const outcome = await eng.sync();
      const ms = performance.now() - t0;
      const longTasks = await longTasksSince(t0);
      if (!outcome.ok) throw new Error(`bootstrap failed: ${outcome.error.code} ${outcome.error.message}`);
      const usableAt = (await db.meta.get('sync'))?.usableAt;
      const usableMs = usableAt ? Math.min(ms, Math.max(0, Date.parse(usableAt) - started)) : ms;
      // Reading back: every incident (a title search reads them all), decrypted when sealed.
      const r0 = performance.now();
      const all = await db.incidents.toArray();
      const readMs = performance.now() - r0;
      // What Today reads on start: the open incidents, through index cursors (reverse, filter).
      const o0 = performance.now();
      const open = await openIncidents(db);
      const openMs = performance.now() - o0;
      const tables = await counts(db);
      return {
        ms,
        usableMs,
        pulled: outcome.report.pulled,
        pages: outcome.report.pages,
        tables,
        readMs,
        readRows: all.length,
        openMs,
        openRows: open.length,
        writer: writer.where === 'worker' ? 'worker' : 'main',
        longTasks,
      };
    } finally {
      writer.close();
      db.close();
      await api.deleteDatabase(dbName);
    }
  },

  async raw({ email, password, timelines, dbName, stride }) {
    const token = await login(email, password);
    await api.deleteDatabase(dbName);
    const db = new ReplicaDb(dbName);
    await db.open();
    const clientId = `raw-${Math.random().toString(36).slice(2, 12)}`;
    let cursor: string | null = null;
    let rows = 0;
    let pages = 0;
    let writeMs = 0;
    let fetchMs = 0;
    rawProgress = { rows: 0, pages: 0 };
    for (;;) {
      const f0 = performance.now();
      const res = await fetch(`${origin}/v1/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, cursor, limit: 1000, timelines }),
      });
      if (!res.ok) throw new Error(`raw pull: HTTP ${res.status}`);
      const page = (await res.json()) as { changes: Change[]; cursor: string; hasMore: boolean };
      fetchMs += performance.now() - f0;
      if (pages++ % stride !== 0) {
        // Not part of the sample: fetched (the cursor moves on) but not written.
        cursor = page.cursor;
        if (!page.hasMore) break;
        continue;
      }
      const byTable = new Map<string, unknown[]>();
      // Timeline events are stored packed, one record per incident (as the replica does, but
      // without merging into a record an earlier page wrote).
      const packed = new Map<string, { incidentId: string; customerId: string; events: unknown[] }>();
      for (const c of page.changes) {
        if (c.op !== 'put') continue;
        if (c.entity === 'timelineEvent') {
          const e = c.data as { incidentId: string; customerId: string };
          let t = packed.get(e.incidentId);
          if (!t)
            packed.set(
              e.incidentId,
              (t = { incidentId: e.incidentId, customerId: e.customerId, events: [] }),
            );
          t.events.push(e);
          continue;
        }
        const table = TABLE_OF[c.entity as EntityName];
        let list = byTable.get(table);
        if (!list) byTable.set(table, (list = []));
        list.push(c.data);
      }
      if (packed.size > 0) byTable.set(TABLE_OF.timelineEvent, [...packed.values()]);
      const w0 = performance.now();
      await db.transaction('rw', [...byTable.keys()], () =>
        Promise.all([...byTable].map(([t, list]) => db.table(t).bulkPut(list))),
      );
      writeMs += performance.now() - w0;
      rows += page.changes.length;
      rawProgress = { rows, pages };
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    db.close();
    await api.deleteDatabase(dbName);
    return { rows, pages, writtenPages: Math.ceil(pages / stride), writeMs, fetchMs };
  },

  async progress() {
    const sync = replica ? await replica.meta.get('sync').catch(() => undefined) : undefined;
    return {
      raw: rawProgress,
      engine: sync?.progress ? { rows: sync.progress.rows, pages: sync.progress.pages } : null,
    };
  },

  async closeReplica() {
    engine?.writer.close();
    replica?.close();
    replica = null;
    engine = null;
    bridge?.dispose();
    bridge = null;
  },

  async deleteDatabase(name) {
    await new ReplicaDb(name).delete();
  },

  async incidents(limit) {
    const db = need(replica, 'bootstrap');
    const rows = await db.incidents.limit(limit).toArray();
    return rows.map((i) => ({ id: i.id, receivedAt: i.receivedAt }));
  },

  async delta({ local }) {
    const db = need(replica, 'bootstrap');
    const who = need(signedIn, 'signIn');
    const actor: Actor = { id: who.userId, role: who.role as Role, team: who.team };
    const l0 = performance.now();
    for (const m of local) {
      const r = await mutateReplica(db, actor, 'timeline.append', {
        id: m.id,
        incidentId: m.incidentId,
        kind: 'note',
        at: m.at,
        body: 'Delta bench: called the customer back.',
        visibility: 'internal',
      });
      if (!r.ok) throw new Error(`local mutation refused: ${r.error.code} ${r.error.message}`);
    }
    const localMs = performance.now() - l0;
    const t0 = performance.now();
    const outcome = await need(engine, 'bootstrap').sync();
    const ms = performance.now() - t0;
    if (!outcome.ok) throw new Error(`delta sync failed: ${outcome.error.code} ${outcome.error.message}`);
    return {
      ms,
      pushed: outcome.report.pushed,
      rejected: outcome.report.rejected,
      pulled: outcome.report.pulled,
      localMs,
    };
  },

  async writeFixture({ dbName, tables, timelines }) {
    await api.deleteDatabase(dbName);
    const db = new ReplicaDb(dbName);
    await db.open();
    const names = Object.keys(tables);
    await db.transaction('rw', [...names, ...LOCAL_TABLES], async () => {
      for (const name of names) await db.table(name).bulkPut(tables[name]!);
      const now = new Date().toISOString();
      await db.meta.put({
        ...initialSyncMeta(timelines),
        bootstrapped: true,
        lastSuccessAt: now,
        lastAttemptAt: now,
      });
    });
    db.close();
  },

  rememberIdentity(identity) {
    localStorage.removeItem(IDENTITY_STORAGE_KEY);
    localStorage.setItem(IDENTITY_KEY, JSON.stringify(identity));
  },

  async slaTick({ incidents, customers, ticks }) {
    // What a tick would cost if every open incident's SLA were recomputed each second (the
    // Today view avoids this: it recomputes only the visible rows). The per-incident input is
    // built once, as the view memoises it.
    const byId = new Map((customers as Customer[]).map((c) => [c.id, c]));
    const inputs: ResponseSlaRequest[] = (incidents as Incident[]).map((i) => {
      const c = byId.get(i.customerId)!;
      return responseSlaInput(i, c.calendar, policyOfCustomer(c), '');
    });
    let now = Date.now();
    const full: number[] = [];
    let sink = 0;
    for (let t = 0; t < ticks; t++) {
      now += 1000;
      const iso = new Date(now).toISOString();
      const a = performance.now();
      for (const input of inputs) sink += computeResponseSla({ ...input, now: iso }).remainingMs ?? 0;
      full.push(performance.now() - a);
    }
    if (Number.isNaN(sink)) console.log('unreachable');
    return { fullRecompute: series(full), incidents: inputs.length };
  },

  async historyReads({ runs, now }) {
    const db = need(replica, 'bootstrap');
    const customers = (await db.customers.toArray()).filter((c) => !c.deleted);
    // The customer with the most incidents (the heaviest chart page).
    const perCustomer = new Map<string, number>();
    await db.incidents.each((i) => perCustomer.set(i.customerId, (perCustomer.get(i.customerId) ?? 0) + 1));
    const customerId = [...perCustomer].sort((a, b) => b[1] - a[1])[0]![0];
    const customer = customers.find((c) => c.id === customerId)!;
    const [users, healthChecks, reportLog] = await Promise.all([
      db.users.toArray(),
      db.healthChecks.toArray(),
      db.reports.toArray(),
    ]);
    const ctx = customerContext(customer, now);
    const schedule = customerQuarterlySchedule(ctx, []);
    const period = quarterPeriod(currentQuarter(schedule, ctx.today));
    const charts = (incidents: Incident[]) =>
      customerCharts({ customer, incidents, requests: [], period, now, backlogGranularity: 'week' });
    const portfolio = (incidents: Incident[]) =>
      portfolioRows({ customers, incidents, users, healthChecks, reportLog, now });
    // Before: what data.ts read until version 9; after: the open rows and the buckets.
    const paths = {
      chartsBefore: async () => charts(await incidentsByCustomer(db, customerId)),
      chartsAfter: async () => charts(await incidentsWithHistory(db, customerId)),
      portfolioBefore: async () => portfolio(await db.incidents.filter((i) => !i.deleted).toArray()),
      portfolioAfter: async () => portfolio(await allIncidentsWithHistory(db)),
    };
    const times: Record<keyof typeof paths, number[]> = {
      chartsBefore: [],
      chartsAfter: [],
      portfolioBefore: [],
      portfolioAfter: [],
    };
    // Interleaved, so that both paths see the same machine load.
    for (let r = 0; r < runs; r++)
      for (const key of Object.keys(paths) as (keyof typeof paths)[]) {
        const t0 = performance.now();
        await paths[key]();
        times[key].push(performance.now() - t0);
      }
    return {
      customerId,
      customerIncidents: (await incidentsWithHistory(db, customerId)).length,
      allIncidents: (await allIncidentsWithHistory(db)).length,
      buckets: await db.table('closedHistory').count(),
      chartsBefore: series(times.chartsBefore),
      chartsAfter: series(times.chartsAfter),
      portfolioBefore: series(times.portfolioBefore),
      portfolioAfter: series(times.portfolioAfter),
    };
  },

  async charts({ customer, incidents, period, now, runs }) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      customerCharts({
        customer: customer as Customer,
        incidents: incidents as Incident[],
        requests: [],
        period,
        now,
        backlogGranularity: 'week',
      });
      times.push(performance.now() - t0);
    }
    return series(times);
  },

  async quarterly({ customer, incidents, events, users, now, runs }) {
    const period = currentQuarterOf(customer as Customer, now);
    const times: number[] = [];
    let sections: string[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const report = quarterlyReport({ customer, incidents, events, users, now }, period);
      times.push(performance.now() - t0);
      sections = report.sections.map((s) => s.key);
    }
    return { ...series(times), period, sections };
  },

  async quarterlyHtml(input) {
    // The desktop's export path up to the PDF: the model, then the self-contained document
    // (static markup, stylesheet, the font subsets its text needs inlined).
    const period = currentQuarterOf(input.customer as Customer, input.now);
    const t0 = performance.now();
    const report = quarterlyReport(input, period);
    const t1 = performance.now();
    const html = await renderStandaloneReport(createElement(QuarterlyReportDocument, { report }), {
      lang: report.locale,
      title: quarterlyTitle(report),
    });
    const t2 = performance.now();
    return { html, modelMs: t1 - t0, htmlMs: t2 - t1, fontFaces: (html.match(/@font-face/g) ?? []).length };
  },
};

(window as unknown as { bench: EngineBenchApi }).bench = api;
document.title = 'bench ready';
