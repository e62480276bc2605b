// Who a report to the customer is addressed to: the contacts marked as receiving reports;
// when none is marked (contacts recorded before the flag existed), the primary contact, else
// the first one. Used by the daily report draft, its e-mail, and the quarterly report's language.
import type { Contact } from '../model/entities';

type Addressable = Pick<Contact, 'isPrimary' | 'deleted'> & { receivesReports?: boolean | undefined };

export function reportRecipients<T extends Addressable>(contacts: readonly T[]): T[] {
  const live = contacts.filter((c) => !c.deleted);
  const marked = live.filter((c) => c.receivesReports === true);
  if (marked.length > 0) return [...marked].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const primary = live.find((c) => c.isPrimary) ?? live[0];
  return primary ? [primary] : [];
}
