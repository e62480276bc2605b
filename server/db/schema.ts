// The SQL schema as Kysely sees it. One schema for both engines: text for ids, JSON and
// instants; integers (0/1) for flags; bigint sequence numbers read back as JS numbers.

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
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_start: number;
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
}

