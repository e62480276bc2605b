import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED, notificationKey, planNotifications } from './transitions';
import type { WatchedIncident } from './transitions';

const w = (incidentId: string, state: WatchedIncident['state']): WatchedIncident => ({ incidentId, state });

describe('notify transitions', () => {
  it('notifies when an incident becomes at risk, then when it breaches, once each', () => {
    let remembered: string[] = [];
    const step = (state: WatchedIncident['state']) => {
      const plan = planNotifications([w('a', state)], remembered);
      remembered = plan.remember;
      return plan.send.map((s) => s.state);
    };
    expect(step('running')).toEqual([]);
    expect(step('at_risk')).toEqual(['at_risk']);
    expect(step('at_risk')).toEqual([]);
    expect(step('breached')).toEqual(['breached']);
    expect(step('breached')).toEqual([]);
    expect(remembered.sort()).toEqual(['a:at_risk', 'a:breached']);
  });

  it('does not repeat after a reload: the remembered keys are the only memory', () => {
    const first = planNotifications([w('a', 'breached'), w('b', 'at_risk')], []);
    expect(first.send.map((s) => s.key)).toEqual(['a:breached', 'b:at_risk']);
    const afterReload = planNotifications(
      [w('a', 'breached'), w('b', 'at_risk')],
      JSON.parse(JSON.stringify(first.remember)) as string[],
    );
    expect(afterReload.send).toEqual([]);
  });

  it('notifies a breach found on opening the app without the at-risk stage it never saw', () => {
    expect(planNotifications([w('late', 'breached')], []).send).toEqual([
      { incidentId: 'late', state: 'breached', key: 'late:breached' },
    ]);
  });

  it('does not announce "at risk" after the breach was announced (a downgrade moved the due time)', () => {
    expect(planNotifications([w('a', 'at_risk')], [notificationKey('a', 'breached')]).send).toEqual([]);
  });

  it('forgets settled incidents and keeps the ones not in the list', () => {
    const plan = planNotifications(
      [w('answered', 'met'), w('late', 'missed')],
      ['answered:at_risk', 'late:breached', 'elsewhere:breached'],
    );
    expect(plan.send).toEqual([]);
    expect(plan.remember).toEqual(['elsewhere:breached']);
  });

  it('nothing for running, settled or invalid incidents', () => {
    expect(
      planNotifications([w('a', 'running'), w('b', 'met'), w('c', 'missed'), w('d', 'invalid')], []).send,
    ).toEqual([]);
  });

  it('bounds the memory, forgetting the oldest keys', () => {
    const old = Array.from({ length: MAX_REMEMBERED }, (_, i) => `old-${i}:breached`);
    const plan = planNotifications([w('new', 'at_risk')], old);
    expect(plan.remember).toHaveLength(MAX_REMEMBERED);
    expect(plan.remember[0]).toBe('old-1:breached');
    expect(plan.remember.at(-1)).toBe('new:at_risk');
  });
});
