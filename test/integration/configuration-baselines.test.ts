/**
 * Configuration baselines over the operator API and real sockets (docs/api.md "Configuration baselines"): a
 * baseline is stored as typed and refused field by field when ChangeConfiguration could not carry it; a station
 * follows its own baseline or its site's; its drift is read from GetConfiguration with values compared as they mean
 * (booleans without case, numbers by value, lists in any order); applying it changes exactly the keys that differ
 * and can be changed, reports read-only and unknown keys and RebootRequired, and leaves the station on its baseline.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { ConfigurationBaselineUpdate } from '../../shared/api/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 10_000 } });
  a = await startApi(h);
});
afterEach(async () => {
  await closeStations();
  for (const b of (await a.client.listConfigurationBaselines()).items) await a.client.deleteConfigurationBaseline(b.name);
  for (const s of (await a.client.listSites()).items) await a.client.deleteSite(s.id);
});
after(async () => {
  await a.api.close();
  await h.close();
});

const AC_WALLBOX: ConfigurationBaselineUpdate = {
  description: 'AC wallboxes of the north depot',
  entries: [
    { key: 'MeterValueSampleInterval', value: '30' },
    { key: 'MeterValuesSampledData', value: 'Power.Active.Import, Energy.Active.Import.Register' },
    { key: 'StopTransactionOnInvalidId', value: 'TRUE' },
    { key: 'NumberOfConnectors', value: '4' },
    { key: 'VendorNoSuchKey', value: 'x' },
    { key: 'ConnectionTimeOut', value: '60' },
  ],
};

async function put(name: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await a.fetch(`/api/configuration-baselines/${encodeURIComponent(name)}`, { method: 'PUT', body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('configuration baselines', () => {
  test('are stored exactly as typed, and refused by field when ChangeConfiguration could not send them', async () => {
    await a.client.putChargePoint('CP-B1', {});
    const created = await put('ac-wallbox', { ...AC_WALLBOX, stations: ['CP-B1'] });
    assert.equal(created.status, 201);
    const stored = await a.client.getConfigurationBaseline('ac-wallbox');
    assert.deepEqual(stored.entries, AC_WALLBOX.entries, 'values kept as typed, spaces and case included');
    assert.deepEqual(stored.stations, ['CP-B1']);

    const bad = await put('bad', {
      entries: [
        { key: 'MeterValueSampleInterval', value: '30' },
        { key: 'meterValueSampleInterval', value: '60' },
        { key: 'Grüße', value: 'x' },
        { key: 'ConnectionTimeOut', value: 'x'.repeat(501) },
        { key: 'AuthorizationKey', value: '0011' },
      ],
      stations: ['CP-NOT-THERE'],
    });
    assert.equal(bad.status, 422, JSON.stringify(bad.json));
    const fields = (bad.json.error as { details: { fields: Record<string, string> } }).details.fields;
    assert.match(fields['entries[1].key']!, /repeats entries\[0\]\.key/);
    assert.ok(fields['entries[2].key'], 'a non-ASCII key is refused');
    assert.match(fields['entries[3].value']!, /at most 500/);
    assert.match(fields['entries[4].key']!, /secret/);
    assert.equal((await a.fetch('/api/configuration-baselines/bad')).status, 404, 'nothing stored');

    const unknownStation = await put('other', { entries: [{ key: 'A', value: 'b' }], stations: ['CP-NOT-THERE'] });
    assert.equal(unknownStation.status, 422);
    const taken = await put('other', { entries: [{ key: 'A', value: 'b' }], stations: ['CP-B1'] });
    assert.equal(taken.status, 409, 'a station follows one baseline only');
  });

  test('drift, then apply: only what differs and can change is sent; read-only, unknown and reboot keys are reported', async () => {
    const cp = await aBootedStation(h, 'CP-B2', { configuration: { StopTransactionOnInvalidId: 'true' } });
    // A key this station only takes after a reboot (OCPP 1.6 §5.4 RebootRequired).
    cp.state.configuration.set('ConnectionTimeOut', '90', { kind: 'uint', rebootRequired: true });
    await a.client.putSite('north', { name: 'North', limitA: 100, phases: 3, marginPct: 10, stations: ['CP-B2'] });
    assert.equal((await put('ac-wallbox', { ...AC_WALLBOX, sites: ['north'] })).status, 201);

    const unread = await a.client.configurationDrift('CP-B2');
    assert.equal(unread.baseline, 'ac-wallbox');
    assert.equal(unread.via, 'site');
    assert.equal(unread.siteId, 'north');
    assert.ok(unread.entries.every((e) => e.state === 'not-read'));

    await a.client.call('CP-B2', 'GetConfiguration', {});
    const drift = await a.client.configurationDrift('CP-B2');
    const state = Object.fromEntries(drift.entries.map((e) => [e.key, e.state]));
    assert.deepEqual(state, {
      MeterValueSampleInterval: 'differs',
      // The station has these four and more: the lists differ.
      MeterValuesSampledData: 'differs',
      StopTransactionOnInvalidId: 'matches',
      NumberOfConnectors: 'differs-readonly',
      VendorNoSuchKey: 'not-reported',
      ConnectionTimeOut: 'differs',
    });
    assert.equal(drift.offBaseline, 5);
    assert.deepEqual(await a.client.fleetDrift(), {
      items: [{ chargePointId: 'CP-B2', baseline: 'ac-wallbox', via: 'site', snapshotTakenAt: drift.snapshotTakenAt, offBaseline: 5, fixable: 3 }],
      total: 1,
    });

    const applied = await a.client.applyConfigurationBaseline('CP-B2');
    const byKey = Object.fromEntries(applied.results.map((r) => [r.key, r]));
    assert.equal(byKey.MeterValueSampleInterval!.status, 'Accepted');
    assert.equal(byKey.MeterValuesSampledData!.status, 'Accepted');
    assert.equal(byKey.ConnectionTimeOut!.status, 'RebootRequired');
    assert.equal(byKey.NumberOfConnectors!.status, 'skipped');
    assert.match(byKey.NumberOfConnectors!.message!, /read-only/);
    assert.equal(byKey.VendorNoSuchKey!.status, 'NotSupported', 'a key the station does not list is tried, and its answer shown');
    assert.equal(byKey.StopTransactionOnInvalidId, undefined, 'a matching key is not sent');
    assert.equal(applied.rebootRequired, true);
    // The station holds the values now, exactly as the operator typed them.
    assert.equal(cp.state.configuration.get('MeterValueSampleInterval'), '30');
    assert.equal(cp.state.configuration.get('MeterValuesSampledData'), 'Power.Active.Import, Energy.Active.Import.Register');
    const after = Object.fromEntries(applied.drift.entries.map((e) => [e.key, e.state]));
    assert.equal(after.MeterValueSampleInterval, 'matches');
    assert.equal(after.MeterValuesSampledData, 'matches', 'the station holds the list as sent');
    assert.equal(after.NumberOfConnectors, 'differs-readonly');
    assert.equal(after.VendorNoSuchKey, 'not-reported');
  });

  test('a station of its own baseline follows it rather than its site’s; without any, apply is refused', async () => {
    await aBootedStation(h, 'CP-B3');
    await a.client.putSite('south', { name: 'South', limitA: 50, phases: 1, marginPct: 0, stations: ['CP-B3'] });
    assert.equal((await put('site-wide', { entries: [{ key: 'HeartbeatInterval', value: '300' }], sites: ['south'] })).status, 201);
    assert.equal((await put('own', { entries: [{ key: 'HeartbeatInterval', value: '120' }], stations: ['CP-B3'] })).status, 201);
    const drift = await a.client.configurationDrift('CP-B3');
    assert.equal(drift.baseline, 'own');
    assert.equal(drift.via, 'station');
    await a.client.deleteConfigurationBaseline('own');
    await a.client.deleteConfigurationBaseline('site-wide');
    const none = await a.fetch('/api/charge-points/CP-B3/configuration-baseline/apply', { method: 'POST', body: '{}' });
    assert.equal(none.status, 409);
    assert.match(((await none.json()) as { error: { message: string } }).error.message, /follows no configuration baseline/);
    assert.equal((await a.fetch('/api/charge-points/NOPE/configuration-drift')).status, 404);
  });
});
