// Reply templates: the fields, their parser and the fill (see README.md).
export { TEMPLATE_FIELDS, isTemplateField, placeholdersOf, unknownFieldsOf } from './fields';
export type { Placeholder, TemplateField } from './fields';
export { fillTemplate, formatDueAt, templateValues } from './fill';
export type { TemplateFieldError, TemplateFillInput, TemplateFillResult } from './fill';
