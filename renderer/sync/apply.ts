// What the engine writes to the replica: pulled pages (with their cursor, in one
// transaction), the rebase of pending local changes on top of the server's state, the
// re-bootstrap after a server reset, and timelines fetched on demand.
import type { Change } from '../../shared/model/api';
import type { EntityName, EntityRow, Incident, TimelineEvent } from '../../shared/model/entities';
import { isOpenStatus } from '../../shared/incidents/open';
import { applyMutation } from '../../shared/mutations';
import { rowKey, type ReplicaDb, type ShadowRow, type SyncMeta, type SyncProgress } from '../replica/db';
import { DexieReadPort, deleteRows, putRows, writeLocal } from '../replica/port';
import { historyProgressPatch } from '../replica/closed-history';
import { DERIVED_TABLES, ENTITY_TABLES } from '../replica/schema';
import { writeEvents, type EventDelete } from '../replica/timelines';

/** Every table a sync transaction may touch. */
function allTables(db: ReplicaDb) {
  return [
    ...ENTITY_TABLES.map((t) => db.table(t)),
    ...DERIVED_TABLES.map((t) => db.table(t)),
    db.shadow,
    db.outbox,
    db.timelineState,
    db.meta,
  ];
}

interface Grouped {
  puts: EntityRow[];
  /** `parentId`: a timeline event's incident, as the server names it. */
  deletes: EventDelete[];
}

export interface PageWrite {
  changes: readonly Change[];
  cursor: string;
  /** This pull started from scratch (cursor null): every row is new to the replica. */
  bootstrap: boolean;
  progress: SyncProgress;
}

const isOpen = (i: Incident) => isOpenStatus(i.status);

/**
 * Writes one pulled page and its cursor atomically: bulkPut/bulkDelete per entity table,
 * except rows a pending local change has overwritten, whose new server state goes to their
 * shadow (the rebase puts it back under the pending change).
 */
export async function writePage(db: ReplicaDb, page: PageWrite): Promise<void> {
  const groups = new Map<EntityName, Grouped>();
  for (const c of page.changes) {
    let g = groups.get(c.entity);
    if (!g) groups.set(c.entity, (g = { puts: [], deletes: [] }));
    if (c.op === 'put' && c.data) g.puts.push(c.data as unknown as EntityRow);
    else g.deletes.push({ id: c.id, parentId: c.parentId });
  }
  await db.transaction('rw', allTables(db), async () => {
    const meta = await db.meta.get('sync');
    const shadowed = new Set(await db.shadow.toCollection().primaryKeys());
    const shadowWrites: ShadowRow[] = [];

    // Timelines of open incidents new to this replica arrive complete (the server skips only
    // closed incidents' events, and sends open ones first); remember which, before the rows
    // are written. A TAM's replica ('all') counts them during the first sync only: once it is
    // bootstrapped, every timeline is whole.
    let completeTimelines: string[] = [];
    const incidents = groups.get('incident');
    if ((meta?.timelines === 'open-only' || page.bootstrap) && incidents && incidents.puts.length > 0) {
      const open = (incidents.puts as Incident[]).filter(isOpen).map((i) => i.id);
      if (page.bootstrap) completeTimelines = open;
      else if (open.length > 0) {
        const known = await db.incidents.bulkGet(open);
        completeTimelines = open.filter((_id, i) => known[i] === undefined);
      }
    }

    // The server's state of shadowed timeline events keeps naming their incident.
    const shadowedEvents =
      shadowed.size > 0 && groups.get('timelineEvent')?.deletes.some((d) => d.parentId === undefined)
        ? new Map(
            (await db.shadow.where('key').startsWith('timelineEvent:').toArray()).map((s) => [s.key, s]),
          )
        : new Map<string, ShadowRow>();

    const writes: Promise<unknown>[] = [];
    for (const [entity, g] of groups) {
      let puts = g.puts;
      let deletes = g.deletes;
      if (shadowed.size > 0) {
        puts = [];
        for (const row of g.puts) {
          const key = rowKey(entity, row.id);
          if (shadowed.has(key))
            shadowWrites.push({
              key,
              entity,
              id: row.id,
              row,
              ...(entity === 'timelineEvent' ? { parentId: (row as TimelineEvent).incidentId } : {}),
            });
          else puts.push(row);
        }
        deletes = [];
        for (const d of g.deletes) {
          const key = rowKey(entity, d.id);
          if (shadowed.has(key)) {
            const parentId = d.parentId ?? shadowedEvents.get(key)?.parentId;
            shadowWrites.push({
              key,
              entity,
              id: d.id,
              row: null,
              ...(parentId !== undefined ? { parentId } : {}),
            });
          } else deletes.push(d);
        }
      }
      // Timeline events: puts and deletes merge into their incidents' records in one write.
      if (entity === 'timelineEvent') writes.push(writeEvents(db, puts as TimelineEvent[], deletes));
      else {
        if (puts.length > 0) writes.push(putRows(db, entity, puts));
        if (deletes.length > 0) writes.push(deleteRows(db, entity, deletes));
      }
      if (entity === 'incident' && g.deletes.length > 0)
        writes.push(db.timelineState.bulkDelete(g.deletes.map((d) => d.id)));
    }
    if (shadowWrites.length > 0) writes.push(db.shadow.bulkPut(shadowWrites));
    if (completeTimelines.length > 0) {
      const at = page.progress.startedAt;
      writes.push(
        db.timelineState.bulkPut(
          completeTimelines.map((incidentId) => ({ incidentId, source: 'bootstrap' as const, at })),
        ),
      );
    }
    // Closed history (charts, reports): how much has arrived, and when all of it is here.
    const history = historyProgressPatch(
      meta,
      { changes: page.changes, stage: page.progress.stage, bootstrap: page.progress.bootstrap },
      new Date().toISOString(),
    );
    writes.push(db.meta.update('sync', { cursor: page.cursor, progress: page.progress, ...history }));
    await Promise.all(writes);
  });
}

export interface RebaseResult {
  reapplied: number;
  /** Pending changes that no longer apply locally (the server will decide). */
  conflicting: number;
}

/**
 * Puts the server's state back under every pending local change, then re-runs the changes
 * still in the outbox, in order, on top of it. `dropApplied`: outbox ids the server applied
 * and whose rows a complete pull has since brought back; they leave the outbox first.
 */
export async function rebase(db: ReplicaDb, dropApplied: readonly number[] = []): Promise<RebaseResult> {
  return db.transaction('rw', allTables(db), async () => {
    if (dropApplied.length > 0) {
      const entries = await db.outbox.bulkGet([...dropApplied]);
      const confirmed = entries.filter((e) => e?.status === 'applied').map((e) => e!.id);
      await db.outbox.bulkDelete(confirmed);
    }
    const shadows = await db.shadow.toArray();
    const eventPuts: TimelineEvent[] = [];
    const eventDeletes: EventDelete[] = [];
    for (const s of shadows) {
      if (s.entity === 'timelineEvent') {
        if (s.row) eventPuts.push(s.row as TimelineEvent);
        else eventDeletes.push({ id: s.id, parentId: s.parentId });
        continue;
      }
      // Through port.ts, so that what hangs off a row (the closed-history buckets) follows.
      if (s.row) await putRows(db, s.entity, [s.row]);
      else await deleteRows(db, s.entity, [{ id: s.id }]);
    }
    // A put moves nothing between incidents (an event never changes incident), so the deletes
    // and the puts of one incident merge in one write.
    await writeEvents(db, eventPuts, eventDeletes);
    await db.shadow.clear();
    const port = new DexieReadPort(db);
    const result: RebaseResult = { reapplied: 0, conflicting: 0 };
    for (const entry of await db.outbox.orderBy('id').toArray()) {
      const outcome = await applyMutation(entry.name, entry.args, {
        actor: entry.actor,
        now: entry.now,
        read: port,
      });
      if (outcome.ok) {
        await writeLocal(db, outcome.writes);
        result.reapplied++;
        if (entry.localError) await db.outbox.update(entry.id, { localError: null });
      } else if (entry.status === 'pending') {
        // Shown as "may be rejected"; the server has the last word.
        result.conflicting++;
        await db.outbox.update(entry.id, { localError: outcome.error });
      }
      // An applied change that no longer re-applies is already part of the server state.
    }
    return result;
  });
}

/**
 * The server no longer accepts the cursor (it was reset or restored): drop the synced rows
 * and start over, keeping every local change. Changes the server had applied are sent again
 * (a server that still knows them answers with the first result, so nothing is applied twice).
 */
export async function resetForRebootstrap(db: ReplicaDb, at: string): Promise<number> {
  return db.transaction('rw', allTables(db), async () => {
    await Promise.all([
      ...ENTITY_TABLES.map((t) => db.table(t).clear()),
      ...DERIVED_TABLES.map((t) => db.table(t).clear()),
      db.shadow.clear(),
      db.timelineState.clear(),
    ]);
    await db.outbox.where('status').equals('applied').modify({ status: 'pending' });
    const pending = await db.outbox.count();
    const patch: Partial<SyncMeta> = {
      cursor: null,
      bootstrapped: false,
      usableAt: null,
      openWorkAt: null,
      historyAt: null,
      historyShare: null,
      progress: null,
      notice: { code: 'server-reset', at, pending },
    };
    await db.meta.update('sync', patch);
    return pending;
  });
}

/**
 * Stores a page of an incident's timeline, fetched on demand; with `complete` (the last page)
 * remembers that the replica now holds the whole timeline.
 */
export async function writeTimeline(
  db: ReplicaDb,
  incidentId: string,
  events: readonly TimelineEvent[],
  at: string,
  complete = true,
): Promise<void> {
  await db.transaction('rw', allTables(db), async () => {
    const shadowed = new Set(await db.shadow.toCollection().primaryKeys());
    const direct: TimelineEvent[] = [];
    const shadowWrites: ShadowRow[] = [];
    for (const e of events) {
      const key = rowKey('timelineEvent', e.id);
      if (shadowed.has(key))
        shadowWrites.push({ key, entity: 'timelineEvent', id: e.id, row: e, parentId: e.incidentId });
      else direct.push(e);
    }
    // A newer version pulled meanwhile wins (events are append-only, but tombstones exist).
    await Promise.all([
      writeEvents(db, direct, [], { newerWins: true }),
      shadowWrites.length > 0 ? db.shadow.bulkPut(shadowWrites) : null,
      complete ? db.timelineState.put({ incidentId, source: 'fetched', at }) : null,
    ]);
  });
}
