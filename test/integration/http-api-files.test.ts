/**
 * The file routes of the operator API (firmware upload/list/delete, station uploads, file-services info) over real
 * HTTP, with the file services and a simulated station: an operator uploads firmware through the API, fires
 * UpdateFirmware through the calls route, and the station downloads exactly those bytes; diagnostics come back.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { ApiRequestError, type FirmwareFileDto, type MessageLogPage } from '../../shared/api/index.js';
import type { FileServices } from '../../main/csms/files/index.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { callResult, readApiError, readJson } from '../support/responses.js';
import { startLoopbackFileServices } from '../support/file-services.js';

const MAX_FIRMWARE = 2 * 1024 * 1024;

let h: Harness;
let files: FileServices;
let a: ApiHarness;
before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  files = await startLoopbackFileServices(h, { maxFirmwareBytes: MAX_FIRMWARE });
  a = await startApi(h, { files });
});
afterEach(() => closeStations());
after(async () => {
  await a.api.close();
  await files.close();
  await h.close();
});

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const station = (id: string) => aBootedStation(h, id, { transfer: { timeoutMs: 5_000 } });
const statuses = (cpId: string) => h.csms.repos.fileJobs.list(cpId)[0]?.timeline.map((s) => s.status) ?? [];

const FILE_ROUTES: [string, string, string?][] = [
  ['GET', '/api/firmware'],
  ['PUT', '/api/firmware/x.bin', 'abc'],
  ['DELETE', '/api/firmware/x.bin'],
  ['GET', '/api/charge-points/X/uploads'],
  ['GET', '/api/charge-points/X/uploads/a.txt'],
  ['GET', '/api/files/info'],
];

describe('firmware through the API', () => {
  test(
    'upload, list, UpdateFirmware by firmwareFile through the calls route: the station gets the same bytes; delete',
    { timeout: 15_000 },
    async () => {
      const content = randomBytes(100 * 1024);
      const stored = await a.client.uploadFirmware('fw-1.2.bin', content);
      assert.equal(stored.name, 'fw-1.2.bin');
      assert.equal(stored.size, content.length);
      assert.equal(stored.sha256, sha(content));
      assert.equal(stored.url, `http://127.0.0.1:${files.httpPort}/firmware/fw-1.2.bin`);
      const listed = await a.client.listFirmware();
      assert.deepEqual(
        listed.items.map((f) => [f.name, f.size, f.sha256]),
        [['fw-1.2.bin', content.length, sha(content)]],
      );
      assert.equal(listed.total, 1);

      const cp = await station('API-FW');
      const call = cp.waitForCall('UpdateFirmware');
      const answer = await a.client.call(cp.identity, 'UpdateFirmware', { firmwareFile: stored.name, retrieveDate: new Date().toISOString() });
      assert.deepEqual(answer, { result: {}, violations: [] });
      const received = (await call).payload;
      assert.equal(received.location, stored.url);
      assert.equal(received.firmwareFile, undefined);
      await eventually(() => statuses('API-FW').includes('Installed'), 10_000, 'Installed');
      assert.deepEqual(cp.state.lastFirmwareDownload, { location: stored.url, size: content.length, sha256: sha(content) });

      // A name taken gets a suffix; an unknown firmwareFile is a 422 before anything is sent.
      const again = await a.client.uploadFirmware('fw-1.2.bin', Buffer.from('x'));
      assert.equal(again.name, 'fw-1.2-1.bin');
      await assert.rejects(a.client.call(cp.identity, 'UpdateFirmware', { firmwareFile: 'nope.bin', retrieveDate: new Date().toISOString() }), {
        status: 422,
      });

      assert.equal(await a.client.deleteFirmware(again.name), undefined);
      await assert.rejects(a.client.deleteFirmware(again.name), { status: 404, code: 'API_ERR_NOT_FOUND' });
      assert.deepEqual(
        (await a.client.listFirmware()).items.map((f) => f.name),
        ['fw-1.2.bin'],
      );
    },
  );

  test(
    'curl-style upload (form content type) works; bad names are 400; over the store cap is 413 and leaves nothing',
    { timeout: 10_000 },
    async () => {
      const res = await a.fetch('/api/firmware/curl.bin', {
        method: 'PUT',
        body: 'binary-ish',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 201);
      assert.equal((await readJson<FirmwareFileDto>(res)).size, 10);

      const bad = await a.fetch('/api/firmware/..%2F..%2Fevil.bin', { method: 'PUT', body: 'x' });
      assert.equal(bad.status, 400);
      assert.equal((await readApiError(bad)).code, 'API_ERR_BAD_REQUEST');

      // Larger than the 1 MiB JSON limit is fine for firmware when the store allows it; over the store cap is not.
      const large = randomBytes(1536 * 1024);
      assert.equal((await a.client.uploadFirmware('large.bin', large)).sha256, sha(large));
      const big = await fetch(`${a.base}/api/firmware/big.bin`, {
        method: 'PUT',
        body: Buffer.alloc(MAX_FIRMWARE + 1),
        headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/octet-stream' },
      });
      assert.equal(big.status, 413);
      assert.equal((await readApiError(big)).code, 'API_ERR_PAYLOAD_TOO_LARGE');
      assert.ok(!(await a.client.listFirmware()).items.some((f) => f.name.startsWith('big')));
      assert.deepEqual(
        readdirSync(files.store.firmwareDir).filter((n) => n.startsWith('.partial')),
        [],
      );
      // The connection is still usable afterwards.
      assert.equal((await a.fetch('/api/firmware')).status, 200);
    },
  );
});

describe('station uploads through the API', () => {
  test(
    'GetDiagnostics without location through the calls route: listed under the station, downloads byte-identical',
    { timeout: 15_000 },
    async () => {
      const cp = await station('API-DIAG');
      const call = cp.waitForCall('GetDiagnostics');
      const answer = await a.client.call(cp.identity, 'GetDiagnostics', {});
      const received = (await call).payload;
      assert.match(String(received.location), new RegExp(`^http://API-DIAG:[0-9a-f]{32}@127\\.0\\.0\\.1:${files.httpPort}/upload/API-DIAG/$`));
      const { fileName } = callResult(answer);
      assert.ok(typeof fileName === 'string', 'GetDiagnostics.conf names the file');
      await eventually(() => statuses(cp.identity).includes('Uploaded'), 8_000, 'Uploaded');

      const listed = await a.client.listUploads(cp.identity);
      assert.deepEqual(
        listed.items.map((f) => f.name),
        [fileName],
      );
      const bytes = await a.client.downloadUpload(cp.identity, fileName);
      assert.equal(bytes.length, listed.items[0]!.size);
      const onDisk = await import('node:fs').then((fs) => fs.readFileSync(files.store.uploadPath(cp.identity, fileName)!));
      assert.deepEqual(Buffer.from(bytes), onDisk);

      await assert.rejects(a.client.downloadUpload(cp.identity, 'missing.txt'), { status: 404, code: 'API_ERR_NOT_FOUND' });
      await assert.rejects(a.client.downloadUpload(cp.identity, '../../csms.sqlite'), { status: 404 });
      assert.deepEqual((await a.client.listUploads('NOBODY')).items, []);
    },
  );

  test('no API answer or export contains an upload credential, before or after it was used', { timeout: 20_000 }, async () => {
    const cp = await station('API-SECRET');
    await a.client.call(cp.identity, 'GetConfiguration', {});
    const passwords: string[] = [];
    for (const [action, payload] of [
      ['GetDiagnostics', {}],
      ['GetLog', { logType: 'SecurityLog' }],
    ] as const) {
      const call = cp.waitForCall(action);
      const answer = await a.client.call(cp.identity, action, payload);
      const received = (await call).payload as { location?: string; log?: { remoteLocation?: string } };
      const location = received.location ?? received.log!.remoteLocation!;
      assert.match(location, /^ftp:\/\/API-SECRET:[0-9a-f]{32}@/, 'the station advertises FTP');
      const password = decodeURIComponent(new URL(location).password);
      passwords.push(password);
      assert.ok(!JSON.stringify(answer).includes(password), `${action} answer`);
    }
    await eventually(() => files.store.listUploads(cp.identity).length === 2, 10_000, 'both files arrived');
    const jobs = await a.client.fileJobs(cp.identity);
    assert.equal(jobs.items.length, 2);
    for (const job of jobs.items) {
      assert.equal(job.hasUploadCredential, true);
      assert.equal(job.uploadProtocol, 'ftp');
      assert.equal(job.receivedFiles.length, 1);
    }
    const answers: [string, string][] = [];
    for (const path of [
      `/api/charge-points/${cp.identity}/file-jobs`,
      `/api/file-jobs/${jobs.items[0]!.id}`,
      `/api/file-jobs/${jobs.items[1]!.id}`,
      `/api/charge-points/${cp.identity}/file-status?kind=diagnostics`,
      `/api/charge-points/${cp.identity}/file-status?kind=log`,
      `/api/charge-points/${cp.identity}`,
      `/api/charge-points/${cp.identity}/uploads`,
      `/api/charge-points/${cp.identity}/security-settings`,
      `/api/charge-points/${cp.identity}/security-events`,
      `/api/charge-points/${cp.identity}/configuration`,
      `/api/files/info?chargePointId=${cp.identity}`,
      `/api/files/info?chargePointId=${cp.identity}&showSecret=true`,
      `/api/message-log?chargePointId=${cp.identity}&limit=1000`,
      `/api/message-log.ndjson?chargePointId=${cp.identity}`,
      `/api/message-log?text=${passwords[0]}`,
      '/api/settings',
      '/api/settings/startup',
      '/api/status',
    ]) {
      const res = await a.fetch(path);
      assert.equal(res.status, 200, path);
      answers.push([path, await res.text()]);
    }
    for (const [path, text] of answers)
      for (const password of passwords) assert.ok(!text.includes(password), `${path} must not contain a credential`);
    // The password search finds nothing: the log holds the redacted location only.
    const search = answers.find(([p]) => p.startsWith('/api/message-log?text='));
    assert.ok(search);
    assert.deepEqual((JSON.parse(search[1]) as MessageLogPage).items, []);
    // The database keeps no password at all (only each job's SHA-256), so backups and exports cannot leak it.
    const dump = h.csms.db.prepare("SELECT group_concat(request || COALESCE(answer, ''), '') AS all_text FROM file_jobs").get() as {
      all_text: string;
    };
    for (const password of passwords) assert.ok(!dump.all_text.includes(password));
  });
});

describe('file services info', () => {
  test('ports, advertised host, example URLs with a placeholder for the job password, the protocol a station would get', async () => {
    const info = await a.client.fileServicesInfo({ chargePointId: 'CP-9' });
    assert.equal(info.httpPort, files.httpPort);
    assert.equal(info.ftpPort, files.ftpPort);
    assert.equal(info.advertisedHost, '127.0.0.1');
    assert.equal(info.maxFirmwareBytes, MAX_FIRMWARE);
    assert.equal(info.examples.httpUpload, `http://CP-9:<job password>@127.0.0.1:${files.httpPort}/upload/CP-9/`);
    assert.equal(info.examples.ftpUpload, `ftp://CP-9:<job password>@127.0.0.1:${files.ftpPort}/`);
    assert.equal(info.examples.defaultUploadProtocol, 'http');
    assert.match(info.examples.defaultUploadReason, /not known/);
    assert.equal('uploadSecret' in info, false);
  });
});

describe('auth and availability', () => {
  test('every file route answers 401 without the token', async () => {
    for (const [method, path, body] of FILE_ROUTES) {
      const res = await fetch(`${a.base}${path}`, { method, body });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal((await readApiError(res)).code, 'API_ERR_UNAUTHORIZED');
    }
    assert.ok(!(await a.client.listFirmware()).items.some((f) => f.name === 'x.bin'));
  });

  test('without file services every file route answers 503 API_ERR_UNAVAILABLE', async () => {
    const bare = await startApi(h);
    try {
      for (const [method, path, body] of FILE_ROUTES) {
        const res = await bare.fetch(path, { method, body });
        assert.equal(res.status, 503, `${method} ${path}`);
        assert.equal((await readApiError(res)).code, 'API_ERR_UNAVAILABLE');
      }
      await assert.rejects(bare.client.listFirmware(), (err: unknown) => err instanceof ApiRequestError && err.code === 'API_ERR_UNAVAILABLE');
    } finally {
      await bare.api.close();
    }
  });
});
