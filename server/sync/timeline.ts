// GET /v1/incidents/:id/timeline, paged: an incident's live timeline events in order of
// version (their last change), `limit` per page, `next` a cursor naming the incident and the
// last version sent. An event changed between two pages gets a higher version and comes again
// later (the client keeps the newest); none is skipped.
import { TIMELINE_DEFAULT_LIMIT } from '../../shared/model/api';
import type { IncidentTimelineQuery } from '../../shared/model/api';
import type { Incident } from '../../shared/model/entities';
import type { Actor } from '../../shared/mutations/types';
import type { Db } from '../db';
import { HttpError } from '../http/errors';
import { isInScope } from './scope';

interface TimelineCursor {
  /** The incident the cursor belongs to. */
  i: string;
  /** The version of the last event sent. */
  v: number;
}

const badCursor = () =>
  new HttpError(
    400,
    'invalid_cursor',
    'The "after" cursor is not one this server gave for this incident\'s timeline; fetch the timeline again from the start (without "after").',
  );

export function encodeTimelineCursor(incidentId: string, version: number): string {
  return Buffer.from(JSON.stringify({ i: incidentId, v: version } satisfies TimelineCursor)).toString(
    'base64url',
  );
}

export function decodeTimelineCursor(text: string, incidentId: string): number {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor();
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = state as Partial<TimelineCursor> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    c.i !== incidentId ||
    !Number.isSafeInteger(c.v) ||
    (c.v ?? -1) < 0
  )
    throw badCursor();
  // Base64 decoding forgives stray characters: only the exact text this server made counts.
  if (encodeTimelineCursor(incidentId, c.v as number) !== text) throw badCursor();
  return c.v as number;
}

/** One page of the timeline as the response body (JSON string, rows embedded as stored). */
export async function timelinePage(
  db: Db,
  actor: Actor,
  id: string,
  query: IncidentTimelineQuery,
): Promise<string> {
  const limit = query.limit ?? TIMELINE_DEFAULT_LIMIT;
  const after = query.after === undefined ? 0 : decodeTimelineCursor(query.after, id);
  const row = await db.kysely
    .selectFrom('records')
    .select(['data', 'customer_id'])
    .where('entity', '=', 'incident')
    .where('id', '=', id)
    .executeTakeFirst();
  const incident = row ? (JSON.parse(row.data) as Incident) : undefined;
  if (!row || !incident || incident.deleted || !(await isInScope(db.kysely, actor, row.customer_id))) {
    throw new HttpError(
      404,
      'not_found',
      `No incident ${id} in your scope; sync, and check the incident's customer is assigned to you.`,
    );
  }
  const events = await db.kysely
    .selectFrom('records')
    .select(['data', 'version'])
    .where('parent_id', '=', id)
    .where('entity', '=', 'timelineEvent')
    .where('deleted', '=', 0)
    .where('version', '>', after)
    .orderBy('version')
    .limit(limit + 1)
    .execute();
  const page = events.slice(0, limit);
  const next = events.length > limit ? encodeTimelineCursor(id, page[page.length - 1]!.version) : null;
  return `{"incidentId":${JSON.stringify(id)},"events":[${page.map((e) => e.data).join(',')}],"next":${JSON.stringify(next)}}`;
}
