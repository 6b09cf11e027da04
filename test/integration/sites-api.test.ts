/**
 * Sites over the operator API (docs/api.md "Sites"): a site is created, read, listed, replaced and deleted; bad input
 * is refused with a message per field and nothing stored (the limits by the sites engine's own rules, never clamped);
 * a station is behind one site only (409 naming both); every write is in the audit trail; sites survive a restart of
 * the central system, and migration 0014 adds them to a database written by the previous version.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, afterEach, before, describe, test } from 'node:test';
import { ApiRequestError, type SiteDto, type SiteUpdate } from '../../shared/api/index.js';
import { CentralSystem } from '../../main/csms/central-system.js';
import { databaseFile } from '../../main/csms/config/app-paths.js';
import { applyMigrations } from '../../main/csms/storage/database.js';
import { MIGRATIONS } from '../../main/csms/storage/migrations/index.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

let h: Harness;
let a: ApiHarness;
before(async () => {
  h = await startCsms();
  a = await startApi(h);
  for (const id of ['CP-1', 'CP-2', 'CP-3']) await a.client.putChargePoint(id, {});
});
afterEach(async () => {
  for (const site of await a.client.listSites().then((l) => l.items)) await a.client.deleteSite(site.id);
});
after(async () => {
  await a.api.close();
  await h.close();
});

const DEPOT: SiteUpdate = {
  name: 'Depot north',
  limitA: 100,
  phases: 3,
  marginPct: 10,
  stations: ['CP-2', 'CP-1'],
  // 22:00 to 06:00 (wraps midnight), then no charging 17:00 to 19:00.
  schedule: [
    { fromMinute: 1320, toMinute: 360, limitA: 60 },
    { fromMinute: 1020, toMinute: 1140, limitW: 0 },
  ],
};

async function put(siteId: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await a.fetch(`/api/sites/${encodeURIComponent(siteId)}`, { method: 'PUT', body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The 422's problems by field; fails unless the answer is a 422. */
async function refusedFields(siteId: string, body: unknown): Promise<Record<string, string>> {
  const { status, json } = await put(siteId, body);
  assert.equal(status, 422, `expected 422, got ${status}: ${JSON.stringify(json)}`);
  const error = json.error as { code: string; details: { fields: Record<string, string> } };
  assert.equal(error.code, 'API_ERR_VALIDATION');
  return error.details.fields;
}

const withoutTimes = ({ createdAt: _c, updatedAt: _u, ...rest }: SiteDto) => rest;

describe('a site through its life', () => {
  test('PUT creates (201) what GET and the list then show, exactly as given', async () => {
    const created = await put('depot-north', DEPOT);
    assert.equal(created.status, 201);
    assert.deepEqual(withoutTimes(created.json as unknown as SiteDto), { id: 'depot-north', ...DEPOT });
    const read = await a.client.getSite('depot-north');
    assert.deepEqual(read, created.json);
    assert.equal('voltageV' in read || 'minSessionA' in read || 'limitW' in read, false, 'nothing absent is filled in');
    const list = await a.client.listSites();
    assert.equal(list.total, 1);
    assert.deepEqual(list.items, [read]);
  });

  test('PUT on an existing site replaces all of it (200): other limits, stations left out leave, the schedule goes', async () => {
    const first = await a.client.putSite('depot-north', DEPOT);
    const replaced = await put('depot-north', {
      name: 'Depot north (W)',
      limitW: 40_000,
      phases: 1,
      voltageV: 240,
      marginPct: 0,
      minSessionA: 8,
      stations: ['CP-3'],
    });
    assert.equal(replaced.status, 200);
    const read = await a.client.getSite('depot-north');
    assert.deepEqual(withoutTimes(read), {
      id: 'depot-north',
      name: 'Depot north (W)',
      limitW: 40_000,
      phases: 1,
      voltageV: 240,
      marginPct: 0,
      minSessionA: 8,
      stations: ['CP-3'],
      schedule: [],
    });
    assert.equal(read.createdAt, first.createdAt);
    assert.ok(read.updatedAt >= first.updatedAt);
    // CP-1 and CP-2 are free again: another site may take them.
    assert.equal((await put('depot-south', { ...DEPOT, name: 'South' })).status, 201);
  });

  test('DELETE answers 204, then the site is gone (404) and a second DELETE is 404 too', async () => {
    await a.client.putSite('depot-north', DEPOT);
    const res = await a.fetch('/api/sites/depot-north', { method: 'DELETE' });
    assert.equal(res.status, 204);
    await assert.rejects(a.client.getSite('depot-north'), (err) => err instanceof ApiRequestError && err.status === 404);
    assert.equal((await a.fetch('/api/sites/depot-north', { method: 'DELETE' })).status, 404);
    // Its stations are free.
    assert.equal((await put('other', DEPOT)).status, 201);
  });

  test('every change is announced as site.changed once committed', async () => {
    const seen: string[] = [];
    const off = h.csms.events.on('site.changed', (e) => seen.push(e.siteId));
    try {
      await a.client.putSite('depot-north', DEPOT);
      await a.client.deleteSite('depot-north');
      await refusedFields('depot-north', { ...DEPOT, marginPct: 80 });
      assert.deepEqual(seen, ['depot-north', 'depot-north']);
    } finally {
      off();
    }
  });

  test('every write is in the audit trail with what was sent and answered', async () => {
    await a.client.putSite('audited', { ...DEPOT, stations: [] });
    await a.client.deleteSite('audited');
    await eventually(async () => (await a.client.listAudit({ limit: 5 })).items.some((e) => e.action === 'site delete'), 5000, 'the audit entry');
    const entries = (await a.client.listAudit({ limit: 5 })).items.filter((e) => e.path === '/api/sites/audited');
    assert.deepEqual(
      entries.map((e) => [e.method, e.action, e.status]),
      [
        ['DELETE', 'site delete', 204],
        ['PUT', 'site edit', 201],
      ],
    );
    assert.equal((JSON.parse(entries[1]!.request!) as SiteUpdate).limitA, 100);
  });

  test('deleting a station record takes it out of its site', async () => {
    await a.client.putChargePoint('CP-GONE', {});
    await a.client.putSite('depot-north', { ...DEPOT, stations: ['CP-1', 'CP-GONE'] });
    await a.client.deleteChargePoint('CP-GONE');
    assert.deepEqual((await a.client.getSite('depot-north')).stations, ['CP-1']);
  });
});

describe('bad input: 422 with a message per field, nothing stored', () => {
  afterEach(async () => {
    assert.deepEqual((await a.client.listSites()).items, [], 'a refused PUT stores nothing');
  });

  test('both limitA and limitW, or neither', async () => {
    const both = await refusedFields('s', { ...DEPOT, limitW: 20_000 });
    assert.match(both.limitW!, /either limitA .* or limitW/);
    const { limitA: _drop, ...neither } = DEPOT;
    assert.match((await refusedFields('s', neither)).limitA!, /is missing/);
  });

  test('a margin out of range, a wrong number of phases, a limit given as text: refused, never clamped or converted', async () => {
    const fields = await refusedFields('s', { ...DEPOT, marginPct: 60, phases: 2, limitA: '32' });
    assert.match(fields.marginPct!, /from 0 to 50 .*got 60/);
    assert.match(fields.phases!, /must be 1 or 3 \(got 2\)/);
    assert.match(fields.limitA!, /must be a number .*got "32"/);
    assert.match((await refusedFields('s', { ...DEPOT, marginPct: -1 })).marginPct!, /got -1/);
  });

  test('a limit that leaves no session its minimum after the margin', async () => {
    const fields = await refusedFields('s', { ...DEPOT, limitA: 6, marginPct: 10 });
    assert.match(fields.limitA!, /less than minSessionA/);
  });

  test('an invalid schedule period is named by its index and field', async () => {
    const fields = await refusedFields('s', {
      ...DEPOT,
      schedule: [
        { fromMinute: 600, toMinute: 600, limitA: 50 },
        { fromMinute: 1440, toMinute: 60, limitA: 50 },
        { fromMinute: 0, toMinute: 60, limitA: 50, limitW: 1000 },
        { fromMinute: 0, toMinute: 60, limitA: -5, note: 'x' },
      ],
    });
    assert.match(fields['schedule[0].toMinute']!, /must differ from fromMinute/);
    assert.match(fields['schedule[1].fromMinute']!, /from 0 to 1439/);
    assert.match(fields['schedule[2].limitW']!, /not both/);
    assert.match(fields['schedule[3].limitA']!, /got -5/);
    assert.match(fields['schedule[3].note']!, /not a known field/);
    assert.match((await refusedFields('s', { ...DEPOT, schedule: 'nightly' })).schedule!, /list of periods/);
  });

  test('an unknown field, a missing name, a station listed twice, a site id that is no identity', async () => {
    const { name: _name, ...noName } = DEPOT;
    const fields = await refusedFields('s', { ...noName, colour: 'blue', stations: ['CP-1', 'CP-2', 'CP-1', 7] });
    assert.match(fields.colour!, /not a known field/);
    assert.match(fields.name!, /is required/);
    assert.match(fields['stations[2]']!, /repeats stations\[0\] \(CP-1\)/);
    assert.match(fields['stations[3]']!, /identity/);
    assert.match((await refusedFields('depot\tnorth', DEPOT)).siteId!, /printable characters/);
    assert.match((await refusedFields('x'.repeat(129), DEPOT)).siteId!, /1 to 128/);
    const { stations: _stations, ...noStations } = DEPOT;
    assert.match((await refusedFields('s', noStations)).stations!, /is required/);
  });

  test('a station with no record is refused: a typo would leave a real station outside the limit', async () => {
    const fields = await refusedFields('s', { ...DEPOT, stations: ['CP-1', 'CP-l'] });
    assert.deepEqual(Object.keys(fields), ['stations[1]']);
    assert.match(fields['stations[1]']!, /not a known station \(CP-l\)/);
  });
});

describe('a station is behind one site only', () => {
  test('putting a station of another site in a site is 409 naming the station and the site; nothing changes', async () => {
    await a.client.putSite('depot-north', DEPOT);
    const { status, json } = await put('depot-south', { ...DEPOT, name: 'South', stations: ['CP-3', 'CP-1'] });
    assert.equal(status, 409);
    const error = json.error as { code: string; message: string; details: { fields: Record<string, string>; taken: unknown } };
    assert.equal(error.code, 'API_ERR_CONFLICT');
    assert.match(error.message, /CP-1 belongs to site depot-north/);
    assert.deepEqual(error.details.taken, [{ chargePointId: 'CP-1', siteId: 'depot-north' }]);
    assert.match(error.details.fields['stations[1]']!, /belongs to site depot-north/);
    await assert.rejects(a.client.getSite('depot-south'), (err) => err instanceof ApiRequestError && err.status === 404);
    assert.deepEqual((await a.client.getSite('depot-north')).stations, ['CP-2', 'CP-1']);
    // A site keeps its own stations when it is replaced.
    assert.equal((await put('depot-north', { ...DEPOT, marginPct: 20 })).status, 200);
  });

  test('two PUTs racing for one station: one wins, the other is 409', async () => {
    const answers = await Promise.all([put('race-a', { ...DEPOT, stations: ['CP-3'] }), put('race-b', { ...DEPOT, stations: ['CP-3'] })]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409]);
    const owners = (await a.client.listSites()).items.filter((s) => s.stations.includes('CP-3'));
    assert.equal(owners.length, 1);
  });
});

const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

/** A central system and its API on `dataDir` (kept when it stops, to start again on it). */
async function startOn(dataDir: string): Promise<{ harness: Harness; api: ApiHarness }> {
  const csms = await CentralSystem.start({
    startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' },
    overrides: { pingIntervalSec: 0 },
    logger: quietLogger,
  });
  const endpoint = `ws://127.0.0.1:${csms.ocppAddress.port}/ocpp`;
  const harness: Harness = { csms, dataDir, endpoint, url: (id) => `${endpoint}/${encodeURIComponent(id)}`, close: () => csms.stop() };
  return { harness, api: await startApi(harness) };
}

describe('kept in the data folder', () => {
  test('sites survive a restart of the central system on the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csms-sites-'));
    try {
      const first = await startOn(dataDir);
      await first.api.client.putChargePoint('CP-1', {});
      const stored = await first.api.client.putSite('depot-north', { ...DEPOT, stations: ['CP-1'], voltageV: 230, minSessionA: 6 });
      await first.api.api.close();
      await first.harness.close();

      const second = await startOn(dataDir);
      try {
        assert.deepEqual(await second.api.client.getSite('depot-north'), stored);
        assert.deepEqual((await second.api.client.listSites()).items, [stored]);
      } finally {
        await second.api.api.close();
        await second.harness.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('migration 0014 adds sites to a database written before it, keeping its stations', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csms-sites-old-'));
    try {
      const old = new Database(databaseFile(dataDir));
      applyMigrations(old, MIGRATIONS.slice(0, 13));
      const now = new Date().toISOString();
      old.prepare("INSERT INTO charge_points (id, registration_status, created_at, updated_at) VALUES ('OLD-CP', 'Accepted', ?, ?)").run(now, now);
      assert.equal(old.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sites'").get(), undefined);
      old.close();

      const { harness, api } = await startOn(dataDir);
      try {
        assert.deepEqual((await api.client.listSites()).items, []);
        const created = await api.client.putSite('depot-old', { ...DEPOT, stations: ['OLD-CP'] });
        assert.deepEqual(created.stations, ['OLD-CP']);
      } finally {
        await api.api.close();
        await harness.close();
      }
      const reopened = new Database(databaseFile(dataDir), { readonly: true });
      const names = (reopened.prepare('SELECT name FROM _migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
      reopened.close();
      assert.equal(names.length, MIGRATIONS.length);
      assert.equal(names[13], '0014-sites');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
