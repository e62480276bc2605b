// Fills a reply template's {{fields}} from the incident, its customer and the TAM, in the
// template's language. Pure: the same input gives the same text. A placeholder that names no
// field is reported as an error (the text keeps it as written), never silently dropped.
import { DateTime } from 'luxon';
import { responseSlaInput, shortId } from '../incidents/index';
import type { Customer, Incident, Locale, ReplyTemplate, Severity } from '../model/entities';
import { computeResponseSla, policyOfCustomer } from '../sla/index';
import { placeholdersOf, type TemplateField, isTemplateField } from './fields';

export interface TemplateFillInput {
  template: Pick<ReplyTemplate, 'body' | 'language'>;
  customer: Pick<Customer, 'nameJa' | 'nameLatin' | 'calendar' | 'supportPolicyId' | 'contractTier'>;
  incident: Pick<
    Incident,
    'id' | 'severity' | 'severityHistory' | 'receivedAt' | 'channel' | 'firstResponseAt'
  >;
  /** The TAM writing the reply: their signature in the template's language, else their name. */
  tam: { name: string; signature: string | null };
  /** The instant the due time is computed at (ISO-8601). */
  now: string;
  /**
   * The level names in the template's language (the app's glossary, e.g. 'Level 1 Critical'
   * / 'レベル 1 緊急'), so the text reads like the rest of the app.
   */
  levelLabels: Readonly<Record<Severity, string>>;
  /**
   * The zone as the app names it to people (e.g. '東京 (UTC+9)' / 'Tokyo (UTC+9)'), at an
   * instant and in the template's language; without it the text names the zone id and offset.
   */
  zoneLabel?: (timeZone: string, at: string, language: Locale) => string;
}

/** A placeholder that names no field: its name as written and where it starts in the body. */
export interface TemplateFieldError {
  code: 'template_unknown_field';
  field: string;
  index: number;
}

export type TemplateFillResult =
  | { ok: true; text: string; values: Record<TemplateField, string> }
  | { ok: false; text: string; values: Record<TemplateField, string>; errors: TemplateFieldError[] };

/**
 * The response due time as the customer reads it: their wall time, their zone and its offset,
 * e.g. "2026/12/03 18:00 (Asia/Singapore, UTC+08:00)" / "3 Dec 2026, 18:00 (Asia/Singapore, UTC+08:00)".
 */
export function formatDueAt(
  dueAt: string,
  timeZone: string,
  language: Locale,
  zoneLabel?: TemplateFillInput['zoneLabel'],
): string {
  const dt = DateTime.fromISO(dueAt, { setZone: true }).setZone(timeZone);
  if (!dt.isValid) return dueAt;
  const offset = `UTC${dt.toFormat('ZZ')}`;
  const zone = zoneLabel?.(timeZone, dueAt, language);
  return language === 'ja'
    ? `${dt.toFormat('yyyy/MM/dd HH:mm')}（${zone ?? `${timeZone}、${offset}`}）`
    : `${dt.setLocale('en').toFormat('d MMM yyyy, HH:mm')} (${zone ?? `${timeZone}, ${offset}`})`;
}

/** The value of every field for this incident, customer and TAM, in the template's language. */
export function templateValues(input: TemplateFillInput): Record<TemplateField, string> {
  const { customer, incident, template } = input;
  const sla = computeResponseSla(
    responseSlaInput(incident, customer.calendar, policyOfCustomer(customer), input.now),
  );
  const signature = input.tam.signature?.trim();
  return {
    'customer.name': template.language === 'ja' ? customer.nameJa : customer.nameLatin,
    'incident.number': shortId(incident.id),
    'incident.level': input.levelLabels[incident.severity],
    'incident.dueAt': formatDueAt(sla.dueAt, customer.calendar.timeZone, template.language, input.zoneLabel),
    'tam.signature': signature ? signature : input.tam.name,
  };
}

export function fillTemplate(input: TemplateFillInput): TemplateFillResult {
  const values = templateValues(input);
  const errors: TemplateFieldError[] = [];
  let text = '';
  let from = 0;
  const body = input.template.body;
  for (const p of placeholdersOf(body)) {
    text += body.slice(from, p.index);
    if (isTemplateField(p.name)) text += values[p.name];
    else {
      text += p.raw;
      errors.push({ code: 'template_unknown_field', field: p.name, index: p.index });
    }
    from = p.index + p.raw.length;
  }
  text += body.slice(from);
  return errors.length > 0 ? { ok: false, text, values, errors } : { ok: true, text, values };
}
