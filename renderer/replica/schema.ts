// The replica's IndexedDB schema, as a list of versions. Never edit a released version:
// add a new one with its `stores` changes and, where rows must change shape, an `upgrade`.
// Dexie keeps the tables of earlier versions unless a later one sets them to null.
//
// Index notes (they cost write time on every bulk load, so only what views and the engine
// need): a compound index also serves queries on its first part (Dexie "virtual index"),
// so `[customerId+status]` answers `where('customerId')` too.
import type { Transaction } from 'dexie';
import type { EntityName } from '../../shared/model/entities';

/** Dexie table of each synced entity. */
export const TABLE_OF = {
  user: 'users',
  absence: 'absences',
  dutyShift: 'dutyShifts',
  customer: 'customers',
  contact: 'contacts',
  deployedProduct: 'deployedProducts',
  incident: 'incidents',
  timelineEvent: 'timelineEvents',
  request: 'requests',
  healthCheck: 'healthChecks',
  report: 'reports',
  alert: 'alerts',
  healthSnapshot: 'healthSnapshots',
} as const satisfies Record<EntityName, string>;

export type EntityTableName = (typeof TABLE_OF)[EntityName];
export const ENTITY_TABLES = Object.values(TABLE_OF) as EntityTableName[];

/** Tables of entities that belong to a customer (all have a customerId index, real or virtual). */
export const CUSTOMER_CHILD_TABLES: readonly EntityTableName[] = [
  'contacts',
  'deployedProducts',
  'incidents',
  'timelineEvents',
  'requests',
  'healthChecks',
  'reports',
  'healthSnapshots',
];

/** The engine's own tables. */
export const LOCAL_TABLES = ['outbox', 'attention', 'shadow', 'timelineState', 'meta'] as const;

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
    // Versions 3-6 belong to other changes being merged (see HELPER numbering); the lead
    // renumbers this one at merge if needed.
    version: 7,
    stores: {
      // Each customer's weekly health snapshots (server/health): the trend chart reads a
      // customer's last 52 weeks, the portfolio's sparklines every customer's.
      healthSnapshots: 'id, [customerId+weekStart], weekStart',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
