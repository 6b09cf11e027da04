import type { TransactionQuery } from '../../../../shared/api/types.js';
import { localInputToIso } from '../../components/local-datetime.js';

/**
 * The list filters as kept in the hash query (`#/transactions?station=CP-1&state=active`), so a view can be linked.
 * No page: the list loads older pages as it scrolls.
 */
export interface TransactionFilters {
  chargePointId: string;
  state: '' | 'active' | 'finished';
  idTag: string;
  /** datetime-local values (local time). */
  from: string;
  to: string;
}

export function filtersFromQuery(query: URLSearchParams): TransactionFilters {
  const state = query.get('state');
  return {
    chargePointId: query.get('station') ?? '',
    state: state === 'active' || state === 'finished' ? state : '',
    idTag: query.get('idTag') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
}

export function filtersToHash(f: TransactionFilters): string {
  const q = new URLSearchParams();
  if (f.chargePointId) q.set('station', f.chargePointId);
  if (f.state) q.set('state', f.state);
  if (f.idTag) q.set('idTag', f.idTag);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  const s = q.toString();
  return `#/transactions${s ? `?${s}` : ''}`;
}

/** The filters as the API takes them (the list adds its own limit and offset). */
export function apiQuery(f: TransactionFilters): TransactionQuery {
  return {
    chargePointId: f.chargePointId || undefined,
    active: f.state === 'active' ? true : f.state === 'finished' ? false : undefined,
    from: localInputToIso(f.from),
    to: localInputToIso(f.to),
  };
}
