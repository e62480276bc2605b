// The Incidents area (route /incidents): every incident in scope, newest first, filtered by
// status, level and customer, searchable by title; virtualised so that 100,000 incidents
// scroll smoothly (ids from an index, rows read only for the rows in view).
import { memo, useEffect, useEffectEvent, useId, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Customer, Incident, Severity } from '../../../shared/model/entities';
import { IncidentStatusSchema } from '../../../shared/model/entities';
import { slaAt, urgencyFactsOf } from '../../../shared/today/urgency';
import { formatDateTimeShort } from '../../format/datetime';
import { useNowSelector } from '../../format/ticker';
import { usePendingRowKeys, useCustomers, useReplica, useReplicaQuery, rowKey } from '../../replica';
import { customerName, useLocale } from '../../ui/common';
import { SeverityBadge, SlaBadge } from '../incident';
import { SavedViewBar } from '../saved-views';
import { readFilter } from './filter-url';
import { incidentChangeSignal, incidentsByIds, matchingIncidentIds, type IncidentFilter } from './query';
import { useRovingRows } from './roving';
import { SEARCH_INPUT_ID } from './shortcuts';
import { shortcutHint } from '../../shortcuts/registry';

const ROW_HEIGHT = 60;
const LEVELS: readonly Severity[] = [1, 2, 3, 4];

export function IncidentsList() {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  const id = useId();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const [search, setSearch] = useState(filter.search);
  // Opening a saved view (from the navigation, while the list is shown) brings its own words.
  const viewId = params.get('view');
  const [shownView, setShownView] = useState(viewId);
  if (viewId !== shownView) {
    setShownView(viewId);
    setSearch(filter.search);
  }
  const searchRef = useRef<HTMLInputElement>(null);

  // Typing updates the URL (and the query) after a short pause. Only typing starts the pause:
  // the URL's value is read when it starts, not reacted to (an effect event).
  const startSearchPause = useEffectEvent((q: string): (() => void) | undefined => {
    if (q === filter.search) return undefined;
    const timer = setTimeout(() => update({ q }), 200);
    return () => clearTimeout(timer);
  });
  useEffect(() => startSearchPause(search), [search]);

  // '/' from elsewhere lands here with the search focused.
  useEffect(() => {
    if ((location.state as { focusSearch?: boolean } | null)?.focusSearch) searchRef.current?.focus();
  }, [location.state]);

  function update(patch: Partial<Record<'status' | 'level' | 'customer' | 'q', string>>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  }

  const customers = useCustomers();
  const customersById = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);
  const ids = useIncidentIds(filter);

  return (
    <section aria-labelledby="area-title" className="ws-incidents">
      <div className="ws-panel-head">
        <h2 id="area-title">{t('list.title')}</h2>
        <Link to="/incidents/new" className="ws-button-link">
          {t('list.newIncident', { shortcut: shortcutHint('newIncident') })}
        </Link>
      </div>
      <p className="muted">{t('list.intro')}</p>
      <SavedViewBar filter={filter} viewId={viewId} />
      <div className="ws-filters" role="search">
        <div className="ws-field">
          <label htmlFor={SEARCH_INPUT_ID}>{t('list.search')}</label>
          <input
            id={SEARCH_INPUT_ID}
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-describedby={`${id}-search-hint`}
            data-testid="incident-search"
          />
          <span id={`${id}-search-hint`} className="muted ws-small">
            {t('list.searchHint', { shortcut: shortcutHint('palette') })}
          </span>
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-status`}>{t('list.status')}</label>
          <select
            id={`${id}-status`}
            value={filter.status}
            onChange={(e) => update({ status: e.target.value })}
          >
            <option value="">{t('list.any')}</option>
            <option value="open">{t('list.open')}</option>
            {IncidentStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`glossary:status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-level`}>{t('list.severity')}</label>
          <select
            id={`${id}-level`}
            value={filter.severity}
            onChange={(e) => update({ level: e.target.value })}
          >
            <option value="">{t('list.any')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t('glossary:levelShort', { level: l })} {t(`glossary:severity.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ws-field">
          <label htmlFor={`${id}-customer`}>{t('list.customer')}</label>
          <select
            id={`${id}-customer`}
            value={filter.customerId}
            onChange={(e) => update({ customer: e.target.value })}
          >
            <option value="">{t('list.any')}</option>
            {(customers ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {customerName(c, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {ids === undefined ? (
        <p role="status">{t('list.loading')}</p>
      ) : (
        <>
          <p role="status" className="muted" data-testid="incident-count">
            {t('list.count', { count: ids.length })}
          </p>
          {ids.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <VirtualIncidentList ids={ids} customers={customersById} />
          )}
        </>
      )}
    </section>
  );
}

/**
 * The ids matching the filter, re-read when any incident changes (the change signal is the
 * live query; the ids are read outside it: see query.ts). A newer read always wins.
 */
function useIncidentIds(filter: IncidentFilter): string[] | undefined {
  const db = useReplica();
  const runs = useRef({ n: 0 });
  const version = useReplicaQuery((d) => incidentChangeSignal(d, runs.current), []);
  const [result, setResult] = useState<{ key: string; ids: string[] } | undefined>(undefined);
  // The filter's fields, not the object (a new one each render), drive the read.
  const { status, severity, customerId, search } = filter;
  const key = `${status}|${severity}|${customerId}|${search}`;
  useEffect(() => {
    if (!db || version === undefined) return;
    let current = true;
    void matchingIncidentIds(db, { status, severity, customerId, search }).then(
      (ids) => {
        if (current) setResult({ key, ids });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [db, version, key, status, severity, customerId, search]);
  // While a new filter is being read, the previous result is not shown as if it matched.
  return result?.key === key ? result.ids : undefined;
}

function VirtualIncidentList({
  ids,
  customers,
}: {
  ids: readonly string[];
  customers: Map<string, Customer>;
}) {
  const { t } = useTranslation(['incident', 'glossary']);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? index,
  });
  const items = virtualizer.getVirtualItems();
  // The ids in view as one string (UUIDs: no commas), so that the query re-runs only when the
  // window moves, not on every render.
  const visibleKey = items.map((i) => ids[i.index] as string).join(',');
  const rows = useReplicaQuery(
    (db) => incidentsByIds(db, visibleKey === '' ? [] : visibleKey.split(',')),
    [visibleKey],
  );
  // Rows read before stay on screen while the next window loads (no flicker on scroll).
  const cache = useRef(new Map<string, Incident>());
  if (rows) rows.forEach((r) => r && cache.current.set(r.id, r));
  if (cache.current.size > 2000)
    cache.current = new Map(rows?.filter((r): r is Incident => !!r).map((r) => [r.id, r]));
  const onKeyDown = useRovingRows(virtualizer, ids.length);
  const pending = usePendingRowKeys();

  return (
    <div
      ref={scrollRef}
      className="ws-virtual-scroll ws-incident-scroll"
      onKeyDown={onKeyDown}
      data-testid="incident-list"
    >
      <div className="ws-list-header" aria-hidden="true">
        <span>{t('list.columns.received')}</span>
        <span>{t('list.columns.level')}</span>
        <span>{t('list.columns.status')}</span>
        <span>{t('list.columns.title')}</span>
        <span>{t('list.columns.customer')}</span>
        <span>{t('list.columns.sla')}</span>
      </div>
      <ol
        className="ws-virtual-inner"
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={t('list.title')}
      >
        {items.map((item) => {
          const incidentId = ids[item.index] as string;
          const incident = cache.current.get(incidentId);
          return (
            <li
              key={item.key}
              className="ws-virtual-row"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              aria-setsize={ids.length}
              aria-posinset={item.index + 1}
            >
              {incident ? (
                <IncidentRow
                  incident={incident}
                  customer={customers.get(incident.customerId)}
                  index={item.index}
                  pending={pending?.has(rowKey('incident', incident.id)) ?? false}
                />
              ) : (
                <span className="muted">…</span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const IncidentRow = memo(function IncidentRow({
  incident,
  customer,
  index,
  pending,
}: {
  incident: Incident;
  customer: Customer | undefined;
  index: number;
  /** A local change the server has not confirmed yet. */
  pending: boolean;
}) {
  const { t } = useTranslation(['incident', 'glossary']);
  const locale = useLocale();
  // The state badge needs no per-second precision here: once a minute.
  const minute = useNowSelector((now) => Math.floor(now / 60_000), []);
  const state = useMemo(() => {
    if (!customer) return 'invalid' as const;
    try {
      return slaAt(urgencyFactsOf(incident, customer), minute * 60_000).state;
    } catch {
      return 'invalid' as const;
    }
  }, [incident, customer, minute]);
  const zone = customer?.calendar.timeZone ?? 'UTC';
  return (
    <Link
      to={`/incidents/${incident.id}`}
      className="ws-incident-row"
      data-row-index={index}
      data-testid="incident-row"
    >
      <span className="ws-small">
        {formatDateTimeShort(incident.receivedAt, zone, locale, minute * 60_000)}
      </span>
      <span>
        <SeverityBadge level={incident.severity} />
      </span>
      <span>{t(`glossary:status.${incident.status}`)}</span>
      <span className="ws-incident-row-title">
        {incident.title}
        {pending && <span className="ws-badge ws-pending"> {t('page.pending')}</span>}
      </span>
      <span className="ws-small">{customerName(customer, locale)}</span>
      <span>
        <SlaBadge state={state} />
      </span>
    </Link>
  );
});
