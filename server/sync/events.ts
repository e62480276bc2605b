// Server-sent events: a small "poke" to every connected client whose scope a change touched,
// so that it pulls at once; a comment line as heartbeat. On PostgreSQL the pokes travel
// between API processes with LISTEN/NOTIFY, so a change made through another process pokes
// this process's clients too.
import type { ServerResponse } from 'node:http';
import pg from 'pg';
import type { Actor } from '../../shared/mutations/types';
import type { Db } from '../db';
import { GLOBAL_SCOPE } from '../db/schema';
import type { ChangeNotice } from './push';
import { pullScope } from './scope';

const CHANNEL = 'tam_changes';

interface Connection {
  actor: Actor;
  res: ServerResponse;
  scope: Set<string>;
  /** Public id of the session the stream was opened with: revoking it ends the stream. */
  sessionId: string | undefined;
  openedAt: number;
}

/** Event streams one user may hold open in one process; a new one closes the oldest. */
export const DEFAULT_MAX_STREAMS_PER_USER = 5;

/** A message between API processes: sessions whose streams must end, or users whose streams must reopen. */
interface EndNotice {
  endSessions?: string[];
  endUsers?: string[];
}

export class ChangeHub {
  private readonly connections = new Set<Connection>();
  private heartbeat: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private closed = false;
  private opened = 0;

  constructor(
    private readonly db: Db,
    private readonly heartbeatMs: number,
    private readonly maxStreamsPerUser = DEFAULT_MAX_STREAMS_PER_USER,
  ) {}

  async start(): Promise<void> {
    this.heartbeat = setInterval(() => this.writeAll(': heartbeat\n\n'), this.heartbeatMs);
    this.heartbeat.unref();
    if (this.db.config.kind === 'postgres') await this.listen(this.db.config.url);
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const payload = JSON.parse(msg.payload) as ChangeNotice | EndNotice;
        if ('endSessions' in payload || 'endUsers' in payload) this.endLocal(payload);
        else this.deliver(payload as ChangeNotice);
      } catch {
        // A malformed notice: nothing to deliver.
      }
    });
    client.on('error', () => {
      if (this.closed) return;
      this.listener = undefined;
      setTimeout(() => void this.listen(url).catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private readonly listeners = new Set<(notice: ChangeNotice) => void>();

  /** Calls `listener` with every change delivered to this process (its own, and on PostgreSQL the others'). */
  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces committed changes (to this process's clients, and on PostgreSQL to all processes). */
  publish(notice: ChangeNotice): void {
    if (this.db.kind === 'postgres' && this.db.pool) {
      let payload = JSON.stringify(notice);
      // NOTIFY payloads are limited to 8000 bytes: then poke everybody.
      if (payload.length > 7000)
        payload = JSON.stringify({ ...notice, customerIds: [GLOBAL_SCOPE], alerts: undefined });
      this.db.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]).catch(() => this.deliver(notice));
    } else {
      this.deliver(notice);
    }
  }

  /**
   * Ends the streams of these sessions (revoked, signed out) and of these users (deactivated,
   * role or team changed: they reconnect with their new scope, or get 401), in every process.
   */
  end(notice: EndNotice): void {
    this.endLocal(notice);
    if (this.db.kind === 'postgres' && this.db.pool) {
      const payload = JSON.stringify(notice);
      if (payload.length <= 7000)
        this.db.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]).catch(() => undefined);
    }
  }

  private endLocal(notice: EndNotice): void {
    const sessions = new Set(notice.endSessions ?? []);
    const users = new Set(notice.endUsers ?? []);
    for (const conn of this.connections) {
      if ((conn.sessionId !== undefined && sessions.has(conn.sessionId)) || users.has(conn.actor.id))
        this.endConnection(conn);
    }
  }

  private endConnection(conn: Connection): void {
    this.connections.delete(conn);
    conn.res.end();
  }

  private deliver(notice: ChangeNotice): void {
    const message = `event: poke\ndata: ${JSON.stringify({ version: notice.version })}\n\n`;
    const everyone = notice.scopeMayChange || notice.customerIds.includes(GLOBAL_SCOPE);
    for (const conn of this.connections) {
      if (everyone || notice.customerIds.some((id) => conn.scope.has(id))) conn.res.write(message);
      for (const alert of notice.alerts ?? []) {
        if (alert.recipientId === conn.actor.id)
          conn.res.write(`event: alert\ndata: ${JSON.stringify(alert)}\n\n`);
      }
      if (notice.scopeMayChange) void this.refreshScope(conn);
    }
    for (const listener of this.listeners) listener(notice);
  }

  private async refreshScope(conn: Connection): Promise<void> {
    try {
      conn.scope = await pullScope(this.db.kysely, conn.actor);
    } catch {
      // Keep the old scope; the next change refreshes it again.
    }
  }

  /** Takes over a response as an event stream until the client goes away or the hub closes. */
  async attach(
    actor: Actor,
    res: ServerResponse,
    headers: Record<string, string>,
    sessionId?: string,
  ): Promise<void> {
    const conn: Connection = {
      actor,
      res,
      scope: await pullScope(this.db.kysely, actor),
      sessionId,
      openedAt: this.opened++,
    };
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected\n\nevent: ready\ndata: {}\n\n`);
    this.connections.add(conn);
    res.on('close', () => this.connections.delete(conn));
    // At most maxStreamsPerUser per user: close the oldest (a forgotten tab, a crashed client).
    const mine = [...this.connections]
      .filter((c) => c.actor.id === actor.id)
      .sort((a, b) => a.openedAt - b.openedAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.maxStreamsPerUser)))
      this.endConnection(old);
  }

  /** Open streams of a user in this process. */
  countFor(userId: string): number {
    return [...this.connections].filter((c) => c.actor.id === userId).length;
  }

  get size(): number {
    return this.connections.size;
  }

  private writeAll(text: string): void {
    for (const conn of this.connections) conn.res.write(text);
  }

  /** Ends every stream and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const conn of this.connections) conn.res.end();
    this.connections.clear();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.end().catch(() => undefined);
  }
}
