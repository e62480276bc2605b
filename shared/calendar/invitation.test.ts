// The invitation read back with a parser (ical.js): zone, UID, SEQUENCE, organizer, attendees.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInvitation, healthCheckUid, invitationFileName, quarterlyReviewUid } from './invitation';
import type { InvitationInput } from './invitation';

const HC = '3f0c2d5e-8a1b-4c7d-9e2f-0a1b2c3d4e5f';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

const base: InvitationInput = {
  uid: healthCheckUid(HC),
  sequence: 0,
  timeZone: 'America/New_York',
  start: '2026-03-09T13:00:00.000Z', // 09:00 EDT, the day after the change to summer time
  end: '2026-03-09T22:00:00.000Z',
  summary: 'Annual health check, Test; Inc.',
  description: 'Line one\nLine two, with a comma',
  organizer: { name: '佐藤 遥', email: 'tam1@example.com' },
  attendees: [
    { name: '山田 太郎', email: 'yamada@example.jp' },
    { name: 'Jane Doe', email: 'jane@example.com' },
  ],
  stamp: '2026-02-01T00:00:00.000Z',
};

describe('buildInvitation', () => {
  it('is a METHOD:REQUEST invitation with DTSTART/DTEND in the customer zone and its VTIMEZONE', () => {
    const ics = buildInvitation(base);
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const dtstart = vevent.getFirstProperty('dtstart');
    expect(dtstart?.getParameter('tzid')).toBe('America/New_York');
    expect(vevent.getFirstProperty('dtend')?.getParameter('tzid')).toBe('America/New_York');
    // The zone's definition is in the file: the parser turns the local time into the instant.
    const tz = calendar.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('America/New_York');
    ICAL.TimezoneService.register(tz!);
    expect(event.startDate.toString()).toBe('2026-03-09T09:00:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-09T22:00:00.000Z');
    // DTSTAMP is UTC.
    expect(ics).toMatch(/^DTSTAMP:20260201T000000Z\r$/m);
  });

  it('keeps the UID per event and carries the SEQUENCE it is given', () => {
    const first = parse(buildInvitation(base)).event;
    const moved = parse(
      buildInvitation({
        ...base,
        sequence: 1,
        start: '2026-03-10T13:00:00.000Z',
        end: '2026-03-10T22:00:00.000Z',
      }),
    ).event;
    expect(first.uid).toBe(`health-check-${HC}@tam-workstation.invalid`);
    expect(moved.uid).toBe(first.uid);
    expect(first.sequence).toBe(0);
    expect(moved.sequence).toBe(1);
    expect(() => buildInvitation({ ...base, sequence: -1 })).toThrow(/SEQUENCE/);
  });

  it('escapes the texts and names the organizer and the attendees (RSVP requested)', () => {
    const { vevent, event } = parse(buildInvitation(base));
    expect(event.summary).toBe('Annual health check, Test; Inc.');
    expect(event.description).toBe('Line one\nLine two, with a comma');
    const organizer = vevent.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:tam1@example.com');
    expect(organizer?.getParameter('cn')).toBe('佐藤 遥');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      'mailto:yamada@example.jp',
      'mailto:jane@example.com',
    ]);
    expect(attendees.map((a) => a.getParameter('rsvp'))).toEqual(['TRUE', 'TRUE']);
    expect(attendees[0]?.getParameter('cn')).toBe('山田 太郎');
  });

  it('folds long Japanese lines without splitting a character', () => {
    const summary = '年次ヘルスチェック（株式会社サンプル、リモート実施、終日）'.repeat(3);
    const ics = buildInvitation({ ...base, timeZone: 'Asia/Tokyo', summary });
    expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const { vevent, event } = parse(ics);
    expect(event.summary).toBe(summary);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(event.startDate.toString()).toBe('2026-03-09T22:00:00');
  });

  it('refuses a zone it cannot describe, saying what to fix', () => {
    expect(() => buildInvitation({ ...base, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('derives the UID of a quarterly review from the customer and the quarter; safe file names', () => {
    expect(quarterlyReviewUid(HC, '2026-10-01')).toBe(
      `quarterly-review-${HC}-2026-10-01@tam-workstation.invalid`,
    );
    expect(invitationFileName('health-check', '2026-03-09')).toBe('health-check-2026-03-09.ics');
    expect(invitationFileName('quarterly-review', '../2026/01')).toBe('quarterly-review-202601.ics');
  });
});
