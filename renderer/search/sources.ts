// What the search indexes, and the one place it reads replica rows (the search worker calls
// nothing else). Timeline bodies are read from the `timelineEvents` table here and only here:
// when timelines move to another table (one packed record per incident), TIMELINE_TABLE,
// `docsOfRow` for that table and `readTexts` for kind 'event' are what change.
import type { Table } from 'dexie';
import {
  CLOSED_INCIDENT_STATUSES,
  type Contact,
  type Customer,
  type HealthCheck,
  type Incident,
  type Request,
  type TimelineEvent,
} from '../../shared/model/entities';
import type { DocText, SearchDoc } from '../../shared/search/engine';
import type { ReplicaDb } from '../replica/db';

export const TIMELINE_TABLE = 'timelineEvents';

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

/** Any indexed row: all have an id and the envelope's version, updatedAt and deleted. */
export interface AnyRow {
  id: string;
  version: number;
  updatedAt: string;
  deleted: boolean;
}

/** What changes when a row changes (its server version and time; 0 = local, not yet confirmed). */
export function signatureOf(row: AnyRow): string {
  return `${row.version}|${row.updatedAt}`;
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

/** The search documents of a replica row (none for a tombstone). */
export function docsOfRow(table: IndexedTable, row: AnyRow): SearchDoc[] {
  if (row.deleted) return [];
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
    case 'timelineEvents': {
      const e = row as TimelineEvent;
      if (e.body.trim() === '') return [];
      return [
        {
          ...base('event', e.id, e.incidentId),
          customerId: e.customerId,
          incidentId: e.incidentId,
          at: e.at,
          title: '',
          text: e.body,
        },
      ];
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
    const rowId = kind === 'finding' ? key.slice(0, key.indexOf(':')) : key;
    const rows = wanted.get(table) ?? new Map<string, string[]>();
    rows.set(rowId, [...(rows.get(rowId) ?? []), docId]);
    wanted.set(table, rows);
  }
  const out = new Map<string, DocText>();
  await Promise.all(
    [...wanted].map(async ([table, rows]) => {
      const ids = [...rows.keys()];
      const found = await (db.table(table) as Table<AnyRow, string>).bulkGet(ids);
      for (const row of found) {
        if (!row) continue;
        for (const doc of docsOfRow(table, row)) {
          if (rows.get(row.id)?.includes(doc.id)) out.set(doc.id, { title: doc.title, text: doc.text });
        }
      }
    }),
  );
  return out;
}

/** Every row of a table, in pages (a first build, or a check after a cold start). */
export async function eachRowOf(
  db: ReplicaDb,
  table: IndexedTable,
  onPage: (rows: AnyRow[]) => void | Promise<void>,
  pageSize = 2000,
): Promise<void> {
  const t = db.table(table) as Table<AnyRow, string>;
  let after: string | null = null;
  for (;;) {
    const page: AnyRow[] = await (after === null ? t.orderBy(':id') : t.where(':id').above(after))
      .limit(pageSize)
      .toArray();
    if (page.length === 0) return;
    await onPage(page);
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) return;
  }
}

/** The rows of a table whose ids lie in [from, to] (a change the replica reported). */
export async function rowsBetween(
  db: ReplicaDb,
  table: IndexedTable,
  from: string,
  to: string,
): Promise<AnyRow[]> {
  const t = db.table(table) as Table<AnyRow, string>;
  return from === to
    ? (await t.bulkGet([from])).filter((r): r is AnyRow => !!r)
    : t.where(':id').between(from, to, true, true).toArray();
}
