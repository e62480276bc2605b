// Live rows (tombstones left out) grouped by the customer they belong to, in input order.
export function liveRowsByCustomer<T extends { customerId: string; deleted: boolean }>(
  rows: readonly T[],
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    if (row.deleted) continue;
    const list = map.get(row.customerId);
    if (list === undefined) map.set(row.customerId, [row]);
    else list.push(row);
  }
  return map;
}
