// The replica's IndexedDB schema, as a list of versions. Never edit a released version:
// add a new one with its `stores` changes and, where rows must change shape, an `upgrade`.
// Dexie keeps the tables of earlier versions unless a later one sets them to null.
//
// Index notes (each costs 10-15% of the write time of a bulk load, so only what a view or
// the engine reads; the current set, each with the query that needs it, is CURRENT_INDEXES
// below): a compound index also serves queries on its first part (Dexie "virtual index"),
// so `[customerId+status]` answers `where('customerId')` too.
import type { Transaction } from 'dexie';
import type { EntityName } from '../../shared/model/entities';
import { packTimelines } from './timelines';
import { rebuildClosedHistory } from './closed-history';

/**
 * Dexie table of each synced entity. Timeline events are packed: one record of `timelines`
 * per incident holds its events (renderer/replica/timelines.ts), so `timelineEvent` rows are
 * read and written through that module, never through a table of rows.
 */
export const TABLE_OF = {
  user: 'users',
  absence: 'absences',
  dutyShift: 'dutyShifts',
  customer: 'customers',
  contact: 'contacts',
  deployedProduct: 'deployedProducts',
  incident: 'incidents',
  timelineEvent: 'timelines',
  request: 'requests',
  healthCheck: 'healthChecks',
  report: 'reports',
  alert: 'alerts',
  attachment: 'attachments',
  healthSnapshot: 'healthSnapshots',
  replyTemplate: 'replyTemplates',
  savedView: 'savedViews',
} as const satisfies Record<EntityName, string>;

export type EntityTableName = (typeof TABLE_OF)[EntityName];
export const ENTITY_TABLES = Object.values(TABLE_OF) as EntityTableName[];

/** Entities stored packed (several rows in one record), with their own read and write path. */
export const PACKED_ENTITIES: ReadonlySet<EntityName> = new Set<EntityName>(['timelineEvent']);

/** Tables of entities that belong to a customer (all have a customerId index, real or virtual). */
export const CUSTOMER_CHILD_TABLES: readonly EntityTableName[] = [
  'contacts',
  'deployedProducts',
  'incidents',
  'timelines',
  'requests',
  'healthChecks',
  'reports',
  'attachments',
  'healthSnapshots',
];

/** The engine's own tables. */
export const LOCAL_TABLES = [
  'outbox',
  'attention',
  'shadow',
  'timelineState',
  'meta',
  'searchIndex',
] as const;

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Directory and coverage (every user sees them).
      users: 'id, email, team',
      absences: 'id, [userId+startDate], endDate',
      dutyShifts: 'id, startsAt, endsAt, userId',
      // Customer accounts and what hangs off them.
      customers: 'id, tamId, backupTamId, team, nameLatin',
      contacts: 'id, customerId',
      deployedProducts: 'id, customerId, supportEndsOn',
      incidents: 'id, [customerId+status], [customerId+receivedAt], [status+receivedAt], receivedAt',
      // The biggest table (about a million rows for a manager): as few indexes as possible.
      timelineEvents: 'id, [incidentId+at], customerId',
      requests: 'id, [customerId+stage], stage, incidentId',
      healthChecks: 'id, [customerId+scheduledDate], scheduledDate, status',
      reports: 'id, [customerId+sentAt], sentAt, incidentId',
      // Local changes not yet confirmed by the server, in order (the key is the mutation id).
      outbox: '++id, status',
      // Changes the server rejected, for the author to redo or dismiss.
      attention: '++id, mutationId',
      // The server's state of each row a pending local change overwrote ('entity:id').
      shadow: 'key',
      // Incidents whose whole timeline is on this computer (fetched on demand or bootstrapped).
      timelineState: 'incidentId',
      // Sync metadata (client id, cursor, last success, last error, progress).
      meta: 'key',
    },
  },
  {
    version: 2,
    stores: {
      // The user's own alerts (the server makes them; shared/alerts): the notifications centre
      // lists them newest first, an incident page shows its own.
      alerts: 'id, at, incidentId',
    },
  },
  {
    version: 3,
    stores: {
      // Packed timelines: one record per incident (its events in time order) replaces one
      // record per event; the upgrade packs the events and keeps the outbox as it is.
      timelines: 'incidentId, customerId',
      timelineEvents: null,
      // Indexes no view reads are dropped: users.email, customers.team, dutyShifts.endsAt and
      // .userId, healthChecks.status, attention.mutationId.
      users: 'id, team',
      customers: 'id, tamId, backupTamId, nameLatin',
      dutyShifts: 'id, startsAt',
      healthChecks: 'id, [customerId+scheduledDate], scheduledDate',
      attention: '++id',
    },
    upgrade: packTimelines,
  },
  {
    version: 4,
    stores: {
      // The search worker's persisted full-text index (renderer/search): one row, so a cold
      // start loads it instead of rebuilding it. Derived data: deleting it only costs a rebuild.
      searchIndex: 'key',
    },
  },
  {
    version: 5,
    stores: {
      // Files attached to incidents and requests (the synced rows; their bytes are fetched on demand).
      attachments: 'id, incidentId, requestId, customerId',
      // Attachment bytes on this computer (renderer/attachments): files waiting to be uploaded
      // (kind 'upload', never evicted) and downloaded copies (kind 'cache', least recently used
      // evicted past the cache limit; the few cached files are sorted in memory).
      attachmentFiles: 'id, kind',
    },
  },
  {
    version: 6,
    stores: {
      // Each customer's weekly health snapshots (server/health): the trend chart reads a
      // customer's last 52 weeks, the portfolio's sparklines every customer's.
      healthSnapshots: 'id, [customerId+weekStart], weekStart',
    },
  },
  {
    version: 7,
    stores: {
      // The user's own saved views (named Incidents-list filters): a handful per user, listed
      // whole in the navigation, so no index beyond the id.
      savedViews: 'id',
    },
  },
  {
    version: 8,
    stores: {
      // Reply templates (shared/templates): the team's set and the user's own, a few dozen rows
      // read whole (the composer filters them by language, the management screen by scope).
      replyTemplates: 'id',
    },
  },
  {
    version: 9,
    stores: {
      // Closed history in buckets (renderer/replica/closed-history.ts): a customer's closed
      // incidents of one month as one record, keyed '<customerId>:<YYYY-MM>', so a customer's
      // buckets are one primary-key range and no secondary index is needed. The upgrade fills
      // them from the incidents table; the outbox is untouched.
      closedHistory: 'key',
    },
    upgrade: rebuildClosedHistory,
  },
];

/**
 * Derived tables the engine keeps in step with the entity tables (written with them, in the
 * same transactions, cleared with them on a re-bootstrap).
 */
export const DERIVED_TABLES = ['closedHistory'] as const;

/**
 * Every secondary index of the current version and the query that reads it (a test checks
 * that this list and the schema agree; add the query here when you add an index).
 */
export const CURRENT_INDEXES: Record<string, Record<string, string>> = {
  users: { team: 'queries.users({ team }) — the team filter of people lists' },
  absences: {
    '[userId+startDate]': "queries.absences({ userId }) — one person's absences",
    endDate: 'queries.absences({ from, to }) — absences overlapping a period (coverage, Today)',
  },
  dutyShifts: { startsAt: 'queries.dutyRoster / onDutyAt — the roster of a period, who is on duty now' },
  customers: {
    tamId: "queries.customersOfTam — a TAM's own customers",
    backupTamId: 'queries.customersOfTam — customers the TAM backs up',
    nameLatin: 'queries.customersInScope / allCustomersInScope — customer lists by Latin name',
  },
  contacts: { customerId: "queries.contactsOf, DexieReadPort.listByCustomer — a customer's contacts" },
  deployedProducts: {
    customerId: "queries.deployedProductsOf, DexieReadPort.listByCustomer — a customer's products",
    supportEndsOn: 'admin/ProductSupportPanel — products whose support ends soon',
  },
  incidents: {
    '[customerId+status]':
      "queries.incidentsByCustomer({ status }), incidents/query — a customer's open incidents",
    '[customerId+receivedAt]':
      "queries.incidentsByCustomer, incidents/query — a customer's incidents, newest first",
    '[status+receivedAt]': 'queries.incidentsByStatus / openIncidents, today/data — Today and the open lists',
    receivedAt: 'queries.recentIncidents, incidents/query — every incident, newest first',
  },
  timelines: {
    customerId: 'timelines.eventsOfCustomer — the customer timeline, manager charts',
  },
  requests: {
    '[customerId+stage]': "queries.requests({ customerId, stage }) — a customer's requests by stage",
    stage: 'queries.requests({ stage }), today/data — requests waiting at a stage',
    incidentId: "queries.requests({ incidentId }) — an incident's requests",
  },
  healthChecks: {
    '[customerId+scheduledDate]': "queries.healthChecks({ customerId }) — a customer's health checks",
    scheduledDate: 'queries.healthChecks({ from, to }) — health checks coming up (Today, calendar)',
  },
  reports: {
    '[customerId+sentAt]': "queries.reportLog({ customerId }) — a customer's report log",
    sentAt: 'queries.reportLog({ from, to }) — reports sent in a period',
    incidentId: "queries.reportsOfIncident — an incident's daily reports",
  },
  alerts: {
    at: 'alerts/data — the notifications centre, newest first',
    incidentId: "alerts/data — an incident's own alerts",
  },
  attachments: {
    incidentId: "attachments/files.attachmentsOf — an incident's files",
    requestId: "attachments/files.attachmentsOf — a request's files",
    customerId: "quarterly-report — a customer's files listed per incident",
  },
  healthSnapshots: {
    '[customerId+weekStart]': "manager/health.useHealthSnapshots(customerId) — a customer's trend",
    weekStart: 'manager/health.useHealthSnapshots() — the portfolio sparklines of the last year',
  },
  attachmentFiles: { kind: 'attachments/uploader and files — pending uploads, the download cache' },
  outbox: { status: 'SyncEngine.pushAll, rebase — pending changes to push, applied ones to confirm' },
  // closedHistory: none. closed-history.closedIncidentsOfCustomer (charts, quarterly report,
  // exports) reads the primary-key range '<customerId>:' … '<customerId>:\uffff';
  // allClosedIncidents (portfolio) reads the whole (small) table.
};

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
