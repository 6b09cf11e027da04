/**
 * Commissioning checks that need the central system's own file server, and the paths a technician meets on site
 * (docs/api.md "Commissioning"): a diagnostics upload that arrives, one that cannot (the station cannot reach the
 * file server), a remote start that is accepted while no vehicle is plugged in (needs the technician; the session
 * checks after it are skipped with their reason), and a reservation that leaves its connector reserved. Real central
 * system, real file server, simulated stations over real sockets; the checks' waits are shortened to keep it quick.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { CommissioningCheckResult, CommissioningRunDto } from '../../shared/api/index.js';
import { fetchReportHtml } from '../../main/app/report-pdf-source.js';
import type { FileServices } from '../../main/csms/files/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startLoopbackFileServices } from '../support/file-services.js';

const WAITS = { startWaitMs: 1_500, uploadWaitMs: 8_000, reservationStatusWaitMs: 1_500, statusWaitMs: 3_000 };

let h: Harness;
let files: FileServices;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  files = await startLoopbackFileServices(h);
  a = await startApi(h, { files, commissioningWaits: WAITS });
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await files.close();
  await h.close();
});

async function run(chargePointId: string, checks: string[]): Promise<CommissioningRunDto> {
  const started = await a.client.startCommissioningRun(chargePointId, { checks });
  let finished: CommissioningRunDto | undefined;
  await eventually(
    async () => {
      finished = await a.client.getCommissioningRun(chargePointId, started.id);
      return finished.status !== 'running';
    },
    30_000,
    `run ${started.id} to finish`,
  );
  return finished!;
}

const check = (r: CommissioningRunDto, id: string): CommissioningCheckResult => r.checks.find((c) => c.id === id)!;

describe('commissioning with the file server', () => {
  test('the diagnostics upload passes when the station uploads to the built-in file server, with its evidence', { timeout: 30_000 }, async () => {
    await aBootedStation(h, 'CP-F1', { transfer: { timeoutMs: 5_000 } });
    const result = await run('CP-F1', ['diagnostics-upload']);
    const upload = check(result, 'diagnostics-upload');
    assert.equal(upload.status, 'passed', upload.summary);
    assert.equal(result.status, 'passed');
    assert.deepEqual(
      upload.exchanges.map((x) => x.action),
      ['GetDiagnostics'],
    );
    const location = String(upload.exchanges[0]!.request.location);
    // The built-in file server, with the job's own credential, which the report keeps redacted like the message log.
    assert.match(location, /^(ftp|http):\/\/CP-F1:\*\*\*redacted\*\*\*@127\.0\.0\.1:\d+\//, location);
    const fileName = upload.exchanges[0]!.response?.fileName;
    assert.equal(typeof fileName, 'string');
    assert.deepEqual(upload.values.statusNotifications, ['Uploading', 'Uploaded']);
    const received = upload.values.fileReceived as { name: string; size: number; via: string };
    assert.equal(received.name, fileName);
    assert.ok(received.size > 0, `size ${received.size}`);
    assert.match(upload.summary, new RegExp(`${received.name} \\(${received.size} bytes\\) received over (FTP|HTTP)`));
    const stored = await a.client.listUploads('CP-F1');
    assert.ok(
      stored.items.some((f) => f.name === fileName && f.size === received.size),
      JSON.stringify(stored.items),
    );
  });

  test('a station that cannot reach the file server fails the upload check, with the evidence saying so', { timeout: 30_000 }, async () => {
    await aBootedStation(h, 'CP-F2', { transfer: { timeoutMs: 5_000, unreachable: true } });
    const result = await run('CP-F2', ['connection', 'diagnostics-upload']);
    const upload = check(result, 'diagnostics-upload');
    assert.equal(upload.status, 'failed', upload.summary);
    assert.equal(result.status, 'failed');
    assert.match(upload.summary, /reported UploadFailed: it cannot reach or write to the central system's file server; no file arrived/);
    assert.deepEqual(upload.values.statusNotifications, ['Uploading', 'UploadFailed']);
    assert.equal(upload.values.fileReceived, null);
    assert.equal(upload.exchanges[0]!.action, 'GetDiagnostics');
    assert.deepEqual((await a.client.listUploads('CP-F2')).items, []);
  });
});

describe('commissioning paths on site', () => {
  test(
    'remote start accepted but no vehicle plugged in: needs the technician, the session checks are skipped, the run fails',
    {
      timeout: 30_000,
    },
    async () => {
      await aBootedStation(h, 'CP-F3', { vehiclePluggedIn: false, configuration: { ConnectionTimeOut: '1' } });
      const result = await run('CP-F3', ['connection', 'remote-start', 'meter-values', 'remote-stop']);
      const start = check(result, 'remote-start');
      assert.equal(start.status, 'needs-technician', start.summary);
      assert.match(start.summary, /no transaction started within 1\.5 s: plug in a vehicle on connector 1 and run again/);
      assert.deepEqual(start.exchanges[0]!.response, { status: 'Accepted' });
      for (const id of ['meter-values', 'remote-stop']) {
        const skipped = check(result, id);
        assert.equal(skipped.status, 'skipped', `${id}: ${skipped.summary}`);
        assert.match(skipped.summary, /remote start did not run or failed/);
        assert.deepEqual(skipped.exchanges, [], `${id} sent nothing`);
      }
      assert.equal(check(result, 'connection').status, 'passed');
      assert.equal(result.status, 'failed', 'a check that needs the technician fails the run');
      assert.equal((await h.csms.services.transactions.page({ chargePointId: 'CP-F3' })).entries.length, 0, 'no transaction started');

      const html = await (await a.fetch(`/api/charge-points/CP-F3/commissioning-runs/${result.id}/report.html`)).text();
      assert.match(html, /<strong>Failed<\/strong>/);
      assert.match(html, /class="check needs-technician"><h3><span class="status">Needs the technician<\/span> Remote start/);
      assert.match(html, /plug in a vehicle on connector 1 and run again/);
      assert.match(html, /class="check skipped"><h3><span class="status">Skipped<\/span> Meter values/);
      assert.match(html, /1 needs the technician/);
      // The desktop shell prints this same page to PDF (main/app/report-pdf-source.ts); unknown runs get a clear message.
      assert.deepEqual(await fetchReportHtml(a.api, { chargePointId: 'CP-F3', runId: result.id }), { html });
      const unknownRun = await fetchReportHtml(a.api, { chargePointId: 'CP-F3', runId: result.id + 1000 });
      assert.ok('failed' in unknownRun);
      assert.match(unknownRun.failed, new RegExp(`^No report to save: Commissioning run ${result.id + 1000} of CP-F3`));
      const unknownStation = await fetchReportHtml(a.api, { chargePointId: 'NOT-A-STATION', runId: result.id });
      assert.ok('failed' in unknownStation);
      assert.match(unknownStation.failed, /^No report to save: .*NOT-A-STATION/);
      const json = (await (await a.fetch(`/api/charge-points/CP-F3/commissioning-runs/${result.id}/report.json`)).json()) as CommissioningRunDto;
      assert.deepEqual(
        json.checks.map((c) => [c.id, c.status]),
        [
          ['connection', 'passed'],
          ['remote-start', 'needs-technician'],
          ['meter-values', 'skipped'],
          ['remote-stop', 'skipped'],
        ],
      );
      assert.equal(json.status, 'failed');
    },
  );

  test('a reservation is accepted and cancelled, and its connector is free again; one left reserved fails', { timeout: 30_000 }, async () => {
    const cp = await aBootedStation(h, 'CP-F4');
    const healthy = check(await run('CP-F4', ['reservation']), 'reservation');
    assert.equal(healthy.status, 'passed', healthy.summary);
    assert.deepEqual(
      healthy.exchanges.map((x) => [x.action, x.response?.status]),
      [
        ['ReserveNow', 'Accepted'],
        ['CancelReservation', 'Accepted'],
      ],
    );
    assert.equal(healthy.exchanges[1]!.request.reservationId, healthy.exchanges[0]!.request.reservationId, 'the reservation it made is cancelled');
    assert.deepEqual(healthy.values.statusesReported, ['Reserved', 'Available']);
    assert.equal(healthy.values.connectorStatusBefore, 'Available');
    assert.equal(healthy.values.connectorStatusAfter, 'Available');
    assert.match(healthy.summary, /showed Reserved.*connector 1 is Available again/);

    // A station that says Accepted to CancelReservation but keeps the connector reserved.
    cp.answer('CancelReservation', { status: 'Accepted' });
    const stuck = await run('CP-F4', ['reservation']);
    const reservation = check(stuck, 'reservation');
    assert.equal(reservation.status, 'failed', reservation.summary);
    assert.match(reservation.summary, /Reserved and cancelled, but connector 1 is Reserved 1\.5 s later, not Available as before/);
    assert.equal(reservation.values.connectorStatusAfter, 'Reserved');
    assert.equal(stuck.status, 'failed');
  });
});
