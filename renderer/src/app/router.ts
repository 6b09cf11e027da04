import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/stations/CP-1`): they work the same from a file:// page in the desktop shell and from the
 * headless server, and need no server-side routing.
 */
export interface Route {
  /** First path segment, e.g. "stations"; "" for the overview. */
  view: string;
  /** The remaining segments, decoded. */
  params: string[];
  /** Query after `?` in the hash, e.g. `#/message-log?chargePointId=CP-1`. */
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?');
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { view: segments[0] ?? '', params: segments.slice(1), query: new URLSearchParams(search) };
}

/** `href('stations', 'CP 1')` → `#/stations/CP%201`. */
export function href(view: string, ...params: (string | number)[]): string {
  return `#/${[view, ...params.map((p) => encodeURIComponent(String(p)))].filter(Boolean).join('/')}`;
}

export function navigate(to: string): void {
  location.hash = to.startsWith('#') ? to : `#${to}`;
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseHash(hash);
}
