/**
 * The answering thread's hot state (docs/architecture.md "Next: a storage worker", "Hot state") never disagrees
 * with the database, through the whole system: simulated stations over real sockets and the operator's HTTP API
 * drive a seeded random mix of sessions, meter readings, status reports, refused and dropped starts, remote stops,
 * operator closes, id tag edits, station registration changes, reservations (made, replaced, cancelled, used,
 * ended and expired) and charging profiles, and stops undone by a unit that fails after its write.
 * After every step (once its answer arrived), each read the repositories answer from memory is compared with the
 * same read in plain SQL on the write connection: open transactions (test/unit/open-transactions.test.ts checks the
 * cache alone), station admission (test/unit/station-admission.test.ts), id tags, active reservations
 * (test/unit/reservation-memory.test.ts) and installed charging profiles (test/unit/charging-profile-memory.test.ts).
 * A failure names its seed and step; run one again with HOT_STATE_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiRequestError } from '../../shared/api/errors.js';
import type { IdTagUpdate } from '../../shared/api/types.js';
import type { ChargePointAdmission } from '../../main/csms/storage/repositories/charge-points.js';
import type { IdTagRow } from '../../main/csms/storage/repositories/id-tags.js';
import type { ReservationRow } from '../../main/csms/storage/repositories/reservations.js';
import { OpenTransactions } from '../../main/csms/storage/repositories/open-transactions.js';
import type { TransactionRow } from '../../main/csms/storage/repositories/transactions.js';
import { OcppCallError, SessionRejectedError, type SimulatedChargePoint } from '../../main/simulator/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aStation, closeStations } from '../support/fixtures.js';
import { SeededRandom } from '../support/seeded-random.js';

const SEED = Number(process.env.HOT_STATE_SEED ?? 20261208);
const STEPS = 200;

const STATIONS = ['HOT-1', 'HOT-2', 'HOT-3', 'HOT-4'] as const;
/** Identities are compared exactly (they are the URL's path): `hot-1` is another station, never registered. */
const STATION_POOL = [...STATIONS, 'hot-1', 'HOT-9'];
/** The operator reuses ids: a ReserveNow with the id of an earlier reservation replaces it (OCPP 1.6 §5.13). */
const RESERVATION_IDS = [1, 2, 3, 4, 5, 6];
/** Connector 0 (the whole station) and 3 (not fitted) never hold a session: their reads must stay empty. */
const CONNECTOR_POOL = [0, 1, 2, 3];

interface PoolTag {
  /** How the tag is stored at the start (undefined: not stored yet). */
  stored?: IdTagUpdate & { idTag: string };
  /** How stations and the operator spell it: idTag is a CiString20 (OCPP 1.6 §7.28), its case is not significant. */
  spellings: string[];
  /** The operator may create, edit and delete it. */
  editable: boolean;
}

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-01-01T00:00:00.000Z';
const TAGS: PoolTag[] = [
  { stored: { idTag: 'FLEET', status: 'Accepted' }, spellings: ['FLEET', 'fleet'], editable: true },
  { stored: { idTag: 'fleet-a', status: 'Accepted', parentIdTag: 'FLEET' }, spellings: ['fleet-a', 'FLEET-A', 'Fleet-A'], editable: true },
  { stored: { idTag: 'Fleet-B', status: 'Accepted', parentIdTag: 'fleet' }, spellings: ['Fleet-B', 'FLEET-B', 'fleet-b'], editable: true },
  { stored: { idTag: 'DRIVER-1', status: 'Accepted' }, spellings: ['DRIVER-1', 'driver-1'], editable: true },
  { stored: { idTag: 'driver-2', status: 'Accepted', allowConcurrentTx: false }, spellings: ['driver-2', 'Driver-2'], editable: true },
  { stored: { idTag: 'OLD-CARD', status: 'Accepted', expiryDate: PAST }, spellings: ['OLD-CARD', 'old-card'], editable: true },
  { stored: { idTag: 'VISITOR', status: 'Blocked' }, spellings: ['VISITOR', 'Visitor'], editable: true },
  {
    stored: { idTag: 'Shared-Van', status: 'Accepted', parentIdTag: 'FLEET', allowConcurrentTx: true },
    spellings: ['Shared-Van', 'SHARED-VAN', 'shared-van'],
    editable: true,
  },
  { stored: { idTag: 'depot-key', status: 'Invalid', expiryDate: FUTURE }, spellings: ['depot-key', 'DEPOT-KEY'], editable: true },
  { spellings: ['NEW-CARD', 'new-card'], editable: true },
  { spellings: ['NOBODY', 'nobody'], editable: false },
  { spellings: ['ghost-9', 'GHOST-9'], editable: false },
];
const ALL_SPELLINGS = TAGS.flatMap((t) => t.spellings);

type StepKind =
  | 'authorize'
  | 'start'
  | 'dropped start'
  | 'meter'
  | 'stop'
  | 'status'
  | 'undone stop'
  | 'tag put'
  | 'tag block'
  | 'tag create'
  | 'tag delete'
  | 'station put'
  | 'station delete'
  | 'station reconnect'
  | 'remote stop'
  | 'operator close'
  | 'reserve'
  | 'cancel reservation'
  | 'set profile'
  | 'clear profiles';

const WEIGHTS: Record<StepKind, number> = {
  authorize: 3,
  start: 9,
  'dropped start': 2,
  meter: 8,
  stop: 5,
  status: 3,
  'undone stop': 3,
  'tag put': 5,
  'tag block': 1,
  'tag create': 1,
  'tag delete': 2,
  'station put': 2,
  'station delete': 1,
  'station reconnect': 3,
  'remote stop': 3,
  'operator close': 2,
  reserve: 10,
  'cancel reservation': 2,
  'set profile': 2,
  'clear profiles': 1,
};

let h: Harness;
let a: ApiHarness;
const stations = new Map<string, SimulatedChargePoint>();

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
});
after(async () => {
  await closeStations();
  await a.api.close();
  await h.close();
});

/** What the run did, so it cannot pass by doing nothing. */
const done = {
  started: 0,
  refusedStarts: 0,
  droppedStarts: 0,
  stationStops: 0,
  remoteStops: 0,
  operatorCloses: 0,
  meterValues: 0,
  statusNotifications: 0,
  authorizes: 0,
  refusedCalls: 0,
  undoneStops: 0,
  hotStateReloads: 0,
  tagWrites: 0,
  tagDeletes: 0,
  refusedOperatorWrites: 0,
  stationWrites: 0,
  stationDeletes: 0,
  reconnects: 0,
  reservationsAccepted: 0,
  reservationsCancelled: 0,
  profilesSet: 0,
  profilesCleared: 0,
};

/** Every read answered from memory against the same read in SQL on the same (write) connection. */
function assertInStep(where: string, transactionIds: Set<number>): void {
  const { db, repos } = h.csms;
  const label = `seed ${SEED}, ${where}`;
  const rows = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as TransactionRow[];
  const open = 'SELECT * FROM transactions WHERE stop_received_at IS NULL';
  const activeReservations = (where: string, ...params: unknown[]) =>
    db.prepare(`SELECT * FROM reservations WHERE status = 'Active'${where} ORDER BY expiry_date, id`).all(...params) as ReservationRow[];

  assert.deepStrictEqual(OpenTransactions.of(db).all(), rows(`${open} ORDER BY id`), `${label}: the open transactions held in memory`);
  // Every id a station was given, every id stored (in case one was never seen), and the next one (none yet).
  const stored = (db.prepare('SELECT id FROM transactions').all() as { id: number }[]).map((row) => row.id);
  for (const id of new Set([...transactionIds, ...stored, Math.max(0, ...stored) + 1]))
    assert.deepStrictEqual(repos.transactions.get(id), rows('SELECT * FROM transactions WHERE id = ?', id)[0], `${label}: transaction ${id}`);
  for (const station of STATION_POOL) {
    assert.deepStrictEqual(
      repos.transactions.openForChargePoint(station),
      rows(`${open} AND charge_point_id = ? ORDER BY connector_id, id`, station),
      `${label}: open transactions of ${station}`,
    );
    for (const connector of CONNECTOR_POOL)
      assert.deepStrictEqual(
        repos.transactions.openOnConnector(station, connector),
        rows(`${open} AND charge_point_id = ? AND connector_id = ? ORDER BY id`, station, connector),
        `${label}: open transactions on ${station}/${connector}`,
      );
    // Everything the handshake and each CALL read of the station's record (ChargePointAdmission).
    const record = db
      .prepare('SELECT id, registration_status, validation_mode, security_profile, auth_secrets FROM charge_points WHERE id = ?')
      .get(station) as ChargePointAdmission | undefined;
    assert.deepStrictEqual(repos.chargePoints.admission(station), record, `${label}: admission of ${station}`);
    // What a Faulted or Unavailable connector ends, and what a start or an Available connector changes.
    assert.deepStrictEqual(
      repos.reservations.activeForChargePoint(station),
      activeReservations(' AND charge_point_id = ?', station),
      `${label}: active reservations of ${station}`,
    );
    for (const connector of CONNECTOR_POOL)
      assert.deepStrictEqual(
        repos.reservations.activeOnConnector(station, connector),
        activeReservations(' AND charge_point_id = ? AND connector_id = ?', station, connector),
        `${label}: active reservations on ${station}/${connector}`,
      );
    const profiles = db.prepare('SELECT installed FROM charging_profile_sets WHERE charge_point_id = ?').get(station) as
      { installed: string } | undefined;
    assert.deepStrictEqual(
      repos.chargingProfiles.installed(station),
      profiles ? JSON.parse(profiles.installed) : [],
      `${label}: profiles of ${station}`,
    );
  }
  // What the expiry sweep looks through every second.
  assert.deepStrictEqual(repos.reservationBook.active(), activeReservations(''), `${label}: the active reservations`);
  for (const spelling of ALL_SPELLINGS) {
    // The id_tag columns are COLLATE NOCASE: `=` ignores the case of ASCII letters, as the memory must.
    assert.deepStrictEqual(
      repos.transactions.openForTag(spelling),
      rows(`${open} AND id_tag = ? AND start_status = 'Accepted' ORDER BY id`, spelling),
      `${label}: open sessions of tag ${spelling}`,
    );
    assert.deepStrictEqual(
      repos.idTags.get(spelling),
      db.prepare('SELECT * FROM id_tags WHERE id_tag = ?').get(spelling) as IdTagRow | undefined,
      `${label}: id tag ${spelling}`,
    );
  }
}

/** A refusal the system is meant to give (a CALLERROR to a station, a 4xx to the operator): nothing of the step is kept. */
function refused(err: unknown): boolean {
  return err instanceof OcppCallError || (err instanceof ApiRequestError && err.status >= 400 && err.status < 500);
}

test(`memory and database agree through a random mixed run (seed ${SEED})`, async (t) => {
  const rnd = new SeededRandom(SEED);
  const transactionIds = new Set<number>();
  // How reservations changed, as announced after each commit.
  const reservations: Record<string, number> = {};
  h.csms.events.on('reservation.changed', ({ status }) => (reservations[status] = (reservations[status] ?? 0) + 1));
  let energyWh = 0;
  const now = () => new Date().toISOString();

  for (const tag of TAGS) if (tag.stored) await a.client.createIdTag(tag.stored);
  for (const id of STATIONS) {
    const cp = await aStation(h, id, {
      connectorCount: 2,
      // HOT-3 keeps a refused start running suspended (OCPP 1.6 configuration key StopTransactionOnInvalidId =
      // false): refused starts stay open until the station stops them, reports the connector free or starts again.
      configuration: id === 'HOT-3' ? { StopTransactionOnInvalidId: 'false' } : {},
    });
    // The station's answer to RemoteStopTransaction (§5.12); the stop itself is the step's next message, so a step
    // ends only once it was answered.
    cp.answer('RemoteStopTransaction', (payload) => ({
      status: cp.state.outlets().some((c) => c.transaction?.transactionId === payload.transactionId) ? 'Accepted' : 'Rejected',
    }));
    stations.set(id, cp);
    await cp.connect();
    await cp.boot();
  }
  // Lenient for all but the stations the operator sets to strict (README "Lenient mode"): both ways of reading.
  await a.client.patchSettings({ validationMode: 'lenient' });
  assertInStep('after setup', transactionIds);

  const connected = () => STATIONS.map((id) => stations.get(id)!).filter((cp) => cp.connected);
  const withSession = () =>
    connected().flatMap((cp) =>
      cp.state
        .outlets()
        .filter((c) => c.transaction)
        .map((c) => ({ cp, c, transactionId: c.transaction!.transactionId })),
    );
  const free = () =>
    connected().flatMap((cp) =>
      cp.state
        .outlets()
        .filter((c) => !c.transaction)
        .map((c) => ({ cp, c })),
    );
  const sqlOpen = () =>
    h.csms.db.prepare('SELECT id, charge_point_id FROM transactions WHERE stop_received_at IS NULL').all() as Pick<
      TransactionRow,
      'id' | 'charge_point_id'
    >[];
  const applicable = (kind: StepKind): boolean => {
    switch (kind) {
      case 'authorize':
      case 'status':
      case 'station delete':
        return connected().length > 0;
      case 'start':
      case 'dropped start':
        return free().length > 0;
      case 'meter':
      case 'stop':
      case 'undone stop':
        return withSession().length > 0;
      case 'station reconnect':
        return connected().length < STATIONS.length;
      case 'remote stop':
      case 'operator close':
        return sqlOpen().length > 0;
      case 'reserve':
      case 'cancel reservation':
      case 'set profile':
      case 'clear profiles':
        return connected().length > 0;
      default:
        return true;
    }
  };
  const anyTagSpelling = () => rnd.pick(rnd.pick(TAGS).spellings);
  // Mostly a card that is valid now (so sessions run whatever the operator did to the others), in any spelling;
  // now and then any card.
  const validNow = () =>
    new Set(
      (
        h.csms.db
          .prepare("SELECT lower(id_tag) AS tag FROM id_tags WHERE status = 'Accepted' AND (expiry_date IS NULL OR expiry_date > ?)")
          .all(now()) as { tag: string }[]
      ).map((row) => row.tag),
    );
  const driverSpelling = () => {
    const valid = validNow();
    const cards = TAGS.filter((tag) => valid.has(tag.spellings[0]!.toLowerCase()));
    return cards.length > 0 && rnd.chance(0.75) ? rnd.pick(rnd.pick(cards).spellings) : anyTagSpelling();
  };
  const editableTag = () => rnd.pick(TAGS.filter((tag) => tag.editable));

  const steps: Record<StepKind, () => Promise<unknown>> = {
    authorize: async () => {
      await rnd.pick(connected()).authorize(anyTagSpelling());
      done.authorizes++;
    },
    start: async () => {
      const { cp, c } = rnd.pick(free());
      try {
        transactionIds.add(await cp.startSession({ connectorId: c.id, idTag: driverSpelling(), authorize: rnd.chance(0.3) }));
        done.started++;
      } catch (err) {
        if (!(err instanceof SessionRejectedError)) throw err;
        if (err.transactionId !== undefined) transactionIds.add(err.transactionId);
        done.refusedStarts++;
      }
    },
    // A station that keeps no record of its start (lost in a reboot, or a refused one dropped without a stop): the
    // central system closes it as superseded or stale when the connector is used again or reported free.
    'dropped start': async () => {
      const { cp, c } = rnd.pick(free());
      const conf = (await cp.call('StartTransaction', { connectorId: c.id, idTag: anyTagSpelling(), meterStart: energyWh, timestamp: now() })) as {
        transactionId: number;
      };
      transactionIds.add(conf.transactionId);
      done.droppedStarts++;
    },
    meter: async () => {
      const { cp, c, transactionId } = rnd.pick(withSession());
      energyWh += rnd.int(1, 5_000);
      const sampledValue: { value: string; measurand: string; unit: string }[] = [];
      // Energy only, power only or both: recordMeter keeps the other value as it was (null = unchanged).
      const which = rnd.below(3);
      if (which !== 1) sampledValue.push({ value: String(energyWh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' });
      if (which !== 0) sampledValue.push({ value: String(rnd.int(0, 22_000)), measurand: 'Power.Active.Import', unit: 'W' });
      // Some stations leave out the transactionId during a session: the value is linked to the connector's open one.
      await cp.call('MeterValues', {
        connectorId: c.id,
        ...(rnd.chance(0.8) ? { transactionId } : {}),
        meterValue: [{ timestamp: now(), sampledValue }],
      });
      done.meterValues++;
    },
    stop: async () => {
      const { cp, c } = rnd.pick(withSession());
      await cp.stopSession({
        connectorId: c.id,
        reason: rnd.pick(['Local', 'EVDisconnected'] as const),
        idTag: rnd.chance(0.5) ? anyTagSpelling() : undefined,
      });
      done.stationStops++;
    },
    status: async () => {
      const cp = rnd.pick(connected());
      const c = rnd.pick(cp.state.connectors);
      const status = c.transaction
        ? rnd.pick(['Charging', 'SuspendedEV', 'SuspendedEVSE', 'Available'] as const)
        : rnd.pick(['Available', 'Preparing', 'Unavailable', 'Faulted', 'Finishing'] as const);
      await cp.statusNotification(c.id, c.id === 0 ? rnd.pick(['Available', 'Unavailable'] as const) : status);
      done.statusNotifications++;
    },
    // A unit that fails after its write, as a handler that throws does: its savepoint undoes the stop, and memory
    // must follow (write-caches.ts). Run on the system's own group commit, between the stations' messages: what the
    // stations send is handled without such failures (a lenient station's unreadable readings are skipped).
    'undone stop': async () => {
      const { transactionId } = rnd.pick(withSession());
      const wasOpen = sqlOpen().some((row) => row.id === transactionId);
      const at = now();
      await assert.rejects(
        h.csms.groupCommit.run(() => {
          h.csms.repos.transactions.stop({
            id: transactionId,
            meterStopWh: energyWh,
            stoppedCpAt: at,
            reason: 'Local',
            idTag: null,
            endedBy: 'station',
            note: null,
            receivedAt: at,
          });
          throw new Error('the handler failed after its write');
        }),
        /the handler failed after its write/,
      );
      if (wasOpen) {
        assert.ok(
          sqlOpen().some((row) => row.id === transactionId),
          `seed ${SEED}: the undone stop of ${transactionId} left it open`,
        );
        done.undoneStops++;
      }
    },
    'tag put': async () => {
      const tag = editableTag();
      const parent = rnd.chance(0.4) ? null : rnd.pick(ALL_SPELLINGS.filter((s) => !tag.spellings.includes(s)));
      const update: IdTagUpdate = {
        status: rnd.chance(0.7) ? 'Accepted' : rnd.pick(['Blocked', 'Expired', 'Invalid'] as const),
        parentIdTag: parent,
        expiryDate: rnd.chance(0.8) ? null : rnd.pick([PAST, FUTURE]),
        description: rnd.word(6),
      };
      const concurrent = rnd.below(4);
      if (concurrent < 3) update.allowConcurrentTx = [true, false, null][concurrent];
      await a.client.putIdTag(rnd.pick(tag.spellings), update);
      done.tagWrites++;
    },
    'tag block': async () => {
      const spelling = rnd.pick(editableTag().spellings);
      const row = h.csms.repos.idTags.get(spelling);
      await a.client.putIdTag(spelling, { status: 'Blocked', parentIdTag: row?.parent_id_tag ?? null, expiryDate: row?.expiry_date ?? null });
      done.tagWrites++;
    },
    // Create only: a tag that exists in any case is refused (409), nothing is written.
    'tag create': async () => {
      const tag = editableTag();
      await a.client.createIdTag({ idTag: rnd.pick(tag.spellings), status: 'Accepted', ...(rnd.chance(0.5) ? { parentIdTag: 'FLEET' } : {}) });
      done.tagWrites++;
    },
    'tag delete': async () => {
      await a.client.deleteIdTag(rnd.pick(editableTag().spellings));
      done.tagDeletes++;
    },
    'station put': async () => {
      const update: { registrationStatus?: 'Accepted' | 'Pending' | 'Rejected'; validationMode?: 'strict' | 'lenient' | null } = {};
      if (rnd.chance(0.8)) update.registrationStatus = rnd.chance(0.7) ? 'Accepted' : rnd.pick(['Pending', 'Rejected'] as const);
      if (rnd.chance(0.6)) update.validationMode = rnd.pick(['lenient', 'lenient', 'strict', null] as const);
      // Half the time the operator decides on a station that waits (Pending, or Rejected earlier): it is accepted.
      const waiting = STATIONS.filter((id) => h.csms.repos.chargePoints.get(id)?.registration_status !== 'Accepted');
      if (waiting.length > 0 && rnd.chance(0.5)) update.registrationStatus = 'Accepted';
      // A station unknown by now (deleted and not back) is created by the PUT.
      await a.client.putChargePoint(update.registrationStatus === 'Accepted' && waiting.length > 0 ? rnd.pick(waiting) : rnd.pick(STATIONS), update);
      done.stationWrites++;
    },
    // Only a station that is not connected can be deleted: a connected one is refused (409) and kept.
    'station delete': async () => {
      const cp = rnd.pick(connected());
      if (rnd.chance(0.7)) await cp.close();
      await a.client.deleteChargePoint(cp.identity);
      done.stationDeletes++;
    },
    // An unknown identity is admitted on its connection by the registration policy (Pending by default): the
    // station's record is created by the handshake, not the API.
    'station reconnect': async () => {
      const cp = rnd.pick(STATIONS.map((id) => stations.get(id)!).filter((s) => !s.connected));
      await cp.connect();
      await cp.boot();
      done.reconnects++;
    },
    'remote stop': async () => {
      const target = rnd.pick(sqlOpen());
      const answer = await a.client.call(target.charge_point_id, 'RemoteStopTransaction', { transactionId: target.id });
      if (!('result' in answer) || answer.result.status !== 'Accepted') return;
      const cp = stations.get(target.charge_point_id)!;
      const c = cp.state.outlets().find((x) => x.transaction?.transactionId === target.id)!;
      await cp.stopSession({ connectorId: c.id, reason: 'Remote' });
      done.remoteStops++;
    },
    // A reservation for a card, some expired already or within seconds (the expiry sweep ends them), some replacing an earlier
    // one by its id (OCPP 1.6 §5.13); a station may refuse it (Occupied, Faulted, Unavailable). A start with the card
    // uses it, a Faulted or Unavailable connector ends it.
    reserve: async () => {
      const cp = rnd.pick(connected());
      const answer = await a.client.call(cp.identity, 'ReserveNow', {
        connectorId: rnd.pick([0, 1, 2, 1, 2]),
        idTag: driverSpelling(),
        // Some already past when accepted: the book expires those at once.
        expiryDate: new Date(Date.now() + (rnd.chance(0.4) ? -rnd.int(1, 60_000) : rnd.int(300, 6_000))).toISOString(),
        reservationId: rnd.pick(RESERVATION_IDS),
      });
      if ('result' in answer && answer.result.status === 'Accepted') done.reservationsAccepted++;
    },
    'cancel reservation': async () => {
      const cp = rnd.pick(connected());
      const answer = await a.client.call(cp.identity, 'CancelReservation', { reservationId: rnd.pick(RESERVATION_IDS) });
      if ('result' in answer && answer.result.status === 'Accepted') done.reservationsCancelled++;
    },
    // A default profile per connector, or the station's maximum on connector 0 (OCPP 1.6 §3.13.2).
    'set profile': async () => {
      const cp = rnd.pick(connected());
      const connectorId = rnd.pick([0, 1, 2]);
      const answer = await a.client.call(cp.identity, 'SetChargingProfile', {
        connectorId,
        csChargingProfiles: {
          chargingProfileId: rnd.int(1, 6),
          stackLevel: rnd.int(0, 2),
          chargingProfilePurpose: connectorId === 0 && rnd.chance(0.5) ? 'ChargePointMaxProfile' : 'TxDefaultProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: rnd.int(6, 32) }] },
        },
      });
      if ('result' in answer && answer.result.status === 'Accepted') done.profilesSet++;
    },
    'clear profiles': async () => {
      const cp = rnd.pick(connected());
      const answer = await a.client.call(cp.identity, 'ClearChargingProfile', rnd.chance(0.5) ? {} : { id: rnd.int(1, 6) });
      if ('result' in answer && answer.result.status === 'Accepted') done.profilesCleared++;
    },
    // The operator closes a stuck transaction; the station may still send its own stop later, which replaces it.
    'operator close': async () => {
      const id = rnd.chance(0.85) ? rnd.pick(sqlOpen()).id : rnd.pick([...transactionIds]);
      await a.client.closeTransaction(id, `closed in step by the operator (seed ${SEED})`);
      done.operatorCloses++;
    },
  };

  const kinds = Object.keys(WEIGHTS) as StepKind[];
  const started = Date.now();
  for (let step = 1; step <= STEPS; step++) {
    const choices = kinds.filter(applicable).flatMap((kind) => Array<StepKind>(WEIGHTS[kind]).fill(kind));
    const kind = rnd.pick(choices);
    const loadsBefore = OpenTransactions.of(h.csms.db).loads;
    try {
      await steps[kind]();
    } catch (err) {
      if (!refused(err)) throw new Error(`seed ${SEED}, step ${step} (${kind}) failed: ${String(err)}`, { cause: err });
      if (err instanceof OcppCallError) done.refusedCalls++;
      else done.refusedOperatorWrites++;
    }
    assertInStep(`step ${step} (${kind})`, transactionIds);
    done.hotStateReloads += OpenTransactions.of(h.csms.db).loads - loadsBefore;
  }
  t.diagnostic(`seed ${SEED}: ${STEPS} steps in ${Date.now() - started} ms, ${JSON.stringify(done)}, reservations ${JSON.stringify(reservations)}`);

  const closed = (h.csms.db.prepare('SELECT COUNT(*) AS n FROM transactions WHERE stop_received_at IS NOT NULL').get() as { n: number }).n;
  // Floors that seeds 1 to 60 all clear; the default seed does two to four times as much of each.
  assert.ok(done.started >= 5, `seed ${SEED}: sessions started (${done.started})`);
  assert.ok(done.refusedStarts + done.droppedStarts >= 3, `seed ${SEED}: refused or dropped starts (${done.refusedStarts + done.droppedStarts})`);
  assert.ok(done.stationStops + done.remoteStops >= 5, `seed ${SEED}: sessions stopped by their station (${done.stationStops + done.remoteStops})`);
  assert.ok(closed >= 8, `seed ${SEED}: transactions closed (${closed})`);
  assert.ok(done.meterValues >= 3, `seed ${SEED}: meter values (${done.meterValues})`);
  assert.ok(done.tagWrites + done.tagDeletes >= 10, `seed ${SEED}: id tag changes (${done.tagWrites + done.tagDeletes})`);
  assert.ok(done.stationWrites + done.stationDeletes >= 2, `seed ${SEED}: station changes (${done.stationWrites + done.stationDeletes})`);
  assert.ok(done.operatorCloses + done.remoteStops >= 2, `seed ${SEED}: operator stops and closes (${done.operatorCloses + done.remoteStops})`);
  // Reservations made Active, and leaving memory by a start that used them, a connector that became unusable, the
  // expiry or a replacing ReserveNow.
  assert.ok((reservations.Active ?? 0) >= 3, `seed ${SEED}: reservations made Active (${JSON.stringify(reservations)})`);
  const ended = (reservations.Used ?? 0) + (reservations.Ended ?? 0) + (reservations.Expired ?? 0);
  assert.ok(ended >= 1, `seed ${SEED}: reservations used, ended or expired (${JSON.stringify(reservations)})`);
  assert.ok(done.profilesSet >= 1, `seed ${SEED}: charging profiles set (${done.profilesSet})`);
  // Each undone handler emptied the caches (write-caches.ts): the open transactions were loaded again.
  assert.ok(done.hotStateReloads >= 1, `seed ${SEED}: writes were undone (${done.undoneStops} stops, ${done.hotStateReloads} reloads)`);
});
