// Validation of the new-incident form, as error keys of the 'newIncident' namespace per field.
import type { Channel, Customer, Severity } from '../../../shared/model/entities';
import type { TimeBoundsViolation } from '../../../shared/mutations/time-bounds';
import { checkFormTime } from '../incident';

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
export type FieldErrors = Partial<
  Record<
    'customer' | 'title' | 'severity' | 'channel' | 'receivedAt',
    `errors.${keyof (typeof en)['errors'] & string}`
  >
>;

/**
 * The field errors; a receipt time outside the time bounds (shared rule: contract start, 400
 * days back, 5 minutes ahead) is `errors.receivedAtBounds`, with the violation in `bounds`.
 */
export function validateDraft(
  d: NewIncidentDraft,
  nowMs: number,
  customer?: Pick<Customer, 'contractStart' | 'calendar'>,
): FieldErrors & { bounds?: TimeBoundsViolation } {
  const errors: FieldErrors & { bounds?: TimeBoundsViolation } = {};
  if (!d.customerId) errors.customer = 'errors.customer';
  const title = d.title.trim();
  if (title === '') errors.title = 'errors.title';
  else if (title.length > 300) errors.title = 'errors.titleTooLong';
  if (d.severity === '') errors.severity = 'errors.severity';
  if (d.channel === '') errors.channel = 'errors.channel';
  if (d.receivedAt === null) errors.receivedAt = 'errors.receivedAt';
  else if (customer) {
    const bounds = checkFormTime(d.receivedAt, customer, nowMs);
    if (bounds) {
      errors.receivedAt = 'errors.receivedAtBounds';
      errors.bounds = bounds;
    }
  }
  return errors;
}
