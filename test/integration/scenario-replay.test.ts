/**
 * Replay of a station's message-log export and the operator API of scenario runs and replays (docs/scenarios.md,
 * docs/api.md "Scenarios and replays"), over real sockets: a station's traffic is recorded by the central system,
 * exported through the real NDJSON route, and replayed as a simulated station. Unchanged, the central system answers
 * as recorded; with the id tag blocked in between, the replay flags the Authorize answer that changed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiRequestError, createApiClient, type ApiClient } from '../../shared/api/index.js';
import type { ReplayRunDto, Scenario, ScenarioRunDto } from '../../shared/api/scenario.js';
import { startApiServer, type ApiServer } from '../../main/api/index.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { SimulationRuns } from '../../main/services/simulation-runs.js';
import { SimulatedChargePoint } from '../../main/simulator/index.js';
import { parseScenario } from '../../main/simulator/scenario/check.js';
import { parseExport } from '../../main/simulator/scenario/replay/export-file.js';
import { replay } from '../../main/simulator/scenario/replay/replayer.js';
import { runScenario } from '../../main/simulator/scenario/runner.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

const token = 'test-token-scenarios-0123456789abcdefghijkl';
let h: Harness;
let api: ApiServer;
let client: ApiClient;
let runs: SimulationRuns;
let exportText: string;

/** What a station did: boot, a short session, an Authorize, a Heartbeat. */
const recorded: Scenario = {
  name: 'recording',
  stations: [{ identity: 'REC-1', connectors: 1 }],
  steps: [
    { do: 'boot' },
    { do: 'startSession', connectorId: 1, idTag: 'TAG-R', powerW: 11000, durationSec: 0.3 },
    { do: 'call', action: 'Authorize', payload: { idTag: 'TAG-R' } },
    { do: 'call', action: 'Heartbeat', payload: {} },
  ],
};

async function exportOf(chargePointId: string): Promise<string> {
  const res = await fetch(`${api.url}/api/message-log.ndjson?chargePointId=${chargePointId}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return res.text();
}

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  runs = new SimulationRuns(h.csms);
  api = await startApiServer({
    csms: h.csms,
    operations: createOperatorOperations(h.csms),
    host: '127.0.0.1',
    port: 0,
    token,
    simulationRuns: runs,
    consoleDir: null,
  });
  client = createApiClient({ baseUrl: api.url, token });
  await h.csms.services.stations.upsert({ id: 'REC-1', registrationStatus: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Accepted' });
  await h.csms.services.idTags.upsert({ idTag: 'TAG-OK', status: 'Accepted' });
  const checked = parseScenario(JSON.stringify(recorded));
  assert.ok(checked.ok);
  const result = await runScenario(checked.scenario, { url: h.endpoint });
  assert.equal(result.error, null);
  exportText = await exportOf('REC-1');
});
after(async () => {
  await runs.stopAll();
  await api.close();
  await h.close();
});

async function until<T extends { status: string }>(read: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value.status !== 'running') return value;
    if (Date.now() > deadline) assert.fail(`still running: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('replay', () => {
  test('an unchanged central system answers as recorded; the frames sent are the recorded ones, transaction ids mapped', async () => {
    const read = parseExport(exportText);
    assert.ok(read.ok, read.ok ? '' : read.problems.join('; '));
    const recording = read.recording;
    assert.deepEqual(
      recording.stationCalls.map((c) => c.action),
      [
        'BootNotification',
        'StatusNotification',
        'StatusNotification',
        'StatusNotification',
        'Authorize',
        'StartTransaction',
        'StatusNotification',
        'StopTransaction',
        'StatusNotification',
        'StatusNotification',
        'Authorize',
        'Heartbeat',
      ],
    );
    const result = await replay(recording, { url: h.endpoint, speed: 20 });
    assert.equal(result.error, null);
    assert.deepEqual(result.differences, []);
    assert.equal(result.identical, true);
    assert.equal(result.exchanges.length, recording.stationCalls.length);
    const mapped = Object.entries(result.transactionIds);
    assert.equal(mapped.length, 1);
    const [originalId, newId] = mapped[0]!;
    assert.notEqual(Number(originalId), newId, 'the replayed session is a new transaction');
    for (const [i, x] of result.exchanges.entries()) {
      const sent = JSON.parse(x.sent) as [number, string, string, Record<string, unknown>];
      const original = recording.stationCalls[i]!;
      assert.equal(sent[2], original.action);
      const expected = original.action === 'StopTransaction' ? { ...original.payload, transactionId: newId } : original.payload;
      assert.deepEqual(sent[3], expected, `CALL ${i} ${original.action} is sent as recorded`);
      assert.ok(x.originalAnswer && x.replayedAnswer, `both answers of CALL ${i} are shown`);
    }
    const stored = h.csms.services.transactions.get(newId);
    assert.equal(stored?.row.id_tag, 'TAG-R');
    assert.equal(stored?.row.ended_by, 'station', 'and the replayed StopTransaction ended it');
  });

  test('an id tag blocked between recording and replay: every answer that changed is flagged', async () => {
    await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Blocked' });
    try {
      const read = parseExport(exportText);
      assert.ok(read.ok);
      const result = await replay(read.recording, { url: h.endpoint, speed: 'max' });
      assert.equal(result.identical, false);
      const authorize = result.differences.filter((d) => d.action === 'Authorize');
      assert.deepEqual(
        authorize.map((d) => [d.path, d.original, d.replayed]),
        [
          ['idTagInfo.status', 'Accepted', 'Blocked'],
          ['idTagInfo.status', 'Accepted', 'Blocked'],
        ],
      );
      assert.ok(result.differences.some((d) => d.action === 'StartTransaction' && d.path === 'idTagInfo.status' && d.replayed === 'Blocked'));
      const first = result.exchanges.find((x) => x.action === 'Authorize')!;
      assert.match(first.originalAnswer!, /"Accepted"/);
      assert.match(first.replayedAnswer!, /"Blocked"/);
      // Only what changed: nothing about BootNotification, StatusNotification or Heartbeat.
      assert.ok(!result.differences.some((d) => ['BootNotification', 'StatusNotification', 'Heartbeat'].includes(d.action)));
    } finally {
      await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Accepted' });
    }
  });
});

describe("replay of the central system's CALLs", () => {
  test('the station answers them as recorded; one the central system no longer sends is flagged', async () => {
    await h.csms.services.stations.upsert({ id: 'REC-2', registrationStatus: 'Accepted' });
    const keys = { configurationKey: [{ key: 'Colour', readonly: true, value: 'green' }] };
    const checked = parseScenario(
      JSON.stringify({
        name: 'recording with a central-system CALL',
        stations: [{ identity: 'REC-2' }],
        steps: [
          { do: 'answer', action: 'GetConfiguration', response: keys },
          { do: 'boot', statusNotifications: false, label: 'booted' },
          { do: 'waitForCall', action: 'GetConfiguration', timeoutSec: 10 },
          { do: 'wait', seconds: 0.5 },
          { do: 'call', action: 'Heartbeat', payload: {} },
        ],
      }),
    );
    assert.ok(checked.ok);
    const recordedRun = await runScenario(checked.scenario, {
      url: h.endpoint,
      onStep: (step) => {
        if (step.label === 'booted') void h.csms.call('REC-2', 'GetConfiguration', {});
      },
    });
    assert.equal(recordedRun.passed, true, JSON.stringify(recordedRun));
    const read = parseExport(await exportOf('REC-2'));
    assert.ok(read.ok);
    assert.deepEqual(
      read.recording.csmsCalls.map((c) => [c.action, c.answer?.kind === 'result' ? c.answer.payload : null]),
      [['GetConfiguration', keys]],
    );

    // Nobody asks this time: the missing CALL is a difference.
    const quiet = await replay(read.recording, { url: h.endpoint, speed: 'max' });
    assert.deepEqual(
      quiet.differences.map((d) => [d.exchange, d.action, d.original, d.replayed]),
      [[null, 'GetConfiguration', 1, 0]],
    );

    // Asked again: the replayed station gives the recorded answer, not its own configuration.
    const replaying = replay(read.recording, { url: h.endpoint, speed: 1 });
    const deadline = Date.now() + 5_000;
    while (!h.csms.services.connections.has('REC-2') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const answer = await h.csms.call('REC-2', 'GetConfiguration', {});
    assert.deepEqual(answer.payload, keys);
    const asked = await replaying;
    assert.deepEqual(asked.differences, []);
    assert.deepEqual(asked.csmsCalls, { original: ['GetConfiguration'], replayed: ['GetConfiguration'] });
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/simulator/scenario/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('npm run simulate -- --replay', () => {
  test('exit 0 when the answers are as recorded, 1 naming the difference when not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-test-'));
    try {
      const file = join(dir, 'rec-1.ndjson');
      writeFileSync(file, exportText);
      const same = await runCli(['--replay', file, '--as-fast-as-possible', '--url', h.endpoint]);
      assert.equal(same.code, 0, same.stdout);
      assert.match(same.stdout, /Replay of REC-1 \(12 CALLs, as fast as possible\): IDENTICAL/);
      await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Blocked' });
      const different = await runCli(['--replay', file, '--speed', '50', '--url', h.endpoint]);
      assert.equal(different.code, 1, different.stdout);
      assert.match(different.stdout, /CALL 4 Authorize idTagInfo\.status: differs\n\s+recorded: "Accepted"\n\s+replayed: "Blocked"/);
    } finally {
      await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Accepted' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('operator API', () => {
  test('POST /api/simulators/scenarios answers a run id at once; GET shows it running, then its result', async () => {
    const started = await client.startScenarioRun({
      name: 'api run',
      stations: [{ identity: 'API-SCN-1' }],
      steps: [{ do: 'boot' }, { do: 'wait', seconds: 0.3 }, { do: 'call', action: 'Authorize', payload: { idTag: 'TAG-OK' } }],
      expectations: [{ expect: 'answer', action: 'Authorize', fields: { 'idTagInfo.status': 'Accepted' } }],
    });
    assert.equal(started.status, 'running');
    assert.equal(started.stepsTotal, 3);
    const ended: ScenarioRunDto = await until(() => client.getScenarioRun(started.runId));
    assert.equal(ended.status, 'passed', JSON.stringify(ended.result));
    assert.equal(ended.stepsDone, 3);
    assert.equal(ended.result?.expectations[0]?.passed, true);
    assert.deepEqual(ended.result?.expectations[0]?.fields, [{ path: 'idTagInfo.status', expected: 'Accepted', actual: 'Accepted', ok: true }]);
    assert.deepEqual(
      ended.steps.map((s) => [s.do, s.ok]),
      [
        ['boot', true],
        ['wait', true],
        ['call', true],
      ],
    );
    // The list names it, without its steps and result, with the expectation counts.
    const listed = (await client.listScenarioRuns()).items.find((r) => r.runId === started.runId);
    assert.deepEqual(
      { status: listed?.status, passed: listed?.expectationsPassed, total: listed?.expectationsTotal, steps: listed && 'steps' in listed },
      { status: 'passed', passed: 1, total: 1, steps: false },
    );
    // The run registered its station Accepted, as the console's simulated stations are.
    assert.equal(h.csms.services.stations.get('API-SCN-1')?.registration_status, 'Accepted');
  });

  test('a bad scenario is refused with 422 naming each path; an unknown run is 404', async () => {
    try {
      await client.startScenarioRun({
        name: 'bad',
        stations: [{ identity: 'API-SCN-2' }],
        steps: [{ do: 'status', connectorId: 1, status: 'Sleeping' }],
      } as unknown as Scenario);
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof ApiRequestError);
      assert.equal(err.status, 422);
      const fields = (err.details as { fields: Record<string, string> }).fields;
      assert.match(fields['steps[0].status'] ?? '', /^must be one of Available/);
    }
    await assert.rejects(client.getScenarioRun('no-such-run'), (err: unknown) => err instanceof ApiRequestError && err.status === 404);
  });

  test('POST /api/simulators/replays replays an export and reports the differences; a connected identity is refused', async () => {
    await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Blocked' });
    try {
      const started = await client.startReplay({ ndjson: exportText, asFastAsPossible: true, identity: 'REC-1-REPLAY' });
      assert.equal(started.station, 'REC-1-REPLAY');
      const ended: ReplayRunDto = await until(() => client.getReplay(started.runId));
      assert.equal(ended.status, 'failed', 'the answers differ');
      assert.equal(ended.result?.error, null);
      assert.ok(ended.result?.differences.some((d) => d.action === 'Authorize' && d.path === 'idTagInfo.status' && d.replayed === 'Blocked'));
      const listed = (await client.listReplays()).items.find((r) => r.runId === started.runId);
      assert.equal(listed?.differences, ended.result?.differences.length);
      assert.ok((listed?.differences ?? 0) > 0);
    } finally {
      await h.csms.services.idTags.upsert({ idTag: 'TAG-R', status: 'Accepted' });
    }
    const lines = exportText
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    const { runId } = await client.startReplay({ lines, asFastAsPossible: true });
    const again = await until(() => client.getReplay(runId));
    assert.equal(again.status, 'passed', JSON.stringify(again.result?.differences));

    // A station that is connected keeps its connection: a run does not take its identity.
    const cp = new SimulatedChargePoint({ url: h.endpoint, identity: 'REC-1' });
    await cp.connect();
    try {
      await assert.rejects(
        client.startReplay({ lines, asFastAsPossible: true }),
        (err: unknown) => err instanceof ApiRequestError && err.status === 409,
      );
    } finally {
      await cp.close();
    }

    await assert.rejects(client.startReplay({ ndjson: 'not json', speed: 2 }), (err: unknown) => {
      assert.ok(err instanceof ApiRequestError);
      assert.equal(err.status, 422);
      assert.match((err.details as { fields: Record<string, string> }).fields.ndjson ?? '', /line 1: is not JSON/);
      return true;
    });
  });
});
