import { describe, expect, it } from 'vitest';
import { customerContext } from '../analytics/context';
import { factsOf } from '../analytics/incident-facts';
import { customer, incident, uuid } from '../analytics/testing/fixtures';
import { computeResponseSla, MSA_ENTERPRISE_POLICY, policyOfCustomer, STANDARD_POLICY } from '../sla/index';
import { dailyDraftModel } from '../reports/daily/draft';
import { slaAt, urgencyFactsOf } from '../today/urgency';
import {
  isOpenIncident,
  isOpenStatus,
  OPEN_INCIDENT_STATUSES,
  responseSlaInput,
  severityFactsOf,
} from './index';

describe('is an incident open', () => {
  it('open until resolved or closed; a deleted row is not an open incident', () => {
    expect(OPEN_INCIDENT_STATUSES).toEqual(['new', 'in_progress', 'waiting_customer']);
    expect(isOpenStatus('waiting_customer')).toBe(true);
    expect(isOpenStatus('resolved')).toBe(false);
    expect(isOpenStatus('closed')).toBe(false);
    expect(isOpenIncident({ status: 'new', deleted: false })).toBe(true);
    expect(isOpenIncident({ status: 'new', deleted: true })).toBe(false);
    expect(isOpenIncident({ status: 'closed' })).toBe(false);
  });
});

describe('incident to SLA input', () => {
  const c = customer({ id: uuid('c'), calendar: { timeZone: 'Asia/Tokyo', country: 'JP' } });
  const changed = incident({
    id: uuid('i'),
    customerId: c.id,
    severity: 3,
    receivedAt: '2026-11-26T10:00:00+09:00',
    changes: [{ severity: 1, at: '2026-11-26T10:30:00+09:00' }],
  });

  it('the level at receipt is the history’s first entry, the rest are the changes', () => {
    const facts = severityFactsOf(changed);
    expect(facts.severity).toBe(3);
    expect(facts.severityChanges?.map((x) => [x.severity, x.at])).toEqual([[1, '2026-11-26T10:30:00+09:00']]);
    // A level that never changed: no changes list.
    expect(
      severityFactsOf({ ...changed, severityHistory: changed.severityHistory.slice(0, 1) }).severityChanges,
    ).toBeUndefined();
  });

  it('gives the same SLA through every consumer (Today, analytics, daily report)', () => {
    const now = '2026-11-26T10:40:00+09:00';
    const expected = computeResponseSla(responseSlaInput(changed, c.calendar, MSA_ENTERPRISE_POLICY, now));
    // Level 1 from 10:30 (calendar clock, 30 min from the receipt at 10:00): due 10:30, breached.
    expect(expected.state).toBe('breached');
    expect(slaAt(urgencyFactsOf(changed, c), now)).toEqual(expected);
    expect(factsOf(customerContext(c, now), changed)?.sla).toEqual(expected);
    const draft = dailyDraftModel({
      locale: 'ja',
      customer: c,
      incident: changed,
      events: [],
      reports: [],
      now,
    });
    expect(draft.sla).toEqual(expected);
  });
});

describe('one support policy per customer', () => {
  // A standard customer whose policy id is unknown: Standard targets everywhere, never MSA Enterprise.
  const c = customer({
    id: uuid('s'),
    contractTier: 'standard',
    supportPolicyId: 'retired-policy',
    calendar: { timeZone: 'Asia/Tokyo', country: 'JP' },
  });
  const i = incident({
    id: uuid('si'),
    customerId: c.id,
    severity: 2,
    channel: 'phone',
    receivedAt: '2026-11-26T10:00:00+09:00',
  });
  const now = '2026-11-26T11:00:00+09:00';

  it('resolves by id, else by the contract tier', () => {
    expect(policyOfCustomer(c)).toBe(STANDARD_POLICY);
    expect(policyOfCustomer({ ...c, contractTier: 'msa_enterprise' })).toBe(MSA_ENTERPRISE_POLICY);
    expect(policyOfCustomer({ ...c, supportPolicyId: 'msa-enterprise' })).toBe(MSA_ENTERPRISE_POLICY);
    const gold = { ...STANDARD_POLICY, id: 'gold', name: 'Gold' };
    expect(policyOfCustomer({ ...c, supportPolicyId: 'gold' }, [gold])).toBe(gold);
  });

  it('Today, the charts and the daily report all use it', () => {
    expect(customerContext(c, now).policy).toBe(STANDARD_POLICY);
    expect(urgencyFactsOf(i, c).policy).toBe(STANDARD_POLICY);
    const standardDue = computeResponseSla(responseSlaInput(i, c.calendar, STANDARD_POLICY, now)).dueAt;
    expect(standardDue).not.toBe(
      computeResponseSla(responseSlaInput(i, c.calendar, MSA_ENTERPRISE_POLICY, now)).dueAt,
    );
    expect(
      dailyDraftModel({
        locale: 'en',
        customer: c,
        incident: { ...i, severity: 1, severityHistory: [{ ...i.severityHistory[0]!, severity: 1 }] },
        events: [],
        reports: [],
        now,
      }).sla.dueAt,
    ).toBe(
      computeResponseSla(
        responseSlaInput(
          { ...i, severity: 1, severityHistory: [{ ...i.severityHistory[0]!, severity: 1 }] },
          c.calendar,
          STANDARD_POLICY,
          now,
        ),
      ).dueAt,
    );
  });
});
