// The fields a reply template may use, and the one parser of `{{field}}` placeholders: the
// mutations check a body with it on save, the fill uses it on insert.

/** Every field a template may name, in the order the editor lists them. */
export const TEMPLATE_FIELDS = [
  'customer.name',
  'incident.number',
  'incident.level',
  'incident.dueAt',
  'tam.signature',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export function isTemplateField(name: string): name is TemplateField {
  return (TEMPLATE_FIELDS as readonly string[]).includes(name);
}

/** A `{{…}}` placeholder of a body: its name (trimmed), where it starts and its whole text. */
export interface Placeholder {
  name: string;
  index: number;
  raw: string;
}

/** `{{ name }}`: two braces, a name without braces or line breaks, two braces. */
const PLACEHOLDER = /\{\{([^{}\r\n]{0,100})\}\}/g;

/** The placeholders of a body, in order. */
export function placeholdersOf(body: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    found.push({ name: m[1]!.trim(), index: m.index, raw: m[0] });
  }
  return found;
}

/** The names of the placeholders that are no field (each once, in order of appearance). */
export function unknownFieldsOf(body: string): string[] {
  const unknown: string[] = [];
  for (const p of placeholdersOf(body)) {
    if (!isTemplateField(p.name) && !unknown.includes(p.name)) unknown.push(p.name);
  }
  return unknown;
}
