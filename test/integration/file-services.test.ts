/**
 * File services: firmware served over HTTP and diagnostics/logs received over HTTP and FTP by the central system
 * itself, exercised with the simulated station over real sockets: the upload protocol each station supports, the
 * per-job upload credential, and each job's own timeline.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { JsonObject } from '../../shared/ocpp/rpc-frames.js';
import type { FileServices } from '../../main/csms/files/index.js';
import { createOperatorOperations, type OperatorOperations } from '../../main/csms/operations/index.js';
import { upload, type SimulatedChargePoint } from '../../main/simulator/index.js';
import { eventually, startCsms, type Harness } from '../support/csms-harness.js';
import { aBootedStation, closeStations } from '../support/fixtures.js';
import { startLoopbackFileServices } from '../support/file-services.js';

const MAX_UPLOAD = 64 * 1024;
const MAX_FIRMWARE = 1024 * 1024;

let h: Harness;
let files: FileServices;
let ops: OperatorOperations;
let httpBase: string;

before(async () => {
  h = await startCsms({ overrides: { callTimeoutMs: 5_000 } });
  files = await startLoopbackFileServices(h, { maxUploadBytes: MAX_UPLOAD, maxFirmwareBytes: MAX_FIRMWARE });
  ops = createOperatorOperations(h.csms, { fileUrls: files.urls });
  httpBase = `http://127.0.0.1:${files.httpPort}`;
});
afterEach(() => closeStations());
after(async () => {
  await files.close();
  await h.close();
});

const statuses = (cpId: string) => h.csms.repos.fileJobs.list(cpId)[0]?.timeline.map((s) => s.status) ?? [];
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const station = (id: string) => aBootedStation(h, id, { transfer: { timeoutMs: 5_000 } });

async function operator(cp: SimulatedChargePoint, action: string, payload: JsonObject): Promise<{ received: JsonObject; answer: JsonObject }> {
  const call = cp.waitForCall(action);
  const outcome = await ops.send(cp.identity, action, payload);
  assert.equal(outcome.kind, 'result');
  return { received: (await call).payload, answer: outcome.kind === 'result' ? outcome.payload : {} };
}

/** A raw HTTP request (fetch would normalize `../` away). */
function rawHttp(
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: files.httpPort, method, path, headers, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET'
        ? resolve({ status: 0, headers: {}, body: Buffer.alloc(0) })
        : reject(err),
    );
    req.end(body);
  });
}

/** A raw FTP control connection: send a line, get the next reply line. */
async function rawFtp(): Promise<{ send(line: string): Promise<string>; read(): Promise<string>; close(): void }> {
  const socket = net.connect({ host: '127.0.0.1', port: files.ftpPort! });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let eol: number;
    while ((eol = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
    }
  });
  const read = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no FTP reply')), 5_000);
      waiters.push((line) => (clearTimeout(timer), resolve(line)));
    });
  const greeting = read();
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  assert.match(await greeting, /^220 /);
  return {
    send: (line) => {
      const reply = read();
      socket.write(`${line}\r\n`);
      return reply;
    },
    read,
    close: () => socket.destroy(),
  };
}

describe('firmware over HTTP', () => {
  test('a stored firmware file is downloaded by the station from the URL put in UpdateFirmware', { timeout: 15_000 }, async () => {
    const content = randomBytes(300 * 1024);
    const stored = await files.store.addFirmware('fw 2.0 (final).bin', content);
    assert.equal(stored.name, 'fw_2.0_final_.bin');
    assert.equal(stored.sha256, sha(content));
    const listed = await files.store.listFirmware();
    assert.deepEqual(
      listed.map((f) => [f.name, f.size, f.sha256]),
      [[stored.name, content.length, sha(content)]],
    );
    // The same name again gets a unique name.
    const again = await files.store.addFirmware('fw 2.0 (final).bin', Buffer.from('x'));
    assert.equal(again.name, 'fw_2.0_final_-1.bin');
    assert.equal(await files.store.deleteFirmware(again.name), true);

    const cp = await station('FS-FW');
    const { received } = await operator(cp, 'UpdateFirmware', { firmwareFile: stored.name });
    assert.equal(received.location, `${httpBase}/firmware/${stored.name}`);
    assert.equal(received.firmwareFile, undefined, 'helper field not sent');
    await eventually(() => statuses('FS-FW').includes('Installed'), 10_000, 'Installed');
    assert.deepEqual(statuses('FS-FW'), ['Downloading', 'Downloaded', 'Installing', 'Installed']);
    assert.deepEqual(cp.state.lastFirmwareDownload, { location: received.location, size: content.length, sha256: sha(content) });
  });

  test('an unknown firmwareFile is refused before anything is sent', { timeout: 5_000 }, async () => {
    const cp = await station('FS-FW2');
    await assert.rejects(ops.send(cp.identity, 'UpdateFirmware', { firmwareFile: 'nope.bin' }), { code: 'CSMS_ERR_INVALID_PAYLOAD' });
  });

  test('Range requests get 206 with the right bytes; HEAD, 416 and 404', { timeout: 5_000 }, async () => {
    const content = randomBytes(10_000);
    const { name } = await files.store.addFirmware('range.bin', content);
    const url = `${httpBase}/firmware/${name}`;
    const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${content.length}`);
    assert.equal(part.headers.get('content-length'), '100');
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), content.subarray(100, 200));
    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    assert.equal(tail.status, 206);
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), content.subarray(content.length - 10));
    const resume = await fetch(url, { headers: { Range: 'bytes=9000-' } });
    assert.equal(resume.status, 206);
    assert.deepEqual(Buffer.from(await resume.arrayBuffer()), content.subarray(9000));
    const beyond = await fetch(url, { headers: { Range: 'bytes=20000-' } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${content.length}`);
    await beyond.arrayBuffer();
    const whole = await fetch(url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), content);
    const head = await rawHttp('HEAD', `/firmware/${name}`);
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(content.length));
    assert.equal(head.body.length, 0);
    assert.equal((await rawHttp('GET', '/firmware/missing.bin')).status, 404);
    assert.equal((await rawHttp('GET', '/')).status, 404);
    assert.equal((await rawHttp('DELETE', `/firmware/${name}`)).status, 404);
  });

  test('oversize firmware is refused and leaves nothing behind', { timeout: 5_000 }, async () => {
    await assert.rejects(files.store.addFirmware('big.bin', Buffer.alloc(MAX_FIRMWARE + 1)), { code: 'too-large' });
    assert.ok(!(await files.store.listFirmware()).some((f) => f.name.startsWith('big')));
    assert.deepEqual(
      readdirSync(files.store.firmwareDir).filter((n) => n.startsWith('.partial')),
      [],
    );
  });
});

const HEX32 = '[0-9a-f]{32}';
const jobOf = (cpId: string, jobId?: number) => (jobId === undefined ? h.csms.repos.fileJobs.list(cpId)[0]! : h.csms.repos.fileJobs.get(jobId)!);

/** A GetDiagnostics job the station takes but does not upload for: its credential, read from the location it received. */
async function openUploadJob(cp: SimulatedChargePoint): Promise<{ location: string; password: string; jobId: number }> {
  cp.answerOnce('GetDiagnostics', { fileName: 'later.txt' });
  const { received } = await operator(cp, 'GetDiagnostics', {});
  const location = String(received.location);
  return { location, password: decodeURIComponent(new URL(location).password), jobId: jobOf(cp.identity).id };
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('diagnostics and logs', () => {
  test(
    'GetDiagnostics without a location, protocols not known yet: HTTP upload with the job credential, stored under the station',
    { timeout: 10_000 },
    async () => {
      const cp = await station('FS-DIAG-HTTP');
      const { received, answer } = await operator(cp, 'GetDiagnostics', {});
      assert.match(String(received.location), new RegExp(`^http://FS-DIAG-HTTP:${HEX32}@127\\.0\\.0\\.1:${files.httpPort}/upload/FS-DIAG-HTTP/$`));
      await eventually(() => statuses(cp.identity).includes('Uploaded'), 8_000, 'Uploaded');
      assert.deepEqual(statuses(cp.identity), ['Uploading', 'Uploaded']);
      const listed = files.store.listUploads(cp.identity);
      assert.deepEqual(
        listed.map((f) => f.name),
        [answer.fileName],
      );
      const onDisk = readFileSync(files.store.uploadPath(cp.identity, listed[0]!.name)!);
      assert.equal(listed[0]!.size, onDisk.length);
      assert.match(onDisk.toString(), /FS-DIAG-HTTP/);
      assert.ok(onDisk.length > 0 && !onDisk.toString().includes('Content-Disposition'), 'only the file part is stored');
      const job = jobOf(cp.identity);
      assert.equal(job.uploadProtocol, 'http');
      assert.match(job.uploadProtocolReason!, /not known/);
      assert.deepEqual(
        job.receivedFiles.map((f) => [f.name, f.size, f.via]),
        [[answer.fileName, onDisk.length, 'http']],
      );
      assert.equal(job.problem, null);
      assert.match(job.endedReason!, /Uploaded/);
      // The job keeps the request without the password.
      assert.match(String(job.request.location), /^http:\/\/FS-DIAG-HTTP:\*\*\*redacted\*\*\*@/);
    },
  );

  test(
    'FTP where the station advertises it (SupportedFileTransferProtocols from GetConfiguration); the log never keeps the password',
    { timeout: 10_000 },
    async () => {
      const cp = await station('FS-DIAG-FTP');
      await operator(cp, 'GetConfiguration', { key: ['SupportedFileTransferProtocols'] });
      const { received, answer } = await operator(cp, 'GetDiagnostics', {});
      const location = String(received.location);
      assert.match(location, new RegExp(`^ftp://FS-DIAG-FTP:${HEX32}@127\\.0\\.0\\.1:${files.ftpPort}/$`));
      const password = decodeURIComponent(new URL(location).password);
      await eventually(() => h.csms.repos.messageLog.query({ chargePointId: cp.identity, action: 'GetDiagnostics' }).length >= 1);
      const logged = h.csms.repos.messageLog.query({ chargePointId: cp.identity, action: 'GetDiagnostics' });
      assert.ok(logged.every((row) => !row.frame.includes(password)));
      assert.ok(logged.some((row) => row.frame.includes(`ftp://FS-DIAG-FTP:***redacted***@127.0.0.1:${files.ftpPort}/`)));
      await eventually(() => statuses(cp.identity).includes('Uploaded'), 8_000, 'Uploaded');
      const listed = files.store.listUploads(cp.identity);
      assert.deepEqual(
        listed.map((f) => f.name),
        [answer.fileName],
      );
      assert.ok(listed[0]!.size > 0);
      const job = jobOf(cp.identity);
      assert.equal(job.uploadProtocol, 'ftp');
      assert.match(job.uploadProtocolReason!, /advertises FTP \(SupportedFileTransferProtocols = FTP,HTTP,HTTPS\)/);
      assert.deepEqual(
        job.receivedFiles.map((f) => f.via),
        ['ftp'],
      );
    },
  );

  test(
    'an HTTP-only station gets an HTTP upload URL and its log arrives; FTP forced for it fails as it would for real',
    { timeout: 15_000 },
    async () => {
      const cp = await aBootedStation(h, 'FS-HTTP-ONLY', {
        transfer: { timeoutMs: 5_000 },
        configuration: { SupportedFileTransferProtocols: 'HTTP,HTTPS' },
      });
      await operator(cp, 'GetConfiguration', {});
      const { received, answer } = await operator(cp, 'GetLog', { logType: 'DiagnosticsLog' });
      assert.match(String((received.log as JsonObject).remoteLocation), new RegExp(`^http://FS-HTTP-ONLY:${HEX32}@`));
      await eventually(() => files.store.listUploads(cp.identity).length === 1, 8_000, 'log stored');
      assert.equal(files.store.listUploads(cp.identity)[0]!.name, answer.filename);
      await eventually(() => jobOf(cp.identity).stationStatus === 'Uploaded', 5_000, 'log job Uploaded');
      const logJob = jobOf(cp.identity);
      assert.equal(logJob.uploadProtocol, 'http');
      assert.match(logJob.uploadProtocolReason!, /FTP not advertised \(SupportedFileTransferProtocols = HTTP,HTTPS\)/);
      assert.equal(logJob.problem, null);

      // The operator's per-station setting wins over what the station advertises.
      await h.csms.groupCommit.run(() => h.csms.repos.stationSecurity.update(cp.identity, { uploadProtocol: 'ftp' }, new Date().toISOString()));
      const forced = await operator(cp, 'GetDiagnostics', {});
      assert.match(String(forced.received.location), /^ftp:\/\//);
      await eventually(() => jobOf(cp.identity).stationStatus === 'UploadFailed', 8_000, 'UploadFailed');
      const failed = jobOf(cp.identity);
      assert.equal(failed.uploadProtocolReason, 'FTP set for this station');
      assert.match(failed.endedReason!, /UploadFailed/);
      assert.equal(failed.problem, null);
      assert.equal(h.csms.repos.chargePoints.get(cp.identity)!.diagnostics_status, 'UploadFailed');
    },
  );

  test('exact bytes by PUT, multipart POST and FTP with the job credential', { timeout: 10_000 }, async () => {
    const cp = await station('FS-BYTES');
    const { password, jobId } = await openUploadJob(cp);
    const data = randomBytes(40_000);
    await upload(`${files.urls.httpUpload('FS-BYTES', password)}put.bin`, 'put.bin', data, { httpUploadMethod: 'PUT', timeoutMs: 5_000 });
    await upload(files.urls.httpUpload('FS-BYTES', password), 'post.bin', data, { timeoutMs: 5_000 });
    await upload(`ftp://FS-BYTES:${password}@127.0.0.1:${files.ftpPort}/FS-BYTES/`, 'ftp.bin', data, { timeoutMs: 5_000 });
    const listed = files.store.listUploads('FS-BYTES');
    assert.deepEqual(listed.map((f) => f.name).sort(), ['ftp.bin', 'post.bin', 'put.bin']);
    for (const f of listed) {
      assert.equal(f.size, data.length, f.name);
      assert.equal(sha(readFileSync(files.store.uploadPath('FS-BYTES', f.name)!)), sha(data), f.name);
    }
    assert.deepEqual(
      jobOf('FS-BYTES', jobId)
        .receivedFiles.map((f) => f.name)
        .sort(),
      ['ftp.bin', 'post.bin', 'put.bin'],
    );
    // A second file with the same name does not overwrite the first.
    await upload(`${files.urls.httpUpload('FS-BYTES', password)}put.bin`, 'put.bin', Buffer.from('second'), {
      httpUploadMethod: 'PUT',
      timeoutMs: 5_000,
    });
    assert.ok(files.store.listUploads('FS-BYTES').some((f) => f.name === 'put-1.bin' && f.size === 6));
  });

  test('a station that says Uploaded when nothing arrived: flagged on the job', { timeout: 10_000 }, async () => {
    const cp = await station('FS-PHANTOM');
    const { jobId } = await openUploadJob(cp);
    await cp.diagnosticsStatusNotification('Uploading');
    await cp.diagnosticsStatusNotification('Uploaded');
    const job = jobOf(cp.identity, jobId);
    assert.deepEqual(
      job.timeline.map((t) => t.status),
      ['Uploading', 'Uploaded'],
    );
    assert.equal(job.stationStatus, 'Uploaded');
    assert.equal(job.problem, 'uploaded-but-nothing-arrived');
    assert.deepEqual(job.receivedFiles, []);
    assert.ok(job.endedAt);
  });

  test('diagnostics and log statuses stay apart: a log upload never shows in the diagnostics job or status', { timeout: 10_000 }, async () => {
    const cp = await station('FS-APART');
    const diag = await openUploadJob(cp);
    cp.answerOnce('GetLog', { status: 'Accepted', filename: 'log.txt' });
    const { received } = await operator(cp, 'GetLog', { logType: 'SecurityLog' });
    const requestId = Number(received.requestId);
    const logJobId = jobOf(cp.identity).id;
    await cp.diagnosticsStatusNotification('Uploading');
    await cp.call('LogStatusNotification', { status: 'Uploading', requestId });
    await cp.diagnosticsStatusNotification('UploadFailed');
    await cp.call('LogStatusNotification', { status: 'Uploaded', requestId });
    assert.deepEqual(
      jobOf(cp.identity, diag.jobId).timeline.map((t) => t.status),
      ['Uploading', 'UploadFailed'],
    );
    assert.deepEqual(
      jobOf(cp.identity, logJobId).timeline.map((t) => t.status),
      ['Uploading', 'Uploaded'],
    );
    assert.equal(h.csms.repos.chargePoints.get(cp.identity)!.diagnostics_status, 'UploadFailed');
    assert.equal(jobOf(cp.identity, logJobId).problem, 'uploaded-but-nothing-arrived');
    assert.equal(jobOf(cp.identity, diag.jobId).problem, null);
    // An Idle after the end joins the timeline but does not hide how the job ended.
    await cp.call('LogStatusNotification', { status: 'Idle', requestId });
    const logJob = jobOf(cp.identity, logJobId);
    assert.deepEqual(
      logJob.timeline.map((t) => t.status),
      ['Uploading', 'Uploaded', 'Idle'],
    );
    assert.equal(logJob.stationStatus, 'Uploaded');
    assert.equal(logJob.problem, 'uploaded-but-nothing-arrived');
  });

  test('a new job the station takes supersedes the open one of its kind: the old credential stops working', { timeout: 10_000 }, async () => {
    const cp = await station('FS-SUPERSEDE');
    const first = await openUploadJob(cp);
    const second = await openUploadJob(cp);
    assert.equal(jobOf(cp.identity, first.jobId).endedReason, `superseded by job ${second.jobId}`);
    assert.equal(jobOf(cp.identity, second.jobId).endedAt, null);
    const data = Buffer.from('diagnostics');
    assert.equal((await rawHttp('PUT', '/upload/FS-SUPERSEDE/old.bin', data, basic('FS-SUPERSEDE', first.password))).status, 401);
    assert.equal((await rawHttp('PUT', '/upload/FS-SUPERSEDE/new.bin', data, basic('FS-SUPERSEDE', second.password))).status, 201);
    // Its notifications go to the job that is open.
    await cp.diagnosticsStatusNotification('Uploaded');
    assert.deepEqual(
      jobOf(cp.identity, second.jobId).timeline.map((t) => t.status),
      ['Uploaded'],
    );
    assert.deepEqual(jobOf(cp.identity, first.jobId).timeline, []);
    assert.equal(jobOf(cp.identity, second.jobId).problem, null);
  });

  test(
    "station A's credential cannot upload into B's folder, nor after its job ended; wrong or missing credentials refused",
    { timeout: 15_000 },
    async () => {
      const a = await station('FS-CRED-A');
      const b = await station('FS-CRED-B');
      const jobA = await openUploadJob(a);
      await openUploadJob(b);
      const data = Buffer.from('not yours');
      // HTTP: A's credential on B's folder is 403; as user B it is not B's credential: 401.
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-B/x.bin', data, basic('FS-CRED-A', jobA.password))).status, 403);
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-B/x.bin', data, basic('FS-CRED-B', jobA.password))).status, 401);
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-A/x.bin', data)).status, 401, 'no credential');
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-A/x.bin', data, basic('FS-CRED-A', 'f'.repeat(32)))).status, 401, 'wrong password');
      // FTP: B's login with A's password fails; A's login cannot store into B's folder.
      await assert.rejects(upload(`ftp://FS-CRED-B:${jobA.password}@127.0.0.1:${files.ftpPort}/`, 'x.bin', data, { timeoutMs: 5_000 }), /530/);
      await assert.rejects(
        upload(`ftp://FS-CRED-A:${jobA.password}@127.0.0.1:${files.ftpPort}/FS-CRED-B/`, 'x.bin', data, { timeoutMs: 5_000 }),
        /550/,
      );
      await assert.rejects(upload(`ftp://nobody:${jobA.password}@127.0.0.1:${files.ftpPort}/`, 'x.bin', data, { timeoutMs: 5_000 }), /530/);
      assert.deepEqual(files.store.listUploads('FS-CRED-B'), []);
      assert.deepEqual(files.store.listUploads('FS-CRED-A'), []);

      // While the job is open A's credential works; once it ended (UploadFailed), no more.
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-A/ok.bin', data, basic('FS-CRED-A', jobA.password))).status, 201);
      await a.diagnosticsStatusNotification('UploadFailed');
      assert.ok(jobOf('FS-CRED-A', jobA.jobId).endedAt);
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-A/late.bin', data, basic('FS-CRED-A', jobA.password))).status, 401);
      await assert.rejects(upload(`ftp://FS-CRED-A:${jobA.password}@127.0.0.1:${files.ftpPort}/`, 'late.bin', data, { timeoutMs: 5_000 }), /530/);
      assert.deepEqual(
        files.store.listUploads('FS-CRED-A').map((f) => f.name),
        ['ok.bin'],
      );
      // A job the station refused or that failed ends at once: its credential never works.
      a.answerOnce('GetLog', { status: 'Rejected' });
      const { received } = await operator(a, 'GetLog', { logType: 'DiagnosticsLog' });
      const refusedPassword = decodeURIComponent(new URL(String((received.log as JsonObject).remoteLocation)).password);
      assert.match(jobOf('FS-CRED-A').endedReason!, /Rejected/);
      assert.equal((await rawHttp('PUT', '/upload/FS-CRED-A/r.bin', data, basic('FS-CRED-A', refusedPassword))).status, 401);
    },
  );
});

describe('refusals', () => {
  let evil: { password: string };
  before(async () => {
    evil = await openUploadJob(await station('FS-EVIL'));
  });

  test('path traversal over HTTP is refused', { timeout: 5_000 }, async () => {
    const auth = basic('FS-EVIL', evil.password);
    assert.equal((await rawHttp('GET', '/firmware/../csms.sqlite')).status, 400);
    assert.equal((await rawHttp('GET', '/firmware/..%2Fcsms.sqlite')).status, 400);
    assert.equal((await rawHttp('GET', '/firmware/%2E%2E')).status, 400);
    assert.equal((await rawHttp('PUT', '/upload/FS-EVIL/..%2F..%2Fevil.txt', Buffer.from('x'), auth)).status, 400);
    assert.equal((await rawHttp('PUT', '/upload/FS-EVIL/../../evil.txt', Buffer.from('x'), auth)).status, 400);
    assert.equal((await rawHttp('PUT', '/upload/..%2F..%2Ftmp/evil.txt', Buffer.from('x'), auth)).status, 400);
    const boundary = 'XyZ123';
    const multipart = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../evil.txt"\r\nContent-Type: text/plain\r\n\r\nevil\r\n--${boundary}--\r\n`,
    );
    const post = await rawHttp('POST', '/upload/FS-EVIL/', multipart, { 'content-type': `multipart/form-data; boundary=${boundary}`, ...auth });
    assert.equal(post.status, 400);
    assert.deepEqual(files.store.listUploads('FS-EVIL'), []);
  });

  test('path traversal over FTP is refused', { timeout: 5_000 }, async () => {
    const ftp = await rawFtp();
    try {
      assert.match(await ftp.send('STOR x.bin'), /^530 /, 'not before login');
      assert.match(await ftp.send('USER FS-EVIL'), /^331 /);
      assert.match(await ftp.send(`PASS ${evil.password}`), /^230 /);
      assert.match(await ftp.send('STOR ../../evil.txt'), /^553 /);
      assert.match(await ftp.send('CWD ../..'), /^550 /);
      assert.match(await ftp.send('PWD'), /^257 "\/"/);
      assert.match(await ftp.send('RETR x'), /^502 /);
      assert.match(await ftp.send('LIST'), /^502 /);
      assert.match(await ftp.send('EPSV'), /^229 .*\(\|\|\|\d+\|\)/);
      assert.match(await ftp.send('QUIT'), /^221 /);
    } finally {
      ftp.close();
    }
    assert.deepEqual(files.store.listUploads('FS-EVIL'), []);
  });

  test('oversize uploads are refused over HTTP and FTP and leave nothing behind', { timeout: 10_000 }, async () => {
    const big = randomBytes(MAX_UPLOAD + 1024);
    await assert.rejects(
      upload(files.urls.httpUpload('FS-EVIL', evil.password), 'big.bin', big, { httpUploadMethod: 'PUT', timeoutMs: 5_000 }),
      /413|EPIPE|ECONNRESET|socket hang up/,
    );
    await assert.rejects(
      upload(files.urls.httpUpload('FS-EVIL', evil.password), 'big.bin', big, { timeoutMs: 5_000 }),
      /413|EPIPE|ECONNRESET|socket hang up/,
    );
    // Without Content-Length (chunked), the cap applies while streaming.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: files.httpPort,
          method: 'PUT',
          path: '/upload/FS-EVIL/chunked.bin',
          timeout: 5_000,
          headers: basic('FS-EVIL', evil.password),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (err) =>
        (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(413) : reject(err),
      );
      for (let i = 0; i < 10; i++) req.write(randomBytes(MAX_UPLOAD / 8));
      req.end();
    });
    assert.equal(chunked, 413);
    await assert.rejects(upload(files.urls.ftpUpload('FS-EVIL', evil.password), 'big.bin', big, { timeoutMs: 5_000 }), /552|426|FTP/);
    assert.deepEqual(files.store.listUploads('FS-EVIL'), []);
    const dir = join(files.store.uploadsDir, 'FS-EVIL');
    await eventually(() => readdirSync(dir).length === 0, 3_000, 'partial files removed');
  });
});
