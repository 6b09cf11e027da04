/**
 * Energy reports (docs/api.md "Reports"): real stations over sockets start, meter and stop sessions on two stations,
 * two connectors and several tags (two with a parent) across two days and two months of the central system's
 * clock; the report's figures are checked against the meter values the test itself sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EnergyReport, EnergyReportItem, EnergyReportKey } from '../../shared/api/types.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The central system's clock: each session starts (and stops) when the test says. */
let nowMs = Date.parse('2026-11-20T09:00:00.000Z');
const clock = { now: () => new Date(nowMs) };

/** What the test sends for one session, and what the report must make of it. */
interface Session {
  startAt: string;
  station: 'EN-1' | 'EN-2';
  connectorId: number;
  idTag: string;
  meterStart: number;
  /** The stop's meter (with its time), or the register readings of a session left running. */
  stop?: { at: string; meter: number };
  readings?: number[];
  /** What the report must do with it. */
  expect: 'counted' | 'refused' | 'meter-below-start' | 'implausible';
  transactionId?: number;
}

const PARENT = 'FLEET';
const PARENTS: Record<string, string | null> = { 'DRIVER-A': PARENT, 'DRIVER-B': PARENT, SOLO: null, 'BLOCKED-X': null };

const sessions: Session[] = [
  // Before the report's window.
  {
    startAt: '2026-11-20T09:00:00Z',
    station: 'EN-1',
    connectorId: 1,
    idTag: 'SOLO',
    meterStart: 0,
    stop: { at: '2026-11-20T10:00:00Z', meter: 1000 },
    expect: 'counted',
  },
  {
    startAt: '2026-11-29T10:00:00Z',
    station: 'EN-1',
    connectorId: 1,
    idTag: 'DRIVER-A',
    meterStart: 1000,
    stop: { at: '2026-11-29T12:00:00Z', meter: 8500 },
    expect: 'counted',
  },
  // 23:30 UTC on 30 November is already 1 December in Berlin (UTC+1); stopped the next day: it counts whole in its start's day.
  {
    startAt: '2026-11-30T23:30:00Z',
    station: 'EN-1',
    connectorId: 2,
    idTag: 'SOLO',
    meterStart: 20_000,
    stop: { at: '2026-12-01T03:00:00Z', meter: 31_000 },
    expect: 'counted',
  },
  {
    startAt: '2026-12-01T08:00:00Z',
    station: 'EN-2',
    connectorId: 1,
    idTag: 'DRIVER-B',
    meterStart: 500,
    stop: { at: '2026-12-01T08:45:00Z', meter: 4700 },
    expect: 'counted',
  },
  {
    startAt: '2026-12-01T09:00:00Z',
    station: 'EN-1',
    connectorId: 1,
    idTag: 'DRIVER-A',
    meterStart: 8500,
    stop: { at: '2026-12-01T10:00:00Z', meter: 12_000 },
    expect: 'counted',
  },
  {
    startAt: '2026-12-01T10:00:00Z',
    station: 'EN-2',
    connectorId: 2,
    idTag: 'BLOCKED-X',
    meterStart: 0,
    stop: { at: '2026-12-01T10:01:00Z', meter: 9000 },
    expect: 'refused',
  },
  // The meter was reset during the session.
  {
    startAt: '2026-12-02T07:00:00Z',
    station: 'EN-2',
    connectorId: 1,
    idTag: 'SOLO',
    meterStart: 60_000,
    stop: { at: '2026-12-02T08:00:00Z', meter: 150 },
    expect: 'meter-below-start',
  },
  {
    startAt: '2026-12-02T11:00:00Z',
    station: 'EN-2',
    connectorId: 2,
    idTag: 'DRIVER-A',
    meterStart: 0,
    stop: { at: '2026-12-02T11:30:00Z', meter: 5_000_000 },
    expect: 'implausible',
  },
  // Still running: its latest register reading counts.
  {
    startAt: '2026-12-02T12:00:00Z',
    station: 'EN-1',
    connectorId: 2,
    idTag: 'DRIVER-B',
    meterStart: 31_000,
    readings: [33_500, 34_250],
    expect: 'counted',
  },
];

const WINDOW = { from: '2026-11-25T00:00:00+01:00', to: '2026-12-03T00:00:00+01:00' };
const BERLIN = 'Europe/Berlin';

/** The session's energy from the numbers the test sent. */
const energyOf = (s: Session): number => (s.stop ? s.stop.meter : s.readings!.at(-1)!) - s.meterStart;
/** The local day of an instant, by a different route than the server's (en-CA formats as YYYY-MM-DD). */
const localDay = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const inWindow = (s: Session) => Date.parse(s.startAt) >= Date.parse(WINDOW.from) && Date.parse(s.startAt) < Date.parse(WINDOW.to);

/** The report the test expects, added up from its own sessions. */
function expected(
  keyOf: (s: Session) => EnergyReportKey,
  period: 'day' | 'month',
  timeZone: string,
  only: (s: Session) => boolean = () => true,
): EnergyReportItem[] {
  const groups = new Map<string, EnergyReportItem>();
  for (const s of sessions.filter((x) => x.expect === 'counted' && inWindow(x) && only(x))) {
    const day = localDay(s.startAt, timeZone);
    const item: EnergyReportItem = { period: period === 'day' ? day : day.slice(0, 7), key: keyOf(s), energyWh: 0, sessions: 0 };
    const id = JSON.stringify([item.period, item.key]);
    const existing = groups.get(id) ?? (groups.set(id, item), item);
    existing.energyWh += energyOf(s);
    existing.sessions++;
  }
  return [...groups.values()];
}

/** Items in a stable order, to compare as sets. */
const sorted = (items: EnergyReportItem[]) =>
  [...items].sort((a, b) => JSON.stringify([a.period, a.key]).localeCompare(JSON.stringify([b.period, b.key])));

let h: Harness;
let a: ApiHarness;
let report: (params: Record<string, string>) => Promise<EnergyReport>;

before(async () => {
  h = await startCsms({ clock, overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
  report = (params) => a.client.energyReport({ groupBy: 'station', period: 'day', ...WINDOW, ...params } as never);
  await h.csms.services.idTags.upsert({ idTag: PARENT, status: 'Accepted' });
  for (const [idTag, parentIdTag] of Object.entries(PARENTS))
    await h.csms.services.idTags.upsert({ idTag, status: idTag === 'BLOCKED-X' ? 'Blocked' : 'Accepted', parentIdTag });
  const stations: Record<string, SimulatedChargePoint> = { 'EN-1': await aBootedStation(h, 'EN-1'), 'EN-2': await aBootedStation(h, 'EN-2') };
  for (const s of sessions) {
    const cp = stations[s.station]!;
    nowMs = Date.parse(s.startAt);
    const conf = await cp.startTransaction({ connectorId: s.connectorId, idTag: s.idTag, meterStart: s.meterStart });
    assert.equal(conf.idTagInfo.status, s.expect === 'refused' ? 'Blocked' : 'Accepted', `start of ${s.idTag} at ${s.startAt}`);
    s.transactionId = conf.transactionId;
    for (const [i, value] of (s.readings ?? []).entries()) {
      nowMs += (i + 1) * 600_000;
      await cp.meterValues(s.connectorId, conf.transactionId, [{ value: String(value), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]);
    }
    if (s.stop) {
      nowMs = Date.parse(s.stop.at);
      await cp.stopTransaction({ transactionId: conf.transactionId, meterStop: s.stop.meter, reason: 'Local' });
    }
  }
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

describe('energy reports', () => {
  test('per station and day, in the asked time zone, from the meter values sent', async () => {
    const workerReadsBefore = h.csms.readerStats.worker;
    const answer = await report({ tz: BERLIN });
    assert.equal(answer.timeZone, BERLIN);
    assert.equal(answer.from, new Date(WINDOW.from).toISOString());
    assert.equal(answer.to, new Date(WINDOW.to).toISOString());
    assert.deepEqual(sorted(answer.items), sorted(expected((s) => ({ chargePointId: s.station }), 'day', BERLIN)));
    const counted = sessions.filter((s) => s.expect === 'counted' && inWindow(s));
    assert.equal(
      answer.totalWh,
      counted.reduce((sum, s) => sum + energyOf(s), 0),
    );
    assert.equal(answer.sessions, counted.length);
    // The session started 23:30 UTC on 30 November belongs to 1 December in Berlin.
    assert.ok(answer.items.some((i) => i.period === '2026-12-01' && i.key.chargePointId === 'EN-1'));
    assert.ok(!answer.items.some((i) => i.period === '2026-11-30'));
    // Read off the thread that answers stations.
    assert.ok(h.csms.readerStats.worker > workerReadsBefore, 'the report was read by the reader worker');
  });

  test('the running session counts its latest register reading', async () => {
    const running = sessions.find((s) => s.readings)!;
    const answer = await report({ groupBy: 'connector', tz: BERLIN, from: '2026-12-02T00:00:00+01:00' });
    assert.deepEqual(answer.items, [
      {
        period: localDay(running.startAt, BERLIN),
        key: { chargePointId: running.station, connectorId: running.connectorId },
        energyWh: energyOf(running),
        sessions: 1,
      },
    ]);
    assert.equal(energyOf(running), running.readings!.at(-1)! - running.meterStart);
  });

  test('per connector and month', async () => {
    const answer = await report({ groupBy: 'connector', period: 'month', tz: BERLIN });
    assert.deepEqual(sorted(answer.items), sorted(expected((s) => ({ chargePointId: s.station, connectorId: s.connectorId }), 'month', BERLIN)));
    assert.deepEqual([...new Set(answer.items.map((i) => i.period))].sort(), ['2026-11', '2026-12']);
  });

  test('per id tag and per parent tag', async () => {
    const byTag = await report({ groupBy: 'idTag', tz: BERLIN });
    assert.deepEqual(sorted(byTag.items), sorted(expected((s) => ({ idTag: s.idTag }), 'day', BERLIN)));
    const byParent = await report({ groupBy: 'parentIdTag', period: 'month', tz: BERLIN });
    assert.deepEqual(sorted(byParent.items), sorted(expected((s) => ({ parentIdTag: PARENTS[s.idTag] ?? null }), 'month', BERLIN)));
    assert.ok(byParent.items.some((i) => i.key.parentIdTag === PARENT) && byParent.items.some((i) => i.key.parentIdTag === null));
  });

  test('per site: the site each station belongs to now; stations in no site together', async () => {
    await a.client.putSite('depot-east', { name: 'East', limitA: 63, phases: 3, marginPct: 10, stations: ['EN-2'] });
    try {
      const bySite = await report({ groupBy: 'site', period: 'month', tz: BERLIN });
      const siteOf = (s: Session) => (s.station === 'EN-2' ? 'depot-east' : null);
      assert.deepEqual(sorted(bySite.items), sorted(expected((s) => ({ siteId: siteOf(s) }), 'month', BERLIN)));
      assert.ok(bySite.items.some((i) => i.key.siteId === 'depot-east') && bySite.items.some((i) => i.key.siteId === null));
    } finally {
      await a.client.deleteSite('depot-east');
    }
  });

  test('a refused start counts nothing; a reset and an absurd difference are left out and listed', async () => {
    const answer = await report({ tz: BERLIN });
    const refused = sessions.find((s) => s.expect === 'refused')!;
    const onItsConnector = await report({ groupBy: 'connector', tz: BERLIN, chargePointId: refused.station });
    assert.ok(!onItsConnector.items.some((i) => i.key.connectorId === refused.connectorId && i.period === localDay(refused.startAt, BERLIN)));
    const byTag = await report({ groupBy: 'idTag', tz: BERLIN });
    assert.ok(!byTag.items.some((i) => i.key.idTag === refused.idTag));
    const left = sessions.filter((s) => s.expect === 'meter-below-start' || s.expect === 'implausible');
    assert.equal(answer.excludedCount, left.length);
    assert.deepEqual(
      answer.excluded.map((x) => ({
        transactionId: x.transactionId,
        reason: x.reason,
        energyWh: x.energyWh,
        chargePointId: x.chargePointId,
        idTag: x.idTag,
      })),
      left.map((s) => ({ transactionId: s.transactionId, reason: s.expect, energyWh: energyOf(s), chargePointId: s.station, idTag: s.idTag })),
    );
  });

  test('one station only', async () => {
    const answer = await report({ chargePointId: 'EN-2', groupBy: 'idTag', tz: BERLIN });
    assert.deepEqual(
      sorted(answer.items),
      sorted(
        expected(
          (s) => ({ idTag: s.idTag }),
          'day',
          BERLIN,
          (s) => s.station === 'EN-2',
        ),
      ),
    );
    assert.ok(answer.excluded.every((x) => x.chargePointId === 'EN-2'));
  });

  test("the server's own time zone by default", async () => {
    const answer = await report({});
    const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.equal(answer.timeZone, serverZone);
    assert.deepEqual(sorted(answer.items), sorted(expected((s) => ({ chargePointId: s.station }), 'day', serverZone)));
  });

  test('the CSV holds the rows of the JSON answer', async () => {
    for (const params of [
      { groupBy: 'connector', period: 'day' },
      { groupBy: 'parentIdTag', period: 'month' },
    ]) {
      const query = { ...WINDOW, ...params, tz: BERLIN };
      const json = await a.client.energyReport(query as never);
      const response = await a.fetch(`/api/reports/energy.csv?${new URLSearchParams(query).toString()}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
      const lines = (await response.text()).split('\r\n').filter(Boolean);
      const keys = params.groupBy === 'connector' ? ['chargePointId', 'connectorId'] : ['parentIdTag'];
      assert.equal(lines[0], ['period', ...keys, 'energyWh', 'sessions'].join(','));
      assert.deepEqual(
        lines.slice(1),
        json.items.map((i) => [i.period, ...keys.map((k) => i.key[k as keyof EnergyReportKey] ?? ''), i.energyWh, i.sessions].join(',')),
      );
    }
  });

  test('bad parameters answer 422 with every problem by field', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ groupBy: 'week' }, ['groupBy']],
      [{ period: 'week' }, ['period']],
      [{ from: '' }, ['from']],
      [{ from: '2026-12-01' }, ['from']],
      [{ to: 'yesterday' }, ['to']],
      [{ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, ['to']],
      [{ tz: 'Mars/Olympus' }, ['tz']],
      [{ groupBy: 'x', period: 'y', tz: 'z' }, ['groupBy', 'period', 'tz']],
    ];
    for (const [params, fields] of cases) {
      for (const path of ['/api/reports/energy', '/api/reports/energy.csv']) {
        const query = new URLSearchParams({ groupBy: 'station', period: 'day', ...WINDOW, ...params });
        const response = await a.fetch(`${path}?${query.toString()}`);
        assert.equal(response.status, 422, `${path} ${query.toString()}`);
        const body = (await response.json()) as { error: { code: string; details: { fields: Record<string, string> } } };
        assert.equal(body.error.code, 'API_ERR_VALIDATION');
        assert.deepEqual(Object.keys(body.error.details.fields).sort(), [...fields].sort(), `${path} ${query.toString()}`);
      }
    }
  });
});
