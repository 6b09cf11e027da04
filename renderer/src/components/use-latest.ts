import { useLayoutEffect, useRef } from 'react';

/**
 * The latest value of a prop or state for callbacks that must stay the same function (memoised rows, a
 * subscription made once): they read `.current` when they run. Updated after each render, never during one.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
