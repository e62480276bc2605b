import { describe, expect, it } from 'vitest';
import type { Contact } from '../model/entities';
import { invitationAttendees, reviewSequence } from './attendees';

let n = 0;
function contact(over: Partial<Contact>): Contact {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: 1,
    updatedAt: '2026-11-01T00:00:00Z',
    deleted: false,
    customerId: '00000000-0000-4000-8000-0000000000c1',
    name: `Contact ${n}`,
    nameLatin: null,
    email: `c${n}@example.com`,
    phone: null,
    role: null,
    locale: 'ja',
    isPrimary: false,
    ...over,
  };
}

describe('invitationAttendees', () => {
  it('invites the report recipients that have an address', () => {
    const a = contact({ receivesReports: true });
    const b = contact({ receivesReports: true, email: null });
    const c = contact({ isPrimary: true });
    expect(invitationAttendees([a, b, c]).map((x) => x.id)).toEqual([a.id]);
  });

  it('falls back to every live contact with an address when no recipient has one', () => {
    const a = contact({ isPrimary: true, email: null });
    const b = contact({});
    const gone = contact({ deleted: true });
    const none = contact({ email: null });
    expect(invitationAttendees([a, b, gone, none]).map((x) => x.id)).toEqual([b.id]);
  });

  it('invites nobody when no live contact has an address', () => {
    expect(invitationAttendees([contact({ email: null }), contact({ deleted: true })])).toEqual([]);
  });
});

describe('reviewSequence', () => {
  it('grows with the minute the invitation is made', () => {
    expect(reviewSequence('2025-01-01T00:00:00Z')).toBe(0);
    expect(reviewSequence('2025-01-01T01:00:59Z')).toBe(60);
    expect(reviewSequence('2026-12-03T10:00:00Z')).toBeGreaterThan(reviewSequence('2026-12-03T09:59:00Z'));
  });

  it('never goes below zero', () => {
    expect(reviewSequence('2024-06-01T00:00:00Z')).toBe(0);
  });
});
