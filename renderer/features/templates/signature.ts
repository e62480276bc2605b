// The TAM's signature for reply templates ({{tam.signature}}), one per language, per user on
// this computer (like the other personal settings: do-not-disturb, report settings).
import { useSyncExternalStore } from 'react';
import type { Locale } from '../../../shared/model/entities';

const key = (userId: string, language: Locale) => `tam:templates:signature:${userId}:${language}`;
const listeners = new Set<() => void>();

/** The signature in a language, or null when none is set. */
export function signatureOf(userId: string | undefined, language: Locale): string | null {
  if (!userId) return null;
  try {
    const value = localStorage.getItem(key(userId, language));
    return value && value.trim() !== '' ? value : null;
  } catch {
    return null;
  }
}

export function setSignature(userId: string, language: Locale, text: string): void {
  try {
    if (text.trim() === '') localStorage.removeItem(key(userId, language));
    else localStorage.setItem(key(userId, language), text);
  } catch {
    // Storage refused (private mode): the signature lasts until the page closes.
  }
  for (const l of listeners) l();
}

export function useSignature(userId: string | undefined, language: Locale): string | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => signatureOf(userId, language),
  );
}
