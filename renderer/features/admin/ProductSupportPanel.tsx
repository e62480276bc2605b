// On Today: the deployed products of my customers whose support ends within 90 days (or has
// ended), from the replica, live (a product recorded offline shows at once).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from 'luxon';
import type { Customer } from '../../../shared/model/entities';
import { localToday, SUPPORT_ENDING_WINDOW_DAYS, supportState } from '../../../shared/products/support';
import { formatLocalDate } from '../../format/datetime';
import { useReplicaQuery } from '../../replica';
import { customerName, useLocale, useMinuteNow } from '../../ui/common';

export function ProductSupportPanel({ customers }: { customers: readonly Customer[] }) {
  const { t } = useTranslation('admin');
  const locale = useLocale();
  const now = useMinuteNow();
  // A day beyond the window in any zone: each row is then judged in its customer's zone.
  const horizon = DateTime.fromMillis(now)
    .plus({ days: SUPPORT_ENDING_WINDOW_DAYS + 1 })
    .toISODate()!;
  const ids = useMemo(() => new Set(customers.map((c) => c.id)), [customers]);
  const products = useReplicaQuery(
    (db) =>
      db.deployedProducts
        .where('supportEndsOn')
        .belowOrEqual(horizon)
        .filter((p) => !p.deleted && ids.has(p.customerId))
        .toArray(),
    [horizon, ids],
  );
  const rows = useMemo(() => {
    const byId = new Map(customers.map((c) => [c.id, c]));
    return (products ?? [])
      .map((p) => {
        const customer = byId.get(p.customerId)!;
        return {
          p,
          customer,
          state: supportState(p.supportEndsOn, localToday(new Date(now), customer.calendar.timeZone)),
        };
      })
      .filter((r) => r.state.status !== 'supported')
      .sort((a, b) => a.p.supportEndsOn.localeCompare(b.p.supportEndsOn));
  }, [products, customers, now]);
  return (
    <section className="ws-panel" aria-labelledby="today-products-title" data-testid="today-products">
      <h3 id="today-products-title">{t('today.productsTitle')}</h3>
      {rows.length === 0 ? (
        <p>{t('today.productsNone')}</p>
      ) : (
        <ul className="ws-plain-list">
          {rows.map(({ p, customer, state }) => (
            <li key={p.id} data-status={state.status}>
              <Link to={`/customers/${customer.id}`}>
                {t(state.status === 'ended' ? 'today.ended' : 'today.ending', {
                  customer: customerName(customer, locale),
                  product: p.product,
                  version: p.productVersion,
                  date: formatLocalDate(p.supportEndsOn, locale),
                  days: state.daysLeft,
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
