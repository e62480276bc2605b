// The SQL schema as Kysely sees it. One schema for both engines: text for ids, JSON and
// instants; integers (0/1) for flags; bigint sequence numbers read back as JS numbers.
import type { Generated } from 'kysely';

/** Pseudo customer id of rows every signed-in user sees (users, absences, duty roster). */
export const GLOBAL_SCOPE = '_global';

export interface RecordsTable {
  entity: string;
  id: string;
  /** Server change sequence of the row's last change (unique, gap-free in commit order). */
  version: number;
  /** The customer the row belongs to (a customer row: itself), or GLOBAL_SCOPE. */
  customer_id: string;
  /** For a timeline event: its incident. */
  parent_id: string | null;
  /** For an incident: 1 while not resolved/closed, else 0. */
  open: number | null;
  deleted: number;
  /** The whole row as JSON, ready to send (envelope included). */
  data: string;
}

export interface CustomerScopeTable {
  customer_id: string;
  tam_id: string;
  backup_tam_id: string | null;
  team: string;
  deleted: number;
}

export interface AccountsTable {
  user_id: string;
  email: string;
  password_hash: string;
  /** 1 while the user still signs in with a one-time password. */
  must_change_password: Generated<number>;
  /** 0 once an administrator deactivated the user. */
  active: Generated<number>;
}

export interface SessionsTable {
  token_hash: string;
  /** Public id (what GET /v1/auth/sessions shows and DELETE names); never the token. */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_used_at: number;
  address: string | null;
  user_agent: string | null;
  /** Set when the session was revoked (kept until it would have expired, to answer session_revoked). */
  revoked_at: number | null;
  revoked_reason: string | null;
}

/** Sign-in attempts per key (`ea:<email>|<address>`, `a:<address>`), counted before the password is checked. */
export interface LoginFailuresTable {
  key: string;
  failures: number;
  next_allowed_at: number;
  last_at: number;
}

export interface AuditTable {
  seq: Generated<number>;
  at: number;
  actor: string | null;
  action: string;
  target: string | null;
  address: string | null;
}

export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  last_mutation_id: number | null;
  created_at: number;
}

export interface ClientMutationsTable {
  client_id: string;
  mutation_id: number;
  status: 'applied' | 'rejected';
  error: string | null;
  processed_at: number;
}

export interface ScopeSetsTable {
  hash: string;
  customer_ids: string;
}

export interface SyncStateTable {
  id: number;
  last_version: number;
}

/** Secrets made by a migration on first start (e.g. `cursor_hmac`, the pull cursor key). */
export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface AttachmentUploadsTable {
  id: string;
  user_id: string;
  customer_id: string;
  size: number;
  sha256: string;
  chunk_size: number;
  chunk_count: number;
  created_at: number;
  /** Set once the bytes were verified (and scanned); null while chunks are coming. */
  completed_at: number | null;
}

export interface AttachmentChunksTable {
  upload_id: string;
  n: number;
  size: number;
}

export interface Database {
  records: RecordsTable;
  customer_scope: CustomerScopeTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  sync_clients: SyncClientsTable;
  client_mutations: ClientMutationsTable;
  scope_sets: ScopeSetsTable;
  sync_state: SyncStateTable;
  server_secrets: ServerSecretsTable;
  audit: AuditTable;
  attachment_uploads: AttachmentUploadsTable;
  attachment_chunks: AttachmentChunksTable;
}
