// The command palette ($mod+K, through the shortcut registry): one box to search everything
// the replica holds (incidents, timeline entries, customers with their kana reading,
// contacts, requests, health-check findings; the index lives in the search worker), go to any
// area and act (new incident, for a customer too; today's daily report). Offline like the
// rest. Results are grouped by kind, ranked, the matched words highlighted; ↑↓ move, Enter
// opens, Esc closes; filters narrow by kind, customer, level, status and period.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IncidentStatusSchema } from '../../../shared/model/entities';
import { foldText } from '../../../shared/search/fold';
import {
  SEARCH_KINDS,
  type Marked,
  type SearchFilters,
  type SearchHit,
  type SearchKind,
} from '../../../shared/search/engine';
import { AREAS } from '../../app/areas';
import { useCustomers } from '../../replica';
import { SearchRouteFailure, searchReplica, useSearchStatus, useSearchWorker } from '../../search/client';
import type { SearchRouteError } from '../../search/protocol';
import { isComposing, matchShortcut, matches, shortcut } from '../../shortcuts/registry';
import { customerName, useLocale } from '../../ui/common';
import './palette.css';

type Group = 'action' | 'navigation' | SearchKind;

interface Item {
  key: string;
  group: Group;
  label: Marked;
  detail?: string;
  snippet?: Marked | null;
  to: string;
}

const LEVELS = [1, 2, 3, 4] as const;

function Highlighted({ value }: { value: Marked }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  value.marks.forEach(([start, end], i) => {
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={i}>{value.text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}

function pathOf(hit: SearchHit): string {
  switch (hit.kind) {
    case 'incident':
    case 'event':
      return `/incidents/${hit.rowId}`;
    case 'customer':
      return `/customers/${hit.rowId}`;
    case 'contact':
      return `/customers/${hit.customerId ?? ''}`;
    case 'request':
      return `/requests?request=${hit.rowId}`;
    case 'finding':
      return `/health-checks?check=${hit.rowId}`;
  }
}

export function CommandPalette() {
  const { t } = useTranslation(['palette', 'translation', 'glossary']);
  const locale = useLocale();
  const navigate = useNavigate();
  const id = useId();
  useSearchWorker();
  const status = useSearchStatus((s) => s.status);
  const workerError = useSearchStatus((s) => s.error);
  const role = useSearchStatus((s) => s.role);
  const customers = useCustomers();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [routeError, setRouteError] = useState<SearchRouteError | null>(null);
  const [active, setActive] = useState(0);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchShortcut(e, ['palette']) === null) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      inputRef.current?.focus();
      inputRef.current?.select();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  // Search after a short pause; an answer to an older query is dropped.
  const trimmed = query.trim();
  useEffect(() => {
    if (!open || trimmed === '') {
      setHits([]);
      setSearching(false);
      return;
    }
    let current = true;
    setSearching(true);
    const timer = setTimeout(() => {
      searchReplica(trimmed, filters, 60).then(
        (answer) => {
          if (!current) return;
          setHits(answer.hits);
          setError(null);
          setRouteError(null);
          setSearching(false);
        },
        (err: unknown) => {
          if (!current) return;
          if (err instanceof SearchRouteFailure) {
            setRouteError(err.code);
            setError(null);
          } else {
            setRouteError(null);
            setError(err instanceof Error ? err.message : String(err));
          }
          setSearching(false);
        },
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, trimmed, filters]);

  const customerById = useMemo(() => new Map((customers ?? []).map((c) => [c.id, c])), [customers]);

  const items = useMemo((): Item[] => {
    const q = foldText(trimmed);
    const plain = (text: string): Marked => {
      const i = q === '' ? -1 : foldText(text).indexOf(q);
      // The folded text keeps the length of simple labels; mark only when it lines up.
      return { text, marks: i >= 0 && foldText(text).length === text.length ? [[i, i + q.length]] : [] };
    };
    const wanted = (text: string) => q === '' || foldText(text).includes(q);
    const out: Item[] = [];
    const topCustomer = hits.find((h) => h.kind === 'customer') ?? null;
    const filterCustomer = filters.customerId ? customerById.get(filters.customerId) : undefined;
    const forCustomer = filterCustomer?.id ?? topCustomer?.rowId ?? null;
    if (forCustomer) {
      const label = t('actions.newIncidentFor', {
        customer: customerName(customerById.get(forCustomer), locale),
      });
      out.push({
        key: 'new-for',
        group: 'action',
        label: { text: label, marks: [] },
        to: `/incidents/new?customer=${forCustomer}`,
      });
    }
    const actions: [string, string, string][] = [
      ['new', t('actions.newIncident'), '/incidents/new'],
      ['daily', t('actions.dailyReport'), '/reports/daily'],
    ];
    for (const [key, label, to] of actions)
      if (wanted(label)) out.push({ key, group: 'action', label: plain(label), to });
    for (const area of AREAS) {
      const name = t(`translation:${area.nav}`);
      const label = t('actions.goTo', { area: name });
      if (wanted(label))
        out.push({ key: `nav-${area.key}`, group: 'navigation', label: plain(label), to: area.path });
    }
    for (const kind of SEARCH_KINDS) {
      for (const hit of hits.filter((h) => h.kind === kind)) {
        const customer = hit.customerId ? customerById.get(hit.customerId) : undefined;
        const bits: string[] = [];
        if (customer && hit.kind !== 'customer') bits.push(customerName(customer, locale));
        if (hit.kind === 'incident' || hit.kind === 'event') {
          if (hit.severity) bits.push(t('glossary:level', { level: hit.severity }));
          if (hit.status) bits.push(t(`glossary:status.${hit.status as 'new'}`));
        }
        if (hit.at) bits.push(hit.at.slice(0, 10));
        out.push({
          key: hit.id,
          group: hit.kind,
          label: hit.titleMarked,
          detail: bits.join(' · '),
          snippet: hit.snippet,
          to: pathOf(hit),
        });
      }
    }
    return out;
  }, [hits, trimmed, t, locale, customerById, filters.customerId]);

  useEffect(() => setActive(0), [items.length, trimmed]);

  const close = () => {
    setOpen(false);
  };
  const pick = (item: Item | undefined) => {
    if (!item) return;
    close();
    void navigate(item.to);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(e.nativeEvent)) return;
    const native = e.nativeEvent;
    const inField = { inTextFields: true } as const;
    if (matches(native, { ...shortcut('rowNext'), ...inField })) {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (matches(native, { ...shortcut('rowPrevious'), ...inField })) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (matches(native, shortcut('pick'))) {
      e.preventDefault();
      pick(items[active]);
    }
  };

  useEffect(() => {
    document.getElementById(`${id}-item-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, id]);

  const setFilter = (next: Partial<SearchFilters>) => setFilters((f) => ({ ...f, ...next }));
  const anyFilter = Object.values(filters).some(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  const resultCount = hits.length;
  const shownError = error ?? workerError;

  let index = -1;
  const groups: Group[] = ['action', 'navigation', ...SEARCH_KINDS];

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-labelledby={`${id}-title`}
      data-testid="palette"
      data-search-role={role ?? undefined}
      onClose={close}
      onCancel={close}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="palette-hidden">
            {t('title')}
          </h2>
          <input
            ref={inputRef}
            type="text"
            className="palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={items.length > 0 ? `${id}-item-${active}` : undefined}
            aria-label={t('title')}
            placeholder={t('placeholder')}
            value={query}
            data-testid="palette-input"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <fieldset className="palette-filters">
            <legend className="palette-hidden">{t('filters.label')}</legend>
            <label>
              {t('filters.kind')}
              <select
                value={filters.kinds?.[0] ?? ''}
                onChange={(e) => setFilter({ kinds: e.target.value ? [e.target.value as SearchKind] : [] })}
                data-testid="palette-kind"
              >
                <option value="">{t('filters.any')}</option>
                {SEARCH_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filters.customer')}
              <select
                value={filters.customerId ?? ''}
                onChange={(e) => setFilter({ customerId: e.target.value || null })}
              >
                <option value="">{t('filters.any')}</option>
                {(customers ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {customerName(c, locale)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filters.level')}
              <select
                value={filters.severity?.[0] ?? ''}
                onChange={(e) => setFilter({ severity: e.target.value ? [Number(e.target.value)] : [] })}
              >
                <option value="">{t('filters.any')}</option>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t('glossary:level', { level: l })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filters.status')}
              <select
                value={filters.status?.[0] ?? ''}
                onChange={(e) => setFilter({ status: e.target.value ? [e.target.value] : [] })}
              >
                <option value="">{t('filters.any')}</option>
                {IncidentStatusSchema.options.map((s) => (
                  <option key={s} value={s}>
                    {t(`glossary:status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filters.from')}
              <input
                type="date"
                value={filters.from ?? ''}
                onChange={(e) => setFilter({ from: e.target.value || null })}
              />
            </label>
            <label>
              {t('filters.to')}
              <input
                type="date"
                value={filters.to ?? ''}
                onChange={(e) => setFilter({ to: e.target.value || null })}
              />
            </label>
            {anyFilter && (
              <button type="button" onClick={() => setFilters({})}>
                {t('filters.clear')}
              </button>
            )}
          </fieldset>
          <p className="palette-status muted" role="status">
            {routeError
              ? t(`routeErrors.${routeError}`)
              : shownError
                ? t('unavailable', { message: shownError })
                : searching
                  ? t('searching')
                  : trimmed !== '' && resultCount === 0
                    ? t('none', { query: trimmed })
                    : trimmed !== ''
                      ? t('count', { count: resultCount })
                      : t('hint')}
            {status && status.state !== 'ready' && ` ${t('indexing', { docs: status.docs })}`}
          </p>
          <div
            id={`${id}-list`}
            role="listbox"
            aria-label={t('results')}
            className="palette-list"
            data-testid="palette-results"
          >
            {groups.map((group) => {
              const inGroup = items.filter((i) => i.group === group);
              if (inGroup.length === 0) return null;
              return (
                <div key={group} role="group" aria-labelledby={`${id}-g-${group}`} className="palette-group">
                  <div id={`${id}-g-${group}`} className="palette-group-title" role="presentation">
                    {t(`kinds.${group}`)}
                  </div>
                  {inGroup.map((item) => {
                    index += 1;
                    const i = index;
                    return (
                      <div
                        key={item.key}
                        id={`${id}-item-${i}`}
                        role="option"
                        aria-selected={i === active}
                        className={i === active ? 'palette-item active' : 'palette-item'}
                        data-testid="palette-item"
                        data-kind={item.group}
                        onMouseMove={() => setActive(i)}
                        onClick={() => pick(item)}
                      >
                        <div className="palette-item-label">
                          <Highlighted value={item.label} />
                        </div>
                        {item.detail && <div className="palette-item-detail muted">{item.detail}</div>}
                        {item.snippet && (
                          <div className="palette-item-snippet">
                            <Highlighted value={item.snippet} />
                          </div>
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
          <div className="palette-actions">
            <button type="button" onClick={close}>
              {t('close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
