import { describe, expect, it } from 'vitest';
import { customerContext } from './context';
import { factsOf, isOpenAtEndOf } from './incident-facts';
import type { IncidentFacts } from './incident-facts';
import { customer, incident, uuid } from './testing/fixtures';

const tokyo = customer({ id: uuid('tokyo') });
const ctx = customerContext(tokyo, '2026-03-10T12:00:00+09:00');
const facts = (spec: Parameters<typeof incident>[0]): IncidentFacts => {
  const f = factsOf(ctx, incident(spec));
  if (f === null) throw new Error('expected facts');
  return f;
};

describe('incident facts', () => {
  it('recomputes the due time from the receipt after a severity change before the answer', () => {
    // Received Mon 10:00 as level 3 (due 16:00), raised to level 1 at 10:10: due 10:30; answered 10:40.
    const f = facts({
      id: uuid('f1'),
      customerId: tokyo.id,
      severity: 3,
      receivedAt: '2026-03-02T10:00:00+09:00',
      changes: [{ severity: 1, at: '2026-03-02T10:10:00+09:00' }],
      firstResponseAt: '2026-03-02T10:40:00+09:00',
    });
    expect(f.sla?.severity).toBe(1);
    expect(f.outcome).toEqual({ kind: 'missed', at: '2026-03-02T10:30:00.000+09:00', date: '2026-03-02' });
    expect(f.responseMs).toBe(40 * 60_000);
    expect(f.targetMs).toBe(30 * 60_000);
  });

  it('counts a closed, never-answered incident past due as missed, an open one as breached', () => {
    const closed = facts({
      id: uuid('f2'),
      customerId: tokyo.id,
      severity: 2,
      receivedAt: '2026-03-02T10:00:00+09:00',
      status: 'closed',
      resolvedAt: '2026-03-03T10:00:00+09:00',
    });
    const open = facts({
      id: uuid('f3'),
      customerId: tokyo.id,
      severity: 2,
      receivedAt: '2026-03-02T10:00:00+09:00',
    });
    expect(closed.outcome?.kind).toBe('missed');
    expect(open.outcome?.kind).toBe('breached');
    expect(open.outcome?.at).toBe('2026-03-02T14:00:00.000+09:00');
  });

  it('treats a closure recorded after now as not yet happened', () => {
    const f = facts({
      id: uuid('f4'),
      customerId: tokyo.id,
      severity: 4,
      receivedAt: '2026-03-09T10:00:00+09:00',
      firstResponseAt: '2026-03-09T11:00:00+09:00',
      resolvedAt: '2026-03-11T10:00:00+09:00',
    });
    expect(f.closedMs).toBeNull();
    expect(isOpenAtEndOf(f, '2026-03-10')).toBe(true);
  });

  it('counts a reopened incident as open since its receipt', () => {
    const f = facts({
      id: uuid('f5'),
      customerId: tokyo.id,
      severity: 4,
      receivedAt: '2026-03-02T10:00:00+09:00',
      firstResponseAt: '2026-03-02T11:00:00+09:00',
      resolvedAt: '2026-03-03T10:00:00+09:00',
      status: 'in_progress',
    });
    expect(f.closedMs).toBeNull();
    expect(isOpenAtEndOf(f, '2026-03-05')).toBe(true);
  });

  it('uses the closed row’s updatedAt when it has no resolvedAt', () => {
    const row = {
      ...incident({
        id: uuid('f6'),
        customerId: tokyo.id,
        severity: 4,
        receivedAt: '2026-03-02T10:00:00+09:00',
        firstResponseAt: '2026-03-02T11:00:00+09:00',
      }),
      status: 'closed' as const,
      updatedAt: '2026-03-04T09:00:00+09:00',
    };
    expect(factsOf(ctx, row)?.closedDate).toBe('2026-03-04');
  });

  it('keeps an incident whose facts the engine rejects, without an SLA', () => {
    // An answer before the receipt is impossible: the engine refuses it.
    const f = facts({
      id: uuid('f7'),
      customerId: tokyo.id,
      severity: 1,
      receivedAt: '2026-03-02T10:00:00+09:00',
      firstResponseAt: '2026-03-02T09:00:00+09:00',
    });
    expect(f.sla).toBeNull();
    expect(f.outcome).toBeNull();
    expect(f.receivedDate).toBe('2026-03-02');
  });
});
