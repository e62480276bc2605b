// The customer's own version of the quarterly report: which sections in which order, which
// period, which language. Remembered per customer on this computer (localStorage), read back
// through a schema so a damaged or older entry falls back to the standard report.
import { z } from 'zod';
import { QUARTERLY_SECTIONS } from '../../../shared/reports/index';
import type { QuarterlySectionKey } from '../../../shared/reports/index';
import type { Locale } from '../../../shared/model/entities';
import { PeriodChoiceSchema, type PeriodChoice } from '../manager';

export const SETTINGS_KEY_PREFIX = 'tam.quarterlyReport.v1:';

const SectionKeySchema = z.enum(['summary', 'incidents', 'sla', 'requests', 'healthChecks', 'nextSteps']);

export const ReportSettingsSchema = z.object({
  /** The sections shown, in order (at least one). */
  sections: z.array(SectionKeySchema).min(1).max(QUARTERLY_SECTIONS.length),
  /** null: the customer's contact language (else the user's). */
  locale: z.enum(['ja', 'en']).nullable(),
  /** null: the report owed first (the oldest overdue quarter, else the running one). */
  period: PeriodChoiceSchema.nullable(),
});

export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

export const STANDARD_SETTINGS: ReportSettings = {
  sections: [...QUARTERLY_SECTIONS],
  locale: null,
  period: null,
};

export function loadSettings(storage: Storage | undefined, customerId: string): ReportSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY_PREFIX + customerId);
    if (!raw) return STANDARD_SETTINGS;
    const parsed = ReportSettingsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return STANDARD_SETTINGS;
    return { ...parsed.data, sections: [...new Set(parsed.data.sections)] };
  } catch {
    return STANDARD_SETTINGS;
  }
}

export function saveSettings(
  storage: Storage | undefined,
  customerId: string,
  settings: ReportSettings,
): void {
  try {
    storage?.setItem(SETTINGS_KEY_PREFIX + customerId, JSON.stringify(ReportSettingsSchema.parse(settings)));
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

/**
 * Turns a section on or off (never the last one off). A section turned back on goes before the
 * first shown section that follows it in the standard order.
 */
export function toggleSection(
  sections: readonly QuarterlySectionKey[],
  key: QuarterlySectionKey,
): QuarterlySectionKey[] {
  if (sections.includes(key)) return sections.length > 1 ? sections.filter((s) => s !== key) : [...sections];
  const rank = QUARTERLY_SECTIONS.indexOf(key);
  const at = sections.findIndex((s) => QUARTERLY_SECTIONS.indexOf(s) > rank);
  const next = [...sections];
  next.splice(at < 0 ? next.length : at, 0, key);
  return next;
}

/** Moves a section one place up (-1) or down (+1). */
export function moveSection(
  sections: readonly QuarterlySectionKey[],
  key: QuarterlySectionKey,
  delta: -1 | 1,
): QuarterlySectionKey[] {
  const i = sections.indexOf(key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= sections.length) return [...sections];
  const next = [...sections];
  [next[i], next[j]] = [next[j] as QuarterlySectionKey, next[i] as QuarterlySectionKey];
  return next;
}

/** The report's language: the saved choice, else the customer's contact's, else the user's. */
export function reportLocale(
  settings: ReportSettings,
  contactLocale: Locale | null,
  uiLocale: Locale,
): Locale {
  return settings.locale ?? contactLocale ?? uiLocale;
}

export type { PeriodChoice };
