import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../model/entities';
import { openBacklog } from './charts';
import { customerContext } from './context';
import { incidentFacts, isOpenAtEndOf } from './incident-facts';
import { daysOf } from './period';
import { customer, incident, uuid } from './testing/fixtures';

// The difference-array backlog must agree with the plain definition, checked day by day.
const newYork = customer({ id: uuid('ny'), calendar: { timeZone: 'America/New_York', country: 'US' } });
const HOUR = 3_600_000;
const origin = Date.parse('2026-02-20T00:00:00Z');

const incidentArb = fc.record({
  receivedH: fc.integer({ min: 0, max: 40 * 24 }),
  openForH: fc.option(fc.integer({ min: 0, max: 20 * 24 }), { nil: null }),
  severity: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
});

describe('openBacklog (property)', () => {
  it('equals the count of incidents open at the end of each day', () => {
    fc.assert(
      fc.property(
        fc.array(incidentArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 45 * 24 }),
        (specs, nowH) => {
          const incidents: Incident[] = specs.map((s, i) => {
            const received = origin + s.receivedH * HOUR;
            const resolved =
              s.openForH === null ? null : new Date(received + s.openForH * HOUR).toISOString();
            return incident({
              id: uuid(`p${i}`),
              customerId: newYork.id,
              severity: s.severity,
              receivedAt: new Date(received).toISOString(),
              firstResponseAt: resolved,
              resolvedAt: resolved,
            });
          });
          const now = new Date(origin + nowH * HOUR).toISOString();
          const period = { from: '2026-03-01', to: '2026-03-25' };
          const points = openBacklog({ customer: newYork, incidents, period, now, granularity: 'day' });

          const ctx = customerContext(newYork, now);
          const facts = incidentFacts(ctx, incidents, false);
          const expected = daysOf(period).map((date) =>
            date > ctx.today ? null : facts.filter((f) => isOpenAtEndOf(f, date)).length,
          );
          expect(points.map((p) => p.open)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
