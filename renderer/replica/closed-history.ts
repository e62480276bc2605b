// Closed history: the resolved and closed incidents that charts, the portfolio, the quarterly
// and daily report models and the exports count. Since the bootstrap sends the open work
// first, these arrive after the replica is usable: views that count them wait until the
// server's closed-incidents stage is over (`closedHistoryState`) and show how much has
// arrived meanwhile. Plain functions over the replica and the sync row, callable from any
// context (window, worker).
import type { Change, PullStage } from '../../shared/model/api';
import { isOpenStatus } from '../../shared/incidents/open';
import type { Incident } from '../../shared/model/entities';
import type { SyncMeta } from './db';

export type ClosedHistoryState = { ready: true } | { ready: false; percent: number };

/**
 * Whether every closed incident of the scope is in the replica: true for a bootstrapped
 * replica and once the closed-incidents stage of a bootstrap is written; otherwise the share
 * arrived so far (0-99 %).
 */
export function closedHistoryState(meta: SyncMeta | null | undefined): ClosedHistoryState {
  if (meta && (meta.bootstrapped || meta.historyAt)) return { ready: true };
  const share = meta?.historyShare ?? 0;
  return { ready: false, percent: Math.min(99, Math.max(0, Math.floor(share * 100))) };
}

/** Stages after which every closed incident has been sent ('timelines': an older server's). */
const HISTORY_DONE: ReadonlySet<PullStage> = new Set<PullStage>(['closed-timelines', 'changes', 'timelines']);

/** A UUID's place in the id space (0-1), from its first 32 bits. */
function idShare(id: string): number {
  const head = Number.parseInt(id.replace(/-/g, '').slice(0, 8), 16);
  return Number.isFinite(head) ? head / 0x1_0000_0000 : 0;
}

/**
 * What a written bootstrap page changes in the sync row's history fields: `historyAt` once
 * the server's stage says the closed incidents are all sent, else the share of them arrived
 * (closed incidents come ordered by id). null: nothing to change.
 */
export function historyProgressPatch(
  meta: SyncMeta | undefined,
  page: { changes: readonly Change[]; stage: PullStage | null | undefined; bootstrap: boolean },
  at: string,
): Pick<SyncMeta, 'historyAt' | 'historyShare'> | null {
  if (!meta || !page.bootstrap || meta.bootstrapped || meta.historyAt) return null;
  if (page.stage && HISTORY_DONE.has(page.stage)) return { historyAt: at, historyShare: 1 };
  let last: string | null = null;
  for (const c of page.changes)
    if (c.entity === 'incident' && c.op === 'put' && c.data && !isOpenStatus((c.data as unknown as Incident).status))
      if (last === null || c.id > last) last = c.id;
  if (last === null) return null;
  const share = idShare(last);
  return share > (meta.historyShare ?? 0) ? { historyAt: null, historyShare: share } : null;
}
