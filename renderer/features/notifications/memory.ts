// What was already notified, remembered in localStorage per user (keys `incidentId:state`),
// so that a reload, a restart or a second window does not notify again.
export interface NotifiedMemory {
  load(): string[];
  save(keys: readonly string[]): void;
}

export function localNotifiedMemory(
  userId: string,
  storage: Storage | undefined = globalThis.localStorage,
): NotifiedMemory {
  const key = `tam.slaNotified.${userId}`;
  return {
    load() {
      try {
        const raw = storage?.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
      } catch {
        return [];
      }
    },
    save(keys) {
      try {
        storage?.setItem(key, JSON.stringify(keys));
      } catch {
        // Storage full or unavailable: at worst a notification repeats after a reload.
      }
    },
  };
}
