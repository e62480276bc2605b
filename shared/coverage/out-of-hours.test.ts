import { describe, expect, it } from 'vitest';
import { MSA_ENTERPRISE_POLICY, parseInstant } from '../sla/index';
import type { SupportPolicy } from '../sla/index';
import { outOfHoursWarning, receiptTiming } from './out-of-hours';

const TOKYO = { timeZone: 'Asia/Tokyo', country: 'JP' } as const;
const input = (
  channel: 'portal' | 'phone' | 'email' | 'tam',
  receivedAt: string,
  severity: 1 | 2 | 3 | 4 = 1,
) => ({
  calendar: TOKYO,
  policy: MSA_ENTERPRISE_POLICY,
  severity,
  channel,
  receivedAt,
});
const same = (a: string, b: string) => expect(parseInstant(a)).toBe(parseInstant(b));

describe('out-of-hours warning', () => {
  it('warns about an e-mail received on a Saturday night: its clock starts Monday 09:00', () => {
    const w = outOfHoursWarning(input('email', '2026-11-28T22:00:00+09:00'));
    expect(w).not.toBeNull();
    expect(w!.clockDeferred).toBe(true);
    same(w!.clockStartAt, '2026-11-30T09:00:00+09:00');
  });

  it('warns for the portal and the TAM in person too', () => {
    expect(outOfHoursWarning(input('portal', '2026-11-26T19:00:00+09:00', 2))).not.toBeNull();
    expect(outOfHoursWarning(input('tam', '2026-11-26T07:00:00+09:00', 3))).not.toBeNull();
  });

  it('does not warn during business hours', () => {
    expect(outOfHoursWarning(input('email', '2026-11-26T10:00:00+09:00'))).toBeNull();
    expect(receiptTiming(input('email', '2026-11-26T10:00:00+09:00')).kind).toBe('in_hours');
  });

  it('does not warn for a phone call out of hours: a level 1 clock starts at receipt', () => {
    expect(outOfHoursWarning(input('phone', '2026-11-28T22:00:00+09:00'))).toBeNull();
    const t = receiptTiming(input('phone', '2026-11-28T22:00:00+09:00'));
    expect(t).toMatchObject({ kind: 'out_of_hours', warn: false, deferred: null });
    if (t.kind === 'out_of_hours') same(t.clockStartAt, '2026-11-28T22:00:00+09:00');
  });

  it('says a business-hours level called in out of hours starts at the next opening, without warning', () => {
    const t = receiptTiming(input('phone', '2026-11-26T20:00:00+09:00', 4));
    expect(t).toMatchObject({ kind: 'out_of_hours', warn: false, deferred: 'out_of_hours_business_clock' });
    if (t.kind === 'out_of_hours') same(t.clockStartAt, '2026-11-27T09:00:00+09:00');
  });

  it('treats a public holiday as out of hours (Labour Thanksgiving Day, 23 November 2026)', () => {
    const w = outOfHoursWarning(input('portal', '2026-11-23T11:00:00+09:00'));
    expect(w).not.toBeNull();
    same(w!.clockStartAt, '2026-11-24T09:00:00+09:00');
  });

  it('judges the hours in the customer zone, not the laptop zone', () => {
    // 10:00 in Tokyo is 02:00 in London: open for a Tokyo customer, closed for a London one.
    const at = '2026-11-26T01:00:00Z';
    expect(outOfHoursWarning(input('email', at))).toBeNull();
    expect(
      outOfHoursWarning({ ...input('email', at), calendar: { timeZone: 'Europe/London', country: 'GB' } }),
    ).not.toBeNull();
  });

  it('under a policy that does not defer, still warns but says the clock starts at receipt', () => {
    const noDeferral: SupportPolicy = {
      ...MSA_ENTERPRISE_POLICY,
      id: 'no-deferral',
      outOfHoursNonPhoneDeferral: false,
    };
    const w = outOfHoursWarning({ ...input('email', '2026-11-28T22:00:00+09:00'), policy: noDeferral });
    expect(w).toMatchObject({ clockDeferred: false });
    same(w!.clockStartAt, '2026-11-28T22:00:00+09:00');
  });

  it('reports a malformed receipt time as a value', () => {
    expect(receiptTiming(input('email', 'yesterday')).kind).toBe('invalid');
    expect(outOfHoursWarning(input('email', 'yesterday'))).toBeNull();
  });
});
