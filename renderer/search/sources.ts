// What the search indexes, and the one place it reads replica rows (the search worker calls
// nothing else). Timeline bodies are read from the packed `timelines` table (one record per
// incident, renderer/replica/timelines.ts) here and only here: a record gives one 'event'
// document per live event with a body, keyed `<incidentId>:<eventId>` (as findings are keyed
// `<healthCheckId>:<findingId>`), and the record's primary key is its `incidentId`.
import type { Table } from 'dexie';
import {
  CLOSED_INCIDENT_STATUSES,
  type Contact,
  type Customer,
  type HealthCheck,
  type Incident,
  type Request,
} from '../../shared/model/entities';
import type { DocText, SearchDoc } from '../../shared/search/engine';
import type { ReplicaDb } from '../replica/db';
import type { PackedTimeline } from '../replica/timelines';

export const TIMELINE_TABLE = 'timelines';

/** Replica tables the index follows, in the order a first build reads them (timelines last). */
export const INDEXED_TABLES = [
  'customers',
  'contacts',
  'incidents',
  'requests',
  'healthChecks',
  TIMELINE_TABLE,
] as const;
export type IndexedTable = (typeof INDEXED_TABLES)[number];

/** An entity row: an id and the envelope's version, updatedAt and deleted. */
export interface AnyRow {
  id: string;
  version: number;
  updatedAt: string;
  deleted: boolean;
}

/** Any indexed record: an entity row, or a packed timeline (keyed by its incident). */
export type IndexedRow = AnyRow | PackedTimeline;

/** The primary key of an indexed record in its table. */
export function idOf(table: IndexedTable, row: IndexedRow): string {
  return table === TIMELINE_TABLE ? (row as PackedTimeline).incidentId : (row as AnyRow).id;
}

/**
 * What changes when a record changes: an entity row's server version and time (0 = local, not
 * yet confirmed); a packed timeline has neither, so its events' count, highest version and
 * latest updatedAt, plus a hash of every event's id, version, updatedAt and deleted flag (an
 * event replaced by another, or tombstoned, with the maxima unchanged still changes it).
 */
export function signatureOf(table: IndexedTable, row: IndexedRow): string {
  if (table !== TIMELINE_TABLE) {
    const r = row as AnyRow;
    return `${r.version}|${r.updatedAt}`;
  }
  const events = (row as PackedTimeline).events;
  let maxVersion = 0;
  let maxUpdatedAt = '';
  let hash = 0x811c9dc5;
  for (const e of events) {
    if (e.version > maxVersion) maxVersion = e.version;
    if (e.updatedAt > maxUpdatedAt) maxUpdatedAt = e.updatedAt;
    const part = `${e.id}|${e.version}|${e.updatedAt}|${e.deleted ? 1 : 0};`;
    for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
  }
  return `${events.length}|${maxVersion}|${maxUpdatedAt}|${(hash >>> 0).toString(36)}`;
}

function base(kind: SearchDoc['kind'], key: string, rowId: string): Omit<SearchDoc, 'title' | 'text'> {
  return {
    id: `${kind}:${key}`,
    kind,
    rowId,
    customerId: null,
    incidentId: null,
    at: null,
    status: null,
    open: null,
    severity: null,
  };
}

/** The search documents of a replica record (none for a tombstone or a deleted event). */
export function docsOfRow(table: IndexedTable, row: IndexedRow): SearchDoc[] {
  if (table === TIMELINE_TABLE) {
    const t = row as PackedTimeline;
    return t.events
      .filter((e) => !e.deleted && e.body.trim() !== '')
      .map((e) => ({
        ...base('event', `${t.incidentId}:${e.id}`, t.incidentId),
        customerId: e.customerId,
        incidentId: t.incidentId,
        at: e.at,
        title: '',
        text: e.body,
      }));
  }
  if ((row as AnyRow).deleted) return [];
  switch (table) {
    case 'customers': {
      const c = row as Customer;
      return [
        {
          ...base('customer', c.id, c.id),
          customerId: c.id,
          open: c.archivedAt ? false : true,
          ...customerText(c),
        },
      ];
    }
    case 'contacts': {
      const c = row as Contact;
      return [{ ...base('contact', c.id, c.id), customerId: c.customerId, ...contactText(c) }];
    }
    case 'incidents': {
      const i = row as Incident;
      return [
        {
          ...base('incident', i.id, i.id),
          customerId: i.customerId,
          incidentId: i.id,
          at: i.receivedAt,
          status: i.status,
          open: !CLOSED_INCIDENT_STATUSES.includes(i.status),
          severity: i.severity,
          title: i.title,
          text: i.description,
        },
      ];
    }
    case 'requests': {
      const r = row as Request;
      return [
        {
          ...base('request', r.id, r.id),
          customerId: r.customerId,
          incidentId: r.incidentId,
          at: r.stageHistory[0]?.at ?? null,
          status: r.stage,
          ...requestText(r),
        },
      ];
    }
    case 'healthChecks': {
      const h = row as HealthCheck;
      return h.findings.map((f) => ({
        ...base('finding', `${h.id}:${f.id}`, h.id),
        customerId: h.customerId,
        at: h.completedAt ?? h.scheduledDate,
        status: f.status,
        open: f.status === 'open',
        title: f.area,
        text: `${f.finding}\n${f.recommendation}`,
      }));
    }
  }
}

function customerText(c: Customer): DocText {
  return { title: c.nameJa, text: [c.nameLatin, c.nameKana ?? ''].join('\n') };
}

function contactText(c: Contact): DocText {
  return { title: c.name, text: [c.nameLatin, c.role, c.email, c.phone].filter(Boolean).join('\n') };
}

function requestText(r: Request): DocText {
  return { title: r.title, text: `${r.description}\n${r.product} ${r.productVersion}` };
}

const TABLE_OF_KIND: Record<SearchDoc['kind'], IndexedTable> = {
  customer: 'customers',
  contact: 'contacts',
  incident: 'incidents',
  event: TIMELINE_TABLE,
  request: 'requests',
  finding: 'healthChecks',
};

/** The titles and bodies of documents, read again from the replica (the index keeps none). */
export async function readTexts(db: ReplicaDb, docIds: readonly string[]): Promise<Map<string, DocText>> {
  const wanted = new Map<IndexedTable, Map<string, string[]>>();
  for (const docId of docIds) {
    const colon = docId.indexOf(':');
    const kind = docId.slice(0, colon) as SearchDoc['kind'];
    const key = docId.slice(colon + 1);
    const table = TABLE_OF_KIND[kind];
    if (!table) continue;
    // Findings and timeline events live inside a record: their key starts with its id.
    const rowId = kind === 'finding' || kind === 'event' ? key.slice(0, key.indexOf(':')) : key;
    const rows = wanted.get(table) ?? new Map<string, string[]>();
    rows.set(rowId, [...(rows.get(rowId) ?? []), docId]);
    wanted.set(table, rows);
  }
  const out = new Map<string, DocText>();
  await Promise.all(
    [...wanted].map(async ([table, rows]) => {
      const ids = [...rows.keys()];
      const found = await (db.table(table) as Table<IndexedRow, string>).bulkGet(ids);
      for (const row of found) {
        if (!row) continue;
        const wantedIds = rows.get(idOf(table, row));
        for (const doc of docsOfRow(table, row)) {
          if (wantedIds?.includes(doc.id)) out.set(doc.id, { title: doc.title, text: doc.text });
        }
      }
    }),
  );
  return out;
}

/**
 * Every record of a table, in pages by primary key (a first build, or a check after a cold
 * start). Packed timelines are big records (a whole timeline each): fewer per page.
 */
export async function eachRowOf(
  db: ReplicaDb,
  table: IndexedTable,
  onPage: (rows: IndexedRow[]) => void | Promise<void>,
  pageSize = table === TIMELINE_TABLE ? 200 : 2000,
): Promise<void> {
  const t = db.table(table) as Table<IndexedRow, string>;
  let after: string | null = null;
  for (;;) {
    const page: IndexedRow[] = await (after === null ? t.orderBy(':id') : t.where(':id').above(after))
      .limit(pageSize)
      .toArray();
    if (page.length === 0) return;
    await onPage(page);
    after = idOf(table, page[page.length - 1]!);
    if (page.length < pageSize) return;
  }
}

/** The records of a table whose primary keys lie in [from, to] (a change the replica reported). */
export async function rowsBetween(
  db: ReplicaDb,
  table: IndexedTable,
  from: string,
  to: string,
): Promise<IndexedRow[]> {
  const t = db.table(table) as Table<IndexedRow, string>;
  return from === to
    ? (await t.bulkGet([from])).filter((r): r is IndexedRow => !!r)
    : t.where(':id').between(from, to, true, true).toArray();
}
