// The Incidents list's queries: the ids of the matching incidents in order (newest received
// first), through the replica's indexes; rows are then read only for the rows in view.
// Without a level or title filter the ids come from an index alone (no row is read), so the
// list opens instantly with 100,000 incidents.
import Dexie from 'dexie';
import type { Incident, IncidentListFilter, IncidentStatus } from '../../../shared/model/entities';
import { EMPTY_INCIDENT_FILTER } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica';
import { OPEN_INCIDENT_STATUSES } from '../../replica';

/** The list's filter: the shape a saved view stores (IncidentListFilterSchema, shared). */
export type IncidentFilter = IncidentListFilter;

export const EMPTY_FILTER: IncidentFilter = EMPTY_INCIDENT_FILTER;

export function normalizeTitle(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

export function titleMatcher(search: string): ((title: string) => boolean) | null {
  const words = normalizeTitle(search)
    .split(/[\s\u3000]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return (title) => {
    const t = normalizeTitle(title);
    return words.every((w) => t.includes(w));
  };
}

const byReceivedDesc = (a: Incident, b: Incident) =>
  a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1;
const idsNewestFirst = (rows: Incident[]) => rows.sort(byReceivedDesc).map((r) => r.id);

/** Rows read per IndexedDB getAll() when the whole table must be scanned (title or level filter). */
const SCAN_CHUNK = 5000;

/**
 * Every incident matching `keep`, read in primary-key chunks with getAll() (a filtered Dexie
 * collection would walk a cursor row by row, many times slower on 100,000 rows); only the
 * matching rows are kept.
 */
async function scanIncidents(db: ReplicaDb, keep: (i: Incident) => boolean): Promise<Incident[]> {
  const out: Incident[] = [];
  let last: string | null = null;
  for (;;) {
    const chunk: Incident[] = await (
      last === null ? db.incidents.limit(SCAN_CHUNK) : db.incidents.where(':id').above(last).limit(SCAN_CHUNK)
    ).toArray();
    for (const r of chunk) if (keep(r)) out.push(r);
    if (chunk.length < SCAN_CHUNK) return out;
    last = (chunk[chunk.length - 1] as Incident).id;
  }
}

/**
 * Ids of the incidents matching the filter, newest received first. Index ranges are read
 * forward with getAll()/getAllKeys() and reversed here (a reverse read walks a cursor).
 */
export async function matchingIncidentIds(db: ReplicaDb, f: IncidentFilter): Promise<string[]> {
  const match = titleMatcher(f.search);
  const rowFiltered = match !== null || f.severity !== '';
  const keep = (i: Incident) =>
    !i.deleted && (f.severity === '' || i.severity === f.severity) && (match === null || match(i.title));
  const statuses: readonly IncidentStatus[] | null =
    f.status === '' ? null : f.status === 'open' ? OPEN_INCIDENT_STATUSES : [f.status];

  if (statuses === null && f.customerId === '') {
    // The sync engine removes deleted rows from the replica: with no row filter the index
    // alone answers (no row is read).
    if (!rowFiltered) return ((await db.incidents.orderBy('receivedAt').primaryKeys()) as string[]).reverse();
    return idsNewestFirst(await scanIncidents(db, keep));
  }
  if (statuses === null) {
    const range = db.incidents
      .where('[customerId+receivedAt]')
      .between([f.customerId, Dexie.minKey], [f.customerId, Dexie.maxKey]);
    if (!rowFiltered) return ((await range.primaryKeys()) as string[]).reverse();
    return idsNewestFirst((await range.toArray()).filter(keep));
  }
  if (f.customerId !== '') {
    const rows = await db.incidents
      .where('[customerId+status]')
      .anyOf(statuses.map((s) => [f.customerId, s]))
      .toArray();
    return idsNewestFirst(rows.filter(keep));
  }
  const ranges = statuses.map((s) =>
    db.incidents.where('[status+receivedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]),
  );
  if (!rowFiltered && ranges.length === 1)
    return ((await (ranges[0] as (typeof ranges)[number]).primaryKeys()) as string[]).reverse();
  const perStatus = await Promise.all(ranges.map((r) => r.toArray()));
  return idsNewestFirst(perStatus.flat().filter(keep));
}

/**
 * A change signal for the incidents table, for a live query: re-run on any put or delete of
 * an incident (count() observes the whole primary-key range, one range), returning a new
 * number each time. The list then reads its ids outside the live query: inside one, Dexie
 * records every returned key of an index query for change tracking, which costs seconds with
 * 100,000 incidents.
 */
export function incidentChangeSignal(db: ReplicaDb, runs: { n: number }): Promise<number> {
  return db.incidents.count().then(() => ++runs.n);
}

/** The rows of some ids (those in view), in the same order; missing or deleted ones as undefined. */
export async function incidentsByIds(
  db: ReplicaDb,
  ids: readonly string[],
): Promise<Array<Incident | undefined>> {
  const rows = await db.incidents.bulkGet([...ids]);
  return rows.map((r) => (r && !r.deleted ? r : undefined));
}
