import { useLayoutEffect, useReducer, useState } from 'react';
import { errorMessage } from './error-message.js';

/** Where an operator's action (a save, a send, an export) stands: running or not, and why it last failed. */
export interface AsyncActionState {
  pending: boolean;
  /** The last failure's message, until the next start or `clearError`. */
  error: string | null;
}

export type AsyncActionEvent = { type: 'start' } | { type: 'succeeded' } | { type: 'failed'; error: string } | { type: 'clearError' };

export const IDLE: AsyncActionState = { pending: false, error: null };

/** The state change of each step; a start forgets the previous failure, so a retry shows only its own outcome. */
export function asyncActionReducer(state: AsyncActionState, event: AsyncActionEvent): AsyncActionState {
  switch (event.type) {
    case 'start':
      return { pending: true, error: null };
    case 'succeeded':
      return { pending: false, error: null };
    case 'failed':
      return { pending: false, error: event.error };
    case 'clearError':
      return state.error === null ? state : { ...state, error: null };
  }
}

export interface AsyncActionOptions {
  /** Also told about a failure (e.g. to raise a toast); the message stays in `error` as well. */
  onError?(message: string, err: unknown): void;
}

export interface ActionSource<A extends unknown[]> {
  action: (...args: A) => Promise<void>;
  options: AsyncActionOptions;
}

export interface ActionRunner<A extends unknown[]> {
  /** Runs the current action unless one is running; never throws nor rejects (a failure becomes a `failed` event). */
  run: (...args: A) => void;
  /** The action and options the next run uses (a component passes the ones of its latest render). */
  use: (source: ActionSource<A>) => void;
}

/**
 * Runs an action at most once at a time and reports each step to `dispatch`. A call while one is running is
 * ignored (a double click sends once); the flag lives here, not in React state, because state reaches the next
 * click only after a render.
 */
export function createActionRunner<A extends unknown[]>(dispatch: (event: AsyncActionEvent) => void, initial: ActionSource<A>): ActionRunner<A> {
  let running = false;
  let source = initial;
  return {
    use: (next) => {
      source = next;
    },
    run: (...args) => {
      if (running) return;
      running = true;
      dispatch({ type: 'start' });
      const { action, options } = source;
      const fail = (err: unknown) => {
        running = false;
        const message = errorMessage(err);
        dispatch({ type: 'failed', error: message });
        options.onError?.(message, err);
      };
      let started: Promise<void>;
      try {
        started = action(...args);
      } catch (err) {
        fail(err);
        return;
      }
      started.then(() => {
        running = false;
        dispatch({ type: 'succeeded' });
      }, fail);
    },
  };
}

export interface AsyncAction<A extends unknown[]> extends AsyncActionState {
  /** Starts the action (ignored while it runs); returns nothing and never rejects, so onClick can take it as is. */
  run(this: void, ...args: A): void;
  /** For a form's onSubmit: keeps the browser from submitting the page itself, then runs the action. */
  submit(this: void, event: { preventDefault(): void }, ...args: A): void;
  clearError(this: void): void;
}

/**
 * One operator action that talks to the server: its pending state (for "Saving…" and a disabled button), its
 * error message, and a handler that runs it once at a time. The action always sees the latest props and state.
 */
export function useAsyncAction<A extends unknown[] = []>(action: (...args: A) => Promise<void>, options: AsyncActionOptions = {}): AsyncAction<A> {
  const [state, dispatch] = useReducer(asyncActionReducer, IDLE);
  const [handlers] = useState(() => {
    const runner = createActionRunner<A>(dispatch, { action, options });
    return {
      runner,
      run: runner.run,
      submit: (event: { preventDefault(): void }, ...args: A) => {
        event.preventDefault();
        runner.run(...args);
      },
      clearError: () => dispatch({ type: 'clearError' }),
    };
  });
  // The next run uses this render's action, which sees this render's props and state.
  useLayoutEffect(() => handlers.runner.use({ action, options }));
  return { ...state, run: handlers.run, submit: handlers.submit, clearError: handlers.clearError };
}
