import { useCallback, useState } from 'react';

const STORAGE_PREFIX = 'console.view.';

function read<T extends string | boolean>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return typeof value === typeof fallback ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A view preference of this browser (a section folded, a compact mode, a sort order): kept in localStorage so the
 * console opens as the operator left it. Storage refused (private mode) only means it is not remembered.
 */
export function useViewPref<T extends string | boolean>(key: string, fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, fallback));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(next));
      } catch {
        // Not remembered; the view still follows the choice.
      }
    },
    [key],
  );
  return [value, set];
}
