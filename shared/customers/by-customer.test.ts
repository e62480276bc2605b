import { describe, expect, it } from 'vitest';
import { liveRowsByCustomer } from './by-customer';

describe('liveRowsByCustomer', () => {
  it('groups live rows by customer in input order and leaves tombstones out', () => {
    const rows = [
      { id: 'a', customerId: 'c1', deleted: false },
      { id: 'b', customerId: 'c2', deleted: false },
      { id: 'c', customerId: 'c1', deleted: true },
      { id: 'd', customerId: 'c1', deleted: false },
      { id: 'e', customerId: 'c3', deleted: true },
    ];
    const map = liveRowsByCustomer(rows);
    expect([...map.keys()]).toEqual(['c1', 'c2']);
    expect(map.get('c1')?.map((r) => r.id)).toEqual(['a', 'd']);
    expect(map.get('c2')?.map((r) => r.id)).toEqual(['b']);
  });
});
