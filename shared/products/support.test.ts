import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  localToday,
  privatePatchEligibility,
  productChoices,
  productSupportRows,
  SUPPORT_ENDING_WINDOW_DAYS,
  supportState,
} from './support';

const deployments = [
  { product: 'Endpoint Security', productVersion: '11.0', supportEndsOn: '2026-06-30' },
  { product: 'Mail Gateway', productVersion: '8.4', supportEndsOn: '2027-01-31' },
  { product: 'Endpoint Security', productVersion: '12.1', supportEndsOn: '2028-11-26' },
  { product: 'Endpoint Security', productVersion: '9.10', supportEndsOn: '2028-12-31' },
];

describe('supportState', () => {
  it('is supported when more than 90 days remain', () => {
    expect(supportState('2027-03-01', '2026-11-26')).toEqual({ status: 'supported', daysLeft: 95 });
  });
  it('ends soon within 90 days, the 90th day and the last day included', () => {
    expect(SUPPORT_ENDING_WINDOW_DAYS).toBe(90);
    expect(supportState('2027-02-24', '2026-11-26')).toEqual({ status: 'ending_soon', daysLeft: 90 });
    expect(supportState('2027-02-25', '2026-11-26').status).toBe('supported');
    expect(supportState('2026-11-26', '2026-11-26')).toEqual({ status: 'ending_soon', daysLeft: 0 });
  });
  it('has ended the day after its last day', () => {
    expect(supportState('2026-11-25', '2026-11-26')).toEqual({ status: 'ended', daysLeft: -1 });
  });
  it('counts calendar days across a DST change without drift', () => {
    expect(supportState('2027-04-01', '2027-03-01').daysLeft).toBe(31);
  });
});

describe('localToday', () => {
  it('reads the date in the customer zone, not the machine zone', () => {
    expect(localToday('2026-11-26T16:00:00Z', 'Asia/Tokyo')).toBe('2026-11-27');
    expect(localToday('2026-11-26T16:00:00Z', 'America/New_York')).toBe('2026-11-26');
  });
});

describe('productSupportRows', () => {
  it('lists ended first, then ending soon, then supported, newest version first', () => {
    const rows = productSupportRows(deployments, '2026-11-26');
    expect(rows.map((r) => [r.deployment.product, r.deployment.productVersion, r.state.status])).toEqual([
      ['Endpoint Security', '11.0', 'ended'],
      ['Mail Gateway', '8.4', 'ending_soon'],
      ['Endpoint Security', '12.1', 'supported'],
      ['Endpoint Security', '9.10', 'supported'],
    ]);
  });
});

describe('compareVersions', () => {
  it('compares numerically', () => {
    expect(['9.4', '12.1', '9.10'].sort(compareVersions)).toEqual(['9.4', '9.10', '12.1']);
  });
});

describe('privatePatchEligibility', () => {
  it('accepts a deployed version still supported (also when its support ends soon)', () => {
    expect(privatePatchEligibility(deployments, 'Endpoint Security', '12.1', '2026-11-26')).toMatchObject({
      ok: true,
    });
    expect(privatePatchEligibility(deployments, 'Mail Gateway', '8.4', '2026-11-26')).toMatchObject({
      ok: true,
      state: { status: 'ending_soon' },
    });
  });
  it('refuses a version whose support has ended, saying when', () => {
    expect(privatePatchEligibility(deployments, 'Endpoint Security', '11.0', '2026-11-26')).toEqual({
      ok: false,
      reason: 'support_ended',
      product: 'Endpoint Security',
      version: '11.0',
      endedOn: '2026-06-30',
    });
  });
  it('still accepts on the last day of support', () => {
    expect(privatePatchEligibility(deployments, 'Endpoint Security', '11.0', '2026-06-30').ok).toBe(true);
  });
  it('refuses a version the customer does not run', () => {
    expect(privatePatchEligibility(deployments, 'Endpoint Security', '10.0', '2026-11-26')).toMatchObject({
      ok: false,
      reason: 'not_deployed',
    });
  });
});

describe('productChoices', () => {
  it('groups versions by product, newest first', () => {
    const choices = productChoices(deployments, '2026-11-26');
    expect(choices.map((c) => [c.product, c.versions.map((v) => `${v.version}:${v.state.status}`)])).toEqual([
      ['Endpoint Security', ['12.1:supported', '11.0:ended', '9.10:supported']],
      ['Mail Gateway', ['8.4:ending_soon']],
    ]);
  });
});
