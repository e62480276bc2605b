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
import { closedHistoryState } from './closed-history';

export function useReplica(): ReplicaDb | null {
  return useCurrentReplica((s) => s.db);
}

/**
 * A live query on the current replica. `undefined` while loading (or with no replica);
 * list the query's inputs in `deps`.
 */
export function useReplicaQuery<T>(
  query: (db: ReplicaDb) => Promise<T>,
  deps: readonly unknown[],
): T | undefined {
  const db = useReplica();
  return useLiveQuery(() => (db ? query(db) : undefined), [db, ...deps]);
}

/** Runs a mutation on the current replica (one transaction: validate, apply, queue for sync). */
export async function mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<MutateResult> {
  const { db, actor } = useCurrentReplica.getState();
  if (!db || !actor) {
    return {
      ok: false,
      error: { code: 'not-signed-in', message: 'Sign in (or open your offline data) before making changes.' },
    };
  }
  return mutateReplica(db, actor, name, args);
}

export function useMutate(): typeof mutate {
  return useCallback(mutate, []);
}

// ---------------------------------------------------------------- ready-made hooks

export const useReplyTemplates = () => useReplicaQuery((db) => q.replyTemplates(db), []);
export const useCustomers = () => useReplicaQuery((db) => q.customersInScope(db), []);
export const useAllCustomers = () => useReplicaQuery((db) => q.allCustomersInScope(db), []);
export const useCustomersOfTam = (userId: string | undefined) =>
  useReplicaQuery((db) => (userId ? q.customersOfTam(db, userId) : Promise.resolve([])), [userId]);
export const useCustomer = (id: string | undefined) =>
  useReplicaQuery((db) => (id ? q.customer(db, id) : Promise.resolve(undefined)), [id]);
export const useContacts = (customerId: string) =>
  useReplicaQuery((db) => q.contactsOf(db, customerId), [customerId]);
export const useDeployedProducts = (customerId: string) =>
  useReplicaQuery((db) => q.deployedProductsOf(db, customerId), [customerId]);

export function useIncidentsByCustomer(
  customerId: string,
  status?: IncidentStatus | readonly IncidentStatus[],
  limit?: number,
) {
  // The statuses as a string, so that a caller's new array each render does not re-run the query.
  const key = typeof status === 'string' || status === undefined ? status : status.join(',');
  return useReplicaQuery(
    (db) => {
      const statuses = key === undefined ? undefined : key === '' ? [] : (key.split(',') as IncidentStatus[]);
      return q.incidentsByCustomer(db, customerId, {
        ...(statuses !== undefined ? { status: statuses } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
    [customerId, key, limit],
  );
}
export const useOpenIncidents = (limit?: number) =>
  useReplicaQuery((db) => q.openIncidents(db, limit !== undefined ? { limit } : {}), [limit]);
export const useRecentIncidents = (limit: number) =>
  useReplicaQuery((db) => q.recentIncidents(db, limit), [limit]);
export const useIncident = (id: string | undefined) =>
  useReplicaQuery((db) => (id ? q.incident(db, id) : Promise.resolve(undefined)), [id]);

/**
 * An incident's timeline, live. When the replica does not hold the whole timeline (a closed
 * incident in a manager's replica), it is downloaded once and then kept; `complete` says
 * whether what is shown is everything.
 */
export function useTimeline(incidentId: string | undefined) {
  const events = useReplicaQuery(
    (db) => (incidentId ? q.timelineOf(db, incidentId) : Promise.resolve([])),
    [incidentId],
  );
  const complete = useReplicaQuery(
    (db) => (incidentId ? q.timelineIsComplete(db, incidentId) : Promise.resolve(true)),
    [incidentId],
  );
  const fetchTimeline = useCurrentReplica((s) => s.fetchTimeline);
  useEffect(() => {
    if (incidentId && complete === false && fetchTimeline) void fetchTimeline(incidentId);
  }, [incidentId, complete, fetchTimeline]);
  return { events, complete };
}

// The query objects are usually written inline by the caller (a new object each render): the
// live query depends on their fields, not on the object.
export const useRequests = ({
  customerId,
  stage,
  incidentId,
}: { customerId?: string; stage?: RequestStage; incidentId?: string } = {}) =>
  useReplicaQuery((db) => q.requests(db, { customerId, stage, incidentId }), [customerId, stage, incidentId]);
export const useHealthChecks = ({
  customerId,
  from,
  to,
}: { customerId?: string; from?: string; to?: string } = {}) =>
  useReplicaQuery((db) => q.healthChecks(db, { customerId, from, to }), [customerId, from, to]);
export const useReportLog = ({
  customerId,
  from,
  to,
  limit,
}: { customerId?: string; from?: string; to?: string; limit?: number } = {}) =>
  useReplicaQuery((db) => q.reportLog(db, { customerId, from, to, limit }), [customerId, from, to, limit]);
export const useUsers = (team?: string) =>
  useReplicaQuery((db) => q.users(db, team !== undefined ? { team } : {}), [team]);
export const useAbsences = ({ from, to, userId }: { from: string; to: string; userId?: string }) =>
  useReplicaQuery((db) => q.absences(db, { from, to, userId }), [from, to, userId]);
export const useDutyRoster = ({ from, to }: { from: string; to: string }) =>
  useReplicaQuery((db) => q.dutyRoster(db, { from, to }), [from, to]);

export const usePendingCount = () => useReplicaQuery((db) => q.pendingCount(db), []);
export const usePendingRowKeys = () => useReplicaQuery((db) => q.pendingRowKeys(db), []);
export const useNeedsAttention = () => useReplicaQuery((db) => q.needsAttention(db), []);
export const useSyncMeta = () => useReplicaQuery((db) => q.syncMeta(db), []);
/**
 * Whether the closed incidents are all in the replica (undefined while loading): views that
 * count history (charts, portfolio, reports, exports) show `percent` until `ready`.
 */
export const useClosedHistory = () =>
  useReplicaQuery(async (db) => closedHistoryState(await q.syncMeta(db)), []);
