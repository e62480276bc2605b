import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';
import type { Locale } from './locale';

export const resources = { en: { translation: en }, ja: { translation: ja } } as const;

/** Initialises i18next once; React components use `useTranslation()`. */
export function initI18n(locale: Locale) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: 'en',
      // React escapes text itself; user text is never rendered as HTML.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== locale) {
    void i18next.changeLanguage(locale);
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return i18next;
}
