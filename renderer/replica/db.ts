// One Dexie database per (API origin, user): what a user synced from one server never mixes
// with another user's or another server's data on the same computer.
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type {
  Absence,
  Alert,
  HealthSnapshot,
  Contact,
  Customer,
  DeployedProduct,
  DutyShift,
  EntityName,
  EntityRow,
  HealthCheck,
  Incident,
  Report,
  Request,
  TimelineEvent,
  User,
} from '../../shared/model/entities';
import type { ErrorDetail } from '../../shared/model/api';
import type { Actor, MutationName } from '../../shared/mutations';
import { SCHEMA_VERSIONS, TABLE_OF, type EntityTableName } from './schema';

/** A local change: applied to the replica at once, pushed to the server when possible. */
export interface OutboxEntry {
  /** The mutation id sent to the server: increasing per client (IndexedDB never reuses keys). */
  id: number;
  name: MutationName;
  args: unknown;
  /** Who made it, and the instant the mutation logic saw: a rebase re-runs it identically. */
  actor: Actor;
  now: string;
  /** 'pending': not yet accepted; 'applied': the server applied it, its rows are not pulled yet. */
  status: 'pending' | 'applied';
  /** Rows the change wrote locally (for links from the needs-attention list). */
  rows: { entity: EntityName; id: string }[];
  /** The last rebase could not re-apply it locally (the server decides; it stays queued). */
  localError: ErrorDetail | null;
  /** Push attempts that reached the server without an answer for this mutation. */
  attempts: number;
}

/** A change the server rejected: shown in the needs-attention list until dismissed. */
export interface AttentionItem {
  id: number;
  mutationId: number;
  name: MutationName;
  args: unknown;
  rows: { entity: EntityName; id: string }[];
  /** The refusal: a registered code (or what an older server sent), its message and params. */
  error: Omit<ErrorDetail, 'code'> & { code: string };
  /** When the user made the change, and when the server refused it. */
  madeAt: string;
  rejectedAt: string;
}

/** The server's state of a row a pending local change overwrote; null: the server has no such row. */
export interface ShadowRow {
  key: string;
  entity: EntityName;
  id: string;
  row: EntityRow | null;
}

export interface TimelineStateRow {
  incidentId: string;
  /** How the complete timeline got here. */
  source: 'bootstrap' | 'fetched';
  at: string;
}

export interface SyncError {
  /** network | server | auth | rate-limited | storage-full | bad-response | server-reset | ... */
  code: string;
  message: string;
  at: string;
}

export interface SyncProgress {
  /** True while downloading everything from scratch (first sync, or after a server reset). */
  bootstrap: boolean;
  rows: number;
  pages: number;
  startedAt: string;
  /** Rows still to come, when the server tells (else null: the bar is indeterminate). */
  remaining: number | null;
  /**
   * What the server still owes after the last page written (its `stage`): 'records' while
   * rows other than timeline events are coming, 'timelines' once only timeline events of the
   * catch-up are, 'changes' after; null before the first page or from an older server.
   */
  stage?: 'records' | 'timelines' | 'changes' | null;
}

export interface SyncMeta {
  key: 'sync';
  clientId: string;
  /** Opaque cursor of the last complete page written; null: bootstrap from scratch. */
  cursor: string | null;
  /** 'all': every timeline event is replicated; 'open-only': closed incidents' on demand. */
  timelines: 'all' | 'open-only';
  /** A complete pull finished since the last (re)bootstrap: the replica is whole. */
  bootstrapped: boolean;
  /**
   * When the replica became usable since the last (re)bootstrap: it held every row of its
   * scope except timeline events (the first stage of the bootstrap was written), or the whole
   * sync ended (older servers). null while a bootstrap's first stage runs; absent in replicas
   * synced before this field existed (they are bootstrapped). Read it with `isReplicaUsable`.
   */
  usableAt?: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: SyncError | null;
  /** Set while a pull runs, cleared at its end. */
  progress: SyncProgress | null;
  /** What the sync is doing now (any window may show it; only the leader writes it). */
  activity: { phase: 'push' | 'pull'; since: string } | null;
  /** Something the user should know about the replica, e.g. the server was reset. */
  notice: { code: 'server-reset'; at: string; pending: number } | null;
}

export type MetaRow = SyncMeta;

export type EntityTables = {
  users: EntityTable<User, 'id'>;
  absences: EntityTable<Absence, 'id'>;
  dutyShifts: EntityTable<DutyShift, 'id'>;
  customers: EntityTable<Customer, 'id'>;
  contacts: EntityTable<Contact, 'id'>;
  deployedProducts: EntityTable<DeployedProduct, 'id'>;
  incidents: EntityTable<Incident, 'id'>;
  timelineEvents: EntityTable<TimelineEvent, 'id'>;
  requests: EntityTable<Request, 'id'>;
  healthChecks: EntityTable<HealthCheck, 'id'>;
  reports: EntityTable<Report, 'id'>;
  alerts: EntityTable<Alert, 'id'>;
  healthSnapshots: EntityTable<HealthSnapshot, 'id'>;
};

export class ReplicaDb extends Dexie {
  declare users: EntityTables['users'];
  declare absences: EntityTables['absences'];
  declare dutyShifts: EntityTables['dutyShifts'];
  declare customers: EntityTables['customers'];
  declare contacts: EntityTables['contacts'];
  declare deployedProducts: EntityTables['deployedProducts'];
  declare incidents: EntityTables['incidents'];
  declare timelineEvents: EntityTables['timelineEvents'];
  declare requests: EntityTables['requests'];
  declare healthChecks: EntityTables['healthChecks'];
  declare reports: EntityTables['reports'];
  declare alerts: EntityTables['alerts'];
  declare healthSnapshots: EntityTables['healthSnapshots'];
  declare outbox: EntityTable<OutboxEntry, 'id'>;
  declare attention: EntityTable<AttentionItem, 'id'>;
  declare shadow: EntityTable<ShadowRow, 'key'>;
  declare timelineState: EntityTable<TimelineStateRow, 'incidentId'>;
  declare meta: EntityTable<MetaRow, 'key'>;

  constructor(name: string, options?: DexieOptions, versions = SCHEMA_VERSIONS) {
    super(name, options);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }

  /** The table of an entity, typed by its row. */
  tableOf<E extends EntityName>(entity: E): Table<EntityRow<E>, string> {
    return this.table(TABLE_OF[entity]) as unknown as Table<EntityRow<E>, string>;
  }

  entityTable(name: EntityTableName): Table<EntityRow, string> {
    return this.table(name) as unknown as Table<EntityRow, string>;
  }
}

/** The database name of a (server origin, user) pair. */
export function replicaName(origin: string, userId: string): string {
  return `tam-replica:${origin}:${userId}`;
}

export function openReplica(origin: string, userId: string, options?: DexieOptions): ReplicaDb {
  return new ReplicaDb(replicaName(origin, userId), options);
}

/** 'entity:id': the key of a row across tables (shadow rows, pending-row sets). */
export function rowKey(entity: EntityName, id: string): string {
  return `${entity}:${id}`;
}
