// Packed timelines: the replica keeps an incident's whole timeline as ONE record of the
// `timelines` table (schema version 3), its events in time order, instead of one record per
// event. IndexedDB costs about the same per record whatever its size, so a page of events
// grouped by incident (as the server sends them) writes a few records instead of a thousand.
//
// Every write merges into the record: read it, replace or add events by id, drop deleted
// ones, sort, write it back (an empty timeline leaves no record). A pending local append is
// still shadowed per event (shadow key 'timelineEvent:<id>', with the incident in `parentId`)
// so that a rebase can put the server's state back event by event.
import Dexie, { type Transaction } from 'dexie';
import type { TimelineEvent } from '../../shared/model/entities';
import type { ReplicaDb } from './db';

/** One incident's timeline as stored: every event the replica holds, in time order. */
export interface PackedTimeline {
  incidentId: string;
  /** The incident's customer (the customer timeline and the charts read by it). */
  customerId: string;
  /** Ordered by `at`, then by id (the order the per-event index [incidentId+at] gave). */
  events: TimelineEvent[];
}

/** Time order of a timeline: by `at`, then by id. */
export function byTime(a: TimelineEvent, b: TimelineEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An event to remove, with its incident when known (servers before packed timelines do not say). */
export interface EventDelete {
  id: string;
  parentId?: string | undefined;
}

export interface MergeOptions {
  /** Keep a stored event whose version is higher than the incoming one (on-demand fetches). */
  newerWins?: boolean;
}

/**
 * Merges events into their incidents' packed records: puts replace the event with the same id
 * (or add it), deletes remove it. Must run inside a rw transaction over `timelines`.
 */
export async function writeEvents(
  db: ReplicaDb,
  puts: readonly TimelineEvent[],
  deletes: readonly EventDelete[] = [],
  options: MergeOptions = {},
): Promise<void> {
  if (puts.length === 0 && deletes.length === 0) return;
  const byIncident = new Map<string, { puts: TimelineEvent[]; deletes: Set<string> }>();
  const slot = (incidentId: string) => {
    let s = byIncident.get(incidentId);
    if (!s) byIncident.set(incidentId, (s = { puts: [], deletes: new Set() }));
    return s;
  };
  for (const e of puts) slot(e.incidentId).puts.push(e);
  const orphans = new Set<string>();
  for (const d of deletes) {
    if (d.parentId !== undefined) slot(d.parentId).deletes.add(d.id);
    else orphans.add(d.id);
  }
  if (orphans.size > 0) {
    // A delete that does not name its incident (an older server): find the records holding it.
    const holders = await db.timelines.filter((t) => t.events.some((e) => orphans.has(e.id))).toArray();
    for (const t of holders)
      for (const e of t.events) if (orphans.has(e.id)) slot(t.incidentId).deletes.add(e.id);
  }
  const ids = [...byIncident.keys()];
  const existing = await db.timelines.bulkGet(ids);
  const write: PackedTimeline[] = [];
  const remove: string[] = [];
  ids.forEach((incidentId, i) => {
    const { puts: incoming, deletes: gone } = byIncident.get(incidentId)!;
    const record = existing[i];
    const events = new Map<string, TimelineEvent>();
    for (const e of record?.events ?? []) if (!gone.has(e.id)) events.set(e.id, e);
    for (const e of incoming) {
      if (gone.has(e.id)) continue;
      const old = events.get(e.id);
      if (options.newerWins && old && old.version > e.version) continue;
      events.set(e.id, e);
    }
    if (events.size === 0) {
      if (record) remove.push(incidentId);
      return;
    }
    const list = [...events.values()].sort(byTime);
    write.push({ incidentId, customerId: record?.customerId ?? list[0]!.customerId, events: list });
  });
  await Promise.all([
    write.length > 0 ? db.timelines.bulkPut(write) : null,
    remove.length > 0 ? db.timelines.bulkDelete(remove) : null,
  ]);
}

/**
 * One event by id, tombstones included. `incidentId` finds its record at once; without it the
 * event's shadow (a pending local change) names the incident, and as a last resort every
 * record is searched (only for an event the caller cannot place).
 */
export async function getEvent(
  db: ReplicaDb,
  id: string,
  incidentId?: string,
): Promise<TimelineEvent | undefined> {
  let parent = incidentId;
  if (parent === undefined) parent = (await db.shadow.get(`timelineEvent:${id}`))?.parentId;
  if (parent !== undefined) return (await db.timelines.get(parent))?.events.find((e) => e.id === id);
  let found: TimelineEvent | undefined;
  await db.timelines
    .filter((t) => {
      found ??= t.events.find((e) => e.id === id);
      return found !== undefined;
    })
    .first();
  return found;
}

/** Every event of a customer's incidents (the `customerId` index of `timelines`), tombstones included. */
export async function eventsOfCustomer(db: ReplicaDb, customerId: string): Promise<TimelineEvent[]> {
  const records = await db.timelines.where('customerId').equals(customerId).toArray();
  return records.flatMap((t) => t.events);
}

/**
 * Schema version 3's upgrade: packs the per-event rows of `timelineEvents` into `timelines`
 * (incident by incident, in batches, so a manager's replica is not read into memory at once)
 * and names the incident of every timeline event's shadow. The outbox is untouched.
 */
export async function packTimelines(tx: Transaction): Promise<void> {
  const events = tx.table<TimelineEvent, string>('timelineEvents');
  const timelines = tx.table<PackedTimeline, string>('timelines');
  const incidentOf = new Map<string, string>();
  const BATCH = 5000;
  let after: string | null = null;
  for (;;) {
    const lower: [string, unknown] =
      after === null ? [Dexie.minKey as never, Dexie.minKey] : [after, Dexie.maxKey];
    let batch: TimelineEvent[] = await events
      .where('[incidentId+at]')
      .between(lower, [Dexie.maxKey, Dexie.maxKey], after === null, true)
      .limit(BATCH)
      .toArray();
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!.incidentId;
    if (batch.length === BATCH) {
      // The last incident may continue past the batch: read it whole.
      batch = batch.filter((e) => e.incidentId !== last);
      batch.push(
        ...(await events
          .where('[incidentId+at]')
          .between([last, Dexie.minKey], [last, Dexie.maxKey])
          .toArray()),
      );
    }
    const packed = new Map<string, PackedTimeline>();
    for (const e of batch) {
      incidentOf.set(e.id, e.incidentId);
      let t = packed.get(e.incidentId);
      if (!t)
        packed.set(e.incidentId, (t = { incidentId: e.incidentId, customerId: e.customerId, events: [] }));
      t.events.push(e);
    }
    for (const t of packed.values()) t.events.sort(byTime);
    await timelines.bulkPut([...packed.values()]);
    after = last;
  }
  await tx
    .table('shadow')
    .toCollection()
    .modify((s: { entity: string; id: string; row: TimelineEvent | null; parentId?: string }) => {
      if (s.entity !== 'timelineEvent') return;
      const parent = incidentOf.get(s.id) ?? s.row?.incidentId;
      if (parent !== undefined) s.parentId = parent;
    });
}
