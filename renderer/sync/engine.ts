// The sync engine: push the outbox in batches, pull pages after the cursor (each page and its
// cursor in one transaction), then re-apply still-pending local changes on top. It runs in
// any JavaScript runtime: the transport and the Dexie database are injected.
import type { ErrorDetail } from '../../shared/model/api';

/** A refusal kept for the user: a registered code, or what an older or odd server answered. */
type RejectionError = Omit<ErrorDetail, 'code'> & { code: string };
import {
  IncidentTimelineResponseSchema,
  PULL_MAX_LIMIT,
  ReceivedPushResponseSchema,
  TIMELINE_MAX_LIMIT,
} from '../../shared/model/api';
import { newId } from '../../shared/sync/ids';
import type { AttentionItem, OutboxEntry, ReplicaDb, SyncMeta, SyncProgress } from '../replica/db';
import { storageError } from '../replica/errors';
import { ensureSyncMeta } from '../replica/meta';
import { parsePage, type PageSummary } from './page';
import { failureOf, type SyncFailure, type Transport } from './transport';
import { directWriter, type ReplicaWriter } from './writer/direct';

export const PUSH_BATCH_MAX = 100;
/**
 * A change whose push the server answers with a 500 this many times in a row (alone, in
 * consecutive cycles, while the server answers pulls) is set aside into "needs attention",
 * so the rest flows.
 */
export const SERVER_FAILURES_BEFORE_SET_ASIDE = 3;

export interface SyncEngineOptions {
  db: ReplicaDb;
  transport: Transport;
  /** 'all' for a TAM (own customers always complete offline); 'open-only' for managers and admins. */
  timelines: SyncMeta['timelines'];
  pushBatchSize?: number;
  pullLimit?: number;
  /** Events per page of an on-demand timeline (default and maximum TIMELINE_MAX_LIMIT). */
  timelinePageLimit?: number;
  now?: () => string;
  /**
   * Where the replica writes run (default: on this thread, the apply functions on `db`); the
   * app passes the replica writer worker (writer/client.ts).
   */
  writer?: ReplicaWriter;
}

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  pages: number;
  /** The server had forgotten our cursor: the replica was downloaded again. */
  rebootstrapped: boolean;
}

export type SyncOutcome =
  | { ok: true; report: SyncReport }
  | { ok: false; error: SyncFailure; report: SyncReport };

/** Thrown inside a cycle to stop it with a failure value. */
class Stop extends Error {
  constructor(readonly failure: SyncFailure) {
    super(failure.message);
  }
}

function storageFailure(err: unknown): SyncFailure {
  const e = storageError(err);
  // A full disk may clear up; a storage bug will not, but retrying later costs little.
  return { code: e.code, message: e.message, retryable: true };
}

const badResponse = (what: string): SyncFailure => ({
  code: 'bad-response',
  message: `The server's answer to ${what} was not understood; check that the server address points to a TAM Workstation server of a matching version.`,
  retryable: true,
});

/** A change pushed alone that the server failed on (5xx): a strike against it once a pull shows the server works. */
interface ServerFailure {
  entry: OutboxEntry;
  failure: SyncFailure;
}

/** A pull page as the engine sees it: the summary, and how to write the rows its writer holds. */
interface Pulled extends Omit<PageSummary, 'ref'> {
  write(page: { bootstrap: boolean; progress: SyncProgress }): Promise<void>;
}

/**
 * Whether, once this page is written, the replica is usable: the server says the catch-up's
 * first stage is over (it holds the open work: every row but closed incidents and their
 * timelines; from an older server, every row but timeline events), or (a server without
 * stages) the pull is complete.
 */
const firstStageDone = (page: Pulled) => (page.stage === null ? !page.hasMore : page.stage !== 'records');

export class SyncEngine {
  readonly db: ReplicaDb;
  readonly writer: ReplicaWriter;
  private readonly transport: Transport;
  private readonly timelines: SyncMeta['timelines'];
  private readonly pushBatchSize: number;
  private readonly pullLimit: number;
  private readonly timelinePageLimit: number;
  private readonly now: () => string;
  private current: Promise<SyncOutcome> | null = null;
  private queued: Promise<SyncOutcome> | null = null;
  private readonly timelineFetches = new Map<
    string,
    Promise<{ ok: true } | { ok: false; error: SyncFailure }>
  >();
  /** After a batch failed with a 5xx: changes up to this id are pushed one at a time, to find the one at fault. */
  private suspectUntil = 0;
  /** Consecutive 5xx answers to each change pushed alone (by mutation id). */
  private readonly strikes = new Map<number, number>();
  /** The reference of the last pull page handed to the writer to read. */
  private pageRef = 0;

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.writer = options.writer ?? directWriter(options.db);
    this.transport = options.transport;
    this.timelines = options.timelines;
    this.pushBatchSize = Math.min(PUSH_BATCH_MAX, Math.max(1, options.pushBatchSize ?? PUSH_BATCH_MAX));
    this.pullLimit = Math.min(PULL_MAX_LIMIT, Math.max(1, options.pullLimit ?? PULL_MAX_LIMIT));
    this.timelinePageLimit = Math.min(
      TIMELINE_MAX_LIMIT,
      Math.max(1, options.timelinePageLimit ?? TIMELINE_MAX_LIMIT),
    );
    this.now = options.now ?? (() => new Date().toISOString());
  }

  /**
   * One sync cycle. Calls while a cycle runs share one follow-up cycle, so a change made
   * during a sync is never left behind and cycles never overlap.
   */
  sync(): Promise<SyncOutcome> {
    if (!this.current) {
      this.current = this.cycle().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    this.queued ??= this.current.then(() => {
      this.queued = null;
      return this.sync();
    });
    return this.queued;
  }

  get running(): boolean {
    return this.current !== null;
  }

  private async cycle(): Promise<SyncOutcome> {
    const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, pages: 0, rebootstrapped: false };
    let meta: SyncMeta;
    try {
      meta = await ensureSyncMeta(this.db, this.timelines);
      await this.db.meta.update('sync', {
        lastAttemptAt: this.now(),
        activity: { phase: 'push', since: this.now() },
      });
    } catch (err) {
      return { ok: false, error: storageFailure(err), report };
    }
    let needsRebase = false;
    try {
      // Another round only after a re-bootstrap (the kept changes go to the new server state)
      // or after a change was set aside (the ones behind it go now).
      for (let round = 0; round < 4; round++) {
        const rebootstrapped = report.rebootstrapped;
        const pushed = await this.pushAll(meta, report);
        needsRebase = pushed.rejected || needsRebase;
        await this.db.meta.update('sync', { activity: { phase: 'pull', since: this.now() } });
        // Pulled even when a push failed: the server's news still arrives while a change is stuck.
        await this.pullAll(report);
        needsRebase = false; // the pull ended with a rebase
        if (pushed.serverFailure) {
          // The server answers pulls but failed on this change alone: a strike against it.
          if (!(await this.strike(pushed.serverFailure, report)))
            throw new Stop(pushed.serverFailure.failure);
          continue;
        }
        if (
          rebootstrapped ||
          !report.rebootstrapped ||
          (await this.db.outbox.where('status').equals('pending').count()) === 0
        )
          break;
        meta = (await this.db.meta.get('sync')) ?? meta;
      }
      const at = this.now();
      await this.db.meta.update('sync', { lastSuccessAt: at, lastError: null, activity: null });
      return { ok: true, report };
    } catch (err) {
      const failure = err instanceof Stop ? err.failure : storageFailure(err);
      try {
        // Rejections must show the server's state even when the pull failed.
        if (needsRebase) await this.writer.rebase();
        await this.db.meta.update('sync', {
          lastError: { code: failure.code, message: failure.message, at: this.now() },
          activity: null,
          progress: null,
        });
      } catch {
        // The storage is failing too; the failure value already says so.
      }
      return { ok: false, error: failure, report };
    }
  }

  // ---------------------------------------------------------------- push

  /**
   * Pushes every pending change. `rejected`: some were rejected (the replica needs a rebase);
   * `serverFailure`: a change pushed alone got a 5xx, and pushing stopped there.
   */
  private async pushAll(
    meta: SyncMeta,
    report: SyncReport,
  ): Promise<{ rejected: boolean; serverFailure: ServerFailure | null }> {
    let clientId = meta.clientId;
    let rejectedAny = false;
    let batchSize = this.pushBatchSize;
    for (let round = 0; ; round++) {
      if (round > 10_000)
        throw new Stop({
          code: 'push-loop',
          message: 'Pushing did not make progress; try again later.',
          retryable: true,
        });
      const head = await this.db.outbox.where('status').equals('pending').first();
      // While looking for the change a server fails on, one at a time.
      const size = head && (head.id <= this.suspectUntil || this.strikes.has(head.id)) ? 1 : batchSize;
      const batch = await this.db.outbox.where('status').equals('pending').limit(size).toArray();
      if (batch.length === 0) return { rejected: rejectedAny, serverFailure: null };
      const res = await this.transport.request('POST', '/v1/sync/push', {
        clientId,
        mutations: batch.map((m) => ({ id: m.id, name: m.name, args: m.args })),
      });
      const failure = failureOf(res);
      if (failure) {
        const status = 'status' in res ? res.status : 0;
        if (status === 500) {
          // The server failed on this batch. Several changes: find the one at fault by
          // sending them one at a time. One: stop pushing; a strike if the pull works.
          // (502, 503 and 504 come from proxies and restarts and say nothing about a change:
          // they are retried later like a network failure.)
          if (batch.length > 1) {
            this.suspectUntil = Math.max(this.suspectUntil, batch[batch.length - 1]!.id);
            continue;
          }
          return { rejected: rejectedAny, serverFailure: { entry: batch[0]!, failure } };
        }
        if (failure.retryable || failure.code === 'auth') throw new Stop(failure);
        if (status === 403 && failure.code === 'client_id_taken') {
          clientId = await this.renewClientId();
          continue;
        }
        if (status === 413 && batchSize > 1) {
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          continue;
        }
        // The server refused the batch as a whole (e.g. arguments an older server does not
        // know). Find the culprit by sending one at a time; a lone refused change is rejected.
        if (batch.length > 1) {
          batchSize = 1;
          continue;
        }
        await this.reject([{ entry: batch[0]!, error: { code: failure.code, message: failure.message } }]);
        report.rejected++;
        rejectedAny = true;
        batchSize = this.pushBatchSize;
        continue;
      }
      const parsed = ReceivedPushResponseSchema.safeParse('body' in res ? res.body : undefined);
      if (!parsed.success) throw new Stop(badResponse('a push'));
      const byId = new Map(parsed.data.results.map((r) => [r.id, r]));
      const applied: number[] = [];
      const rejected: { entry: OutboxEntry; error: RejectionError }[] = [];
      let outOfOrder = false;
      for (const entry of batch) {
        const result = byId.get(entry.id);
        if (!result) continue;
        this.strikes.delete(entry.id);
        if (result.status === 'applied') applied.push(entry.id);
        else if (result.error?.code === 'out_of_order') outOfOrder = true;
        else
          rejected.push({
            entry,
            error: result.error ?? { code: 'rejected', message: 'The server refused this change.' },
          });
      }
      await this.db.transaction('rw', this.db.outbox, this.db.attention, async () => {
        await this.db.outbox.bulkUpdate(
          applied.map((id) => ({ key: id, changes: { status: 'applied' as const } })),
        );
        const unanswered = batch.filter((e) => !byId.has(e.id));
        for (const e of unanswered) await this.db.outbox.update(e.id, { attempts: e.attempts + 1 });
      });
      if (rejected.length > 0) {
        await this.reject(rejected);
        rejectedAny = true;
      }
      report.pushed += applied.length;
      report.rejected += rejected.length;
      if (outOfOrder) {
        // The server has seen higher ids from this client id than ours (a restored replica):
        // continue under a fresh client id, which the server has never seen.
        clientId = await this.renewClientId();
        continue;
      }
      if (applied.length + rejected.length === 0) {
        throw new Stop(badResponse('a push (no result for the changes sent)'));
      }
      batchSize = this.pushBatchSize;
    }
  }

  /**
   * Counts a 5xx against a change pushed alone; at the limit the change is set aside into
   * "needs attention" (its optimistic rows undone) so the rest of the outbox flows. True
   * when it was set aside.
   */
  private async strike({ entry, failure }: ServerFailure, report: SyncReport): Promise<boolean> {
    const strikes = (this.strikes.get(entry.id) ?? 0) + 1;
    if (strikes < SERVER_FAILURES_BEFORE_SET_ASIDE) {
      this.strikes.set(entry.id, strikes);
      return false;
    }
    this.strikes.delete(entry.id);
    await this.reject([
      {
        entry,
        error: {
          code: 'server_error',
          message: `The server failed ${strikes} times in a row on this change (${failure.message}); it was set aside so that your other changes could be sent.`,
        },
      },
    ]);
    report.rejected++;
    await this.writer.rebase();
    return true;
  }

  private async renewClientId(): Promise<string> {
    const clientId = newId();
    await this.db.meta.update('sync', { clientId });
    return clientId;
  }

  /** Moves refused changes from the outbox to the needs-attention list. */
  private async reject(items: { entry: OutboxEntry; error: RejectionError }[]): Promise<void> {
    const at = this.now();
    await this.db.transaction('rw', this.db.outbox, this.db.attention, async () => {
      await this.db.outbox.bulkDelete(items.map((i) => i.entry.id));
      const rows: Omit<AttentionItem, 'id'>[] = items.map(({ entry, error }) => ({
        mutationId: entry.id,
        name: entry.name,
        args: entry.args,
        rows: entry.rows,
        error,
        madeAt: entry.now,
        rejectedAt: at,
      }));
      await this.db.attention.bulkAdd(rows as AttentionItem[]);
    });
  }

  // ---------------------------------------------------------------- pull

  private fetchPage(cursor: string | null): Promise<Pulled | 'reset'> {
    return (async () => {
      const meta = await this.db.meta.get('sync');
      // The page's bytes, not its JSON parsed here: the writer parses them where it writes.
      const res = await this.transport.request(
        'POST',
        '/v1/sync/pull',
        {
          clientId: meta?.clientId,
          cursor,
          limit: this.pullLimit,
          timelines: this.timelines,
        },
        { responseType: 'bytes' },
      );
      const failure = failureOf(res);
      if (failure) {
        if (failure.code === 'invalid_cursor' && cursor !== null) return 'reset';
        if (failure.code === 'client_id_taken') {
          await this.renewClientId();
          throw new Stop({ ...failure, retryable: true });
        }
        throw new Stop(failure);
      }
      const body = 'body' in res ? res.body : undefined;
      if (body instanceof Uint8Array) {
        const ref = ++this.pageRef;
        let summary: PageSummary | null;
        try {
          summary = await this.writer.readPage(ref, body);
        } catch (err) {
          throw new Stop(storageFailure(err));
        }
        if (!summary) throw new Stop(badResponse('a pull'));
        const { ref: _ref, ...rest } = summary;
        return { ...rest, write: (w) => this.writer.writeReadPage(ref, w).then(() => undefined) };
      }
      // A transport that parsed the body itself (tests, a bridge that cannot hand bytes).
      const page = parsePage(body);
      if (!page) throw new Stop(badResponse('a pull'));
      const { changes, ...rest } = page;
      return {
        ...rest,
        rows: changes.length,
        write: (w) => this.writer.writePage({ ...w, changes, cursor: page.cursor }),
      };
    })();
  }

  private async pullAll(report: SyncReport): Promise<void> {
    const meta = await this.db.meta.get('sync');
    if (!meta)
      throw new Stop({ code: 'storage-failed', message: 'The sync state is missing.', retryable: true });
    // Changes the server applied before this pull began: the pull brings their rows back.
    const appliedBefore = (await this.db.outbox.where('status').equals('applied').primaryKeys()) as number[];
    let cursor = meta.cursor;
    let bootstrap = cursor === null || !meta.bootstrapped;
    // A bootstrap is usable once its first stage is written (every row but timeline events).
    let usable = !bootstrap || !!meta.usableAt;
    const progress: SyncProgress = {
      bootstrap,
      rows: 0,
      pages: 0,
      startedAt: this.now(),
      remaining: null,
      stage: null,
    };
    let next: Promise<Pulled | 'reset'> = this.fetchPage(cursor);
    let resets = 0;
    let reset = false;
    try {
      for (;;) {
        const page = await next;
        if (page === 'reset') {
          if (resets++ > 0)
            throw new Stop({
              code: 'server-reset',
              message: 'The server keeps refusing the sync position; try again later.',
              retryable: true,
            });
          await this.writer.resetForRebootstrap(this.now());
          report.rebootstrapped = true;
          reset = true;
          cursor = null;
          bootstrap = true;
          usable = false;
          Object.assign(progress, { bootstrap, rows: 0, pages: 0, remaining: null, stage: null });
          next = this.fetchPage(null);
          continue;
        }
        // Fetch the next page while this one is written: network and disk overlap.
        if (page.hasMore) {
          next = this.fetchPage(page.cursor);
          next.catch(() => undefined);
        }
        progress.rows += page.rows;
        progress.pages += 1;
        progress.remaining = page.remaining;
        progress.stage = page.stage;
        await page.write({ bootstrap: cursor === null, progress: { ...progress } });
        report.pulled += page.rows;
        report.pages += 1;
        if (!usable && firstStageDone(page)) {
          usable = true;
          const at = this.now();
          // An older server sends every timeline event after the first stage ('timelines').
          await this.db.meta.update('sync', {
            usableAt: at,
            openWorkAt: page.stage === 'timelines' ? null : at,
          });
        }
        if (!page.hasMore) break;
      }
    } catch (err) {
      if (err instanceof Stop) throw err;
      throw new Stop(storageFailure(err));
    }
    // Whole: drop the confirmed changes and re-apply the pending ones on the new state.
    await this.writer.rebase(reset ? [] : appliedBefore);
    const at = this.now();
    await this.db.meta.update('sync', {
      bootstrapped: true,
      progress: null,
      ...(usable ? {} : { usableAt: at, openWorkAt: at }),
    });
  }

  // ---------------------------------------------------------------- timelines on demand

  /**
   * Downloads an incident's whole timeline once and keeps it (deduplicated per incident),
   * page by page: each page is stored as it arrives, and the timeline counts as complete once
   * the last page (`next: null`) is stored.
   */
  fetchTimeline(incidentId: string): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
    const running = this.timelineFetches.get(incidentId);
    if (running) return running;
    const job = (async (): Promise<{ ok: true } | { ok: false; error: SyncFailure }> => {
      const base = `/v1/incidents/${encodeURIComponent(incidentId)}/timeline?limit=${this.timelinePageLimit}`;
      const seen = new Set<string>();
      let after: string | null = null;
      for (;;) {
        const res = await this.transport.request(
          'GET',
          after === null ? base : `${base}&after=${encodeURIComponent(after)}`,
        );
        const failure = failureOf(res);
        if (failure) return { ok: false, error: failure };
        const parsed = IncidentTimelineResponseSchema.safeParse('body' in res ? res.body : undefined);
        // A cursor seen before would loop for ever: the server is not answering as it should.
        if (
          !parsed.success ||
          parsed.data.incidentId !== incidentId ||
          (parsed.data.next !== null && seen.has(parsed.data.next))
        ) {
          return { ok: false, error: badResponse('a timeline request') };
        }
        const { events, next } = parsed.data;
        try {
          await this.writer.writeTimeline(incidentId, events, this.now(), next === null);
        } catch (err) {
          return { ok: false, error: storageFailure(err) };
        }
        if (next === null) return { ok: true };
        seen.add(next);
        after = next;
      }
    })().finally(() => this.timelineFetches.delete(incidentId));
    this.timelineFetches.set(incidentId, job);
    return job;
  }
}
