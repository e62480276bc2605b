// A fixed-language t of the app's one i18next instance, for documents written in another
// language than the interface (a customer report in the customer's language, an export).
import i18next, { type TFunction } from 'i18next';
import { initI18n } from './index';
import type { Locale } from './locale';

/** Report labels ('report' namespace, unprefixed) and domain terms ('glossary:…'). */
export type ReportT = TFunction<['report', 'glossary']>;

export function reportT(locale: Locale): ReportT {
  // The window initialises i18n at start; a worker or a test may not have yet.
  if (!i18next.isInitialized) initI18n(locale);
  return i18next.getFixedT(locale, ['report', 'glossary']);
}
