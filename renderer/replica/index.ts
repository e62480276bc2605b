// The replica's public surface for view builders: query functions, live hooks and mutate().
// Features, layout and the UI kit import the replica from here only (eslint); the session and
// the sync engine, which open and fill it, use its modules directly.
export * from './db';
export * from './queries';
export * from './hooks';
export { mutateReplica, type MutateResult } from './mutate';
export { useCurrentReplica } from './current';
export { dismissNotice, isReplicaUsable } from './meta';
export {
  allIncidentsWithHistory,
  closedHistoryState,
  incidentsWithHistory,
  type ClosedHistoryState,
} from './closed-history';
export { DexieReadPort } from './port';
export { newId } from '../../shared/sync/ids';
