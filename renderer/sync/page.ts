// A pull page, read where the replica writes run. The engine asks the bridge for a pull
// answer's bytes and hands them to its writer (in the replica writer worker, or on this thread
// when the worker cannot run): the writer decodes, parses and checks the page there, keeps it
// under the engine's reference until the engine writes it, and answers with only what the
// engine needs (the cursor, whether more follows, the counts). A page never crosses to the
// worker as an object tree, and the window never parses it.
import type { Change, PullStage } from '../../shared/model/api';
import { ENTITY_SCHEMAS } from '../../shared/model/entities';

export interface Page {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
  remaining: number | null;
  /** What the server still owes after this page (null: a server older than the stages). */
  stage: PullStage | null;
}

/** What the engine learns of a page read by its writer (the rows stay with the writer). */
export interface PageSummary {
  /** The engine's reference of the page, to write it later. */
  ref: number;
  /** How many changes the page holds. */
  rows: number;
  cursor: string;
  hasMore: boolean;
  remaining: number | null;
  stage: PullStage | null;
}

const ENTITY_KEYS = new Set(Object.keys(ENTITY_SCHEMAS));

const STAGES: ReadonlySet<unknown> = new Set<PullStage>([
  'records',
  'timelines',
  'closed-incidents',
  'closed-timelines',
  'changes',
]);

/** A cheap structural check of a pull answer (zod over a million rows would cost seconds). */
export function parsePage(body: unknown): Page | null {
  if (typeof body !== 'object' || body === null) return null;
  const { changes, cursor, hasMore, remaining, stage } = body as Record<string, unknown>;
  if (!Array.isArray(changes) || typeof cursor !== 'string' || typeof hasMore !== 'boolean') return null;
  for (const c of changes as unknown[]) {
    if (typeof c !== 'object' || c === null) return null;
    const { entity, id, op, data } = c as Record<string, unknown>;
    if (typeof entity !== 'string' || !ENTITY_KEYS.has(entity) || typeof id !== 'string') return null;
    if (op === 'put') {
      if (typeof data !== 'object' || data === null || (data as { id?: unknown }).id !== id) return null;
    } else if (op !== 'delete') return null;
  }
  return {
    changes: changes as Change[],
    cursor,
    hasMore,
    remaining: typeof remaining === 'number' ? remaining : null,
    stage: STAGES.has(stage) ? (stage as PullStage) : null,
  };
}

/** The page a pull answer's bytes hold (UTF-8 JSON), or null when they hold none. */
export function parsePageBytes(bytes: Uint8Array): Page | null {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  return parsePage(body);
}

/** Pages read and not yet written; a cycle that stops midway leaves at most a few behind. */
const SHELF_SIZE = 4;

/** The pages a writer has read, kept by the engine's reference until written. */
export class PageShelf {
  private readonly pages = new Map<number, Page>();

  /** Reads `bytes` as page `ref`: its summary, or null (nothing kept) when they hold no page. */
  read(ref: number, bytes: Uint8Array): PageSummary | null {
    const page = parsePageBytes(bytes);
    if (!page) return null;
    this.pages.set(ref, page);
    for (const old of this.pages.keys()) {
      if (this.pages.size <= SHELF_SIZE) break;
      this.pages.delete(old);
    }
    const { cursor, hasMore, remaining, stage } = page;
    return { ref, rows: page.changes.length, cursor, hasMore, remaining, stage };
  }

  /** Page `ref`, handed over once. */
  take(ref: number): Page {
    const page = this.pages.get(ref);
    if (!page)
      throw new Error(
        'the pulled page was no longer held by the replica writer (it stopped or restarted); it is downloaded again at the next sync',
      );
    this.pages.delete(ref);
    return page;
  }
}
