/**
 * The audit trail of operator actions over real HTTP: every change made with the token is recorded with the client
 * that made it (console window, console in a browser, script), when, what was sent and what came back; secrets are
 * redacted; reads are not recorded; the trail is listed, filtered and exported.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { createApiClient } from '../../shared/api/client.js';
import { AUDIT_CONSOLE_BROWSER, AUDIT_CONSOLE_WINDOW } from '../../shared/api/audit.js';
import type { AuditEntryDto, IdTagCreate, SettingsDto } from '../../shared/api/types.js';
import { startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

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

async function newest(): Promise<AuditEntryDto> {
  const { items } = await a.client.listAudit({ limit: 1 });
  assert.ok(items[0], 'an audit entry');
  return items[0];
}

test('a script, the console in a browser and the console window are told apart; what was sent and answered is kept', async () => {
  await aBootedStation(h, 'AUD-1');
  const startedAt = Date.now();

  // A script (no client header): named by its User-Agent, or by the name it gives.
  const script = createApiClient({ baseUrl: a.base, token: a.token, client: 'nightly-reset.sh' });
  const answer = await script.call('AUD-1', 'Reset', { type: 'Soft' });
  const call = await newest();
  assert.equal(call.client, 'script');
  assert.equal(call.clientName, 'nightly-reset.sh');
  assert.equal(call.action, 'call Reset');
  assert.equal(call.chargePointId, 'AUD-1');
  assert.equal(call.method, 'POST');
  assert.equal(call.path, '/api/charge-points/AUD-1/calls/Reset');
  assert.deepEqual(JSON.parse(call.request!), { type: 'Soft' });
  assert.equal(call.status, 200);
  assert.deepEqual(JSON.parse(call.response!), JSON.parse(JSON.stringify(answer)));
  assert.ok(Date.parse(call.at) >= startedAt - 1000 && Date.parse(call.at) <= Date.now());

  // The console in a browser: a setting change.
  const browser = createApiClient({ baseUrl: a.base, token: a.token, client: AUDIT_CONSOLE_BROWSER });
  await browser.patchSettings({ heartbeatIntervalSec: 120 });
  const setting = await newest();
  assert.equal(setting.client, 'console-browser');
  assert.equal(setting.action, 'settings change');
  assert.deepEqual(JSON.parse(setting.request!), { heartbeatIntervalSec: 120 });
  assert.equal((JSON.parse(setting.response!) as SettingsDto).heartbeatIntervalSec, 120);

  // The console window (the desktop shell forwards its IPC requests with this header): an id tag, then a station.
  const windowClient = createApiClient({ baseUrl: a.base, token: a.token, client: AUDIT_CONSOLE_WINDOW });
  await windowClient.createIdTag({ idTag: 'AUD-TAG', status: 'Accepted', description: 'van 3' });
  const tag = await newest();
  assert.equal(tag.client, 'console-window');
  assert.equal(tag.action, 'id tag create');
  assert.equal(tag.status, 201);
  assert.equal((JSON.parse(tag.request!) as IdTagCreate).idTag, 'AUD-TAG');
  await windowClient.putChargePoint('AUD-1', { description: 'bay 4' });
  const station = await newest();
  assert.equal(station.action, 'station edit');
  assert.equal(station.chargePointId, 'AUD-1');

  // A refused change is kept too, with the refusal.
  await assert.rejects(script.createIdTag({ idTag: 'AUD-TAG', status: 'Accepted' }));
  const refused = await newest();
  assert.equal(refused.status, 409);
  assert.match(refused.response!, /exists already/);

  // Reads are not actions.
  const before = (await a.client.listAudit()).total;
  await a.client.listIdTags();
  await a.client.getSettings();
  assert.equal((await a.client.listAudit()).total, before);

  // Filters and export.
  const fromWindow = await a.client.listAudit({ client: 'console-window' });
  assert.deepEqual(
    fromWindow.items.map((e) => e.action),
    ['station edit', 'id tag create'],
  );
  const ofStation = await a.client.listAudit({ chargePointId: 'AUD-1' });
  assert.deepEqual(
    ofStation.items.map((e) => e.action),
    ['station edit', 'call Reset'],
  );
  const exported = (await a.client.exportAuditNdjson())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditEntryDto);
  assert.equal(exported.length, before);
  assert.deepEqual(
    exported.map((e) => e.id),
    [...exported.map((e) => e.id)].sort((x, y) => y - x),
  );
  const page2 = await a.client.listAudit({ limit: 2, before: exported[1]!.id });
  assert.deepEqual(
    page2.items.map((e) => e.id),
    [exported[2]!.id, exported[3]!.id],
  );
  assert.equal((await a.fetch('/api/audit?client=robot')).status, 400);
});

test('the export streams the whole trail in chunks, newest first, none twice or left out', async () => {
  // More entries than one chunk of the export holds (2,000), recorded as the API would.
  const count = 4_321;
  for (let i = 0; i < count; i++)
    h.csms.services.audit.record({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      client: 'script',
      client_name: 'bulk',
      remote_address: '127.0.0.1',
      method: 'POST',
      path: `/api/charge-points/AUD-BULK/calls/Reset`,
      action: 'call Reset',
      charge_point_id: 'AUD-BULK',
      request: JSON.stringify({ type: 'Soft', n: i }),
      status: 200,
      response: '{"status":"Accepted"}',
      duration_ms: 3,
    });
  const exported = (await a.client.exportAuditNdjson({ chargePointId: 'AUD-BULK' }))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntryDto);
  assert.equal(exported.length, count);
  assert.deepEqual(
    exported.map((e) => (JSON.parse(e.request!) as { n: number }).n),
    Array.from({ length: count }, (_, i) => count - 1 - i),
    'every entry once, newest first',
  );
  const { items } = await a.client.listAudit({ chargePointId: 'AUD-BULK', limit: 3 });
  assert.deepEqual(exported.slice(0, 3), items, 'the same entries the list shows');
});

test('secrets never reach the audit: station passwords, the rotated API token, AuthorizationKey, transfer URL passwords', async () => {
  await aBootedStation(h, 'AUD-2');
  const res = await a.fetch('/api/charge-points/AUD-2', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'station-secret-123456' }),
  });
  assert.ok(res.status < 300, `PUT answered ${res.status}`);
  const withPassword = await newest();
  assert.doesNotMatch(withPassword.request!, /station-secret/);
  assert.match(withPassword.request!, /redacted/);

  await a.client.call('AUD-2', 'ChangeConfiguration', { key: 'AuthorizationKey', value: '0011223344556677' }).catch(() => undefined);
  const key = await newest();
  assert.equal(key.action, 'call ChangeConfiguration');
  assert.doesNotMatch(key.request!, /0011223344556677/);

  await a.client.call('AUD-2', 'GetDiagnostics', { location: 'ftp://tech:ftp-secret@depot.example/logs/' }).catch(() => undefined);
  assert.doesNotMatch((await newest()).request!, /ftp-secret/);

  const rotated = await a.fetch('/api/settings/api-token/rotate', { method: 'POST' });
  const { token } = (await rotated.json()) as { token: string };
  const rotation = await createApiClient({ baseUrl: a.base, token }).listAudit({ limit: 1 });
  assert.equal(rotation.items[0]!.action, 'API token rotate');
  assert.ok(!rotation.items[0]!.response!.includes(token), 'the new token is not in the audit');
  assert.ok(!JSON.stringify(rotation.items).includes(a.token), 'nor the old one');
});
