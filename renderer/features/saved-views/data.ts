// The user's saved views, live from the replica (which holds the user's own only; the actor
// check keeps another user's out even so), sorted by name in the user's language.
import type { SavedView } from '../../../shared/model/entities';
import { useCurrentReplica, useReplicaQuery } from '../../replica';

export function useSavedViews(locale: string): SavedView[] | undefined {
  const userId = useCurrentReplica((s) => s.actor?.id);
  return useReplicaQuery(
    async (db) => {
      if (!userId) return [];
      const rows = await db.savedViews.toArray();
      return rows
        .filter((v) => !v.deleted && v.userId === userId)
        .sort((a, b) => a.name.localeCompare(b.name, locale) || (a.id < b.id ? -1 : 1));
    },
    [userId, locale],
  );
}
