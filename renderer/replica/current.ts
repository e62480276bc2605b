// The replica the window works on: set by the session when a user is signed in (or opened
// offline), cleared on sign-out. UI state only; the data itself lives in IndexedDB.
import { create } from 'zustand';
import type { Actor } from '../../shared/mutations';
import type { ReplicaDb } from './db';

export interface CurrentReplica {
  db: ReplicaDb | null;
  actor: Actor | null;
  /** Downloads an incident's whole timeline (the sync layer provides it); resolves when done or failed. */
  fetchTimeline: ((incidentId: string) => Promise<void>) | null;
  set(next: Partial<Omit<CurrentReplica, 'set'>>): void;
}

export const useCurrentReplica = create<CurrentReplica>()((set) => ({
  db: null,
  actor: null,
  fetchTimeline: null,
  set: (next) => set(next),
}));
