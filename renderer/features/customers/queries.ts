// Replica reads the workspace views need beyond renderer/replica/queries.ts.
import type { TimelineEvent } from '../../../shared/model/entities';
import type { ReplicaDb } from '../../replica';

/** Every timeline event of a customer's incidents (the customerId index), tombstones left out. */
export async function timelineEventsOfCustomer(db: ReplicaDb, customerId: string): Promise<TimelineEvent[]> {
  return db.timelineEvents
    .where('customerId')
    .equals(customerId)
    .filter((e) => !e.deleted)
    .toArray();
}
