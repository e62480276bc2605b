// The Incidents list's filter in its URL (`status`, `level`, `customer`, `q`, and `view`: the
// saved view it was opened from): the one place that reads and writes it, so that the list,
// the saved views in the navigation and the palette agree. The filter's shape is
// IncidentListFilterSchema (shared), the one a saved view stores.
import type { IncidentListFilter } from '../../../shared/model/entities';
import { IncidentListFilterSchema } from '../../../shared/model/entities';

/** The filter a URL's search parameters hold; a value the list does not know reads as "any". */
export function readFilter(params: URLSearchParams): IncidentListFilter {
  const field = <K extends keyof IncidentListFilter>(key: K, value: unknown): IncidentListFilter[K] => {
    const parsed = IncidentListFilterSchema.shape[key].safeParse(value);
    return (parsed.success ? parsed.data : '') as IncidentListFilter[K];
  };
  const level = params.get('level');
  return {
    status: field('status', params.get('status') ?? ''),
    severity: field('severity', level ? Number(level) : ''),
    customerId: field('customerId', params.get('customer') ?? ''),
    search: field('search', params.get('q') ?? ''),
  };
}

/** The search parameters of a filter (only the fields set), with the saved view it comes from. */
export function filterParams(filter: IncidentListFilter, viewId?: string): URLSearchParams {
  const p = new URLSearchParams();
  if (filter.status) p.set('status', filter.status);
  if (filter.severity !== '') p.set('level', String(filter.severity));
  if (filter.customerId) p.set('customer', filter.customerId);
  if (filter.search) p.set('q', filter.search);
  if (viewId) p.set('view', viewId);
  return p;
}

/** The Incidents list showing this filter. */
export function incidentsPath(filter: IncidentListFilter, viewId?: string): string {
  const q = filterParams(filter, viewId).toString();
  return q ? `/incidents?${q}` : '/incidents';
}

/** Whether two filters show the same incidents. */
export function sameFilter(a: IncidentListFilter, b: IncidentListFilter): boolean {
  return (
    a.status === b.status &&
    a.severity === b.severity &&
    a.customerId === b.customerId &&
    a.search === b.search
  );
}
