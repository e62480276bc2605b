// React hooks over the replica for the views: live queries (the component re-renders when
// the replica changes, whoever changed it: the user, the sync engine, another window) and
// mutate() for user actions.
import { useCallback, useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { IncidentStatus, RequestStage } from '../../shared/model/entities';
import type { MutationArgs, MutationName } from '../../shared/mutations';
import type { ReplicaDb } from './db';
import { mutateReplica, type MutateResult } from './mutate';
import { useCurrentReplica } from './current';
import * as q from './queries';

export function useReplica(): ReplicaDb | null {
  return useCurrentReplica((s) => s.db);
}

/**
 * A live query on the current replica. `undefined` while loading (or with no replica);
 * list the query's inputs in `deps`.
 */
export function useReplicaQuery<T>(query: (db: ReplicaDb) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const db = useReplica();
  return useLiveQuery(() => (db ? query(db) : undefined), [db, ...deps]);
}

/** Runs a mutation on the current replica (one transaction: validate, apply, queue for sync). */
export async function mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<MutateResult> {
  const { db, actor } = useCurrentReplica.getState();
  if (!db || !actor) {
    return { ok: false, error: { code: 'not-signed-in', message: 'Sign in (or open your offline data) before making changes.' } };
  }
  return mutateReplica(db, actor, name, args);
}

export function useMutate(): typeof mutate {
  return useCallback(mutate, []);
}

// ---------------------------------------------------------------- ready-made hooks

export const useCustomers = () => useReplicaQuery(q.customersInScope, []);
export const useAllCustomers = () => useReplicaQuery(q.allCustomersInScope, []);
export const useCustomersOfTam = (userId: string | undefined) =>
  useReplicaQuery((db) => (userId ? q.customersOfTam(db, userId) : Promise.resolve([])), [userId]);
export const useCustomer = (id: string | undefined) => useReplicaQuery((db) => (id ? q.customer(db, id) : Promise.resolve(undefined)), [id]);
export const useContacts = (customerId: string) => useReplicaQuery((db) => q.contactsOf(db, customerId), [customerId]);
export const useDeployedProducts = (customerId: string) => useReplicaQuery((db) => q.deployedProductsOf(db, customerId), [customerId]);

export function useIncidentsByCustomer(customerId: string, status?: IncidentStatus | readonly IncidentStatus[], limit?: number) {
  const key = typeof status === 'string' || status === undefined ? status : status.join(',');
  return useReplicaQuery(
    (db) => q.incidentsByCustomer(db, customerId, { ...(status !== undefined ? { status } : {}), ...(limit !== undefined ? { limit } : {}) }),
    [customerId, key, limit],
  );
}
export const useOpenIncidents = (limit?: number) =>
  useReplicaQuery((db) => q.openIncidents(db, limit !== undefined ? { limit } : {}), [limit]);
export const useRecentIncidents = (limit: number) => useReplicaQuery((db) => q.recentIncidents(db, limit), [limit]);
export const useIncident = (id: string | undefined) => useReplicaQuery((db) => (id ? q.incident(db, id) : Promise.resolve(undefined)), [id]);

/**
 * An incident's timeline, live. When the replica does not hold the whole timeline (a closed
 * incident in a manager's replica), it is downloaded once and then kept; `complete` says
 * whether what is shown is everything.
 */
export function useTimeline(incidentId: string | undefined) {
  const events = useReplicaQuery((db) => (incidentId ? q.timelineOf(db, incidentId) : Promise.resolve([])), [incidentId]);
  const complete = useReplicaQuery((db) => (incidentId ? q.timelineIsComplete(db, incidentId) : Promise.resolve(true)), [incidentId]);
  const fetchTimeline = useCurrentReplica((s) => s.fetchTimeline);
  useEffect(() => {
    if (incidentId && complete === false && fetchTimeline) void fetchTimeline(incidentId);
  }, [incidentId, complete, fetchTimeline]);
  return { events, complete };
}

export const useRequests = (query: { customerId?: string; stage?: RequestStage; incidentId?: string } = {}) =>
  useReplicaQuery((db) => q.requests(db, query), [query.customerId, query.stage, query.incidentId]);
export const useHealthChecks = (query: { customerId?: string; from?: string; to?: string } = {}) =>
  useReplicaQuery((db) => q.healthChecks(db, query), [query.customerId, query.from, query.to]);
export const useReportLog = (query: { customerId?: string; from?: string; to?: string; limit?: number } = {}) =>
  useReplicaQuery((db) => q.reportLog(db, query), [query.customerId, query.from, query.to, query.limit]);
export const useUsers = (team?: string) => useReplicaQuery((db) => q.users(db, team !== undefined ? { team } : {}), [team]);
export const useAbsences = (query: { from: string; to: string; userId?: string }) =>
  useReplicaQuery((db) => q.absences(db, query), [query.from, query.to, query.userId]);
export const useDutyRoster = (query: { from: string; to: string }) => useReplicaQuery((db) => q.dutyRoster(db, query), [query.from, query.to]);

export const usePendingCount = () => useReplicaQuery(q.pendingCount, []);
export const usePendingRowKeys = () => useReplicaQuery(q.pendingRowKeys, []);
export const useNeedsAttention = () => useReplicaQuery(q.needsAttention, []);
export const useSyncMeta = () => useReplicaQuery(q.syncMeta, []);
