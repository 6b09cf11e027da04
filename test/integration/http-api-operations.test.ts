/**
 * The operator API's smart-charging and local-list operations over real HTTP, against the simulated
 * charge point: the charging profile library, profile checks, installing a library profile, the locally computed
 * composite schedule, and the local list sync (Full, then Differential, Full again after a VersionMismatch).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { ApiRequestError, type ChargingProfileDto, type LibraryProfilePutResponse } from '../../shared/api/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeOpenTransactions, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { readJson } from '../support/responses.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
});
afterEach(async () => {
  await closeStations();
  closeOpenTransactions(h);
});
after(async () => {
  await a.api.close();
  await h.close();
});

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** An absolute TxDefaultProfile of `limit` A that started an hour ago and never ends. */
function txDefault(limit: number, id = 11): ChargingProfileDto {
  return {
    chargingProfileId: id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { startSchedule: hourAgo(), chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
  };
}

async function expectApiError(promise: Promise<unknown>, status: number, code: string): Promise<ApiRequestError> {
  let caught: unknown;
  await promise.catch((err: unknown) => (caught = err));
  assert.ok(caught instanceof ApiRequestError, `expected ApiRequestError, got ${String(caught)}`);
  assert.equal(caught.status, status);
  assert.equal(caught.code, code);
  return caught;
}

describe('charging profile library', () => {
  test('PUT creates (201) then replaces (200); GET lists; DELETE removes (204, then 404)', async () => {
    const created = await a.fetch('/api/charging-profiles/day-16A', {
      method: 'PUT',
      body: JSON.stringify({ description: 'daytime', profile: txDefault(16) }),
    });
    assert.equal(created.status, 201);
    const body = await readJson<LibraryProfilePutResponse>(created);
    assert.equal(body.name, 'day-16A');
    assert.equal(body.description, 'daytime');
    assert.deepEqual(body.problems, []);
    assert.equal(body.profile.chargingSchedule.chargingSchedulePeriod[0]?.limit, 16);

    const replaced = await a.client.putLibraryProfile('day-16A', { profile: txDefault(20) });
    assert.equal(replaced.profile.chargingSchedule.chargingSchedulePeriod[0]?.limit, 20);
    assert.equal(replaced.description, '');
    assert.equal(replaced.id, body.id);

    const { items } = await a.client.listLibraryProfiles();
    assert.deepEqual(
      items.map((p) => p.name),
      ['day-16A'],
    );
    assert.equal((await a.client.getLibraryProfile('day-16A')).profile.chargingSchedule.chargingSchedulePeriod[0]!.limit, 20);

    await a.client.deleteLibraryProfile('day-16A');
    await expectApiError(a.client.deleteLibraryProfile('day-16A'), 404, 'API_ERR_NOT_FOUND');
    await expectApiError(a.client.getLibraryProfile('day-16A'), 404, 'API_ERR_NOT_FOUND');
    assert.equal((await a.client.listLibraryProfiles()).items.length, 0);
  });

  test('a schema-invalid profile is refused with 422 and the OCPP issues; nothing stored', async () => {
    const { chargingSchedule: _dropped, ...noSchedule } = txDefault(16);
    const err = await expectApiError(
      a.client.putLibraryProfile('broken', { profile: noSchedule as unknown as ChargingProfileDto }),
      422,
      'API_ERR_VALIDATION',
    );
    const issues = (err.details as { issues?: { path: string; keyword: string }[] }).issues ?? [];
    assert.ok(
      issues.some((i) => i.keyword === 'required'),
      JSON.stringify(issues),
    );
    await expectApiError(a.client.request('PUT', '/api/charging-profiles/broken', { body: { description: 'x' } }), 422, 'API_ERR_VALIDATION');
    await expectApiError(a.client.getLibraryProfile('broken'), 404, 'API_ERR_NOT_FOUND');
  });

  test('rule problems are advice in the 200/201 answer, never blocking', async () => {
    const recurring: ChargingProfileDto = { ...txDefault(16), chargingProfileKind: 'Recurring' }; // no recurrencyKind
    const stored = await a.client.putLibraryProfile('odd', { profile: recurring });
    assert.ok(
      stored.problems.some((p) => p.code === 'recurrency-kind-missing'),
      JSON.stringify(stored.problems),
    );
    assert.equal((await a.client.getLibraryProfile('odd')).name, 'odd');
    await a.client.deleteLibraryProfile('odd');
  });

  test('POST /api/charging-profiles/check answers { problems }', async () => {
    const tx = { ...txDefault(16), chargingProfilePurpose: 'TxProfile' as const };
    const onStation = await a.client.checkChargingProfile({ connectorId: 0, profile: tx });
    assert.ok(
      onStation.problems.some((p) => p.code === 'tx-profile-connector'),
      JSON.stringify(onStation.problems),
    );
    assert.deepEqual((await a.client.checkChargingProfile({ connectorId: 1, profile: txDefault(16) })).problems, []);
    await expectApiError(a.client.request('POST', '/api/charging-profiles/check', { body: { profile: tx } }), 422, 'API_ERR_VALIDATION');
    await expectApiError(
      a.client.request('POST', '/api/charging-profiles/check', { body: { connectorId: 1, profile: tx, context: 'Nope' } }),
      422,
      'API_ERR_VALIDATION',
    );
  });
});

describe('installing a library profile and the local schedule', () => {
  test('install sends SetChargingProfile; the schedule follows what the station accepted, with its own report alongside', async () => {
    const cp = await aBootedStation(h, 'API-SC-1');
    await a.client.putLibraryProfile('limit-16', { profile: txDefault(16) });

    const before = await a.client.localSchedule('API-SC-1', { connectorId: 1 });
    assert.equal(before.installedCount, 0);
    assert.deepEqual(before.schedule.periods, []);
    assert.deepEqual(
      before.samples.map((s) => s.limit),
      [null, null],
    );
    assert.equal(before.reported, null);

    const installed = await a.client.installLibraryProfile('API-SC-1', { name: 'limit-16', connectorId: 0 });
    assert.deepEqual(installed, { result: { status: 'Accepted' }, violations: [], problems: [] });
    assert.equal(cp.state.chargingProfiles.profiles.length, 1);
    assert.equal(h.csms.repos.chargingProfiles.installed('API-SC-1').length, 1);

    const schedule = await a.client.localSchedule('API-SC-1', { connectorId: 1, durationSec: 3600, unit: 'A' });
    assert.equal(schedule.transactionId, null);
    assert.equal(schedule.schedule.chargingRateUnit, 'A');
    assert.equal(schedule.schedule.duration, 3600);
    assert.deepEqual(schedule.schedule.periods, [{ startPeriod: 0, endPeriod: 3600, limit: 16 }]);
    assert.deepEqual(
      schedule.samples.map((s) => s.limit),
      [16, 16],
    );
    const inWatts = await a.client.localSchedule('API-SC-1', { connectorId: 1, durationSec: 3600, unit: 'W' });
    assert.equal(inWatts.schedule.periods[0]!.limit, 16 * 230 * 3);

    // The station's own answer is kept next to the local computation.
    const asked = await a.client.call('API-SC-1', 'GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'A' });
    assert.ok('result' in asked && asked.result.status === 'Accepted');
    const withReport = await a.client.localSchedule('API-SC-1', { connectorId: 1, durationSec: 3600 });
    assert.equal(withReport.reported?.connectorId, 1);
    assert.equal(withReport.reported?.answer.status, 'Accepted');

    // A TxProfile for the running transaction overrides the default.
    const tx = await cp.startTransaction({ connectorId: 1, idTag: 'ANYTAG' });
    await a.client.putLibraryProfile('tx-10', { profile: { ...txDefault(10, 12), chargingProfilePurpose: 'TxProfile' } });
    const txInstall = await a.client.installLibraryProfile('API-SC-1', { name: 'tx-10', connectorId: 1, transactionId: tx.transactionId });
    assert.ok('result' in txInstall && txInstall.result.status === 'Accepted', JSON.stringify(txInstall));
    assert.deepEqual(txInstall.problems, []);
    const during = await a.client.localSchedule('API-SC-1', { connectorId: 1, durationSec: 600, unit: 'A' });
    assert.equal(during.transactionId, tx.transactionId);
    assert.deepEqual(during.schedule.periods, [{ startPeriod: 0, endPeriod: 600, limit: 10 }]);
  });

  test('install errors: unknown profile 404, bad body 422, station not connected 409, unknown station schedule 404', async () => {
    await a.client.putLibraryProfile('limit-8', { profile: txDefault(8) });
    await expectApiError(a.client.installLibraryProfile('API-SC-2', { name: 'nope', connectorId: 0 }), 404, 'API_ERR_NOT_FOUND');
    await expectApiError(
      a.client.request('POST', '/api/charge-points/API-SC-2/charging-profiles/install', { body: { name: 'limit-8' } }),
      422,
      'API_ERR_VALIDATION',
    );
    await h.csms.services.stations.upsert({ id: 'API-SC-2', registrationStatus: 'Accepted' });
    await expectApiError(a.client.installLibraryProfile('API-SC-2', { name: 'limit-8', connectorId: 0 }), 409, 'API_ERR_NOT_CONNECTED');
    await expectApiError(a.client.localSchedule('NO-SUCH-CP', { connectorId: 1 }), 404, 'API_ERR_NOT_FOUND');
    await expectApiError(a.client.request('GET', '/api/charge-points/API-SC-2/schedule'), 400, 'API_ERR_BAD_REQUEST');
    await expectApiError(
      a.client.request('GET', '/api/charge-points/API-SC-2/schedule', { query: { connectorId: 1, unit: 'kW' } }),
      400,
      'API_ERR_BAD_REQUEST',
    );
  });
});

describe('POST /api/charge-points/{id}/local-list/sync', () => {
  test('Full first, Differential with just the changed tag next, Full again after a VersionMismatch', async () => {
    for (const tag of ['LL-A', 'LL-B', 'LL-C', 'LL-D'])
      await a.client.putIdTag(tag, { status: 'Accepted', ...(tag === 'LL-D' ? { parentIdTag: 'LL-A', expiryDate: '2040-01-01T00:00:00Z' } : {}) });
    const cp = await aBootedStation(h, 'API-LL-1');
    const all = h.csms.repos.idTags.list().length;

    const first = await a.client.syncLocalList('API-LL-1');
    assert.deepEqual(first, {
      upToDate: false,
      updateType: 'Full',
      listVersion: 1,
      entryCount: all,
      outcome: { result: { status: 'Accepted' }, violations: [] },
    });
    assert.equal(cp.state.localList.entries.size, all);
    assert.deepEqual(cp.state.localList.entries.get('LL-D'), { status: 'Accepted', expiryDate: '2040-01-01T00:00:00.000Z', parentIdTag: 'LL-A' });
    const summaryOf = async () => (await a.client.listLocalLists()).items.find((s) => s.chargePointId === 'API-LL-1');
    assert.deepEqual(
      { ...(await summaryOf()), updatedAt: undefined },
      {
        chargePointId: 'API-LL-1',
        confirmedVersion: 1,
        reportedVersion: null,
        reportedAt: null,
        lastUpdateType: 'Full',
        lastStatus: 'Accepted',
        updatedAt: undefined,
        entryCount: all,
        difference: { added: 0, changed: 0, removed: 0 },
      },
      'the summary has no entries, their count and what a sync would change',
    );
    assert.equal((await a.client.getLocalList('API-LL-1'))?.entries?.length, all);

    await a.client.putIdTag('LL-B', { status: 'Blocked' });
    assert.deepEqual((await summaryOf())?.difference, { added: 0, changed: 1, removed: 0 }, 'a changed tag is a change to send');
    const second = await a.client.syncLocalList('API-LL-1');
    assert.deepEqual(second, {
      upToDate: false,
      updateType: 'Differential',
      listVersion: 2,
      entryCount: 1,
      outcome: { result: { status: 'Accepted' }, violations: [] },
    });
    assert.equal(cp.state.localList.version, 2);
    assert.equal(cp.state.localList.entries.get('LL-B')?.status, 'Blocked');
    const sent = await a.client.messageLog({ chargePointId: 'API-LL-1', action: 'SendLocalList', direction: 'out', limit: 1 });
    assert.match(sent.items[0]!.frame, /"localAuthorizationList":\[\{"idTag":"LL-B","idTagInfo":\{"status":"Blocked"\}\}\]/);

    await a.client.putIdTag('LL-C', { status: 'Expired' });
    cp.answerOnce('SendLocalList', { status: 'VersionMismatch' });
    const third = await a.client.syncLocalList('API-LL-1');
    assert.equal(third.updateType, 'Differential');
    assert.deepEqual(third.outcome, { result: { status: 'VersionMismatch' }, violations: [] });
    assert.equal((await a.client.request<{ entries: unknown }>('GET', '/api/charge-points/API-LL-1/local-list')).entries, null);
    assert.deepEqual([(await summaryOf())?.entryCount, (await summaryOf())?.difference], [null, null], 'what it holds is unknown now');

    const fourth = await a.client.syncLocalList('API-LL-1');
    assert.equal(fourth.updateType, 'Full');
    assert.equal(fourth.entryCount, all);
    assert.deepEqual(fourth.outcome, { result: { status: 'Accepted' }, violations: [] });
    assert.equal(cp.state.localList.entries.get('LL-C')?.status, 'Expired');
  });

  test('idTags chooses the tags; unknown tags 422; unknown station 404; not connected 409', async () => {
    await a.client.putIdTag('LL-E', { status: 'Accepted' });
    const cp = await aBootedStation(h, 'API-LL-2');
    const chosen = await a.client.syncLocalList('API-LL-2', ['ll-e', 'LL-E']);
    assert.equal(chosen.updateType, 'Full');
    assert.equal(chosen.entryCount, 1);
    assert.deepEqual([...cp.state.localList.entries.keys()], ['LL-E']);
    await expectApiError(a.client.syncLocalList('API-LL-2', ['NOT-A-TAG']), 422, 'API_ERR_VALIDATION');
    await expectApiError(
      a.client.request('POST', '/api/charge-points/API-LL-2/local-list/sync', { body: { idTags: 'LL-E' } }),
      422,
      'API_ERR_VALIDATION',
    );
    await expectApiError(a.client.syncLocalList('NO-SUCH-CP'), 404, 'API_ERR_NOT_FOUND');
    assert.equal(await a.client.getLocalList('NO-SUCH-CP'), null, 'never sent a list: null, not an error, for the console');
    assert.equal((await a.fetch('/api/charge-points/NO-SUCH-CP/local-list')).status, 404);
    await h.csms.services.stations.upsert({ id: 'API-LL-3', registrationStatus: 'Accepted' });
    await expectApiError(a.client.syncLocalList('API-LL-3'), 409, 'API_ERR_NOT_CONNECTED');
  });
});
