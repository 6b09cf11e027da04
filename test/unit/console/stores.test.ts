/** The console's zustand stores (renderer/src/store, views/*-store): their rules, and a reset that starts them over. */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { createApiClient, type ApiClient, type FetchLike } from '../../../shared/api/client.js';
import type { ApiEvent, ApiEventBatch } from '../../../shared/api/events.js';
import type { ChargePointDto } from '../../../shared/api/types.js';
import { ApiRequestError } from '../../../shared/api/errors.js';
import { useClock } from '../../../renderer/src/store/clock.js';
import { fetchEach, fetchSome, planFetch } from '../../../renderer/src/store/station-fetch.js';
import { eventsOf, onEventBatch, publishBatch, useEventBus } from '../../../renderer/src/store/event-bus.js';
import { useLiveCache } from '../../../renderer/src/store/live-query.js';
import { applyStations, mergeStations, sameStation, sortIds, type FetchedBy } from '../../../renderer/src/store/station-merge.js';
import { naturalCompare } from '../../../renderer/src/components/natural-order.js';
import { MAX_TOASTS, useToasts } from '../../../renderer/src/store/toasts.js';
import { noteHeard, useHeard } from '../../../renderer/src/views/overview/heard.js';
import { sendOperation, useOperationHistory } from '../../../renderer/src/views/station/operations/history-store.js';

afterEach(() => {
  useToasts.getState().reset();
  useClock.getState().reset();
  useEventBus.getState().reset();
  useHeard.getState().reset();
  useLiveCache.getState().reset();
  useOperationHistory.getState().reset();
});

const logged = (chargePointId: string, direction: 'in' | 'out') =>
  ({ type: 'message.logged', data: { chargePointId, direction, messageType: 2 } }) as unknown as ApiEvent;

function station(id: string, patch: Partial<ChargePointDto> = {}): ChargePointDto {
  return {
    id,
    registrationStatus: 'Accepted',
    description: '',
    securityProfile: 0,
    hasPassword: false,
    validationMode: null,
    connected: true,
    lastSeenAt: '2026-01-01T00:00:00Z',
    lastConnectedAt: null,
    lastDisconnectedAt: null,
    lastCloseCode: null,
    lastCloseReason: null,
    lastRemoteAddress: null,
    heartbeatIntervalSec: 300,
    boot: {} as ChargePointDto['boot'],
    firmwareStatus: null,
    diagnosticsStatus: null,
    connectors: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...patch,
  };
}

describe('toasts', () => {
  test('ids count up, at most MAX_TOASTS are shown (the oldest leave), dismiss removes one, reset starts over', () => {
    const { push } = useToasts.getState();
    for (let i = 1; i <= MAX_TOASTS + 2; i++) push('info', `notice ${i}`);
    const shown = useToasts.getState().toasts;
    assert.equal(shown.length, MAX_TOASTS);
    assert.deepEqual(
      shown.map((t) => t.text),
      [3, 4, 5, 6, 7].map((i) => `notice ${i}`),
    );
    useToasts.getState().dismiss(shown[0]!.id);
    assert.equal(useToasts.getState().toasts[0]?.text, 'notice 4');
    useToasts.getState().reset();
    useToasts.getState().push('error', 'after reset');
    assert.deepEqual(useToasts.getState().toasts, [{ id: 1, kind: 'error', text: 'after reset' }]);
  });
});

describe('clock', () => {
  test('one timer for all users: started by the first, stopped with the last', () => {
    const clock = useClock.getState();
    clock.acquire();
    const timer = useClock.getState().timer;
    assert.ok(timer);
    clock.acquire();
    assert.equal(useClock.getState().timer, timer, 'the second user shares it');
    clock.release();
    assert.equal(useClock.getState().users, 1);
    assert.ok(useClock.getState().timer);
    clock.release();
    assert.equal(useClock.getState().timer, undefined);
    clock.release();
    assert.equal(useClock.getState().users, 0, 'never below zero');
  });
});

describe('event bus', () => {
  test('every listener gets each batch, a failing one does not stop the others, unsubscribe and reset remove them', () => {
    const got: string[] = [];
    const offA = onEventBatch((batch) => got.push(`a${batch.length}`));
    onEventBatch(() => {
      throw new Error('listener bug');
    });
    onEventBatch((batch) => got.push(`c${batch.length}`));
    const originalError = console.error;
    console.error = () => undefined;
    try {
      publishBatch([logged('CP-1', 'in')]);
    } finally {
      console.error = originalError;
    }
    assert.deepEqual(got, ['a1', 'c1']);
    offA();
    assert.equal(useEventBus.getState().listeners.size, 2);
    useEventBus.getState().reset();
    publishBatch([]);
    assert.deepEqual(got, ['a1', 'c1']);
  });

  test('eventsOf matches by type, and by station when one is given (events without a station match any)', () => {
    const matcher = eventsOf(['message.logged', 'settings.changed'], 'CP-1');
    assert.equal(matcher(logged('CP-1', 'in')), true);
    assert.equal(matcher(logged('CP-2', 'in')), false);
    assert.equal(matcher({ type: 'settings.changed', data: {} } as unknown as ApiEvent), true);
    assert.equal(matcher({ type: 'chargePoint.changed', data: { chargePointId: 'CP-1' } } as unknown as ApiEvent), false);
  });
});

describe('heard', () => {
  test('frames in are collected and applied at the flush; frames out do not count', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const batch: ApiEventBatch = [logged('CP-1', 'in'), logged('CP-2', 'out')];
    noteHeard(batch, 1_000);
    noteHeard([logged('CP-3', 'in')], 2_000);
    assert.deepEqual(useHeard.getState().lastInMs, {}, 'not before the flush');
    t.mock.timers.tick(1000);
    assert.deepEqual(useHeard.getState().lastInMs, { 'CP-1': 1_000, 'CP-3': 2_000 });
    assert.equal(useHeard.getState().pending, null);
  });
});

describe('live cache', () => {
  test('put merges into the entry of its key; reset forgets all', () => {
    const { put } = useLiveCache.getState();
    put('stations', { loading: true });
    put('stations', { data: [1, 2], loading: false });
    assert.deepEqual(useLiveCache.getState().entries.stations, { data: [1, 2], error: null, loading: false, updatedAtMs: 0 });
    useLiveCache.getState().reset();
    assert.deepEqual(useLiveCache.getState().entries, {});
  });
});

describe('stations merge', () => {
  test('a station that changed only its last-heard times keeps its object (memoised tiles skip it)', () => {
    const before = { 'CP-1': station('CP-1'), 'CP-2': station('CP-2') };
    const heartbeat = station('CP-1', { lastSeenAt: '2026-01-01T00:05:00Z', updatedAt: '2026-01-01T00:05:00Z' });
    assert.equal(sameStation(before['CP-1'], heartbeat), true);
    const { byId, changed } = mergeStations(before, [heartbeat, station('CP-2', { connected: false })]);
    assert.equal(byId['CP-1'], before['CP-1']);
    assert.equal(byId['CP-2']?.connected, false);
    assert.equal(changed, true);
    assert.equal(mergeStations(before, [station('CP-1'), station('CP-2')]).changed, false);
    assert.equal(mergeStations(before, [station('CP-1')]).changed, true, 'a station gone is a change');
  });

  test('a list sent before a station was fetched again never undoes that station, nor brings back one found gone', () => {
    // Request 1: the whole list, sent first, answered last (built by a worker on the server).
    // Request 2: CP-1 alone, after an event said it connected; request 3: CP-3, found gone.
    let state: { byId: Record<string, ChargePointDto>; fetchedBy: FetchedBy } = {
      byId: { 'CP-1': station('CP-1', { connected: false }), 'CP-3': station('CP-3') },
      fetchedBy: {},
    };
    const one = applyStations(state.byId, [['CP-1', station('CP-1', { connected: true })]], { request: 2, fetchedBy: state.fetchedBy });
    assert.equal(one.changed, true);
    state = one;
    const gone = applyStations(state.byId, [['CP-3', null]], { request: 3, fetchedBy: state.fetchedBy });
    assert.equal(gone.changed, true);
    assert.equal('CP-3' in gone.byId, false);
    state = gone;
    const list = mergeStations(state.byId, [station('CP-1', { connected: false }), station('CP-2'), station('CP-3')], {
      request: 1,
      fetchedBy: state.fetchedBy,
    });
    assert.equal(list.byId['CP-1']?.connected, true, 'the older list does not undo the newer fetch');
    assert.equal('CP-3' in list.byId, false, 'nor bring back a station found gone after it was sent');
    assert.ok(list.byId['CP-2'], 'what no later request touched comes from the list');
    assert.equal(list.changed, true);

    // A list sent after them wins, and so does a station fetched after that list.
    const later = mergeStations(list.byId, [station('CP-1', { connected: false }), station('CP-2')], { request: 4, fetchedBy: list.fetchedBy });
    assert.equal(later.byId['CP-1']?.connected, false);
    assert.equal(
      applyStations(later.byId, [['CP-2', null]], { request: 3, fetchedBy: later.fetchedBy }).changed,
      false,
      'an older single answer is ignored',
    );
    assert.equal('CP-2' in applyStations(later.byId, [['CP-2', null]], { request: 5, fetchedBy: later.fetchedBy }).byId, false);
  });

  test('answers for many stations at once: each applied as alone would, unchanged state kept as the same object', () => {
    const before = { 'CP-1': station('CP-1'), 'CP-2': station('CP-2'), 'CP-3': station('CP-3') };
    const fetchedBy: FetchedBy = { 'CP-3': 9 };
    const answers = [
      ['CP-1', station('CP-1', { connected: true })],
      ['CP-2', null],
      ['CP-3', null],
      ['CP-4', station('CP-4')],
      ['CP-5', null],
    ] as const;
    const batch = applyStations(before, answers, { request: 5, fetchedBy });
    let one = { byId: before as Record<string, ChargePointDto>, fetchedBy, changed: false };
    for (const [id, answer] of answers) {
      const next = applyStations(one.byId, [[id, answer]], { request: 5, fetchedBy: one.fetchedBy });
      one = { ...next, changed: one.changed || next.changed };
    }
    assert.deepEqual(batch, one);
    assert.deepEqual(Object.keys(batch.byId).sort(), ['CP-1', 'CP-3', 'CP-4'], 'CP-3 was set by a later request: kept');
    assert.equal(batch.byId['CP-1']?.connected, true);
    assert.deepEqual(batch.fetchedBy, { 'CP-1': 5, 'CP-2': 5, 'CP-3': 9, 'CP-4': 5, 'CP-5': 5 });
    assert.equal(before['CP-2'] !== undefined, true, 'the previous state is not changed in place');

    const same = applyStations(
      before,
      [
        ['CP-1', station('CP-1')],
        ['CP-9', null],
      ],
      { request: 6, fetchedBy: {} },
    );
    assert.equal(same.changed, false);
    assert.equal(same.byId, before, 'nothing changed: the same object, so no render');
  });

  test('the one collator orders ids exactly as localeCompare with numeric order does', () => {
    const ids = ['CP-10', 'cp-2', 'CP-2', 'CP-1', 'Öst-3', 'Ost-3', 'A', 'a-01', 'a-1', 'B 7', 'B 07', 'x_100', 'x_20', ''];
    assert.deepEqual(
      [...ids].sort(naturalCompare),
      [...ids].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    );
  });

  test('ids in natural order: CP-2 before CP-10', () => {
    assert.deepEqual(sortIds({ 'CP-10': station('CP-10'), 'CP-2': station('CP-2'), 'CP-1': station('CP-1') }), ['CP-1', 'CP-2', 'CP-10']);
  });
});

describe('operation history', () => {
  /** The real API client over a fetch that answers like the calls route. */
  function clientAnswering(status: number, body: unknown) {
    const requests: string[] = [];
    const fetch: FetchLike = (url, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return Promise.resolve({
        status,
        ok: status < 300,
        headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
        text: () => Promise.resolve(JSON.stringify(body)),
      });
    };
    return { api: createApiClient({ baseUrl: 'http://127.0.0.1:1', token: 't', fetch }), requests };
  }

  test('each operation gets the next id, its answer and duration; a refusal keeps the schema issues by path', async () => {
    const ok = clientAnswering(200, { result: { status: 'Accepted' }, violations: [] });
    const first = await sendOperation(ok.api, 'CP-1', 'ClearCache', {});
    assert.deepEqual(first.response, { result: { status: 'Accepted' }, violations: [] });
    assert.deepEqual(ok.requests, ['POST /api/charge-points/CP-1/calls/ClearCache']);

    const refused = clientAnswering(422, {
      error: {
        code: 'API_ERR_VALIDATION',
        message: 'invalid payload',
        details: { issues: [{ path: '/type', keyword: 'enum', message: 'must be Hard or Soft' }] },
      },
    });
    const second = await sendOperation(refused.api, 'CP-1', 'Reset', { type: 'Medium' });
    assert.equal(second.code, 'API_ERR_VALIDATION');
    assert.deepEqual(second.issues, [{ path: '/type', message: 'must be Hard or Soft' }]);

    const entries = useOperationHistory.getState().entries;
    assert.deepEqual(
      entries.map((e) => [e.id, e.action]),
      [
        [2, 'Reset'],
        [1, 'ClearCache'],
      ],
    );
    assert.ok(entries.every((e) => e.outcome && typeof e.durationMs === 'number'));
    useOperationHistory.getState().reset();
    await sendOperation(ok.api, 'CP-1', 'ClearCache', {});
    assert.equal(useOperationHistory.getState().entries[0]?.id, 1, 'ids start over after a reset');
  });
});

describe('the stations that changed are fetched with few requests (store/station-fetch.ts)', () => {
  test('a few: each alone; more: not within 2 s of the last list, then only those; most, or none known yet: the whole list', () => {
    const plan = (changed: number, known = 1000, msSinceList = 5000, loaded = true) => planFetch({ changed, known, loaded, msSinceList });
    assert.deepEqual(plan(20, 1000, 0), { kind: 'each' }, 'a few never wait');
    assert.deepEqual(plan(21, 1000, 500), { kind: 'wait', waitMs: 1500 });
    assert.deepEqual(plan(21), { kind: 'some' });
    assert.deepEqual(plan(500), { kind: 'some' });
    assert.deepEqual(plan(501), { kind: 'all' });
    assert.deepEqual(plan(30, 1000, 5000, false), { kind: 'all' }, 'nothing loaded yet');
  });

  /** A console API whose stations live in `server`; every request it gets is recorded. */
  function fakeApi(server: Map<string, ChargePointDto>, failing = new Set<string>()) {
    const calls: string[] = [];
    const api = {
      listChargePoints: (ids?: readonly string[]) => {
        calls.push(ids ? `list ${ids.length}` : 'list all');
        if (ids?.some((id) => failing.has(id))) return Promise.reject(new Error('connection lost'));
        const items = [...server.values()].filter((s) => !ids || ids.includes(s.id));
        return Promise.resolve({ items, total: items.length });
      },
      getChargePoint: (id: string) => {
        calls.push(`get ${id}`);
        if (failing.has(id)) return Promise.reject(new Error('connection lost'));
        const found = server.get(id);
        return found ? Promise.resolve(found) : Promise.reject(new ApiRequestError(404, 'API_ERR_NOT_FOUND', 'gone'));
      },
    } as unknown as Pick<ApiClient, 'getChargePoint' | 'listChargePoints'>;
    return { api, calls };
  }

  test('in lists of 200: an id its list leaves out is gone, a failed list says nothing of its ids', async () => {
    const server = new Map(Array.from({ length: 450 }, (_, i) => [`CP-${i}`, station(`CP-${i}`)] as const));
    server.delete('CP-7');
    const ids = Array.from({ length: 450 }, (_, i) => `CP-${i}`);
    const { api, calls } = fakeApi(server, new Set(['CP-420']));
    const answers = await fetchSome(api, ids);
    assert.deepEqual(calls, ['list 200', 'list 200', 'list 50']);
    assert.equal(answers.length, 400, 'the 50 of the failed list are left as they are');
    assert.deepEqual(
      answers.find(([id]) => id === 'CP-7'),
      ['CP-7', null],
    );
    assert.deepEqual(answers.find(([id]) => id === 'CP-399')?.[1], station('CP-399'));
    assert.equal(
      answers.some(([id]) => id === 'CP-420'),
      false,
    );
  });

  test('each alone: a 404 is a station gone, another failure says nothing', async () => {
    const server = new Map([['CP-1', station('CP-1')]]);
    const { api, calls } = fakeApi(server, new Set(['CP-3']));
    const answers = await fetchEach(api, ['CP-1', 'CP-2', 'CP-3']);
    assert.deepEqual(calls, ['get CP-1', 'get CP-2', 'get CP-3']);
    assert.deepEqual(answers, [
      ['CP-1', station('CP-1')],
      ['CP-2', null],
    ]);
  });
});
