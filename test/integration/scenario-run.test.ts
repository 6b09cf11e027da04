/**
 * Scenario files run against a real central system over real sockets (docs/scenarios.md): a scenario whose
 * expectations hold passes with the frames as evidence; the same with one wrong expectation fails and names it; a
 * bad file is refused with the path of the bad field; the command line answers with exit codes 0, 1 and 2.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Scenario } from '../../shared/api/scenario.js';
import { parseScenario, problemLines } from '../../main/simulator/scenario/check.js';
import { runScenario, type ScenarioRunOptions } from '../../main/simulator/scenario/runner.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

let h: Harness;
let dir: string;

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  dir = mkdtempSync(join(tmpdir(), 'scenario-test-'));
  for (const id of ['SCN-1', 'SCN-2', 'SCN-CLI']) await h.csms.services.stations.upsert({ id, registrationStatus: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'GOOD-TAG', status: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'GOOD-TAG-2', status: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'BLOCKED-TAG', status: 'Blocked' });
});
after(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A session that the central system ends remotely, a refused charging profile, and an Authorize of a blocked tag. */
function depotScenario(identity: string, idTag: string): Scenario {
  return {
    name: 'remote stop and a blocked tag',
    timeoutSec: 60,
    stations: [{ identity, connectors: 2, boot: { chargePointVendor: 'Acme', chargePointModel: 'Wallbox' } }],
    steps: [
      { do: 'boot' },
      { do: 'answer', action: 'SetChargingProfile', response: { status: 'Rejected' } },
      { do: 'startSession', connectorId: 1, idTag, powerW: 7400, label: 'charging' },
      { do: 'waitForCall', action: 'RemoteStopTransaction', timeoutSec: 20 },
      { do: 'fault', connectorId: 2, errorCode: 'GroundFailure' },
      { do: 'call', action: 'Authorize', payload: { idTag: 'BLOCKED-TAG' } },
    ],
    expectations: [
      { expect: 'answer', action: 'BootNotification', fields: { status: 'Accepted' } },
      { expect: 'answer', action: 'StartTransaction', fields: { 'idTagInfo.status': 'Accepted' } },
      { expect: 'call', action: 'RemoteStopTransaction', withinSec: 30, after: 'charging' },
      { expect: 'answer', action: 'Authorize', fields: { 'idTagInfo.status': 'Blocked' }, occurrence: 'last' },
      { expect: 'noCall', action: 'Reset' },
    ],
  };
}

/**
 * What an operator would do while the scenario runs: stop the transaction remotely once the station is charging
 * (after the step labelled "charging": before it, the station may not know its transaction id yet).
 */
function remoteStopAfterCharging(identity: string): ScenarioRunOptions {
  return {
    url: h.endpoint,
    onStep: (step) => {
      if (step.label !== 'charging') return;
      const open = h.csms.services.transactions.openOnConnector(identity, 1)[0];
      assert.ok(open, `a transaction runs on ${identity}`);
      void h.csms.call(identity, 'RemoteStopTransaction', { transactionId: open.id });
    },
  };
}

function check(value: unknown): Scenario {
  const checked = parseScenario(JSON.stringify(value));
  assert.ok(checked.ok, checked.ok ? '' : problemLines(checked.problems).join('\n'));
  return checked.scenario;
}

describe('scenario runs', () => {
  test('a scenario whose expectations hold passes, with the deciding frames as evidence', async () => {
    const scenario = check(depotScenario('SCN-1', 'GOOD-TAG'));
    const result = await runScenario(scenario, remoteStopAfterCharging('SCN-1'));
    assert.equal(result.error, null);
    assert.deepEqual(result.notes, [], 'no follow-up failed');
    assert.deepEqual(
      result.steps.map((s) => s.ok),
      [true, true, true, true, true, true],
    );
    assert.deepEqual(
      result.expectations.map((e) => [e.index, e.passed]),
      [
        [0, true],
        [1, true],
        [2, true],
        [3, true],
        [4, true],
      ],
    );
    assert.equal(result.passed, true);
    const start = result.expectations[1]!;
    assert.equal(start.evidence.length, 2, 'the StartTransaction CALL and its answer');
    assert.match(start.evidence[0]!.frame, /"StartTransaction"/);
    assert.equal(start.evidence[0]!.direction, 'sent');
    assert.match(start.evidence[1]!.frame, /"Accepted"/);
    const remoteStop = result.expectations[2]!;
    assert.match(remoteStop.evidence[0]!.frame, /"RemoteStopTransaction"/);
    assert.equal(remoteStop.evidence[0]!.direction, 'received');
    // The remote stop's follow-up (StopTransaction) went out before the run ended.
    assert.deepEqual(h.csms.services.transactions.openOnConnector('SCN-1', 1), []);
    // What the central system stored is what the scenario did: the fault on connector 2.
    const connector2 = h.csms.services.stations.connectors('SCN-1').find((c) => c.connector_id === 2);
    assert.equal(connector2?.status, 'Faulted');
    assert.equal(connector2?.error_code, 'GroundFailure');
  });

  test('the same scenario with a wrong expectation fails and names it, showing what came instead', async () => {
    const value = depotScenario('SCN-2', 'GOOD-TAG-2');
    value.expectations![3] = { expect: 'answer', action: 'Authorize', fields: { 'idTagInfo.status': 'Accepted' }, occurrence: 'last' };
    const result = await runScenario(check(value), remoteStopAfterCharging('SCN-2'));
    assert.equal(result.passed, false);
    assert.equal(result.error, null, 'every step ran');
    const failed = result.expectations.filter((e) => !e.passed);
    assert.deepEqual(
      failed.map((e) => e.index),
      [3],
    );
    assert.match(failed[0]!.description, /Authorize with idTagInfo\.status = "Accepted"/);
    assert.match(failed[0]!.message, /idTagInfo\.status is "Blocked"/);
    assert.ok(failed[0]!.evidence.some((f) => f.direction === 'received' && f.frame.includes('"Blocked"')));
    // Expected next to actual, field by field, for a report to show.
    assert.deepEqual(failed[0]!.fields, [{ path: 'idTagInfo.status', expected: 'Accepted', actual: 'Blocked', ok: false }]);
  });

  test('offline with queued messages, disconnect and reconnect: the queued statuses arrive afterwards, dated when they happened', async () => {
    const result = await runScenario(
      check({
        name: 'offline',
        stations: [{ identity: 'SCN-1', connectors: 2 }],
        steps: [
          { do: 'boot', statusNotifications: false },
          {
            do: 'offline',
            durationSec: 0.4,
            queued: [
              { do: 'fault', connectorId: 1, errorCode: 'PowerSwitchFailure', atSec: 0.1 },
              { do: 'status', connectorId: 1, status: 'Available', atSec: 0.3 },
            ],
          },
          { do: 'disconnect' },
          { do: 'reconnect' },
          { do: 'call', action: 'Heartbeat', payload: {} },
        ],
        expectations: [
          { expect: 'answer', action: 'StatusNotification', fields: {}, occurrence: 'every' },
          { expect: 'answer', action: 'Heartbeat', fields: {} },
        ],
      }),
      { url: h.endpoint },
    );
    assert.equal(result.passed, true, JSON.stringify(result, null, 1));
    const statuses = result.expectations[0]!.evidence.filter((f) => f.direction === 'sent');
    assert.equal(statuses.length, 2);
    for (const f of statuses) {
      const [, , , payload] = JSON.parse(f.frame) as [number, string, string, { timestamp: string }];
      assert.ok(
        Date.parse(payload.timestamp) < Date.parse(f.at) - 50,
        `${f.frame} is dated within the offline period, before it was sent at ${f.at}`,
      );
    }
    const connector1 = h.csms.services.stations.connectors('SCN-1').find((c) => c.connector_id === 1);
    assert.equal(connector1?.status, 'Available');
  });

  test('a step that cannot be done fails the run and stops it', async () => {
    const result = await runScenario(
      check({ name: 'no boot', stations: [{ identity: 'SCN-1' }], steps: [{ do: 'stopSession', connectorId: 1 }, { do: 'boot' }] }),
      { url: h.endpoint },
    );
    assert.equal(result.passed, false);
    assert.equal(result.steps.length, 1);
    assert.match(result.error ?? '', /step 0 \(stopSession\) failed: .*not connected/);
  });
});

describe('bad scenario files', () => {
  test('every bad field is named by its path', () => {
    const checked = parseScenario(
      JSON.stringify({
        name: 'bad',
        stations: [{ identity: 'SCN 1', connectors: 2 }],
        steps: [
          { do: 'status', connectorId: 1, status: 'Charged' },
          { do: 'startSession', connectorId: 3, idTag: 'X' },
          { do: 'teleport' },
          { do: 'call', action: 'Authorize', payload: {} },
          { do: 'answer', action: 'Reset', response: { status: 'Maybe' } },
        ],
        expectations: [{ expect: 'answer', action: 'Authorize' }],
      }),
    );
    assert.equal(checked.ok, false);
    const lines = checked.ok ? [] : problemLines(checked.problems);
    assert.deepEqual(lines, [
      'stations[0].identity: must be 1 to 48 characters: letters, digits, . _ -',
      'steps[0].status: must be one of Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted',
      'steps[2].do: must be one of connect, boot, status, fault, startSession, stopSession, meterValues, call, disconnect, reconnect, offline, answer, wait, waitForCall',
      'expectations[0].fields: is required',
    ]);
  });

  test('once the schema holds, the rules between fields and the OCPP payloads are checked', () => {
    const checked = parseScenario(
      JSON.stringify({
        name: 'bad',
        stations: [{ identity: 'SCN-1', connectors: 2 }],
        steps: [
          { do: 'startSession', connectorId: 3, idTag: 'X' },
          { do: 'call', action: 'Authorize', payload: {} },
          { do: 'answer', action: 'Reset', response: { status: 'Maybe' } },
          { do: 'boot', station: 'SCN-9' },
        ],
      }),
    );
    assert.deepEqual(checked.ok ? [] : problemLines(checked.problems), [
      'steps[0].connectorId: must be at most 2: the station has 2 connector(s)',
      'steps[1].payload.idTag: is required (OCPP 1.6 Authorize.req)',
      'steps[2].response.status: must be one of: Accepted, Rejected (OCPP 1.6 Reset.conf)',
      'steps[3].station: names no station of this scenario (SCN-1)',
    ]);
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/simulator/scenario/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run simulate', () => {
  const quick = (expectStatus: string): Scenario => ({
    name: 'boot only',
    stations: [{ identity: 'SCN-CLI' }],
    steps: [{ do: 'boot', statusNotifications: false }],
    expectations: [{ expect: 'answer', action: 'BootNotification', fields: { status: expectStatus } }],
  });

  test('exit 0 and a summary when the scenario passes', async () => {
    const file = join(dir, 'pass.json');
    writeFileSync(file, JSON.stringify(quick('Accepted')));
    const { code, stdout } = await runCli([file, '--url', h.endpoint]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Scenario "boot only": PASSED/);
  });

  test('exit 1 naming the failed expectation', async () => {
    const file = join(dir, 'fail.json');
    writeFileSync(file, JSON.stringify(quick('Pending')));
    const { code, stdout } = await runCli([file, '--url', h.endpoint]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /FAILED/);
    assert.match(
      stdout,
      /FAIL 0 the central system answered BootNotification with status = "Pending": none of 1 answer\(s\) matches: status is "Accepted"/,
    );
  });

  test('exit 2 with the path of the bad field for a bad file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...quick('Accepted'), steps: [{ do: 'boot', statusNotifications: 'yes' }] }));
    const { code, stderr } = await runCli([file, '--url', h.endpoint]);
    assert.equal(code, 2);
    assert.match(stderr, /steps\[0\]\.statusNotifications: must be true or false/);
  });
});
