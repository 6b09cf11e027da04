/**
 * Commissioning runs over the operator API against simulated stations on real sockets (docs/api.md
 * "Commissioning"): every check of the full template passes on a healthy station, with its evidence; planted faults
 * fail the right checks with the values that show why; the report renders as HTML and JSON; a second run says what
 * changed since the first; templates can be saved, and built-in ones are kept.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { CommissioningRunDto } from '../../shared/api/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 10_000 } });
  a = await startApi(h);
});
afterEach(async () => {
  await closeStations();
});
after(async () => {
  await a.api.close();
  await h.close();
});

async function finished(chargePointId: string, runId: number): Promise<CommissioningRunDto> {
  let run: CommissioningRunDto | undefined;
  await eventually(
    async () => {
      run = await a.client.getCommissioningRun(chargePointId, runId);
      return run.status !== 'running';
    },
    120_000,
    `run ${runId} to finish`,
  );
  return run!;
}

const statuses = (run: CommissioningRunDto) => Object.fromEntries(run.checks.map((c) => [c.id, c.status]));

describe('commissioning', () => {
  test('a healthy station passes every check of the full template, with the evidence of each', async () => {
    await aBootedStation(h, 'CP-C1', { autoMeterValues: false });
    const started = await a.client.startCommissioningRun('CP-C1', { template: 'full', operator: 'Ada (field tech)' });
    assert.equal(started.status, 'running');
    const run = await finished('CP-C1', started.id);
    assert.deepEqual(
      statuses(run),
      {
        connection: 'passed',
        boot: 'passed',
        heartbeat: 'passed',
        'connector-status': 'passed',
        clock: 'passed',
        configuration: 'passed',
        'local-list': 'passed',
        'remote-start': 'passed',
        'meter-values': 'passed',
        'remote-stop': 'passed',
        unlock: 'passed',
        'charging-profile': 'passed',
        reservation: 'passed',
        // The test's API runs without the file server.
        'diagnostics-upload': 'skipped',
      },
      JSON.stringify(run.checks.map((c) => [c.id, c.summary])),
    );
    assert.equal(run.status, 'passed');
    const start = run.checks.find((c) => c.id === 'remote-start')!;
    assert.equal(start.exchanges[0]!.action, 'RemoteStartTransaction');
    assert.deepEqual(start.exchanges[0]!.response, { status: 'Accepted' });
    const meter = run.checks.find((c) => c.id === 'meter-values')!;
    const [e1, e2] = meter.values.energyWh as [number, number];
    assert.ok(e2 > e1, `energy rose: ${e1} → ${e2}`);
    assert.ok(run.configuration && run.configuration.some((e) => e.key === 'HeartbeatInterval'), 'the configuration snapshot is in the report');
    const stopped = await h.csms.services.transactions.page({ chargePointId: 'CP-C1' });
    assert.ok(
      stopped.entries.every((e) => e.row.stop_received_at !== null),
      'the run leaves no session running',
    );

    const html = await a.fetch(`/api/charge-points/CP-C1/commissioning-runs/${run.id}/report.html`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const page = await html.text();
    assert.match(page, /Commissioning report: CP-C1/);
    assert.match(page, /Ada \(field tech\)/);
    assert.match(page, /RemoteStartTransaction/);
    const json = await a.fetch(`/api/charge-points/CP-C1/commissioning-runs/${run.id}/report.json`);
    assert.deepEqual(await json.json(), run);
  });

  test('planted faults fail the right checks, with the values that show why; the next run says what changed', async () => {
    // A clock ten minutes fast, and a station that refuses charging profiles.
    const cp = await aBootedStation(h, 'CP-C2', { clock: () => Date.now() + 600_000 });
    cp.answer('SetChargingProfile', { status: 'Rejected' });
    const checks = ['connection', 'connector-status', 'clock', 'charging-profile'];
    const first = await finished('CP-C2', (await a.client.startCommissioningRun('CP-C2', { checks })).id);
    assert.deepEqual(statuses(first), { connection: 'passed', 'connector-status': 'passed', clock: 'failed', 'charging-profile': 'failed' });
    assert.equal(first.status, 'failed');
    const clock = first.checks.find((c) => c.id === 'clock')!;
    assert.ok(Math.abs((clock.values.offsetSec as number) - 600) < 30, `offset ${String(clock.values.offsetSec)}`);
    assert.match(clock.summary, /ahead of the central system/);
    const profile = first.checks.find((c) => c.id === 'charging-profile')!;
    assert.deepEqual(
      profile.exchanges.map((x) => [x.action, x.response?.status]),
      [['SetChargingProfile', 'Rejected']],
    );

    cp.answer('SetChargingProfile', undefined);
    const second = await finished('CP-C2', (await a.client.startCommissioningRun('CP-C2', { checks })).id);
    assert.equal(second.previousRunId, first.id);
    assert.deepEqual(second.changedSincePrevious, { 'charging-profile': 'failed' });
    assert.equal(statuses(second)['charging-profile'], 'passed');
  });

  test('a station that does not send a measurand it is configured to sample fails the meter-values check', async () => {
    await aBootedStation(h, 'CP-C4', {
      autoMeterValues: false,
      configuration: { MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Reactive.Import' },
    });
    const checks = ['configuration', 'remote-start', 'meter-values', 'remote-stop'];
    const run = await finished('CP-C4', (await a.client.startCommissioningRun('CP-C4', { checks })).id);
    const meter = run.checks.find((c) => c.id === 'meter-values')!;
    assert.equal(meter.status, 'failed', meter.summary);
    assert.match(meter.summary, /Missing measurands .*Power\.Reactive\.Import/);
    assert.equal(statuses(run)['remote-stop'], 'passed');
  });

  test('bad requests are refused by field; one run at a time; templates are saved, built-in ones kept', async () => {
    await aBootedStation(h, 'CP-C3');
    const bad = await a.fetch('/api/charge-points/CP-C3/commissioning-runs', {
      method: 'POST',
      body: JSON.stringify({ checks: ['clock', 'teleport'] }),
    });
    assert.equal(bad.status, 422);
    assert.match(JSON.stringify(await bad.json()), /checks\[1\].*not a check \(teleport\)/);
    assert.equal((await a.fetch('/api/charge-points/NOPE/commissioning-runs', { method: 'POST', body: '{}' })).status, 404);

    const slow = await a.client.startCommissioningRun('CP-C3', { checks: ['connection', 'meter-values'] });
    const busy = await a.fetch('/api/charge-points/CP-C3/commissioning-runs', { method: 'POST', body: JSON.stringify({ template: 'quick' }) });
    assert.equal(busy.status, 409);
    await finished('CP-C3', slow.id);

    const saved = await a.client.putCommissioningTemplate('dc-no-reservation', {
      description: 'DC, no reservations',
      checks: ['reservation', 'boot'],
    });
    assert.deepEqual(saved.checks, ['reservation', 'boot']);
    assert.ok((await a.client.listCommissioningTemplates()).items.some((t) => t.name === 'dc-no-reservation' && !t.builtIn));
    const builtIn = await a.fetch('/api/commissioning-templates/full', { method: 'PUT', body: JSON.stringify({ checks: ['boot'] }) });
    assert.equal(builtIn.status, 409);
    const run = await finished('CP-C3', (await a.client.startCommissioningRun('CP-C3', { template: 'dc-no-reservation' })).id);
    assert.deepEqual(
      run.checks.map((c) => c.id),
      ['boot', 'reservation'],
      'performed in run order',
    );
    await a.client.deleteCommissioningTemplate('dc-no-reservation');
  });
});
