// This window's view of the sync: what the replica's meta row does not say (whether this
// window leads, whether the server answered last time, whether syncing waits for sign-in).
// UI state only; the persistent part (cursor, last success, last error, progress) is in Dexie.
import { create } from 'zustand';
import type { SchedulerState } from './scheduler';

export interface LiveSyncStatus {
  leader: boolean;
  scheduler: SchedulerState | null;
  /** Set when a storage write failed for lack of space (cleared after a successful sync). */
  storageFull: boolean;
  /** navigator.storage.persist() result: null unknown or unsupported. */
  persisted: boolean | null;
  set(patch: Partial<Omit<LiveSyncStatus, 'set'>>): void;
}

export const useSyncStatus = create<LiveSyncStatus>()((set) => ({
  leader: false,
  scheduler: null,
  storageFull: false,
  persisted: null,
  set: (patch) => set(patch),
}));
