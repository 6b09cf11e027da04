/**
 * A depot day in a few seconds: 20 simulated stations share 10 id cards for some five minutes of simulated time,
 * with random refusals (cards blocked and unblocked, unknown cards, cards charging elsewhere), stations that stop a
 * refused start, stations that drop it without a StopTransaction, stations that keep charging on it and stop later,
 * conflicting reports, and one station that goes offline in the middle of a session. Then what the central system
 * says must match what the stations believe (README "Transactions and id tags").
 *
 * The random plan of each round is drawn before the round runs (stations then act concurrently), so a failure
 * replays with `DEPOT_SEED=<seed>` (printed on failure).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Clock } from '../../main/csms/clock.js';
import { SessionRejectedError, SimulatedChargePoint } from '../../main/simulator/index.js';
import type { TransactionDto } from '../../shared/api/types.js';
import { SeededRandom } from '../support/seeded-random.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

const STATION_COUNT = 20;
const TAG_COUNT = 10;
const ROUNDS = 15;
/** Simulated time per round; 15 rounds ≈ 5 minutes. */
const ROUND_MS = 20_000;
const HEARTBEAT_SEC = 60;
/** Round in which station 0 goes offline with its session running: 10 rounds (200 s) before the end, past 3 heartbeats. */
const OFFLINE_ROUND = 5;
const UNKNOWN_TAG = 'NOBODY-KNOWS';
const PROBE_TAG = 'DEPOT-PROBE';

class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** How a station treats a start we refused. */
type Kind = 'stops' | 'drops' | 'keeps';

interface Station {
  cp: SimulatedChargePoint;
  kind: Kind;
  online: boolean;
  /** The start status of each transaction it ran, by transactionId (what the station was told). */
  told: Map<number, string>;
  lastStopped?: { transactionId: number; meterStop: number; timestamp: string };
}

interface ConnectorPlan {
  action: 'start' | 'stop' | 'meter' | 'idle';
  idTag?: string;
}

const seed = Number(process.env.DEPOT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const rng = new SeededRandom(seed);
const clock = new OffsetClock();
const tags = Array.from({ length: TAG_COUNT }, (_, i) => `DEPOT-${String(i + 1).padStart(2, '0')}`);
const stations: Station[] = [];
const expectedAnomalies: string[] = [];
const counts = { starts: 0, refused: 0, dropped: 0, keptCharging: 0, stoppedRefused: 0, concurrentTx: 0 };
let h: Harness;
let a: ApiHarness;

const anomalyKey = (kind: string, chargePointId: string, transactionId: number | null) => `${kind} ${chargePointId} ${transactionId}`;

async function startOn(s: Station, connectorId: number, idTag: string): Promise<void> {
  const { cp } = s;
  counts.starts++;
  if (s.kind === 'drops') {
    // Straight to StartTransaction (cached authorization); a refused start is forgotten: no StopTransaction.
    await cp.setStatus(connectorId, 'Preparing');
    const conf = await cp.startTransaction({ connectorId, idTag });
    s.told.set(conf.transactionId, conf.idTagInfo.status);
    if (conf.idTagInfo.status === 'Accepted') return void (await cp.setStatus(connectorId, 'Charging'));
    counts.refused++;
    counts.dropped++;
    if (conf.idTagInfo.status === 'ConcurrentTx') counts.concurrentTx++;
    cp.endTransaction(cp.connector(connectorId)!);
    await cp.setStatus(connectorId, 'Available');
    return;
  }
  try {
    const transactionId = await cp.runSession({ connectorId, idTag, authorize: false, preparingFirst: true });
    s.told.set(transactionId, 'Accepted');
  } catch (err) {
    if (!(err instanceof SessionRejectedError) || err.transactionId === undefined) throw err;
    s.told.set(err.transactionId, err.idTagInfo.status);
    counts.refused++;
    if (err.idTagInfo.status === 'ConcurrentTx') counts.concurrentTx++;
    if (s.kind === 'keeps') counts.keptCharging++;
  }
}

async function stopOn(s: Station, connectorId: number): Promise<void> {
  const tx = s.cp.connector(connectorId)!.transaction!;
  if (s.told.get(tx.transactionId) !== 'Accepted') counts.stoppedRefused++;
  await s.cp.stopSession({ connectorId, reason: s.told.get(tx.transactionId) === 'Accepted' ? 'Local' : 'DeAuthorized' });
  const stored = h.csms.repos.transactions.get(tx.transactionId)!;
  s.lastStopped = { transactionId: tx.transactionId, meterStop: stored.meter_stop_wh!, timestamp: stored.stopped_cp_at! };
}

/** One conflicting report from station `s`, and the anomaly it must leave. */
async function conflictingReport(s: Station, which: number): Promise<void> {
  const { cp } = s;
  const last = s.lastStopped;
  if (which === 0 && last) {
    await cp.call('StopTransaction', {
      transactionId: last.transactionId,
      meterStop: last.meterStop + 1234,
      timestamp: cp.timestamp(),
      reason: 'Other',
    });
    expectedAnomalies.push(anomalyKey('stop-conflict', cp.identity, last.transactionId));
  } else if (which === 1 && last) {
    const later = new Date(Date.parse(last.timestamp) + 60_000).toISOString();
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: last.transactionId,
      meterValue: [{ timestamp: later, sampledValue: [{ value: '99999' }] }],
    });
    expectedAnomalies.push(anomalyKey('meter-after-stop', cp.identity, last.transactionId));
  } else if (which === 2) {
    const start = (await cp.call('StartTransaction', { connectorId: 3, idTag: PROBE_TAG, meterStart: 0, timestamp: cp.timestamp() })) as {
      transactionId: number;
    };
    await cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 0, timestamp: cp.timestamp(), reason: 'Other' });
    expectedAnomalies.push(anomalyKey('unknown-connector', cp.identity, start.transactionId));
  }
}

describe('a depot day with 20 stations and 10 shared cards', () => {
  before(async () => {
    h = await startCsms({ clock, overrides: { heartbeatIntervalSec: HEARTBEAT_SEC, callTimeoutMs: 10_000 } });
    a = await startApi(h);
    for (const idTag of [...tags, PROBE_TAG]) await a.client.putIdTag(idTag, { status: 'Accepted' });
    const kinds: Kind[] = ['stops', 'drops', 'keeps'];
    for (let i = 0; i < STATION_COUNT; i++) {
      const identity = `DEPOT-CP-${String(i + 1).padStart(2, '0')}`;
      await h.csms.services.stations.upsert({ id: identity, registrationStatus: 'Accepted' });
      const kind = kinds[i % kinds.length]!;
      const cp = new SimulatedChargePoint({
        url: h.endpoint,
        identity,
        connectorCount: 2,
        autoMeterValues: false,
        clock: () => clock.now().getTime(),
        configuration: { StopTransactionOnInvalidId: kind === 'keeps' ? 'false' : 'true' },
      });
      stations.push({ cp, kind, online: true, told: new Map() });
    }
    await Promise.all(stations.map(async (s) => (await s.cp.connect(), await s.cp.boot())));
    // Station 0 charges with the first card from the start; it goes offline with that session running.
    await startOn(stations[0]!, 1, tags[0]!);
    assert.equal(stations[0]!.told.get(stations[0]!.cp.connector(1)!.transaction!.transactionId), 'Accepted');
  });
  after(async () => {
    await Promise.all(stations.map((s) => s.cp.close().catch(() => {})));
    await a.api.close();
    await h.close();
  });

  test('no card blocked without an Accepted open session, the active list is what the stations believe, every anomaly listed', async (t) => {
    t.diagnostic(`DEPOT_SEED=${seed}`);
    const started = Date.now();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        clock.offsetMs += ROUND_MS;
        // Random refusals: a card is blocked or unblocked now and then.
        if (rng.chance(0.5)) await a.client.putIdTag(rng.pick(tags), { status: rng.chance(0.5) ? 'Blocked' : 'Accepted' });
        const plans = stations.map((s, i) =>
          [1, 2].map((connectorId): ConnectorPlan => {
            const tx = s.cp.connector(connectorId)!.transaction;
            // Round 0: every station that drops or keeps refused starts is given one (an unknown card).
            if (round === 0 && connectorId === 1 && s.kind !== 'stops') return { action: 'start', idTag: UNKNOWN_TAG };
            // The station going offline keeps its first session until then.
            if (i === 0 && connectorId === 1) return { action: 'meter' };
            if (tx) return rng.chance(s.told.get(tx.transactionId) === 'Accepted' ? 0.45 : 0.7) ? { action: 'stop' } : { action: 'meter' };
            if (!rng.chance(0.35)) return { action: 'idle' };
            return { action: 'start', idTag: rng.chance(0.08) ? UNKNOWN_TAG : rng.pick(tags) };
          }),
        );
        const conflictFrom = rng.below(STATION_COUNT);
        await Promise.all(
          stations.map(async (s, i) => {
            if (!s.online) return;
            await s.cp.heartbeat();
            for (const [index, plan] of plans[i]!.entries()) {
              const connectorId = index + 1;
              if (plan.action === 'start') await startOn(s, connectorId, plan.idTag!);
              else if (plan.action === 'stop') await stopOn(s, connectorId);
              else if (plan.action === 'meter') await s.cp.meterValues(connectorId);
            }
            if (i === conflictFrom) await conflictingReport(s, round % 3);
          }),
        );
        if (round === OFFLINE_ROUND - 1) {
          // Offline in the middle of its session: the connection drops, the station believes it still charges.
          const offline = stations[0]!;
          assert.ok(offline.cp.connector(1)!.transaction, 'station 0 still has its session when it goes offline');
          offline.online = false;
          offline.cp.terminate();
        }
      }
      for (const idTag of tags) await a.client.putIdTag(idTag, { status: 'Accepted' });
      clock.offsetMs += 1_000;
      await Promise.all(stations.filter((s) => s.online).map((s) => s.cp.heartbeat()));

      // The scenario did what it says.
      assert.ok(
        counts.dropped > 0 && counts.keptCharging > 0 && counts.refused > counts.dropped,
        `refusals of every kind: ${JSON.stringify(counts)}`,
      );
      assert.ok(expectedAnomalies.length >= 3, 'conflicting reports were sent');

      // 1. The active list equals the sessions the stations believe run (Accepted starts); refused starts a station
      //    keeps charging on are listed as refused, not active.
      const believed = { accepted: [] as number[], refused: [] as number[] };
      for (const s of stations) {
        for (const c of [1, 2]) {
          const tx = s.cp.connector(c)!.transaction;
          if (tx) (s.told.get(tx.transactionId) === 'Accepted' ? believed.accepted : believed.refused).push(tx.transactionId);
        }
      }
      const all: TransactionDto[] = (await a.client.listTransactions({ limit: 10_000 })).items;
      const active = (await a.client.listTransactions({ active: true, limit: 10_000 })).items;
      const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
      assert.deepEqual(sorted(active.map((tx) => tx.id)), sorted(believed.accepted), 'active list = Accepted sessions the stations run');
      assert.deepEqual(sorted(all.filter((tx) => tx.refusedUnstopped).map((tx) => tx.id)), sorted(believed.refused), 'refused starts still running');
      // The offline station's sessions stay open (their stop may still come) and are flagged unconfirmed; no other is.
      const offline = stations[0]!;
      const offlineTx = [1, 2]
        .map((c) => offline.cp.connector(c)!.transaction?.transactionId)
        .filter((id) => id !== undefined && offline.told.get(id) === 'Accepted');
      assert.ok(offlineTx.length >= 1);
      assert.deepEqual(sorted(active.filter((tx) => tx.unconfirmed).map((tx) => tx.id)), sorted(offlineTx as number[]));

      // 2. Every ConcurrentTx was justified when it was given: an Accepted session of the card was open then.
      const byId = new Map(all.map((tx) => [tx.id, tx]));
      for (const refused of all.filter((tx) => tx.startStatus === 'ConcurrentTx')) {
        const blocker = Number(/\(transaction (\d+)\)/.exec(refused.startNote ?? '')?.[1]);
        const other = byId.get(blocker);
        assert.ok(other, `transaction ${refused.id} names the session that blocked it: ${refused.startNote}`);
        assert.equal(other.startStatus, 'Accepted');
        assert.equal(other.idTag.toLowerCase(), refused.idTag.toLowerCase());
        assert.ok(
          other.startReceivedAt <= refused.startReceivedAt && (other.stopReceivedAt === null || other.stopReceivedAt >= refused.startReceivedAt),
          `${blocker} was open when ${refused.id} started`,
        );
      }

      // 3. No card is blocked now without an Accepted open session at a station still heard: a fresh start of each
      //    card at a free connector is Accepted exactly when the card has no such session.
      const probe =
        stations.find((s) => s.online && !s.cp.connector(1)!.transaction && !s.cp.connector(2)!.transaction) ?? stations.find((s) => s.online)!;
      for (const idTag of tags) {
        const heardSession = active.find((tx) => tx.idTag === idTag && !tx.unconfirmed);
        const start = (await probe.cp.call('StartTransaction', { connectorId: 9, idTag, meterStart: 0, timestamp: probe.cp.timestamp() })) as {
          transactionId: number;
          idTagInfo: { status: string };
        };
        assert.equal(
          start.idTagInfo.status,
          heardSession ? 'ConcurrentTx' : 'Accepted',
          `${idTag} (open at a heard station: ${heardSession?.id ?? 'none'})`,
        );
        await probe.cp.call('StopTransaction', { transactionId: start.transactionId, meterStop: 0, timestamp: probe.cp.timestamp() });
        expectedAnomalies.push(anomalyKey('unknown-connector', probe.cp.identity, start.transactionId));
      }

      // 4. Every conflicting report is listed, and nothing else.
      const anomalies = (await a.client.listAnomalies({ limit: 10_000 })).items;
      assert.deepEqual(anomalies.map((x) => anomalyKey(x.kind, x.chargePointId, x.transactionId)).sort(), [...expectedAnomalies].sort());
      for (const anomaly of anomalies.filter((x) => x.transactionId !== null)) {
        assert.ok(
          (await a.client.getTransaction(anomaly.transactionId!)).anomalies.some((x) => x.id === anomaly.id),
          `anomaly ${anomaly.id} shown on its transaction`,
        );
      }
      t.diagnostic(`${JSON.stringify(counts)}, ${anomalies.length} anomalies, ${all.length} transactions, ${Date.now() - started} ms`);
    } catch (err) {
      console.error(`depot day failed with DEPOT_SEED=${seed}`);
      throw err;
    }
  });
});
