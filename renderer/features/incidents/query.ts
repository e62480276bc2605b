// The Incidents list's queries: the ids of the matching incidents in order (newest received
// first), through the replica's indexes; rows are then read only for the rows in view.
// Without a level or title filter the ids come from an index alone (no row is read), so the
// list opens instantly with 100,000 incidents.
import Dexie from 'dexie';
import type { Incident, IncidentStatus, Severity } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica/db';
import { OPEN_INCIDENT_STATUSES } from '../../replica/queries';

export interface IncidentFilter {
  /** A status, 'open' (not resolved or closed), or '' for any. */
  status: IncidentStatus | 'open' | '';
  severity: Severity | '';
  customerId: string;
  /** Words that must all occur in the title (case and width ignored). */
  search: string;
}

export const EMPTY_FILTER: IncidentFilter = { status: '', severity: '', customerId: '', search: '' };

export function normalizeTitle(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

export function titleMatcher(search: string): ((title: string) => boolean) | null {
  const words = normalizeTitle(search).split(/[\s\u3000]+/u).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return (title) => {
    const t = normalizeTitle(title);
    return words.every((w) => t.includes(w));
  };
}

const byReceivedDesc = (a: Incident, b: Incident) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1);

/** Ids of the incidents matching the filter, newest received first. */
export async function matchingIncidentIds(db: ReplicaDb, f: IncidentFilter): Promise<string[]> {
  const match = titleMatcher(f.search);
  const rowFilter =
    match !== null || f.severity !== ''
      ? (i: Incident) => !i.deleted && (f.severity === '' || i.severity === f.severity) && (match === null || match(i.title))
      : (i: Incident) => !i.deleted;
  const statuses: readonly IncidentStatus[] | null = f.status === '' ? null : f.status === 'open' ? OPEN_INCIDENT_STATUSES : [f.status];

  if (statuses === null) {
    const c = f.customerId
      ? db.incidents.where('[customerId+receivedAt]').between([f.customerId, Dexie.minKey], [f.customerId, Dexie.maxKey]).reverse()
      : db.incidents.orderBy('receivedAt').reverse();
    // The sync engine removes deleted rows from the replica, so with no row filter the index
    // alone answers (a stray tombstone renders as nothing).
    if (match === null && f.severity === '') return (await c.primaryKeys()) as string[];
    return (await c.filter(rowFilter).primaryKeys()) as string[];
  }
  if (f.customerId) {
    const rows = await db.incidents.where('[customerId+status]').anyOf(statuses.map((s) => [f.customerId, s])).filter(rowFilter).toArray();
    return rows.sort(byReceivedDesc).map((r) => r.id);
  }
  if (statuses.length === 1 && match === null && f.severity === '') {
    const status = statuses[0] as IncidentStatus;
    return (await db.incidents.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).reverse().primaryKeys()) as string[];
  }
  const perStatus = await Promise.all(
    statuses.map((s) => db.incidents.where('[status+receivedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]).filter(rowFilter).toArray()),
  );
  return perStatus.flat().sort(byReceivedDesc).map((r) => r.id);
}

/** The rows of some ids (those in view), in the same order; missing or deleted ones as undefined. */
export async function incidentsByIds(db: ReplicaDb, ids: readonly string[]): Promise<Array<Incident | undefined>> {
  const rows = await db.incidents.bulkGet([...ids]);
  return rows.map((r) => (r && !r.deleted ? r : undefined));
}
