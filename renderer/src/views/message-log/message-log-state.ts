import type { MessageLogEntryDto } from '../../../../shared/api/types.js';

/** At most this many rows kept on screen (and held back while paused); older ones come back with "Load older". */
export const MAX_ROWS = 2000;

/** What the message log shows under one set of filters. */
export interface MessageLogRows {
  /** The filters these rows belong to (JSON); other filters start over. */
  filterKey: string;
  /** Newest first. */
  items: MessageLogEntryDto[];
  /** New rows that arrived while paused, newest first: shown on resume, so the rows being read do not move. */
  pending: MessageLogEntryDto[];
  paused: boolean;
  loading: boolean;
  loadingOlder: boolean;
  hasOlder: boolean;
  error: string | null;
}

export type MessageLogEvent =
  | { type: 'reset'; filterKey: string }
  | { type: 'firstPage'; items: MessageLogEntryDto[]; hasOlder: boolean }
  /** Rows newer than the newest shown, oldest first as the API returns them with `afterId`. */
  | { type: 'newer'; ascending: MessageLogEntryDto[] }
  | { type: 'loadingOlder' }
  | { type: 'older'; items: MessageLogEntryDto[]; hasOlder: boolean }
  | { type: 'failed'; error: string }
  | { type: 'paused'; paused: boolean }
  /** Shows the rows held back now, paused or not. */
  | { type: 'showPending' };

export function initialRows(filterKey: string, paused: boolean): MessageLogRows {
  return { filterKey, items: [], pending: [], paused, loading: true, loadingOlder: false, hasOlder: false, error: null };
}

/** Newest rows on top, only rows newer than the top one (a late answer never shows a row twice); beyond MAX_ROWS the oldest leave. */
function prepend(state: MessageLogRows, fresh: MessageLogEntryDto[]): MessageLogRows {
  const top = state.items[0]?.id ?? 0;
  const next = [...fresh.filter((r) => r.id > top), ...state.items];
  if (next.length <= MAX_ROWS) return { ...state, items: next };
  return { ...state, items: next.slice(0, MAX_ROWS), hasOlder: true };
}

/** The newest id the log has seen (shown or held back): live requests ask for rows after it. */
export function newestId(state: MessageLogRows): number {
  return Math.max(state.pending[0]?.id ?? 0, state.items[0]?.id ?? 0);
}

export function messageLogReducer(state: MessageLogRows, event: MessageLogEvent): MessageLogRows {
  switch (event.type) {
    case 'reset':
      return initialRows(event.filterKey, state.paused);
    case 'firstPage':
      return { ...state, items: event.items, hasOlder: event.hasOlder, loading: false, error: null };
    case 'newer': {
      const fresh = [...event.ascending].reverse();
      if (!state.paused) return prepend(state, fresh);
      const top = newestId(state);
      return { ...state, pending: [...fresh.filter((r) => r.id > top), ...state.pending].slice(0, MAX_ROWS) };
    }
    case 'loadingOlder':
      return { ...state, loadingOlder: true };
    case 'older': {
      const bottom = state.items.at(-1)?.id ?? Number.POSITIVE_INFINITY;
      return { ...state, items: [...state.items, ...event.items.filter((r) => r.id < bottom)], hasOlder: event.hasOlder, loadingOlder: false };
    }
    case 'failed':
      return { ...state, error: event.error, loading: false, loadingOlder: false };
    case 'paused':
      if (event.paused === state.paused) return state;
      // Resuming shows what was held back.
      return event.paused ? { ...state, paused: true } : prepend({ ...state, paused: false, pending: [] }, state.pending);
    case 'showPending':
      return state.pending.length ? prepend({ ...state, pending: [] }, state.pending) : state;
  }
}
