/** The console's one way to run an operator action and to word a failure (renderer/src/components). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiRequestError } from '../../../shared/api/errors.js';
import {
  asyncActionReducer,
  createActionRunner,
  IDLE,
  type AsyncActionEvent,
  type AsyncActionState,
} from '../../../renderer/src/components/async-action.js';
import { errorMessage, fieldProblems } from '../../../renderer/src/components/error-message.js';

/** A runner whose steps land in a reducer state, as the hook wires it. */
function harness(action: (...args: number[]) => Promise<void>, onError?: (message: string) => void) {
  let state: AsyncActionState = IDLE;
  const events: AsyncActionEvent['type'][] = [];
  const runner = createActionRunner<number[]>(
    (event) => {
      events.push(event.type);
      state = asyncActionReducer(state, event);
    },
    { action, options: { onError } },
  );
  return { runner, events, state: () => state };
}

/** A promise settled by the test. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('errorMessage', () => {
  test("an Error's message, a string as it is, an object's message, anything else as JSON", () => {
    assert.equal(errorMessage(new Error('station not connected')), 'station not connected');
    assert.equal(errorMessage(new ApiRequestError(409, 'API_ERR_NOT_CONNECTED', 'CP-1 is not connected')), 'CP-1 is not connected');
    assert.equal(errorMessage('plain text'), 'plain text');
    assert.equal(errorMessage({ message: 'from a structured clone' }), 'from a structured clone');
    assert.equal(errorMessage({ code: 7 }), '{"code":7}');
    assert.equal(errorMessage(undefined), 'undefined');
    assert.equal(errorMessage(null), 'null');
  });

  test('fieldProblems: the fields of a 422, nothing for any other failure', () => {
    const err = new ApiRequestError(422, 'API_ERR_VALIDATION', 'invalid', { fields: { idTag: 'too long' } });
    assert.deepEqual(fieldProblems(err), { idTag: 'too long' });
    assert.deepEqual(fieldProblems(new ApiRequestError(409, 'API_ERR_CONFLICT', 'exists')), {});
    assert.deepEqual(fieldProblems(new Error('network')), {});
    assert.deepEqual(fieldProblems({ details: { fields: { a: 'b' } } }), {}, 'only the API client’s own errors are read');
  });
});

describe('asyncActionReducer', () => {
  test('start clears the last failure, success and failure end the pending state', () => {
    const failed = asyncActionReducer(asyncActionReducer(IDLE, { type: 'start' }), { type: 'failed', error: 'timeout' });
    assert.deepEqual(failed, { pending: false, error: 'timeout' });
    assert.deepEqual(asyncActionReducer(failed, { type: 'start' }), { pending: true, error: null });
    assert.deepEqual(asyncActionReducer({ pending: true, error: null }, { type: 'succeeded' }), IDLE);
  });

  test('clearError forgets the message and keeps the same state object when there is none', () => {
    assert.deepEqual(asyncActionReducer({ pending: true, error: 'x' }, { type: 'clearError' }), { pending: true, error: null });
    assert.equal(asyncActionReducer(IDLE, { type: 'clearError' }), IDLE);
  });
});

describe('createActionRunner', () => {
  test('a second run while the first is pending is ignored: a double click sends once', async () => {
    const gate = deferred();
    const calls: number[] = [];
    const h = harness(async (n) => {
      calls.push(n ?? -1);
      await gate.promise;
    });
    h.runner.run(1);
    h.runner.run(2);
    assert.deepEqual(calls, [1]);
    assert.equal(h.state().pending, true);
    gate.resolve();
    await settle();
    assert.deepEqual(h.state(), IDLE);
    h.runner.run(3);
    assert.deepEqual(calls, [1, 3], 'after the first ended, the next run goes through');
    await settle();
    assert.deepEqual(h.events, ['start', 'succeeded', 'start', 'succeeded']);
  });

  test('a rejection becomes the error message and reaches onError; run itself never throws', async () => {
    const told: string[] = [];
    const h = harness(
      () => Promise.reject(new ApiRequestError(504, 'API_ERR_CALL_TIMEOUT', 'no answer in 30 s')),
      (m) => told.push(m),
    );
    assert.doesNotThrow(() => h.runner.run());
    await settle();
    assert.deepEqual(h.state(), { pending: false, error: 'no answer in 30 s' });
    assert.deepEqual(told, ['no answer in 30 s']);
  });

  test('an action that throws before its first await is a failure too, and the runner is free again', () => {
    const h = harness(() => {
      throw new Error('bad input');
    });
    h.runner.run();
    assert.deepEqual(h.state(), { pending: false, error: 'bad input' });
    h.runner.run();
    assert.deepEqual(h.events, ['start', 'failed', 'start', 'failed']);
  });

  test('the action of the latest render is the one that runs', async () => {
    const seen: string[] = [];
    const h = harness(() => Promise.resolve(void seen.push('first render')));
    h.runner.use({ action: () => Promise.resolve(void seen.push('latest render')), options: {} });
    h.runner.run();
    await settle();
    assert.deepEqual(seen, ['latest render']);
  });
});
