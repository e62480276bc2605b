// Validation of the new-incident form, as error keys of the 'newIncident' namespace per field.
import type { Channel, Severity } from '../../../shared/model/entities';

export interface NewIncidentDraft {
  customerId: string;
  title: string;
  severity: Severity | '';
  channel: Channel | '';
  /** The receipt instant (ISO) or null when the field is empty or not a date-time. */
  receivedAt: string | null;
}

import type { en } from './i18n';

/** Per field, the key of its message in the 'newIncident' catalog. */
export type FieldErrors = Partial<Record<'customer' | 'title' | 'severity' | 'channel' | 'receivedAt', `errors.${keyof (typeof en)['errors'] & string}`>>;

/** How far ahead of this computer's clock a receipt time may lie (clock skew), as the mutation allows less. */
const FUTURE_TOLERANCE_MS = 60_000;

export function validateDraft(d: NewIncidentDraft, nowMs: number): FieldErrors {
  const errors: FieldErrors = {};
  if (!d.customerId) errors.customer = 'errors.customer';
  const title = d.title.trim();
  if (title === '') errors.title = 'errors.title';
  else if (title.length > 300) errors.title = 'errors.titleTooLong';
  if (d.severity === '') errors.severity = 'errors.severity';
  if (d.channel === '') errors.channel = 'errors.channel';
  if (d.receivedAt === null) errors.receivedAt = 'errors.receivedAt';
  else if (Date.parse(d.receivedAt) > nowMs + FUTURE_TOLERANCE_MS) errors.receivedAt = 'errors.receivedAtFuture';
  return errors;
}
