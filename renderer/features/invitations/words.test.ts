// The health-check and quarterly-review invitations in Japanese and English, read back with a
// parser (ical.js): the customer's zone, the UID, the SEQUENCE before and after a move; and the
// e-mail draft that carries one, read back to find its text/calendar part.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Contact, Customer, HealthCheck } from '../../../shared/model/entities';
import { buildDraftEml } from '../daily-report';
import { reviewSequence } from '../../../shared/calendar/attendees';
import { healthCheckInvitation, quarterlyReviewInvitation } from './words';

const env = (id: string) => ({ id, version: 1, updatedAt: '2026-11-01T00:00:00Z', deleted: false });
const CUSTOMER = '00000000-0000-4000-8000-0000000000c1';
const CHECK = '00000000-0000-4000-8000-0000000000d1';

const customer: Customer = {
  ...env(CUSTOMER),
  nameJa: '株式会社さくら銀行',
  nameLatin: 'Sakura Bank, Ltd.',
  contractTier: 'msa_enterprise',
  supportPolicyId: 'msa_enterprise',
  contractStart: '2026-04-01',
  contractEnd: '2029-03-31',
  calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  tamId: '00000000-0000-4000-8000-000000000001',
  backupTamId: null,
  team: 'A',
};
const contact = (id: string, over: Partial<Contact>): Contact => ({
  ...env(id),
  customerId: CUSTOMER,
  name: '山田 太郎',
  nameLatin: 'Taro Yamada',
  email: 'yamada@sakura-bank.example.jp',
  phone: null,
  role: null,
  locale: 'ja',
  isPrimary: true,
  receivesReports: true,
  ...over,
});
const contacts = [
  contact('00000000-0000-4000-8000-0000000000e1', {}),
  contact('00000000-0000-4000-8000-0000000000e2', {
    name: '鈴木 花子',
    email: 'suzuki@sakura-bank.example.jp',
    isPrimary: false,
  }),
  // Not a report recipient: not invited.
  contact('00000000-0000-4000-8000-0000000000e3', {
    name: '田中 一郎',
    email: 'tanaka@sakura-bank.example.jp',
    isPrimary: false,
    receivesReports: false,
  }),
];
const tam = { name: '佐藤 遥', email: 'tam1@example.com' };
const check: Pick<HealthCheck, 'id' | 'scheduledDate' | 'agreedOn' | 'rescheduleCount'> = {
  id: CHECK,
  scheduledDate: '2026-12-10',
  agreedOn: '2026-11-20',
  rescheduleCount: 0,
};
// The business day's hours in Tokyo: 09:00–18:00 JST.
const window = { start: '2026-12-10T00:00:00Z', end: '2026-12-10T09:00:00Z' };
const NOW = '2026-11-26T03:00:00Z';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('healthCheckInvitation', () => {
  const ja = healthCheckInvitation({ check, customer, tam, contacts, locale: 'ja', now: NOW, window });
  const en = healthCheckInvitation({ check, customer, tam, contacts, locale: 'en', now: NOW, window });

  it('starts at the business day in the customer zone, organized by the TAM, the report recipients invited', () => {
    const { calendar, vevent, event } = parse(ja.ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Tokyo');
    expect(event.startDate.toString()).toBe('2026-12-10T09:00:00');
    expect(event.endDate.toString()).toBe('2026-12-10T18:00:00');
    expect(vevent.getFirstProperty('organizer')?.getFirstValue()).toBe('mailto:tam1@example.com');
    expect(vevent.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      'mailto:yamada@sakura-bank.example.jp',
      'mailto:suzuki@sakura-bank.example.jp',
    ]);
    expect(ja.fileName).toBe('health-check-2026-12-10.ics');
  });

  it('words the summary and description in Japanese and in English', () => {
    const j = parse(ja.ics).event;
    expect(j.summary).toBe('年次ヘルスチェック — 株式会社さくら銀行 様');
    expect(j.description).toContain('担当TAM 佐藤 遥 がリモートにて実施いたします。');
    expect(j.description).toContain('日時：2026年12月10日(木) 09:00～18:00（東京 (UTC+9)）');
    expect(j.description).toContain('実施内容の合意日：2026年11月20日');
    const e = parse(en.ics).event;
    expect(e.summary).toBe('Annual health check — Sakura Bank, Ltd.');
    expect(e.description).toContain('carried out remotely by your Technical Account Manager 佐藤 遥.');
    expect(e.description).toMatch(/Date: Thursday, December 10, 2026, 09:00 – 18:00 \(Tokyo \(UTC\+9\)\)/);
    expect(ja.subject).toBe(j.summary);
    expect(ja.body.startsWith('山田 太郎 様\n\n')).toBe(true);
    expect(en.body).toContain('The invitation is attached (an .ics file)');
  });

  it('a moved health check keeps its UID and carries a higher SEQUENCE (its count of moves)', () => {
    const before = parse(ja.ics).event;
    const moved = healthCheckInvitation({
      check: { ...check, scheduledDate: '2026-12-11', rescheduleCount: 1 },
      customer,
      tam,
      contacts,
      locale: 'ja',
      now: '2026-11-27T03:00:00Z',
      window: { start: '2026-12-11T00:00:00Z', end: '2026-12-11T09:00:00Z' },
    });
    const after = parse(moved.ics).event;
    expect(before.uid).toBe(`health-check-${CHECK}@tam-workstation.invalid`);
    expect(after.uid).toBe(before.uid);
    expect(before.sequence).toBe(0);
    expect(after.sequence).toBe(1);
    expect(after.startDate.toString()).toBe('2026-12-11T09:00:00');
    expect(after.description).toContain('ヘルスチェックの日程を 2026年12月11日(金) に変更いたしました。');
    // A row from before the counter existed counts as never moved.
    const { rescheduleCount: _omit, ...older } = check;
    const legacy = healthCheckInvitation({
      check: older,
      customer,
      tam,
      contacts,
      locale: 'en',
      now: NOW,
      window,
    });
    expect(parse(legacy.ics).event.sequence).toBe(0);
  });
});

describe('quarterlyReviewInvitation', () => {
  const input = {
    customer: { ...customer, calendar: { timeZone: 'Europe/Berlin', country: 'DE' } },
    tam,
    contacts,
    now: NOW,
    periodStart: '2026-10-01',
    periodLabel: '2026-10-01 – 2026-12-31',
    date: '2027-01-14',
    startTime: '10:00',
    minutes: 90,
  };

  it('is in the customer zone, its UID from customer and period, worded in ja and en', () => {
    const en = quarterlyReviewInvitation({ ...input, locale: 'en' });
    const { vevent, event } = parse(en.ics);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(event.startDate.toString()).toBe('2027-01-14T10:00:00');
    expect(event.endDate.toString()).toBe('2027-01-14T11:30:00');
    expect(event.uid).toBe(`quarterly-review-${CUSTOMER}-2026-10-01@tam-workstation.invalid`);
    expect(event.summary).toBe('Quarterly review 2026-10-01 – 2026-12-31 — Sakura Bank, Ltd.');
    expect(event.description).toContain('Review of the quarterly support report for 2026-10-01 – 2026-12-31');
    const ja = parse(quarterlyReviewInvitation({ ...input, locale: 'ja' }).ics).event;
    expect(ja.summary).toBe('四半期レビュー 2026-10-01 – 2026-12-31 — 株式会社さくら銀行 様');
    expect(ja.description).toContain('日時：2027年1月14日(木) 10:00～11:30');
  });

  it('a later invitation of the same meeting carries a higher SEQUENCE, the same UID', () => {
    const first = parse(quarterlyReviewInvitation({ ...input, locale: 'en' }).ics).event;
    const later = parse(
      quarterlyReviewInvitation({ ...input, locale: 'en', date: '2027-01-15', now: '2026-11-26T03:01:00Z' })
        .ics,
    ).event;
    expect(later.uid).toBe(first.uid);
    expect(later.sequence).toBeGreaterThan(first.sequence);
    expect(first.sequence).toBe(reviewSequence(NOW));
  });

  it('refuses a time that is not one', () => {
    expect(() => quarterlyReviewInvitation({ ...input, locale: 'en', startTime: '25:00' })).toThrow(
      /Not a meeting time/,
    );
  });
});

describe('the e-mail draft with the invitation', () => {
  it('carries the .ics as a text/calendar METHOD=REQUEST part that parses back', () => {
    const mail = healthCheckInvitation({ check, customer, tam, contacts, locale: 'ja', now: NOW, window });
    const raw = buildDraftEml({
      from: { name: mail.organizer.name, addr: mail.organizer.email },
      to: mail.attendees.map((a) => ({ name: a.name, addr: a.email })),
      subject: mail.subject,
      body: mail.body,
      invitation: { fileName: mail.fileName, ics: mail.ics },
    });
    const boundary = /boundary="?([^"\r\n;]+)"?/.exec(raw)?.[1];
    expect(boundary).toBeTruthy();
    const parts = raw.split(`--${boundary}`).slice(1, -1);
    const calendarPart = parts.find((p) => /Content-Type: text\/calendar/i.test(p));
    expect(calendarPart).toBeDefined();
    const [headers = '', ...rest] = calendarPart!.replace(/^\r\n/, '').split('\r\n\r\n');
    expect(headers).toMatch(/method=REQUEST/);
    expect(headers).toMatch(/Content-Disposition: attachment; filename="health-check-2026-12-10\.ics"/);
    expect(headers).toMatch(/Content-Transfer-Encoding: base64/);
    const bytes = Uint8Array.from(atob(rest.join('').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    const ics = new TextDecoder().decode(bytes);
    expect(ics).toBe(mail.ics);
    const event = parse(ics).event;
    expect(event.uid).toBe(`health-check-${CHECK}@tam-workstation.invalid`);
    expect(event.summary).toBe('年次ヘルスチェック — 株式会社さくら銀行 様');
    // The text body is there too.
    expect(parts.some((p) => /Content-Type: text\/plain/i.test(p))).toBe(true);
  });
});
