// Who is invited, and which revision an invitation is: rules of the contract's meetings (the
// health check, the quarterly review), kept beside the invitation builder.
import type { Contact } from '../model/entities';
import { reportRecipients } from '../reports/recipients';

/**
 * The attendees: the contacts who receive reports (shared/reports/recipients) that have an
 * e-mail address; when none of them has one, every live contact that has.
 */
export function invitationAttendees(contacts: readonly Contact[]): Contact[] {
  const addressed = reportRecipients(contacts).filter((c) => c.email);
  return addressed.length > 0 ? addressed : contacts.filter((c) => !c.deleted && c.email);
}

/**
 * A quarterly review invitation's SEQUENCE: minutes from 2025-01-01T00:00Z to the instant it
 * was made. The meeting has no synced row to count its moves, so a later invitation, made on
 * any laptop, always supersedes an earlier one in the attendees' calendars.
 */
export function reviewSequence(now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.UTC(2025, 0, 1)) / 60_000));
}
