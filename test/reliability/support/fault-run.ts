// Sync under faults: three clients running the real sync engine (Node, fake-indexeddb, each
// client its own IDBFactory) talk to the central API (a child process on a SQLite file)
// through the fault-injecting proxy. The users make mutations while the engines sync, some
// of them offline; the API is killed (SIGKILL) and stopped (SIGTERM) and started again on
// the same file during the run. Then the network heals, the clients converge, and the run
// checks: every replica equals the server's state for its scope, and every mutation was
// applied exactly once or rejected with a reason its author can see.
//
// Each client's uploader runs as a process of its own (its own connection to the client's
// IndexedDB and its own transport) and is stopped mid-upload, like an app quit or a crash, and
// built again over the same persisted state: every file must still end uploaded once.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { sendApiRequest, type FetchLike } from '../../../shared/bridge/api-calls';
import { ENTITY_NAMES, type EntityName, type User } from '../../../shared/model/entities';
import type { Actor, MutationArgs, MutationName } from '../../../shared/mutations';
import { openDatabase, type Db } from '../../../server/db';
import { pullScope } from '../../../server/sync/scope';
import { seedFixture } from '../../../server/testing/harness';
import { ReplicaDb } from '../../../renderer/replica/db';
import { mutateReplica } from '../../../renderer/replica/mutate';
import { TABLE_OF } from '../../../renderer/replica/schema';
import type { PackedTimeline } from '../../../renderer/replica/timelines';
import { attachFiles, uploadSummary } from '../../../renderer/attachments/files';
import { uploadPending } from '../../../renderer/attachments/uploader';
import * as q from '../../../renderer/replica/queries';
import { SyncEngine } from '../../../renderer/sync/engine';
import type { Transport, TransportOptions, TransportResponse } from '../../../renderer/sync/transport';
import { FaultProxy, type FaultKind, type FaultRates } from '../fault-proxy';
import { canonicalJson } from './db-checksum';
import { buildReliabilityFixture } from './fixture';
import { createdRows, planMutation } from './mutation-mix';
import { prng } from './scale';
import { ServerProcess } from './server-process';

export const DEFAULT_FAULT_RATES: FaultRates = {
  delay: 0.06,
  'drop-mid-request': 0.04,
  'drop-mid-response': 0.05,
  'bad-gateway': 0.03,
  'bad-gateway-after-apply': 0.03,
  duplicate: 0.05,
};

/** Pause between a user's bursts of changes. */
const THINK_MS = { min: 30, max: 300 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The engine's transport over HTTP (the bridge's own code), with an offline switch. */
class NetTransport implements Transport {
  offline = false;
  sent = 0;
  trace: ((line: string) => void) | null = null;
  constructor(
    public base: string,
    public token: string,
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: TransportOptions,
  ): Promise<TransportResponse> {
    if (this.offline) return { status: 0, error: { code: 'network', message: 'offline (simulated)' } };
    this.sent++;
    const t0 = Date.now();
    const res = await sendApiRequest(fetch as unknown as FetchLike, this.base, this.token, {
      method,
      path,
      ...(body === undefined ? {} : { body }),
      ...(options?.range ? { range: options.range } : {}),
      ...(options?.responseType ? { responseType: options.responseType } : {}),
    });
    this.trace?.(
      `${path} ${res.status} ${Date.now() - t0}ms ${path.endsWith('push') ? (body as { mutations: unknown[] }).mutations.length : ''} ${'body' in res && path.endsWith('pull') ? ((res.body as { changes?: unknown[] }).changes?.length ?? JSON.stringify(res.body).slice(0, 100)) : ''}`,
    );
    return res;
  }
}

/**
 * The uploader of a client as a process of its own: its own connection to the client's
 * IndexedDB (the same IDBFactory and database name) and its transport. Once `crashAfter` says
 * so after an answer, it is dead, like a process killed mid-upload: that answer is lost and
 * every later request fails; the run then discards it and builds a fresh one.
 */
class UploaderProcess implements Transport {
  dead = false;
  readonly db: ReplicaDb;
  constructor(
    name: string,
    factory: IDBFactory,
    private readonly net: NetTransport,
    private readonly crashAfter: (method: string, path: string, res: TransportResponse) => boolean,
  ) {
    this.db = new ReplicaDb(name, { indexedDB: factory, IDBKeyRange });
  }

  async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: TransportOptions,
  ): Promise<TransportResponse> {
    const stopped = { status: 0, error: { code: 'network', message: 'the uploader was stopped' } } as const;
    if (this.dead) return stopped;
    const res = await this.net.request(method, path, body, options);
    if (this.dead) return stopped;
    if (this.crashAfter(method, path, res)) {
      this.dead = true;
      return stopped;
    }
    return res;
  }
}

interface LedgerEntry {
  mutationId: number;
  name: MutationName;
  args: Record<string, unknown>;
  offline: boolean;
}

interface Client {
  label: string;
  actor: Actor;
  db: ReplicaDb;
  engine: SyncEngine;
  transport: NetTransport;
  /** The client's IndexedDB (the replica and the uploader open it). */
  idb: IDBFactory;
  /** The uploader now running; replaced by a fresh one after each restart. */
  uploader: UploaderProcess;
  /** Times the uploader was stopped mid-upload and built again. */
  uploaderRestarts: number;
  ledger: LedgerEntry[];
  localRejects: number;
  syncs: { ok: number; failed: Record<string, number> };
  /** Files the user attached (uploaded under faults; checked on the server at the end). */
  files: { id: string; name: string; sha256: string; size: number }[];
}

/** Files each TAM attaches at the start: one of two upload chunks, one small with a hostile name. */
const ATTACHED_FILES = [
  { name: 'capture.pcap', size: 4 * 1024 * 1024 + 70_001 },
  { name: '..\\logs/\u202Etxt.exe\u0007 ' + '長'.repeat(990), size: 20_000 },
];

export interface FaultRunOptions {
  mutations: number;
  restarts: number;
  seed: number;
  rates?: FaultRates;
  log?: (line: string) => void;
  /**
   * Breaks the run on purpose before the checks, to prove they can fail: a change the engine
   * "forgets" (lost), a change applied a second time under another client id (duplicated),
   * a replica row edited behind the engine's back (mismatch).
   */
  sabotage?: boolean;
}

export interface FaultRunResult {
  seed: number;
  faults: Record<FaultKind, number>;
  faultsTotal: number;
  upstreamDown: number;
  requests: number;
  deliveries: number;
  restarts: { sigkill: number; sigterm: number };
  mutations: number;
  offlineMutations: number;
  applied: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  lost: number;
  duplicated: number;
  replicaMismatches: number;
  problems: string[];
  syncCycles: { ok: number; failed: number };
  unexpectedServerExits: number;
  /** Files attached and found uploaded once with the right hash; uploader restarts mid-upload. */
  uploads: { files: number; verified: number; uploaderRestarts: number };
  ms: number;
}

/** Restarts of one client's uploader at most (the first mid-upload answer always stops it). */
const MAX_UPLOADER_RESTARTS = 3;

/** Answers after which an upload is under way but not finished: start (pending), a chunk, complete. */
function midUpload(method: string, path: string, res: TransportResponse): boolean {
  if (!('body' in res) || res.status < 200 || res.status > 299) return false;
  if (method === 'PUT' && /^\/v1\/attachments\/[^/]+\/chunks\/\d+$/.test(path)) return true;
  if (method === 'POST' && /^\/v1\/attachments\/[^/]+\/complete$/.test(path)) return true;
  return (
    method === 'POST' &&
    path === '/v1/attachments' &&
    (res.body as { attachment?: { state?: string } } | null)?.attachment?.state === 'pending'
  );
}

/** A fresh uploader over the client's persisted IndexedDB, which may stop itself mid-upload. */
function newUploader(c: Client, rnd: () => number): UploaderProcess {
  return new UploaderProcess(`faults-${c.label}`, c.idb, c.transport, (method, path, res) => {
    if (c.uploaderRestarts >= MAX_UPLOADER_RESTARTS || !midUpload(method, path, res)) return false;
    return c.uploaderRestarts === 0 || rnd() < 0.25;
  });
}

/**
 * One round of the client's uploader; when it was stopped during the round, its connection is
 * closed and a fresh uploader built over the same IndexedDB (what an app restart does).
 */
async function uploadRound(c: Client, problems: string[]): Promise<void> {
  const u = c.uploader;
  await uploadPending(u.db, u).catch((err: unknown) =>
    problems.push(`${c.label}: upload round threw: ${String(err)}`),
  );
  if (!u.dead) return;
  u.db.close();
  c.uploaderRestarts++;
  c.uploader = newUploader(c, prng(c.uploaderRestarts * 7919 + c.label.length));
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery staple' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function actorOf(u: User): Actor {
  return { id: u.id, role: u.role, team: u.team };
}

export async function runFaultScenario(options: FaultRunOptions): Promise<FaultRunResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'tam-faults-'));
  const file = join(dir, 'api.sqlite');
  const problems: string[] = [];
  const fx = buildReliabilityFixture();
  {
    const db = await openDatabase({ kind: 'sqlite', file });
    await seedFixture(db, fx);
    await db.close();
  }
  const server = new ServerProcess(file);
  const proxy = new FaultProxy({
    upstream: await server.start(),
    random: prng(options.seed + 1),
    rates: {},
    // Attachment chunks (4 MiB) pass too.
    maxBodyBytes: 8 * 1024 * 1024,
  });
  const base = await proxy.listen();
  const clients: Client[] = [];
  try {
    const people = [
      ['tamA', fx.users.tamA],
      ['tamB', fx.users.tamB],
      ['managerX', fx.users.managerX],
    ] as const;
    for (const [label, user] of people) {
      const transport = new NetTransport(base, await login(server.url, user.email));
      const idb = new IDBFactory();
      const db = new ReplicaDb(`faults-${label}`, { indexedDB: idb, IDBKeyRange });
      const engine = new SyncEngine({
        db,
        transport,
        timelines: user.role === 'tam' ? 'all' : 'open-only',
        pullLimit: 200,
      });
      if (process.env.RELIABILITY_DEBUG) transport.trace = (line) => log(`${label} ${line}`);
      const client: Client = {
        label,
        actor: actorOf(user),
        db,
        engine,
        transport,
        idb,
        uploader: null as unknown as UploaderProcess,
        uploaderRestarts: 0,
        ledger: [],
        localRejects: 0,
        syncs: { ok: 0, failed: {} },
        files: [],
      };
      client.uploader = newUploader(client, prng(options.seed + 40 + clients.length));
      clients.push(client);
    }
    // Everyone starts with a replica (no faults yet).
    for (const c of clients) {
      const first = await c.engine.sync();
      if (!first.ok) throw new Error(`bootstrap of ${c.label} failed: ${first.error.message}`);
    }
    // Each TAM attaches files to an incident of theirs (kept locally, uploaded under the faults).
    const fileRandom = prng(options.seed + 3);
    for (const c of clients.filter((x) => x.actor.role === 'tam')) {
      const incident = (await c.db.incidents.toArray()).find((i) => !i.deleted);
      if (!incident) continue;
      const files = ATTACHED_FILES.map((f) => {
        const bytes = randomBytes(f.size);
        bytes[0] = Math.floor(fileRandom() * 256);
        return { name: f.name, bytes };
      });
      const result = await attachFiles(
        c.db,
        c.actor,
        { customerId: incident.customerId, incidentId: incident.id },
        files.map((f) => new File([new Uint8Array(f.bytes)], f.name)),
      );
      if (result.refused.length > 0)
        problems.push(`${c.label}: files refused locally: ${JSON.stringify(result.refused)}`);
      result.added.forEach((id, i) =>
        c.files.push({
          id,
          name: files[i]!.name,
          sha256: createHash('sha256').update(files[i]!.bytes).digest('hex'),
          size: files[i]!.bytes.length,
        }),
      );
    }
    proxy.setRates(options.rates ?? DEFAULT_FAULT_RATES);

    const quota = Math.ceil(options.mutations / clients.length);
    let made = 0;
    let usersDone = 0;
    const restartAt = Array.from({ length: options.restarts }, (_, i) =>
      Math.floor(((i + 1) * options.mutations) / (options.restarts + 1)),
    );
    const restarts = { sigkill: 0, sigterm: 0 };

    // A user works in bursts (a few changes, then reads or thinks), sometimes offline for a while.
    const userLoop = async (c: Client, seed: number) => {
      const rnd = prng(seed);
      let offlineBursts = 0;
      for (let guard = 0; c.ledger.length < quota && guard < quota * 20; guard++) {
        if (offlineBursts > 0) {
          offlineBursts--;
          if (offlineBursts === 0) c.transport.offline = false;
        } else if (rnd() < 0.05) {
          c.transport.offline = true;
          offlineBursts = 3 + Math.floor(rnd() * 10);
        }
        const burst = 1 + Math.floor(rnd() * 8);
        for (let k = 0; k < burst && c.ledger.length < quota; k++) {
          const plan = await planMutation(c.db, c.actor, rnd, new Date());
          if (!plan) continue;
          const r = await mutateReplica(
            c.db,
            c.actor,
            plan.name,
            plan.args as MutationArgs<typeof plan.name>,
          );
          if (r.ok) {
            c.ledger.push({
              mutationId: r.mutationId,
              name: plan.name,
              args: JSON.parse(JSON.stringify(plan.args)) as Record<string, unknown>,
              offline: c.transport.offline,
            });
            made++;
          } else c.localRejects++;
        }
        await sleep(THINK_MS.min + Math.floor(rnd() * (THINK_MS.max - THINK_MS.min)));
      }
      c.transport.offline = false;
      usersDone++;
    };

    const syncLoop = async (c: Client, seed: number) => {
      const rnd = prng(seed);
      for (let guard = 0; usersDone < clients.length && guard < 1_000_000; guard++) {
        const outcome = await c.engine.sync();
        if (outcome.ok) c.syncs.ok++;
        else {
          c.syncs.failed[outcome.error.code] = (c.syncs.failed[outcome.error.code] ?? 0) + 1;
          if (process.env.RELIABILITY_DEBUG)
            log(`${c.label} sync failed: ${outcome.error.code} ${outcome.error.message}`);
        }
        await sleep(5 + Math.floor(rnd() * 40));
      }
    };

    // Uploads run beside the sync, through the same faulty proxy and the API restarts; the
    // uploader is stopped mid-upload now and then and a fresh one takes over.
    const uploadLoop = async (c: Client, seed: number) => {
      const rnd = prng(seed);
      for (let guard = 0; usersDone < clients.length && guard < 1_000_000; guard++) {
        await uploadRound(c, problems);
        await sleep(20 + Math.floor(rnd() * 200));
      }
    };

    const restartLoop = async () => {
      let next = 0;
      for (let guard = 0; usersDone < clients.length && guard < 10_000_000; guard++) {
        if (next < restartAt.length && made >= restartAt[next]!) {
          const signal = next % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
          log(`restart ${next + 1}/${restartAt.length} after ${made} mutations: ${signal}`);
          await server.stop(signal);
          if (signal === 'SIGKILL') restarts.sigkill++;
          else restarts.sigterm++;
          await sleep(150 + Math.floor(random() * 350));
          proxy.setUpstream(await server.start());
          next++;
        }
        await sleep(20);
      }
    };

    let progress = 0;
    const progressLoop = async () => {
      for (let guard = 0; usersDone < clients.length && guard < 100_000; guard++) {
        await sleep(5_000);
        if (made - progress > 0) log(`${made} mutations made, ${proxy.totalInjected} faults injected`);
        progress = made;
      }
    };

    await Promise.all([
      ...clients.map((c, i) => userLoop(c, options.seed + 10 + i)),
      ...clients.map((c, i) => syncLoop(c, options.seed + 20 + i)),
      ...clients.map((c, i) => uploadLoop(c, options.seed + 30 + i)),
      restartLoop(),
      progressLoop(),
    ]);

    // The network heals: no more faults; the clients converge.
    proxy.setRates({});
    log(`all ${made} mutations made; converging`);
    for (let round = 0; round < 40; round++) {
      let settled = true;
      for (const c of clients) {
        const outcome = await c.engine.sync();
        if (!outcome.ok) settled = false;
        if ((await c.db.outbox.count()) > 0) settled = false;
      }
      if (settled) break;
      if (round === 39) problems.push('the clients did not converge within 40 rounds');
    }
    // The uploads finish once the network is sound.
    for (const c of clients) {
      for (let round = 0; round < 40 && (await uploadSummary(c.db)).count > 0; round++)
        await uploadRound(c, problems);
      const left = await uploadSummary(c.db);
      if (left.count > 0) problems.push(`${c.label}: ${left.count} uploads did not finish`);
      if (c.files.length > 0 && c.uploaderRestarts === 0)
        problems.push(
          `${c.label}: the uploader was never stopped mid-upload (the run did not test a restart)`,
        );
    }
    // One more round so that each pulls what the others pushed last.
    for (const c of clients) {
      const outcome = await c.engine.sync();
      if (!outcome.ok)
        problems.push(`${c.label}: final sync failed: ${outcome.error.code} ${outcome.error.message}`);
    }
    // A manager's replica fetches closed incidents' timelines on demand: fetch them all.
    for (const c of clients) {
      for (const incident of await c.db.incidents.toArray()) {
        if (!(await q.timelineIsComplete(c.db, incident.id))) {
          const r = await c.engine.fetchTimeline(incident.id);
          if (!r.ok) problems.push(`${c.label}: timeline of ${incident.id} not fetched: ${r.error.message}`);
        }
      }
    }
    if (options.sabotage) await sabotage(clients, server.url, log);
    await server.stop('SIGTERM');

    // ---------------------------------------------------------------- verification
    const db = await openDatabase({ kind: 'sqlite', file });
    let replicaMismatches = 0;
    let applied = 0;
    let rejected = 0;
    let lost = 0;
    let duplicated = 0;
    const rejectedByCode: Record<string, number> = {};
    let verifiedUploads = 0;
    try {
      for (const c of clients) {
        replicaMismatches += await compareReplica(db, c, problems);
        const r = await checkLedger(db, c, problems, rejectedByCode);
        applied += r.applied;
        rejected += r.rejected;
        lost += r.lost;
        duplicated += r.duplicated;
      }
      await checkNoPhantoms(db, clients, new Set(fx.rows.map((r) => `${r.entity}:${r.row.id}`)), problems);
      verifiedUploads = await checkUploads(db, clients, join(dir, 'attachments'), problems);
    } finally {
      await db.close();
    }
    if (proxy.proxyErrors.length > 0)
      problems.push(
        `the proxy itself failed ${proxy.proxyErrors.length} times: ${[...new Set(proxy.proxyErrors)].slice(0, 3).join('; ')}`,
      );
    log(`upstream errors: ${JSON.stringify(proxy.upstreamErrors)}`);
    for (const exit of server.unexpectedExits)
      problems.push(`the API exited on its own: code ${exit.code} signal ${exit.signal}`);
    const failedCycles = clients.reduce(
      (a, c) => a + Object.values(c.syncs.failed).reduce((x, y) => x + y, 0),
      0,
    );
    return {
      seed: options.seed,
      faults: { ...proxy.injected },
      faultsTotal: proxy.totalInjected,
      upstreamDown: proxy.upstreamDown,
      requests: proxy.requests,
      deliveries: proxy.deliveries,
      restarts,
      mutations: clients.reduce((a, c) => a + c.ledger.length, 0),
      offlineMutations: clients.reduce((a, c) => a + c.ledger.filter((m) => m.offline).length, 0),
      applied,
      rejected,
      rejectedByCode,
      lost,
      duplicated,
      replicaMismatches,
      problems,
      syncCycles: { ok: clients.reduce((a, c) => a + c.syncs.ok, 0), failed: failedCycles },
      unexpectedServerExits: server.unexpectedExits.length,
      uploads: {
        files: clients.reduce((a, c) => a + c.files.length, 0),
        verified: verifiedUploads,
        uploaderRestarts: clients.reduce((a, c) => a + c.uploaderRestarts, 0),
      },
      ms: Date.now() - started,
    };
  } finally {
    for (const c of clients) {
      c.uploader.db.close();
      c.db.close();
    }
    await proxy.close();
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sabotage(clients: Client[], api: string, log: (line: string) => void): Promise<void> {
  const [a, b] = clients as [Client, Client];
  const incident = (await a.db.incidents.toArray())[0]!;
  // Lost: made, then dropped from the outbox before it was pushed.
  const lostArgs = {
    id: randomUUID(),
    incidentId: incident.id,
    kind: 'note',
    at: new Date().toISOString(),
    body: 'forgotten',
    visibility: 'internal',
  };
  const lost = await mutateReplica(
    a.db,
    a.actor,
    'timeline.append',
    lostArgs as MutationArgs<'timeline.append'>,
  );
  if (lost.ok) {
    a.ledger.push({ mutationId: lost.mutationId, name: 'timeline.append', args: lostArgs, offline: false });
    await a.db.outbox.delete(lost.mutationId);
  }
  // Duplicated: applied, then sent again under a client id the server has not seen.
  const customer = (await a.db.customers.toArray())[0]!;
  const twiceArgs = { customerId: customer.id, patch: { nameLatin: 'Applied twice' } };
  const twice = await mutateReplica(
    a.db,
    a.actor,
    'customer.update',
    twiceArgs as MutationArgs<'customer.update'>,
  );
  if (twice.ok) {
    a.ledger.push({ mutationId: twice.mutationId, name: 'customer.update', args: twiceArgs, offline: false });
    await a.engine.sync();
    await fetch(`${api}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.transport.token}` },
      body: JSON.stringify({
        clientId: `sabotage-${randomUUID()}`,
        mutations: [{ id: twice.mutationId, name: 'customer.update', args: twiceArgs }],
      }),
    });
  }
  // Mismatch: a replica row edited behind the engine's back.
  const row = (await b.db.incidents.toArray())[0];
  if (row) await b.db.incidents.put({ ...row, title: `${row.title} (edited locally)` });
  log('sabotaged: one change lost, one applied twice, one replica row edited');
}

/** The replica holds exactly the server's live rows of the user's scope, byte for byte (as canonical JSON). */
async function compareReplica(db: Db, c: Client, problems: string[]): Promise<number> {
  const scope = [...(await pullScope(db.kysely, c.actor))];
  const rows = await db.kysely
    .selectFrom('records')
    .select(['entity', 'id', 'data'])
    .where('customer_id', 'in', scope)
    .where('deleted', '=', 0)
    .execute();
  const server = new Map(rows.map((r) => [`${r.entity}:${r.id}`, canonicalJson(JSON.parse(r.data))]));
  const replica = new Map<string, string>();
  for (const entity of ENTITY_NAMES) {
    const stored = await c.db.table(TABLE_OF[entity as EntityName]).toArray();
    // Timeline events are packed, one record per incident.
    const rows = entity === 'timelineEvent' ? (stored as PackedTimeline[]).flatMap((t) => t.events) : stored;
    for (const row of rows) replica.set(`${entity}:${(row as { id: string }).id}`, canonicalJson(row));
  }
  let mismatches = 0;
  const report = (what: string) => {
    mismatches++;
    if (mismatches <= 5) problems.push(`${c.label}: ${what}`);
  };
  for (const [key, json] of server) {
    const mine = replica.get(key);
    if (mine === undefined) report(`missing ${key}`);
    else if (mine !== json)
      report(`differs ${key}: replica ${mine.slice(0, 300)} server ${json.slice(0, 300)}`);
  }
  for (const key of replica.keys())
    if (!server.has(key)) report(`extra ${key} (not in the server's state of the scope)`);
  for (const table of ['outbox', 'shadow'] as const) {
    const n = await c.db.table(table).count();
    if (n > 0) report(`${table} still holds ${n} rows`);
  }
  return mismatches;
}

/**
 * Every mutation the user made is, on the server, applied exactly once, or rejected and in
 * the user's needs-attention list with the server's { code, message }.
 */
async function checkLedger(db: Db, c: Client, problems: string[], byCode: Record<string, number>) {
  const records = await db.kysely
    .selectFrom('client_mutations as m')
    .innerJoin('sync_clients as s', 's.client_id', 'm.client_id')
    .select(['m.client_id', 'm.mutation_id', 'm.status', 'm.error'])
    .where('s.user_id', '=', c.actor.id)
    .execute();
  const byId = new Map<number, typeof records>();
  for (const r of records) {
    const list = byId.get(Number(r.mutation_id)) ?? [];
    list.push(r);
    byId.set(Number(r.mutation_id), list);
  }
  const attention = new Map((await q.needsAttention(c.db)).map((a) => [a.mutationId, a]));
  const made = new Set(c.ledger.map((m) => m.mutationId));
  let applied = 0;
  let rejected = 0;
  let lost = 0;
  let duplicated = 0;
  const note = (what: string) => {
    if (problems.length < 60) problems.push(`${c.label}: ${what}`);
  };
  for (const m of c.ledger) {
    const seen = byId.get(m.mutationId) ?? [];
    const appliedRecords = seen.filter((r) => r.status === 'applied');
    const item = attention.get(m.mutationId);
    const created = createdRows(m.name, m.args);
    const existing = await Promise.all(
      created.map((r) =>
        db.kysely
          .selectFrom('records')
          .select('deleted')
          .where('entity', '=', r.entity)
          .where('id', '=', r.id)
          .executeTakeFirst(),
      ),
    );
    if (appliedRecords.length > 1 || (appliedRecords.length === 1 && item)) {
      duplicated++;
      note(
        `mutation ${m.mutationId} (${m.name}) applied ${appliedRecords.length}x${item ? ` and also listed as rejected (${item.error.code})` : ''}`,
      );
      continue;
    }
    if (appliedRecords.length === 1) {
      applied++;
      if (existing.some((e) => !e))
        note(`mutation ${m.mutationId} (${m.name}) recorded as applied but its rows are missing`);
      continue;
    }
    if (item) {
      rejected++;
      byCode[item.error.code] = (byCode[item.error.code] ?? 0) + 1;
      const serverSide = seen.find((r) => r.status === 'rejected');
      const serverError = serverSide?.error ? (JSON.parse(serverSide.error) as { code: string }) : null;
      if (!item.error.code || !item.error.message || item.error.message.length < 10)
        note(`mutation ${m.mutationId} rejected without a readable reason: ${JSON.stringify(item.error)}`);
      if (serverError && serverError.code !== item.error.code)
        note(
          `mutation ${m.mutationId}: the server rejected it with ${serverError.code}, the user sees ${item.error.code}`,
        );
      if (existing.some((e) => e))
        note(`mutation ${m.mutationId} (${m.name}) rejected, yet its rows exist on the server`);
      continue;
    }
    lost++;
    note(
      `mutation ${m.mutationId} (${m.name}) lost: neither applied nor in the needs-attention list (server records: ${JSON.stringify(seen)})`,
    );
  }
  for (const id of attention.keys())
    if (!made.has(id)) note(`needs-attention item for mutation ${id} the user never made`);
  return { applied, rejected, lost, duplicated };
}

/** No row on the server was created by these users except through a mutation in their ledger (plus the fixture). */
async function checkNoPhantoms(
  db: Db,
  clients: Client[],
  fixture: ReadonlySet<string>,
  problems: string[],
): Promise<void> {
  const expected = new Set<string>();
  for (const c of clients)
    for (const m of c.ledger)
      for (const r of createdRows(m.name, m.args)) expected.add(`${r.entity}:${r.id}`);
  const authors = clients.map((c) => c.actor.id);
  const rows = await db.kysely
    .selectFrom('records')
    .select(['entity', 'id', 'data'])
    .where('entity', 'in', ['incident', 'timelineEvent', 'request', 'report'])
    .execute();
  let phantoms = 0;
  for (const r of rows) {
    if (fixture.has(`${r.entity}:${r.id}`)) continue;
    const data = JSON.parse(r.data) as { createdBy?: string; authorId?: string };
    const author = data.createdBy ?? data.authorId;
    if (!author || !authors.includes(author)) continue;
    if (!expected.has(`${r.entity}:${r.id}`)) {
      phantoms++;
      if (phantoms <= 5)
        problems.push(`row ${r.entity}:${r.id} exists on the server but no mutation of the run created it`);
    }
  }
}

/**
 * Every attached file is on the server once: one upload, one row, uploaded, with the file's
 * size and SHA-256, its name stored as given, and the stored bytes hashing to it.
 */
async function checkUploads(
  db: Db,
  clients: Client[],
  storeDir: string,
  problems: string[],
): Promise<number> {
  let verified = 0;
  for (const c of clients) {
    for (const f of c.files) {
      const rows = await db.kysely
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'attachment')
        .where('id', '=', f.id)
        .execute();
      const uploads = await db.kysely
        .selectFrom('attachment_uploads')
        .select('id')
        .where('id', '=', f.id)
        .execute();
      const row = rows[0] ? (JSON.parse(rows[0].data) as Record<string, unknown>) : null;
      if (rows.length !== 1 || uploads.length !== 1 || !row) {
        problems.push(`${c.label}: attachment ${f.id}: ${rows.length} rows, ${uploads.length} uploads`);
        continue;
      }
      if (
        row.state !== 'uploaded' ||
        row.sha256 !== f.sha256 ||
        row.size !== f.size ||
        row.fileName !== f.name
      ) {
        problems.push(`${c.label}: attachment ${f.id} differs: ${JSON.stringify(row).slice(0, 300)}`);
        continue;
      }
      let stored: Buffer;
      try {
        stored = readFileSync(join(storeDir, 'sha256', f.sha256.slice(0, 2), f.sha256));
      } catch {
        problems.push(`${c.label}: attachment ${f.id}: no stored bytes`);
        continue;
      }
      if (createHash('sha256').update(stored).digest('hex') !== f.sha256) {
        problems.push(`${c.label}: attachment ${f.id}: stored bytes differ`);
        continue;
      }
      verified++;
    }
  }
  return verified;
}
