// A calendar invitation (RFC 5545 / iTIP METHOD:REQUEST) as the text of an .ics file: plain
// data in, a string out. Built with ical-generator; the customer's zone travels as a
// VTIMEZONE (from timezones-ical-library) so DTSTART/DTEND carry TZID=<the customer's zone>
// and the event shows at the right local time in every attendee's calendar, also across a
// daylight-saving change. The words (summary, description) come from the caller, in the
// language chosen for the customer.
//
// Identity: the UID is stable per event (derived from the health check's or the meeting's
// id), and SEQUENCE counts its revisions: a moved event is sent again with the same UID and a
// higher SEQUENCE, which the attendee's calendar applies as an update of the same entry.
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface InvitationPerson {
  name: string;
  email: string;
}

export interface InvitationInput {
  /** Stable per event, e.g. from healthCheckUid(); the same for every revision. */
  uid: string;
  /** The revision: 0 first, higher on every move (RFC 5545 SEQUENCE). */
  sequence: number;
  /** IANA zone of the customer, e.g. Asia/Tokyo: DTSTART/DTEND are local times in it. */
  timeZone: string;
  /** Instants (ISO-8601 with offset). */
  start: string;
  end: string;
  summary: string;
  description: string;
  location?: string;
  organizer: InvitationPerson;
  attendees: readonly InvitationPerson[];
  /** When the invitation was made (DTSTAMP), an instant. */
  stamp: string;
}

const DOMAIN = 'tam-workstation.invalid';

/** The UID of a health check's invitation, the same for every revision. */
export function healthCheckUid(healthCheckId: string): string {
  return `health-check-${healthCheckId}@${DOMAIN}`;
}

/** The UID of a quarterly review meeting: one per customer and quarter (its first day). */
export function quarterlyReviewUid(customerId: string, periodStart: string): string {
  return `quarterly-review-${customerId}-${periodStart}@${DOMAIN}`;
}

/** The VTIMEZONE block of an IANA zone; throws for a zone the library does not know. */
function vtimezone(zone: string): string {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : undefined;
  if (typeof text !== 'string' || !text.includes('BEGIN:VTIMEZONE')) {
    throw new Error(`Unknown time zone "${zone}": set the customer's time zone to an IANA name.`);
  }
  return text;
}

function local(iso: string, zone: string): DateTime {
  const at = DateTime.fromISO(iso, { setZone: true });
  if (!at.isValid) throw new Error(`Not an instant: ${iso}`);
  return at.setZone(zone);
}

/** The .ics text of one invitation (METHOD:REQUEST, one VEVENT, the zone's VTIMEZONE). */
export function buildInvitation(input: InvitationInput): string {
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new Error(`SEQUENCE must be a whole number ≥ 0, not ${input.sequence}.`);
  }
  const zone = input.timeZone;
  vtimezone(zone); // an unknown zone is refused before anything is written
  const calendar = ical({
    prodId: { company: 'TAM Workstation', product: 'invitation', language: 'EN' },
    method: ICalCalendarMethod.REQUEST,
    // No calendar-wide zone (it would also write DTSTAMP as a local time without its zone): the
    // event carries the zone, and the generator writes its VTIMEZONE.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: local(input.stamp, 'UTC'),
    start: local(input.start, zone),
    end: local(input.end, zone),
    timezone: zone,
    summary: input.summary,
    description: input.description,
    ...(input.location ? { location: input.location } : {}),
    status: ICalEventStatus.CONFIRMED,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  });
  return calendar.toString();
}

/** A file name for the invitation: ASCII, no path characters. */
export function invitationFileName(kind: 'health-check' | 'quarterly-review', date: string): string {
  return `${kind}-${date.replace(/[^0-9-]/g, '')}.ics`;
}
