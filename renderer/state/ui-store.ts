import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import { detectLocale, isLocale, type Locale } from '../i18n/locale';

// UI state only (language, panels). The replica in IndexedDB is the source of truth for data.
export interface UiState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

function browserLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      locale: detectLocale(browserLocales()),
      setLocale: (locale) => set({ locale }),
    }),
    {
      name: 'tam.ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Only the language is remembered; an unknown stored value falls back to detection.
      partialize: (s) => ({ locale: s.locale }),
      merge: (persisted, current) => {
        const locale = (persisted as { locale?: unknown } | undefined)?.locale;
        return isLocale(locale) ? { ...current, locale } : current;
      },
    },
  ),
);
