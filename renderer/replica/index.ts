// The replica's public surface for view builders: query functions, live hooks and mutate().
export * from './db';
export * from './queries';
export * from './hooks';
export { mutateReplica, type MutateResult } from './mutate';
export { useCurrentReplica } from './current';
export { isReplicaUsable } from './meta';
export { newId } from '../../shared/sync/ids';
