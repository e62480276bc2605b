// The invitations of a health check and of a quarterly review meeting, worded in the language
// chosen for the customer (the 'invitation' namespace, with a fixed-language t) and built by
// the pure builder of shared/calendar: the .ics text, its file name, and the subject and body
// of the e-mail draft that carries it. Pure given the catalogs: the same input, the same text.
import i18next, { type TFunction } from 'i18next';
import { DateTime } from 'luxon';
import {
  buildInvitation,
  healthCheckUid,
  invitationFileName,
  quarterlyReviewUid,
  type InvitationPerson,
} from '../../../shared/calendar/invitation';
import type { Contact, Customer, HealthCheck, Locale, User } from '../../../shared/model/entities';
import { invitationAttendees, reviewSequence } from '../../../shared/calendar/attendees';
import { formatZone, luxonLocale } from '../../format/datetime';
import { initI18n } from '../../i18n/index';

export interface InvitationMail {
  ics: string;
  fileName: string;
  subject: string;
  /** The e-mail draft's text: greeting, the invitation's description, the signature. */
  body: string;
  organizer: InvitationPerson;
  attendees: InvitationPerson[];
  sequence: number;
}

type InviteT = TFunction<'invitation'>;

function inviteT(locale: Locale): InviteT {
  if (!i18next.isInitialized) initI18n(locale);
  return i18next.getFixedT(locale, 'invitation');
}

function people(contacts: readonly Contact[]): InvitationPerson[] {
  return contacts.map((c) => ({ name: c.name, email: c.email ?? '' }));
}

/** Date, start, end and zone of an event as the customer reads them, in the letter's language. */
function when(start: string, end: string, zone: string, locale: Locale) {
  const at = (iso: string) =>
    DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(luxonLocale(locale));
  const s = at(start);
  return {
    date:
      locale === 'ja'
        ? s.toFormat('yyyy年M月d日(ccc)')
        : s.toLocaleString({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    start: s.toFormat('HH:mm'),
    end: at(end).toFormat('HH:mm'),
    zone: formatZone(zone, start, locale),
  };
}

function mailBody(t: InviteT, description: string, attendees: readonly Contact[], tam: string): string {
  const first = attendees[0];
  const greeting = first ? t('mail.greeting', { contact: first.name }) : t('mail.greetingUnknown');
  return [greeting, description, t('mail.attached'), t('mail.signature', { tam })].join('\n\n');
}

interface Common {
  customer: Pick<Customer, 'id' | 'nameJa' | 'nameLatin' | 'calendar'>;
  /** The customer's TAM: the organizer. */
  tam: Pick<User, 'name' | 'email'>;
  contacts: readonly Contact[];
  locale: Locale;
  /** Now (DTSTAMP), an instant. */
  now: string;
}

export interface HealthCheckInvitationInput extends Common {
  check: Pick<HealthCheck, 'id' | 'scheduledDate' | 'agreedOn' | 'rescheduleCount'>;
  /** The health check's window: the business day's hours (instants). */
  window: { start: string; end: string };
}

/**
 * A health check's invitation: UID from the health check's id, SEQUENCE its count of moves
 * (rescheduleCount, kept by healthCheck.schedule on the server), so a moved health check's new
 * invitation updates the entry the attendees already have.
 */
export function healthCheckInvitation(input: HealthCheckInvitationInput): InvitationMail {
  const { customer, locale, check } = input;
  const t = inviteT(locale);
  const zone = customer.calendar.timeZone;
  const name = locale === 'ja' ? customer.nameJa : customer.nameLatin;
  const w = when(input.window.start, input.window.end, zone, locale);
  const sequence = check.rescheduleCount ?? 0;
  const agreedOn = DateTime.fromISO(check.agreedOn, { zone: 'utc' }).setLocale(luxonLocale(locale));
  let description = t('healthCheck.description', {
    tam: input.tam.name,
    ...w,
    agreedOn:
      locale === 'ja' ? agreedOn.toFormat('yyyy年M月d日') : agreedOn.toLocaleString(DateTime.DATE_FULL),
  });
  if (sequence > 0) description += `\n\n${t('healthCheck.moved', { date: w.date, sequence })}`;
  const summary = t('healthCheck.summary', { customer: name });
  const attendees = invitationAttendees(input.contacts);
  const organizer = { name: input.tam.name, email: input.tam.email };
  const ics = buildInvitation({
    uid: healthCheckUid(check.id),
    sequence,
    timeZone: zone,
    start: input.window.start,
    end: input.window.end,
    summary,
    description,
    organizer,
    attendees: people(attendees),
    stamp: input.now,
  });
  return {
    ics,
    fileName: invitationFileName('health-check', check.scheduledDate),
    subject: summary,
    body: mailBody(t, description, attendees, input.tam.name),
    organizer,
    attendees: people(attendees),
    sequence,
  };
}

export interface ReviewInvitationInput extends Common {
  /** The report's period: its first day names the meeting (one review per customer and period). */
  periodStart: string;
  /** The period as the report names it, in the letter's language. */
  periodLabel: string;
  /** The meeting's local date and start time in the customer's zone, and its length. */
  date: string;
  startTime: string;
  minutes: number;
}

/**
 * A quarterly review meeting's invitation: UID from the customer and the period (the meeting's
 * identity), start and end in the customer's zone. The meeting has no synced row to count its
 * moves, so its SEQUENCE is the minute the invitation was made (reviewSequence): an invitation
 * made later, on any laptop, always supersedes an earlier one in the attendees' calendars.
 */
export function quarterlyReviewInvitation(input: ReviewInvitationInput): InvitationMail {
  const { customer, locale } = input;
  const zone = customer.calendar.timeZone;
  const startAt = DateTime.fromISO(`${input.date}T${input.startTime}`, { zone });
  if (!startAt.isValid || !Number.isInteger(input.minutes) || input.minutes <= 0) {
    throw new Error(`Not a meeting time: ${input.date} ${input.startTime}, ${input.minutes} minutes.`);
  }
  const start = startAt.toUTC().toISO() ?? '';
  const end = startAt.plus({ minutes: input.minutes }).toUTC().toISO() ?? '';
  const t = inviteT(locale);
  const name = locale === 'ja' ? customer.nameJa : customer.nameLatin;
  const w = when(start, end, zone, locale);
  const description = t('review.description', { period: input.periodLabel, tam: input.tam.name, ...w });
  const summary = t('review.summary', { period: input.periodLabel, customer: name });
  const attendees = invitationAttendees(input.contacts);
  const organizer = { name: input.tam.name, email: input.tam.email };
  const sequence = reviewSequence(input.now);
  const ics = buildInvitation({
    uid: quarterlyReviewUid(customer.id, input.periodStart),
    sequence,
    timeZone: zone,
    start,
    end,
    summary,
    description,
    organizer,
    attendees: people(attendees),
    stamp: input.now,
  });
  return {
    ics,
    fileName: invitationFileName('quarterly-review', input.date),
    subject: summary,
    body: mailBody(t, description, attendees, input.tam.name),
    organizer,
    attendees: people(attendees),
    sequence,
  };
}
