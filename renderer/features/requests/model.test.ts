import { describe, expect, it } from 'vitest';
import type { Request } from '../../../shared/model/entities';
import { isFinalStage, nextStages, requestBoard, stageSince } from './model';

const U = '00000000-0000-4000-8000-0000000000aa';
const req = (id: string, extra: Partial<Request>): Request => ({
  id,
  version: 1,
  updatedAt: '2026-11-20T00:00:00Z',
  deleted: false,
  customerId: 'c1',
  type: 'signature_release',
  stage: 'submitted',
  title: id,
  description: '',
  product: 'Endpoint Security',
  productVersion: '12.1',
  incidentId: null,
  priority: 'normal',
  stageHistory: [{ stage: 'submitted', at: '2026-11-19T00:00:00Z', by: U, note: null }],
  createdBy: U,
  ...extra,
});

describe('request workflow', () => {
  it('offers only the allowed next stages', () => {
    expect(nextStages({ type: 'signature_release', stage: 'submitted' })).toEqual(['in_analysis']);
    expect(nextStages({ type: 'private_patch', stage: 'requested' })).toEqual(['accepted', 'declined']);
    expect(nextStages({ type: 'private_patch', stage: 'delivered' })).toEqual(['included_in_public_patch']);
    expect(isFinalStage({ type: 'private_patch', stage: 'declined' })).toBe(true);
    expect(isFinalStage({ type: 'signature_release', stage: 'customer_notified' })).toBe(true);
  });
});

describe('requestBoard', () => {
  const requests = [
    req('old-normal', { updatedAt: '2026-11-18T00:00:00Z' }),
    req('new-normal', { updatedAt: '2026-11-21T00:00:00Z' }),
    req('prioritised', { priority: 'prioritised', updatedAt: '2026-11-01T00:00:00Z' }),
    req('patch', { type: 'private_patch', stage: 'in_development', customerId: 'c2' }),
    req('gone', { deleted: true }),
  ];
  it('lays out every stage of each type, prioritised first then newest', () => {
    const board = requestBoard(requests);
    expect(board.map((l) => [l.type, l.total, l.columns.length])).toEqual([
      ['signature_release', 3, 5],
      ['private_patch', 1, 6],
    ]);
    expect(board[0]?.columns[0]?.requests.map((r) => r.id)).toEqual([
      'prioritised',
      'new-normal',
      'old-normal',
    ]);
    expect(board[1]?.columns.find((c) => c.stage === 'in_development')?.requests.map((r) => r.id)).toEqual([
      'patch',
    ]);
  });
  it('filters by customer and type', () => {
    expect(requestBoard(requests, { customerId: 'c2' }).map((l) => l.total)).toEqual([0, 1]);
    expect(requestBoard(requests, { type: 'private_patch' }).map((l) => l.type)).toEqual(['private_patch']);
  });
});

describe('stageSince', () => {
  it('is the time of the last change to the current stage', () => {
    const r = req('r', {
      stage: 'in_analysis',
      stageHistory: [
        { stage: 'submitted', at: '2026-11-19T00:00:00Z', by: U, note: null },
        { stage: 'in_analysis', at: '2026-11-20T00:00:00Z', by: U, note: null },
      ],
    });
    expect(stageSince(r)).toBe('2026-11-20T00:00:00Z');
  });
});
