// The app's side of the fill (shared/templates): the level names of the glossary in the
// template's language, the TAM's signature, the current instant.
import type { Customer, Incident, Locale, ReplyTemplate, Severity } from '../../../shared/model/entities';
import { fillTemplate, type TemplateFillResult } from '../../../shared/templates/index';
import { en as glossaryEn, ja as glossaryJa } from '../../i18n/glossary';
import { formatZone } from '../../format/zone';

/** 'Level 1 Critical' / 'レベル 1 クリティカル': the glossary's level names in a language. */
export function levelLabels(language: Locale): Record<Severity, string> {
  const names = (language === 'ja' ? glossaryJa : glossaryEn).severityLevel;
  return { 1: names['1'], 2: names['2'], 3: names['3'], 4: names['4'] };
}

export function fillForIncident(input: {
  template: Pick<ReplyTemplate, 'body' | 'language'>;
  customer: Customer;
  incident: Incident;
  tam: { name: string };
  signature: string | null;
  now: number;
}): TemplateFillResult {
  return fillTemplate({
    template: input.template,
    customer: input.customer,
    incident: input.incident,
    tam: { name: input.tam.name, signature: input.signature },
    now: new Date(input.now).toISOString(),
    levelLabels: levelLabels(input.template.language),
    // '東京 (UTC+9)', as every other screen names a zone.
    zoneLabel: formatZone,
  });
}
