// Wires the sync engine into the window: leader election across windows, the triggers
// (start-up, online, heartbeat, local change, server poke, 60 s, resume), and the bridge as
// transport. One controller per open replica; the session starts and stops it.
import { liveQuery, type Subscription } from 'dexie';
import type { DesktopApi } from '../../shared/bridge/desktop-api';
import type { ReplicaDb, SyncMeta } from '../replica/db';
import { STORAGE_FULL_CODE } from '../replica/errors';
import { SyncEngine } from './engine';
import { electLeader, type LeaderElection, type LockManagerLike } from './leader';
import { SyncScheduler, type SyncTrigger } from './scheduler';
import { useSyncStatus } from './status';
import { bridgeTransport, type Transport } from './transport';
import { workerWriter } from './writer/client';
import { directWriter, type ReplicaWriter } from './writer/direct';

export interface SyncController {
  /** Asks for a sync now (from any window: a follower asks the leader). */
  requestSync(reason: SyncTrigger): void;
  /** The user signed in again in this window: lead (this window has the token) and push. */
  signedIn(): void;
  fetchTimeline(incidentId: string): Promise<void>;
  stop(): void;
}

export interface SyncControllerOptions {
  db: ReplicaDb;
  bridge: Pick<DesktopApi, 'apiRequest' | 'onEvent'>;
  timelines: SyncMeta['timelines'];
  /** The server refused the token: the session asks the user to sign in again. */
  onAuthRequired(): void;
  /** For tests. */
  transport?: Transport;
  /**
   * Where the sync's replica writes run; default the replica writer worker (writer/client.ts)
   * where the runtime has Web Workers, else this thread.
   */
  writer?: ReplicaWriter;
}

type Message = { type: 'sync-request'; reason: SyncTrigger };

export function startSyncController(options: SyncControllerOptions): SyncController {
  const { db } = options;
  const transport = options.transport ?? bridgeTransport(options.bridge);
  const writer = options.writer ?? (typeof Worker === 'function' ? workerWriter({ db }) : directWriter(db));
  const engine = new SyncEngine({ db, transport, timelines: options.timelines, writer });
  const status = useSyncStatus.getState();
  const channelName = `tam-sync:${db.name}`;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
  let scheduler: SyncScheduler | null = null;
  let stopped = false;
  // Timelines asked for while the server was out of reach: fetched after the next good sync.
  const timelinesToRetry = new Set<string>();

  const fetchTimeline = async (incidentId: string): Promise<void> => {
    const result = await engine.fetchTimeline(incidentId);
    if (!result.ok && result.error.retryable) timelinesToRetry.add(incidentId);
    else timelinesToRetry.delete(incidentId);
  };

  const run = async () => {
    const outcome = await engine.sync();
    if (outcome.ok && timelinesToRetry.size > 0) {
      for (const id of [...timelinesToRetry]) void fetchTimeline(id);
    }
    if (!outcome.ok && outcome.error.code === 'auth') options.onAuthRequired();
    useSyncStatus.getState().set({ storageFull: !outcome.ok && outcome.error.code === STORAGE_FULL_CODE });
    return outcome;
  };

  // Leader duties: schedule, listen to the triggers, watch the outbox.
  const lead = (): (() => void) => {
    const s = new SyncScheduler({
      run,
      probe: async () => {
        const res = await transport.request('GET', '/v1/health');
        return 'body' in res && res.status === 200;
      },
      isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
      schedule: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
      now: () => Date.now(),
      random: Math.random,
      onChange: (state) => useSyncStatus.getState().set({ scheduler: state }),
    });
    scheduler = s;
    useSyncStatus.getState().set({ leader: true });
    // The leader writes the pulled pages: its writer worker loads while the first pull runs.
    writer.warm();

    const onOnline = () => s.trigger('online');
    window.addEventListener('online', onOnline);
    const offEvents = options.bridge.onEvent((event) => {
      if (event.type === 'sync-poke') s.trigger('poke');
      else if (event.type === 'power-resume') s.trigger('resume');
    });
    const onMessage = (e: MessageEvent<Message>) => {
      if (e.data?.type === 'sync-request') s.trigger(e.data.reason);
    };
    channel?.addEventListener('message', onMessage);

    // Local changes from any window: the highest pending mutation id moves.
    let lastSeen: number | null = null;
    const outboxWatch: Subscription = liveQuery(async () => {
      const last = await db.outbox.where('status').equals('pending').last();
      return last?.id ?? 0;
    }).subscribe({
      next: (maxPending) => {
        if (lastSeen !== null && maxPending > lastSeen) s.trigger('local-change');
        lastSeen = maxPending;
      },
      error: () => undefined,
    });

    s.trigger('startup');
    return () => {
      s.stop();
      if (scheduler === s) scheduler = null;
      window.removeEventListener('online', onOnline);
      offEvents();
      channel?.removeEventListener('message', onMessage);
      outboxWatch.unsubscribe();
      useSyncStatus.getState().set({ leader: false });
    };
  };

  const locks =
    typeof navigator !== 'undefined' ? (navigator as { locks?: LockManagerLike }).locks : undefined;
  const election: LeaderElection = electLeader(channelName, { locks, onLead: lead });
  status.set({ scheduler: null });

  return {
    requestSync(reason) {
      if (stopped) return;
      if (scheduler) scheduler.trigger(reason);
      else channel?.postMessage({ type: 'sync-request', reason } satisfies Message);
    },
    signedIn() {
      if (stopped) return;
      if (scheduler) scheduler.trigger('sign-in');
      else {
        // Take over: the new leader starts with a 'startup' sync.
        election.steal();
      }
    },
    fetchTimeline,
    stop() {
      stopped = true;
      election.stop();
      channel?.close();
      writer.close();
    },
  };
}
