// One Dexie database per (API origin, user): what a user synced from one server never mixes
// with another user's or another server's data on the same computer.
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type {
  Absence,
  Alert,
  Attachment,
  HealthSnapshot,
  SavedView,
  Contact,
  Customer,
  DeployedProduct,
  DutyShift,
  EntityName,
  EntityRow,
  HealthCheck,
  Incident,
  Report,
  ReplyTemplate,
  Request,
  User,
} from '../../shared/model/entities';
import type { ErrorDetail, PullStage } from '../../shared/model/api';
import type { Actor, MutationName } from '../../shared/mutations';
import { PACKED_ENTITIES, SCHEMA_VERSIONS, TABLE_OF, type EntityTableName } from './schema';
import type { PackedTimeline } from './timelines';
import { encryptionMiddleware, type EncryptionOptions } from './encryption/middleware';

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
  /** A timeline event's incident: the packed record the event lives in (schema version 3). */
  parentId?: string;
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
   * What the server still owes after the last page written (its `stage`, shared/model/api.ts):
   * 'records' while the open work (every row but closed incidents, and the open incidents'
   * timelines) is coming, 'closed-incidents', then 'closed-timelines', then 'changes'; an older
   * server says 'timelines' once only timeline events are left; null before the first page or
   * from a server without stages.
   */
  stage?: PullStage | null;
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
  /**
   * When the open work (customers, directory, open incidents WITH their whole timelines) was
   * written, from a server that sends it first: set with `usableAt`, null when the server sent
   * timeline events only after every other row (older servers). Absent in older replicas.
   */
  openWorkAt?: string | null;
  /**
   * When every closed incident of the scope was written since the last (re)bootstrap (the
   * server's closed-incidents stage is over): views that count history (charts, portfolio,
   * reports, exports) wait for it. null while it is arriving; absent in older replicas (they
   * are bootstrapped). Read it with `closedHistoryState` (closed-history.ts).
   */
  historyAt?: string | null;
  /**
   * How much of the closed incidents has arrived, 0-1, while `historyAt` is null: the server
   * sends them ordered by id, and ids are random, so the last id's place in the id space
   * estimates the share (the "history still arriving (N%)" display).
   */
  historyShare?: number | null;
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

/** The search worker's persisted index (renderer/search/worker.ts). */
export interface SearchIndexRow {
  key: 'index';
  /** Format of `json` and `rows`; another value is ignored (the index is rebuilt). */
  format: number;
  /** The search index (shared/search/engine.ts), serialised. */
  json: string;
  /** Per indexed row ('table:id'): its signature and, when not the usual one, its document ids. */
  rows: Record<string, string>;
  savedAt: string;
}

/**
 * Attachment bytes on this computer. 'upload': a file attached here and not yet uploaded (its
 * row is local until the server's arrives; never evicted); 'cache': a downloaded copy.
 */
export interface AttachmentFile {
  /** The attachment's id. */
  id: string;
  kind: 'upload' | 'cache';
  blob: Blob;
  size: number;
  sha256: string;
  /** Milliseconds since the epoch of the last use (the cache evicts the oldest first). */
  lastUsedAt: number;
  /** An upload's row as it will be on the server (the start request is made from it). */
  upload?: {
    customerId: string;
    incidentId: string | null;
    requestId: string | null;
    fileName: string;
    mediaType: string;
    uploadedBy: string;
    at: string;
    /** Bytes the server is known to hold (progress survives a restart). */
    sentBytes: number;
    /** The last refusal that stopped the upload (a code of the error registry), if any. */
    error: { code: string; message: string } | null;
  };
}

export type EntityTables = {
  users: EntityTable<User, 'id'>;
  absences: EntityTable<Absence, 'id'>;
  dutyShifts: EntityTable<DutyShift, 'id'>;
  customers: EntityTable<Customer, 'id'>;
  contacts: EntityTable<Contact, 'id'>;
  deployedProducts: EntityTable<DeployedProduct, 'id'>;
  incidents: EntityTable<Incident, 'id'>;
  /** Packed: one record per incident with its events (renderer/replica/timelines.ts). */
  timelines: EntityTable<PackedTimeline, 'incidentId'>;
  requests: EntityTable<Request, 'id'>;
  healthChecks: EntityTable<HealthCheck, 'id'>;
  reports: EntityTable<Report, 'id'>;
  alerts: EntityTable<Alert, 'id'>;
  attachments: EntityTable<Attachment, 'id'>;
  healthSnapshots: EntityTable<HealthSnapshot, 'id'>;
  replyTemplates: EntityTable<ReplyTemplate, 'id'>;
  savedViews: EntityTable<SavedView, 'id'>;
};

export class ReplicaDb extends Dexie {
  declare users: EntityTables['users'];
  declare absences: EntityTables['absences'];
  declare dutyShifts: EntityTables['dutyShifts'];
  declare customers: EntityTables['customers'];
  declare contacts: EntityTables['contacts'];
  declare deployedProducts: EntityTables['deployedProducts'];
  declare incidents: EntityTables['incidents'];
  declare timelines: EntityTables['timelines'];
  declare requests: EntityTables['requests'];
  declare healthChecks: EntityTables['healthChecks'];
  declare reports: EntityTables['reports'];
  declare alerts: EntityTables['alerts'];
  declare attachments: EntityTables['attachments'];
  declare attachmentFiles: EntityTable<AttachmentFile, 'id'>;
  declare healthSnapshots: EntityTables['healthSnapshots'];
  declare replyTemplates: EntityTables['replyTemplates'];
  declare savedViews: EntityTables['savedViews'];
  declare outbox: EntityTable<OutboxEntry, 'id'>;
  declare attention: EntityTable<AttentionItem, 'id'>;
  declare shadow: EntityTable<ShadowRow, 'key'>;
  declare timelineState: EntityTable<TimelineStateRow, 'incidentId'>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare searchIndex: EntityTable<SearchIndexRow, 'key'>;

  /** The key the sensitive fields are sealed with (null: this instance stores them in clear). */
  readonly encryptionKey: CryptoKey | null;

  /**
   * `encryption`: seal the sensitive fields (encryption/fields.ts) with this key on every write
   * and open them on every read (encryption/middleware.ts); every context that opens the
   * replica (window, worker) must pass the same key.
   */
  constructor(
    name: string,
    options?: DexieOptions,
    versions = SCHEMA_VERSIONS,
    encryption?: EncryptionOptions,
  ) {
    super(name, options);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.encryptionKey = encryption?.key ?? null;
    if (encryption) this.use(encryptionMiddleware(encryption));
  }

  /** The table of an entity, typed by its row (not for packed entities: see timelines.ts). */
  tableOf<E extends EntityName>(entity: E): Table<EntityRow<E>, string> {
    if (PACKED_ENTITIES.has(entity))
      throw new Error(
        `${entity} rows are packed per incident: read and write them through renderer/replica/timelines.ts`,
      );
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

export function openReplica(
  origin: string,
  userId: string,
  options?: DexieOptions,
  encryption?: EncryptionOptions,
): ReplicaDb {
  return new ReplicaDb(replicaName(origin, userId), options, SCHEMA_VERSIONS, encryption);
}

/** 'entity:id': the key of a row across tables (shadow rows, pending-row sets). */
export function rowKey(entity: EntityName, id: string): string {
  return `${entity}:${id}`;
}
