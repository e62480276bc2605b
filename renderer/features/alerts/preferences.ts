// Do-not-disturb, per user on this computer (UI state: the alerts themselves are synced).
import { useSyncExternalStore } from 'react';

const key = (userId: string) => `tam:alerts:dnd:${userId}`;
const listeners = new Set<() => void>();

export function doNotDisturb(userId: string | undefined): boolean {
  if (!userId) return false;
  try {
    return localStorage.getItem(key(userId)) === '1';
  } catch {
    return false;
  }
}

export function setDoNotDisturb(userId: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(key(userId), '1');
    else localStorage.removeItem(key(userId));
  } catch {
    // Storage refused (private mode): the setting lasts until the page closes.
  }
  for (const l of listeners) l();
}

export function useDoNotDisturb(userId: string | undefined): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => doNotDisturb(userId),
  );
}

/** Ids of the alerts this computer has shown as desktop notifications (the last 500). */
export function shownAlerts(userId: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(`tam:alerts:shown:${userId}`) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export function rememberShown(userId: string, ids: Iterable<string>): void {
  const all = [...shownAlerts(userId), ...ids].slice(-500);
  try {
    localStorage.setItem(`tam:alerts:shown:${userId}`, JSON.stringify(all));
  } catch {
    // Not remembered: at worst a notification shows again after a reload.
  }
}
