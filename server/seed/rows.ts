// Row builders the demo seed and its history share, so a timeline event is made one way.
import type { Incident, TaggedRow, TimelineEvent } from '../../shared/model/entities';

export interface SeedEnvelope {
  id: string;
  version: number;
  updatedAt: string;
  deleted: boolean;
}

/** A timeline event of `incident`: not an answer, no meta, unless `extra` says otherwise. */
export function timelineEventRow(
  envelope: SeedEnvelope,
  incident: Pick<Incident, 'id' | 'customerId'>,
  event: Pick<TimelineEvent, 'kind' | 'at' | 'authorId' | 'body' | 'visibility'>,
  extra: Partial<TimelineEvent> = {},
): TaggedRow {
  return {
    entity: 'timelineEvent',
    row: {
      ...envelope,
      incidentId: incident.id,
      customerId: incident.customerId,
      isAnswer: false,
      meta: null,
      ...event,
      ...extra,
    },
  };
}
