// The parts of PouchDB the baseline uses (the packages ship no types).
declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
  }
  interface Database {
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  interface PouchDBStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    replicate(
      source: Database,
      target: Database,
      options?: { batch_size?: number; batches_limit?: number },
    ): Promise<ReplicationResult>;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-core' {
  interface Database {
    bulkDocs(docs: object[]): Promise<Array<{ ok?: boolean; error?: string }>>;
    info(): Promise<{ doc_count: number }>;
  }
  interface PouchDBStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: Record<string, unknown>): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Handler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;
  function expressPouchDB(PouchDB: unknown, options?: Record<string, unknown>): Handler;
  export default expressPouchDB;
}
