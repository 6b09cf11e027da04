/**
 * The operator API over real HTTP: authentication and origin checks, the generic call route against the simulated
 * charge point, charge point and id-tag editing with validation, CSV round trip, settings.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { ApiRequestError, type CallResponse, type ChargePointDto, type ListResponse } from '../../shared/api/index.js';
import { NO_ANSWER, OcppCallError } from '../../main/simulator/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { openEventStream, startApi, type ApiHarness } from '../support/api-harness.js';
import { readApiError, readFieldProblems, readJson, readSchemaIssues } from '../support/responses.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  a = await startApi(h);
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await h.close();
});

/** One request per route family; none may answer anything but 401 without the token. */
const ROUTES: [string, string, string?][] = [
  ['GET', '/api/status'],
  ['GET', '/api/charge-points'],
  ['GET', '/api/charge-points/X'],
  ['PUT', '/api/charge-points/NEW-CP', '{"description":"x"}'],
  ['DELETE', '/api/charge-points/X'],
  ['GET', '/api/charge-points/X/connection-events'],
  ['POST', '/api/charge-points/X/calls/Reset', '{"type":"Soft"}'],
  ['GET', '/api/handshakes/refused'],
  ['GET', '/api/id-tags'],
  ['PUT', '/api/id-tags/NEWTAG', '{"status":"Accepted"}'],
  ['DELETE', '/api/id-tags/NEWTAG'],
  ['GET', '/api/id-tags.csv'],
  ['POST', '/api/id-tags.csv', 'idTag,status\nCSVTAG,Accepted\n'],
  ['GET', '/api/transactions'],
  ['GET', '/api/transactions/1'],
  ['GET', '/api/transactions.csv'],
  ['POST', '/api/transactions/1/close', '{}'],
  ['GET', '/api/message-log'],
  ['GET', '/api/message-log.ndjson'],
  ['GET', '/api/settings'],
  ['PATCH', '/api/settings', '{"heartbeatIntervalSec":5}'],
  ['POST', '/api/settings/api-token/rotate'],
  ['GET', '/api/reservations'],
  ['GET', '/api/local-lists'],
  ['GET', '/api/settings/startup'],
  ['GET', '/api/backups'],
  ['POST', '/api/backups'],
  ['GET', '/api/backups/x.sqlite'],
  ['POST', '/api/backups/x.sqlite/restore'],
  ['DELETE', '/api/backups/pending-restore'],
  ['GET', '/api/security/tls'],
  ['GET', '/api/security/ca.pem'],
  ['GET', '/api/simulators'],
  ['POST', '/api/simulators', '{"count":1}'],
  ['POST', '/api/simulators/X/actions/start', '{}'],
  ['DELETE', '/api/simulators/X'],
  ['GET', '/api/id-tags/X/transactions'],
  ['GET', '/api/transactions/1/unassigned-meter-values'],
  ['GET', '/api/firmware'],
  ['GET', '/api/charging-profiles'],
  ['GET', '/api/no-such-route'],
  ['GET', '/api/events'],
];

describe('authentication and origin', () => {
  test('without the token (or with a wrong one) every route family answers 401 JSON and nothing changes', async () => {
    const before = { settings: h.csms.settings(), cps: h.csms.repos.chargePoints.list().length, tags: h.csms.repos.idTags.list().length };
    const wrongCredentials: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${a.token}x` },
      { authorization: `Basic ${a.token}` },
      { authorization: 'Bearer ' },
    ];
    for (const headers of wrongCredentials) {
      for (const [method, path, body] of ROUTES) {
        const res = await fetch(`${a.base}${path}`, { method, headers, body });
        assert.equal(res.status, 401, `${method} ${path} with ${JSON.stringify(headers)}`);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
        assert.equal((await readApiError(res)).code, 'API_ERR_UNAUTHORIZED');
      }
    }
    // ?token= is for the event stream only.
    const viaQuery = await fetch(`${a.base}/api/settings?token=${a.token}`);
    assert.equal(viaQuery.status, 401);
    await assert.rejects(openEventStream(`${a.base}/api/events?token=wrong`), (err: { status?: number }) => err.status === 401);
    assert.deepEqual(h.csms.settings(), before.settings);
    assert.equal(h.csms.repos.chargePoints.list().length, before.cps);
    assert.equal(h.csms.repos.idTags.list().length, before.tags);
    assert.equal(h.csms.repos.settings.readAll().apiToken, undefined, 'the token was not rotated');
  });

  test('a request from another origin is refused with 403, even with the token; no CORS headers', async () => {
    const res = await a.fetch('/api/status', { headers: { origin: 'http://evil.example' } });
    assert.equal(res.status, 403);
    assert.equal((await readApiError(res)).code, 'API_ERR_FORBIDDEN_ORIGIN');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const patch = await a.fetch('/api/settings', {
      method: 'PATCH',
      headers: { origin: 'http://localhost:1234', 'content-type': 'application/json' },
      body: '{"heartbeatIntervalSec":7}',
    });
    assert.equal(patch.status, 403);
    assert.notEqual(h.csms.settings().heartbeatIntervalSec, 7);
    const sameOrigin = await a.fetch('/api/status', { headers: { origin: a.base } });
    assert.equal(sameOrigin.status, 200);
    assert.equal(sameOrigin.headers.get('access-control-allow-origin'), null);
  });

  test('with the token: status, 404 for unknown routes, 405 for wrong methods, 400 for bad JSON, 413 beyond 1 MiB', async () => {
    const status = await a.client.status();
    assert.equal(status.name, 'ocpp-operator-console');
    assert.ok(status.ocppUrls[0]!.endsWith(`:${h.csms.ocppAddress.port}/ocpp/<chargePointId>`));
    assert.equal(typeof status.uptimeSec, 'number');
    assert.equal((await a.fetch('/api/nothing')).status, 404);
    const wrongMethod = await a.fetch('/api/status', { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.equal((await readApiError(wrongMethod)).code, 'API_ERR_METHOD_NOT_ALLOWED');
    const badJson = await a.fetch('/api/settings', { method: 'PATCH', body: '{"heartbeat', headers: { 'content-type': 'application/json' } });
    assert.equal(badJson.status, 400);
    assert.equal((await readApiError(badJson)).code, 'API_ERR_BAD_JSON');
    const big = await a.fetch('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ x: 'a'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(big.status, 413);
    assert.equal((await readApiError(big)).code, 'API_ERR_PAYLOAD_TOO_LARGE');
  });

  test('the token can be rotated: the old one stops working at once, the new one is stored', async () => {
    const { api } = a;
    const rotated = await a.client.rotateApiToken();
    assert.notEqual(rotated.token, a.token);
    assert.match(rotated.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(api.token, rotated.token);
    assert.equal(h.csms.repos.settings.readAll().apiToken, rotated.token);
    assert.equal((await a.fetch('/api/status')).status, 401);
    const ok = await fetch(`${a.base}/api/status`, { headers: { authorization: `Bearer ${rotated.token}` } });
    assert.equal(ok.status, 200);
    // Back to the test token for the other tests: a new server over the same central system.
    await a.api.close();
    a = await startApi(h);
  });
});

describe('POST /api/charge-points/{id}/calls/{Action}', () => {
  test('CALLRESULT → 200 { result, violations }', async () => {
    await aBootedStation(h, 'API-CALL-1');
    const res = await a.fetch('/api/charge-points/API-CALL-1/calls/ClearCache', { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    assert.deepEqual(await readJson<CallResponse>(res), { result: { status: 'Accepted' }, violations: [] });
    assert.deepEqual(await a.client.call('API-CALL-1', 'GetLocalListVersion', {}), { result: { listVersion: 0 }, violations: [] });
  });

  test('CALLERROR → 200 { error: { code, description, details } }', async () => {
    const cp = await aBootedStation(h, 'API-CALL-2');
    cp.answerOnce('Reset', () => {
      throw new OcppCallError('NotSupported', 'no reset here', { why: 'test' });
    });
    const res = await a.fetch('/api/charge-points/API-CALL-2/calls/Reset', { method: 'POST', body: '{"type":"Soft"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(await readJson<CallResponse>(res), { error: { code: 'NotSupported', description: 'no reset here', details: { why: 'test' } } });
  });

  test('not connected → 409, schema-invalid → 422 with issues, unknown or station-initiated action → 404', async () => {
    await aBootedStation(h, 'API-CALL-3');
    const notConnected = await a.fetch('/api/charge-points/NOBODY/calls/ClearCache', { method: 'POST', body: '{}' });
    assert.equal(notConnected.status, 409);
    assert.equal((await readApiError(notConnected)).code, 'API_ERR_NOT_CONNECTED');
    const invalid = await a.fetch('/api/charge-points/API-CALL-3/calls/Reset', { method: 'POST', body: '{"type":"Sideways"}' });
    const issues = await readSchemaIssues(invalid);
    assert.ok(issues.length > 0);
    assert.equal(issues[0]?.path, '/type');
    for (const action of ['NoSuchAction', 'BootNotification', 'toString']) {
      const unknown = await a.fetch(`/api/charge-points/API-CALL-3/calls/${action}`, { method: 'POST', body: '{}' });
      assert.equal(unknown.status, 404, action);
      assert.equal((await readApiError(unknown)).code, 'API_ERR_UNKNOWN_ACTION');
    }
    const notObject = await a.fetch('/api/charge-points/API-CALL-3/calls/Reset', { method: 'POST', body: '[1]' });
    assert.equal(notObject.status, 422);
  });

  test('no answer → 504; the station disconnecting mid-call → 502', async () => {
    const cp = await aBootedStation(h, 'API-CALL-4');
    cp.answerOnce('ClearCache', NO_ANSWER);
    const timeout = await a.fetch('/api/charge-points/API-CALL-4/calls/ClearCache?timeoutMs=300', { method: 'POST', body: '{}' });
    assert.equal(timeout.status, 504);
    assert.equal((await readApiError(timeout)).code, 'API_ERR_CALL_TIMEOUT');
    cp.answerOnce('ClearCache', () => {
      setTimeout(() => void cp.close(), 50);
      return NO_ANSWER;
    });
    const dropped = await a.fetch('/api/charge-points/API-CALL-4/calls/ClearCache', { method: 'POST', body: '{}' });
    assert.equal(dropped.status, 502);
    assert.equal((await readApiError(dropped)).code, 'API_ERR_DISCONNECTED');
  });
});

describe('charge points and id tags', () => {
  test('PUT /api/charge-points/{id} creates and edits; invalid fields → 422 by field; GET shows connection and boot info', async () => {
    const bad = await a.fetch('/api/charge-points/CP-EDIT', {
      method: 'PUT',
      body: JSON.stringify({ registrationStatus: 'Maybe', securityProfile: 9, password: '', validationMode: 'loose', colour: 'red', description: 5 }),
    });
    assert.equal(bad.status, 422);
    const problems = await readFieldProblems(bad);
    assert.deepEqual(Object.keys(problems).sort(), ['colour', 'description', 'password', 'registrationStatus', 'securityProfile', 'validationMode']);
    assert.equal(h.csms.repos.chargePoints.get('CP-EDIT'), undefined, 'nothing created');

    const created = await a.fetch('/api/charge-points/CP-EDIT', {
      method: 'PUT',
      body: JSON.stringify({ description: 'Bay 1', registrationStatus: 'Accepted', password: 'secret-password-1', validationMode: 'lenient' }),
    });
    assert.equal(created.status, 201);
    const cp = await readJson<ChargePointDto>(created);
    assert.equal(cp.description, 'Bay 1');
    assert.equal(cp.hasPassword, true);
    assert.equal(cp.securityProfile, 1);
    assert.equal(cp.validationMode, 'lenient');
    assert.equal(cp.connected, false);
    assert.equal(JSON.stringify(cp).includes('secret-password-1'), false);
    assert.equal(JSON.stringify(cp).includes('auth_secrets'), false);

    const cleared = await a.client.putChargePoint('CP-EDIT', { password: null, securityProfile: 0, validationMode: null });
    assert.equal(cleared.hasPassword, false);
    assert.equal(cleared.validationMode, null);

    await aBootedStation(h, 'CP-LIVE', { vendor: 'ACME', model: 'Wallbox' });
    const live = await a.client.getChargePoint('CP-LIVE');
    assert.equal(live.connected, true);
    assert.equal(live.boot.vendor, 'ACME');
    assert.ok(live.lastSeenAt);
    assert.deepEqual(
      live.connectors.map((c) => c.connectorId),
      [0, 1, 2],
    );
    const list = await a.client.listChargePoints();
    assert.ok(list.items.some((c) => c.id === 'CP-LIVE' && c.connected));
    const events = await a.client.connectionEvents('CP-LIVE');
    assert.equal(events.items[0]!.event, 'connected');
    await assert.rejects(a.client.deleteChargePoint('CP-LIVE'), (err) => err instanceof ApiRequestError && err.status === 409);
    await a.client.deleteChargePoint('CP-EDIT');
    await assert.rejects(
      a.client.getChargePoint('CP-EDIT'),
      (err) => err instanceof ApiRequestError && err.status === 404 && err.code === 'API_ERR_NOT_FOUND',
    );
    assert.ok(Array.isArray((await a.client.refusedHandshakes()).items));
  });

  test('PUT /api/id-tags/{idTag} validates (422 by field); DELETE removes', async () => {
    const bad = await a.fetch('/api/id-tags/THIS-TAG-IS-FAR-TOO-LONG-FOR-OCPP', {
      method: 'PUT',
      body: JSON.stringify({ status: 'Fine', expiryDate: 'tomorrow', parentIdTag: 7 }),
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(await readFieldProblems(bad)).sort(), ['expiryDate', 'idTag', 'parentIdTag', 'status']);
    const missing = await a.fetch('/api/id-tags/TAG-1', { method: 'PUT', body: '{}' });
    assert.equal((await readFieldProblems(missing)).status, 'is required');
    const tag = await a.client.putIdTag('TAG-1', { status: 'Accepted', expiryDate: '2030-01-01T00:00:00Z', description: 'Fleet car' });
    assert.equal(tag.expiryDate, '2030-01-01T00:00:00.000Z');
    assert.equal(h.csms.repos.idTags.get('tag-1')?.description, 'Fleet car');
    await a.client.deleteIdTag('TAG-1');
    await assert.rejects(a.client.deleteIdTag('TAG-1'), (err) => err instanceof ApiRequestError && err.status === 404);
  });

  test('id tags CSV: import reports bad lines, export round-trips quoting', async () => {
    const csv = [
      'idTag,status,expiryDate,parentIdTag,description',
      'CSV-PARENT,Accepted,,,"Group, with comma"',
      'CSV-CHILD,Accepted,2031-05-01T12:00:00Z,CSV-PARENT,"Says ""hi""',
      'and a new line"',
      'CSV-BAD,Sometimes,,,',
      'CSV-DATE,Blocked,not-a-date,,',
      'CSV-SHORT,Accepted',
      'CSV-PARENT,Blocked,,,duplicate',
      '',
    ].join('\r\n');
    const result = await a.client.importIdTagsCsv(csv);
    assert.equal(result.created, 2);
    assert.deepEqual(
      result.errors.map((e) => [e.line, e.idTag]),
      [
        [5, 'CSV-BAD'],
        [6, 'CSV-DATE'],
        [7, 'CSV-SHORT'],
        [8, 'CSV-PARENT'],
      ],
    );
    assert.match(result.errors[0]!.message, /status/);
    const exported = await a.client.exportIdTagsCsv();
    assert.ok(exported.startsWith('idTag,status,expiryDate,parentIdTag,description,allowConcurrentTx\r\n'));
    assert.ok(exported.includes('CSV-CHILD,Accepted,2031-05-01T12:00:00.000Z,CSV-PARENT,"Says ""hi""\r\nand a new line",\r\n'));
    // Export → delete → import gives the same tags back.
    for (const t of h.csms.repos.idTags.list()) h.csms.repos.idTags.delete(t.id_tag);
    const again = await a.client.importIdTagsCsv(exported);
    assert.deepEqual(again.errors, []);
    assert.equal(await a.client.exportIdTagsCsv(), exported);
    const header = await a.fetch('/api/id-tags.csv', { method: 'POST', body: 'tag,state\nX,Accepted\n' });
    assert.equal(header.status, 422);
    const listed = await a.client.listIdTags({ limit: 1 });
    assert.equal(listed.items.length, 1);
    assert.equal(listed.total, 2);
  });

  test('PATCH /api/settings changes runtime settings; bad values and unknown keys → 422 by field, nothing changed', async () => {
    const bad = await a.fetch('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ heartbeatIntervalSec: 0, registrationPolicy: 'maybe', apiToken: 'x' }),
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(await readFieldProblems(bad)).sort(), ['apiToken', 'heartbeatIntervalSec', 'registrationPolicy']);
    const before = await a.client.getSettings();
    const after = await a.client.patchSettings({ heartbeatIntervalSec: 120, registrationPolicy: 'accept' });
    assert.deepEqual(after, { ...before, heartbeatIntervalSec: 120, registrationPolicy: 'accept' });
    assert.equal(h.csms.settings().heartbeatIntervalSec, 120);
    await a.client.patchSettings({ registrationPolicy: before.registrationPolicy });
  });

  test('operations state: reservations, local lists, profiles, configuration, file jobs, certificates (GET)', async () => {
    await aBootedStation(h, 'OPS-1');
    await a.client.call('OPS-1', 'GetConfiguration', {});
    const config = await a.client.request<{ entries: { key: string }[] }>('GET', '/api/charge-points/OPS-1/configuration');
    assert.ok(config.entries.length > 0);
    assert.equal((await a.fetch('/api/charge-points/NOBODY/configuration')).status, 404);
    // The console asks with ifNone=null: "never asked" is an answer, not a failed request the browser would log.
    const none = await a.fetch('/api/charge-points/NOBODY/configuration?ifNone=null');
    assert.equal(none.status, 200);
    assert.equal(await none.text(), 'null');
    assert.equal(await a.client.getConfiguration('NOBODY'), null);
    assert.ok((await a.client.getConfiguration('OPS-1'))!.entries.length > 0);
    for (const path of [
      '/api/reservations',
      '/api/reservations?status=Active,Used',
      '/api/local-lists',
      '/api/charge-points/OPS-1/charging-profiles',
      '/api/charge-points/OPS-1/composite-schedules',
      '/api/charge-points/OPS-1/file-jobs',
      '/api/charge-points/OPS-1/certificates',
      '/api/charge-points/OPS-1/file-status?kind=diagnostics',
    ]) {
      const res = await a.fetch(path);
      assert.equal(res.status, 200, path);
      assert.ok(Array.isArray((await readJson<ListResponse<unknown>>(res)).items), path);
    }
    assert.equal((await a.fetch('/api/reservations?status=Soon')).status, 400);
    assert.equal((await a.fetch('/api/reservations/424242')).status, 404);
    assert.equal((await a.fetch('/api/file-jobs/424242')).status, 404);
  });
});
