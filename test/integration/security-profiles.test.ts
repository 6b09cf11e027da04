/**
 * Security profiles 2 and 3 over real sockets (OCTT security test cases, white paper §2): the wss listener with generated
 * certificates, the four TC_086 cipher suites, client certificates (TC_087), CSR signing (TC_074, TC_077),
 * security events (TC_078), per-station profile and its upgrade (TC_083), password change on profile 2 (TC_073).
 */
import assert from 'node:assert/strict';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { after, afterEach, before, describe, test } from 'node:test';
import { CentralSystem } from '../../main/csms/central-system.js';
import { createOperatorOperations, type OperatorOperations } from '../../main/csms/operations/index.js';
import { checkCsr, issueStationCertificate } from '../../main/csms/security/csr.js';
import { loadTlsMaterial } from '../../main/csms/security/tls-material.js';
import { createCsr } from '../../main/simulator/certificates.js';
import type { SimulatedChargePoint } from '../../main/simulator/index.js';
import type { CommissioningCheckResult } from '../../shared/api/index.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { ROOT_PEM } from '../support/certificates.js';
import { eventually, type Harness } from '../support/csms-harness.js';
import { aBootedStation, aStation, closeStations } from '../support/fixtures.js';

const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

let h: Harness;
let wssEndpoint: string;
let tlsPort: number;
let caPem: string;
let ops: OperatorOperations;
let api: ApiHarness;

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-security-'));
  const csms = await CentralSystem.start({
    startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: 0, ocppTlsPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: 'NORMAL' },
    overrides: { pingIntervalSec: 0, callTimeoutMs: 5_000 },
    logger: quietLogger,
  });
  const endpoint = `ws://127.0.0.1:${csms.ocppAddress.port}/ocpp`;
  h = {
    csms,
    dataDir,
    endpoint,
    url: (identity) => `${endpoint}/${encodeURIComponent(identity)}`,
    close: async () => {
      await csms.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  tlsPort = csms.ocppTlsAddress!.port;
  wssEndpoint = `wss://127.0.0.1:${tlsPort}/ocpp`;
  caPem = csms.tls!.material.caPem;
  ops = createOperatorOperations(csms);
  api = await startApi(h);
});
afterEach(() => closeStations());
after(async () => {
  await api.api.close();
  await h.close();
});

/** A station registered on `profile` with `password`, connecting over wss and trusting our CA. */
async function secureStation(identity: string, profile: number, options: Parameters<typeof aStation>[2] = {}): Promise<SimulatedChargePoint> {
  await h.csms.services.stations.upsert({
    id: identity,
    registrationStatus: 'Accepted',
    securityProfile: profile,
    ...(options.password ? { password: options.password } : {}),
  });
  return aStation(h, identity, { url: wssEndpoint, ca: caPem, ...options });
}

const lastRefusal = (identity: string) =>
  h.csms.db.prepare('SELECT reason, http_status AS status FROM refused_handshakes WHERE identity = ? ORDER BY id DESC LIMIT 1').get(identity) as
    { reason: string; status: number } | undefined;

/** A station certificate from our CA for a fresh P-256 key, as the CSR flow would give it. */
async function stationCertificate(commonName: string, ca = h.csms.tls!.material.signer!): Promise<{ cert: string; key: string }> {
  const { csrPem, privateKey } = createCsr(commonName, 'Test CPO');
  const checked = checkCsr(csrPem);
  assert.ok(checked.ok);
  const issued = await issueStationCertificate(ca, checked);
  return { cert: issued.chainPem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function tlsHandshake(options: { ciphers?: string; minVersion?: 'TLSv1.1' | 'TLSv1.2'; maxVersion?: 'TLSv1.1' | 'TLSv1.2' }): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port: tlsPort, ca: caPem, ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('Profile 2: the TLS server', () => {
  test('TC_086_CSMS generated certificates: local RSA CA, RSA 2048 and ECDSA P-256 server certificates, CN = host name, SANs', () => {
    const m = h.csms.tls!.material;
    assert.equal(m.serverSource, 'generated');
    const ca = new X509Certificate(m.caPem);
    assert.equal(ca.ca, true);
    assert.equal(ca.publicKey.asymmetricKeyType, 'rsa');
    const servers = m.servers.map((s) => new X509Certificate(s.certPem));
    assert.deepEqual(
      servers.map((c) => [
        c.publicKey.asymmetricKeyType,
        c.publicKey.asymmetricKeyDetails?.modulusLength ?? c.publicKey.asymmetricKeyDetails?.namedCurve,
      ]),
      [
        ['rsa', 2048],
        ['ec', 'prime256v1'],
      ],
    );
    for (const cert of servers) {
      assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey), 'signed by the CA');
      assert.match(cert.serialNumber, /^[0-9A-F]{32}$/i);
      assert.match(cert.subject, /^CN=.+/);
      assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
      assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    }
  });

  for (const [iana, openssl, keyType] of [
    ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ec'],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ec'],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'AES128-GCM-SHA256', 'rsa'],
    ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'AES256-GCM-SHA384', 'rsa'],
  ] as const) {
    test(`TC_086_CSMS a TLS 1.2 client offering only ${iana} gets it (${keyType.toUpperCase()} certificate)`, async () => {
      const socket = await tlsHandshake({ ciphers: openssl, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
      try {
        assert.equal(socket.getProtocol(), 'TLSv1.2');
        assert.equal(socket.getCipher().standardName, iana);
        assert.equal(socket.authorized, true, 'the server certificate verifies against the CA for 127.0.0.1');
        const peer = socket.getPeerX509Certificate()!;
        assert.equal(peer.publicKey.asymmetricKeyType, keyType);
      } finally {
        socket.destroy();
      }
    });
  }

  test('a TLS 1.1 client is refused (white paper §2.4: TLS 1.2 or above)', async () => {
    // SECLEVEL=0 lets the client offer TLS 1.1 at all; the server answers with a protocol_version alert (70).
    await assert.rejects(tlsHandshake({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }), /alert protocol version/);
  });

  test('TC_086_CSMS profile 2 station: Basic auth over wss, boots; plain ws refused; missing or wrong password refused', async () => {
    const password = 'profile-two-pass-01';
    const cp = await secureStation('SP2-A', 2, { password });
    await cp.connect();
    assert.equal((await cp.boot()).status, 'Accepted');
    await cp.close();

    const plain = await aStation(h, 'SP2-A', { password });
    await assert.rejects(plain.connect(), (err: { statusCode?: number }) => err.statusCode === 400);
    assert.deepEqual(lastRefusal('SP2-A'), { reason: 'security-profile-mismatch', status: 400 });

    const none = await aStation(h, 'SP2-A', { url: wssEndpoint, ca: caPem });
    await assert.rejects(none.connect(), (err: { statusCode?: number }) => err.statusCode === 401);
    assert.equal(lastRefusal('SP2-A')?.reason, 'auth-missing');
    const wrong = await aStation(h, 'SP2-A', { url: wssEndpoint, ca: caPem, password: 'not-the-password-1' });
    await assert.rejects(wrong.connect(), (err: { statusCode?: number }) => err.statusCode === 401);
    assert.equal(lastRefusal('SP2-A')?.reason, 'auth-invalid');
  });

  test('TC_073_CSMS on profile 2: after AuthorizationKey the new password works; wrong, missing and old are refused', async () => {
    const oldPassword = 'old-password-sp2-01';
    const cp = await secureStation('TC073-SP2', 2, { password: oldPassword });
    await cp.connect();
    await cp.boot();
    const newPassword = Buffer.from('new-password-sp2-02', 'utf8');
    const outcome = await ops.send('TC073-SP2', 'ChangeConfiguration', { key: 'AuthorizationKey', value: newPassword.toString('hex') });
    assert.equal(outcome.kind === 'result' && outcome.payload.status, 'Accepted');
    await cp.close();
    for (const [password, reason] of [
      [oldPassword, 'auth-invalid'],
      ['wrong-password-0001', 'auth-invalid'],
      [undefined, 'auth-missing'],
    ] as const) {
      const attempt = await aStation(h, 'TC073-SP2', { url: wssEndpoint, ca: caPem, ...(password ? { password } : {}) });
      await assert.rejects(attempt.connect(), (err: { statusCode?: number }) => err.statusCode === 401, `${password ?? 'no password'} refused`);
      assert.equal(lastRefusal('TC073-SP2')?.reason, reason);
    }
    const withNew = await aStation(h, 'TC073-SP2', { url: wssEndpoint, ca: caPem, password: newPassword });
    await withNew.connect();
    assert.equal((await withNew.boot()).status, 'Accepted');
  });
});

describe('Profile 3: client certificates', () => {
  test('TC_087_CSMS a certificate from our CA with CN = identity is accepted without Basic auth', async () => {
    const { cert, key } = await stationCertificate('SP3-A');
    const cp = await secureStation('SP3-A', 3, { cert, key });
    await cp.connect();
    assert.equal((await cp.boot()).status, 'Accepted');
  });

  test("a commissioning run's connection check shows the URL, subprotocol, TLS version and both certificates", async () => {
    const { cert, key } = await stationCertificate('SP3-COMM');
    const cp = await secureStation('SP3-COMM', 3, { cert, key });
    await cp.connect();
    await cp.boot();
    const plain = await aBootedStation(h, 'SP1-COMM');
    const connectionValues = async (identity: string) => {
      const started = await api.client.startCommissioningRun(identity, { checks: ['connection'] });
      let check: CommissioningCheckResult | undefined;
      await eventually(async () => {
        const run = await api.client.getCommissioningRun(identity, started.id);
        check = run.checks[0];
        return run.status !== 'running';
      });
      assert.equal(check?.status, 'passed', check?.summary);
      return check.values as Record<string, unknown> & { tls: Record<string, unknown> | null };
    };
    const secure = await connectionValues('SP3-COMM');
    assert.equal(secure.url, `wss://127.0.0.1:${tlsPort}/ocpp/SP3-COMM`);
    assert.equal(secure.subprotocol, 'ocpp1.6');
    assert.equal(secure.securityProfile, 3);
    assert.match(String(secure.tls?.protocol), /^TLSv1\.[23]$/);
    assert.equal(typeof secure.tls?.cipher, 'string');
    const server = secure.tls?.serverCertificate as { subject: string; validTo: string; fingerprint256: string };
    assert.match(server.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(Number.isFinite(Date.parse(server.validTo)), server.validTo);
    assert.deepEqual(
      { ...(secure.tls?.clientCertificate as object), fingerprint256: undefined },
      { commonName: 'SP3-COMM', authorized: true, authorizationError: null, fingerprint256: undefined },
    );
    const unsecured = await connectionValues(plain.identity);
    assert.equal(unsecured.url, `${h.endpoint}/SP1-COMM`);
    assert.equal(unsecured.subprotocol, 'ocpp1.6');
    assert.equal(unsecured.tls, null);
  });

  test('profile 3 refusals are recorded with their reason: no certificate, another CA, another CN, plain ws', async () => {
    await h.csms.services.stations.upsert({ id: 'SP3-B', registrationStatus: 'Accepted', securityProfile: 3 });
    const none = await aStation(h, 'SP3-B', { url: wssEndpoint, ca: caPem, password: 'basic-is-not-enough' });
    await assert.rejects(none.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
    assert.deepEqual(lastRefusal('SP3-B'), { reason: 'client-certificate-missing', status: 403 });

    const otherDir = mkdtempSync(join(tmpdir(), 'csms-other-ca-'));
    try {
      const otherCa = (await loadTlsMaterial({ dataDir: otherDir })).signer!;
      const foreign = await stationCertificate('SP3-B', otherCa);
      const untrusted = await aStation(h, 'SP3-B', { url: wssEndpoint, ca: caPem, ...foreign });
      await assert.rejects(untrusted.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
      assert.equal(lastRefusal('SP3-B')?.reason, 'client-certificate-invalid');
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }

    const otherName = await stationCertificate('SOMEONE-ELSE');
    const mismatch = await aStation(h, 'SP3-B', { url: wssEndpoint, ca: caPem, ...otherName });
    await assert.rejects(mismatch.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
    assert.equal(lastRefusal('SP3-B')?.reason, 'client-certificate-identity-mismatch');

    const plain = await aStation(h, 'SP3-B');
    await assert.rejects(plain.connect(), (err: { statusCode?: number }) => err.statusCode === 400);
    assert.equal(lastRefusal('SP3-B')?.reason, 'security-profile-mismatch');
  });
});

describe('CSR signing and the profile upgrade', () => {
  test('TC_074_CSMS + TC_083_CSMS (2 → 3): trigger, sign, CertificateSigned after the reply, reconnect with the certificate, old profile refused', async () => {
    const password = 'tc074-password-0001';
    const cp = await secureStation('TC074', 2, { password });
    await cp.connect();
    await cp.boot();

    const signed = cp.waitForCall('CertificateSigned');
    const trigger = await ops.send('TC074', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
    assert.equal(trigger.kind === 'result' && trigger.payload.status, 'Accepted');
    const chain = String((await signed).payload.certificateChain);

    // The chain OCTT 2025-11 checks: valid PEM, the CSR's key, SHA256withRSA, CN = identity, our CA.
    const [leafPem, caInChain] = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)!;
    const leaf = new X509Certificate(leafPem);
    assert.equal(new X509Certificate(caInChain!).fingerprint256, new X509Certificate(caPem).fingerprint256);
    assert.ok(leaf.verify(new X509Certificate(caPem).publicKey));
    assert.match(leaf.subject, /CN=TC074/);
    const csrKey = createPublicKey(cp.state.chargePointPrivateKeyPem!).export({ type: 'spki', format: 'der' });
    assert.deepEqual(leaf.publicKey.export({ type: 'spki', format: 'der' }), csrKey);
    assert.ok(chain.length <= 10_000);
    assert.ok(leaf.raw.includes(Buffer.from('2a864886f70d01010b', 'hex')), 'sha256WithRSAEncryption');

    // The SignCertificate reply left before the CertificateSigned CALL (replies leave after COMMIT).
    const log = h.csms.repos.messageLog
      .query({ chargePointId: 'TC074', afterId: 0, limit: 10_000 })
      .filter((r) => r.action === 'SignCertificate' || r.action === 'CertificateSigned')
      .map((r) => ({ direction: r.direction, type: r.message_type, action: r.action }));
    const at = (action: string, direction: string, type: number) =>
      log.findIndex((r) => r.action === action && r.direction === direction && r.type === type);
    assert.ok(at('SignCertificate', 'out', 3) >= 0 && at('SignCertificate', 'out', 3) < at('CertificateSigned', 'out', 2), JSON.stringify(log));

    await eventually(
      () => h.csms.repos.installedCertificates.list('TC074').some((c) => c.status === 'CertificateSigned Accepted'),
      5_000,
      'outcome recorded',
    );

    // TC_083: SecurityProfile 3 accepted, hard reset, the station comes back with its certificate.
    const change = await ops.send('TC074', 'ChangeConfiguration', { key: 'SecurityProfile', value: '3' });
    assert.equal(change.kind === 'result' && change.payload.status, 'Accepted');
    const rebooted = cp.waitForCall('Reset');
    await ops.send('TC074', 'Reset', { type: 'Hard' });
    await rebooted;
    await eventually(() => h.csms.repos.chargePoints.get('TC074')!.security_profile === 3, 10_000, 'profile raised to 3');
    await eventually(() => h.csms.connectedIds().includes('TC074'), 5_000, 'reconnected');

    const oldProfile = await aStation(h, 'TC074', { url: wssEndpoint, ca: caPem, password });
    await assert.rejects(oldProfile.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
    assert.equal(lastRefusal('TC074')?.reason, 'client-certificate-missing');
  });

  test('TC_083_CSMS (1 → 2): raised after the station reconnects over wss; plain ws refused from then on', async () => {
    const password = 'tc083-password-0001';
    await h.csms.services.stations.upsert({ id: 'TC083', registrationStatus: 'Accepted', password });
    const cp = await aBootedStation(h, 'TC083', { password, secureUrl: wssEndpoint, ca: caPem });
    const change = await ops.send('TC083', 'ChangeConfiguration', { key: 'SecurityProfile', value: '2' });
    assert.equal(change.kind === 'result' && change.payload.status, 'Accepted');
    assert.equal(h.csms.repos.chargePoints.get('TC083')!.security_profile, 1, 'not raised before the station uses it');
    const reset = await ops.send('TC083', 'Reset', { type: 'Hard' });
    assert.equal(reset.kind === 'result' && reset.payload.status, 'Accepted');
    await eventually(() => h.csms.repos.chargePoints.get('TC083')!.security_profile === 2, 10_000, 'profile raised to 2');
    assert.ok(cp.endpoint.startsWith('wss://'));

    const oldProfile = await aStation(h, 'TC083', { password });
    await assert.rejects(oldProfile.connect(), (err: { statusCode?: number }) => err.statusCode === 400);
    assert.equal(lastRefusal('TC083')?.reason, 'security-profile-mismatch');
  });

  test('A00.FR.005: lowering the security profile over OCPP is refused before anything is sent', async () => {
    const cp = await secureStation('LOWER', 2, { password: 'lower-password-0001' });
    await cp.connect();
    await cp.boot();
    await assert.rejects(
      ops.send('LOWER', 'ChangeConfiguration', { key: 'SecurityProfile', value: '1' }),
      (err: { code?: string }) => err.code === 'CSMS_ERR_NOT_ALLOWED',
    );
    const answer = await api.fetch('/api/charge-points/LOWER/calls/ChangeConfiguration', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'SecurityProfile', value: '0' }),
    });
    assert.equal(answer.status, 409);
    assert.equal(h.csms.repos.chargePoints.get('LOWER')!.security_profile, 2);
  });

  test('TC_077_CSMS the station rejects the signed certificate and reports InvalidChargePointCertificate', async () => {
    const cp = await secureStation('TC077', 2, { password: 'tc077-password-0001' });
    await cp.connect();
    await cp.boot();
    cp.answerOnce('CertificateSigned', { status: 'Rejected' });
    const signed = cp.waitForCall('CertificateSigned');
    await ops.send('TC077', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
    await signed;
    assert.deepEqual(await cp.securityEventNotification('InvalidChargePointCertificate', 'rejected by test'), {});
    await eventually(
      () => h.csms.repos.installedCertificates.list('TC077').some((c) => c.status === 'CertificateSigned Rejected'),
      5_000,
      'Rejected recorded',
    );
    const events = h.csms.db.prepare("SELECT type FROM security_events WHERE charge_point_id = 'TC077'").all() as { type: string }[];
    assert.deepEqual(events, [{ type: 'InvalidChargePointCertificate' }]);
  });

  test('SignCertificate with a CSR whose signature does not verify is Rejected, with the reason recorded', async () => {
    const cp = await secureStation('BADCSR', 2, { password: 'badcsr-password-001' });
    await cp.connect();
    await cp.boot();
    const { csrPem } = createCsr('BADCSR');
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const insideSignature = der.length - 5;
    der.writeUInt8(der.readUInt8(insideSignature) ^ 0xff, insideSignature);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    assert.deepEqual(await cp.call('SignCertificate', { csr: tampered }), { status: 'Rejected' });
    const record = h.csms.repos.installedCertificates.list('BADCSR').find((c) => c.certificateType === 'ChargePointCertificate')!;
    assert.equal(record.status, 'SignCertificate Rejected');
    assert.match(String(record.hashData[0]!.reason), /signature does not verify/);
  });

  test('TC_078_CSMS InstallCertificate rejected, SecurityEventNotification InvalidCentralSystemCertificate answered and stored', async () => {
    const cp = await secureStation('TC078', 2, { password: 'tc078-password-0001' });
    await cp.connect();
    await cp.boot();
    cp.answerOnce('InstallCertificate', { status: 'Rejected' });
    const outcome = await ops.send('TC078', 'InstallCertificate', { certificateType: 'CentralSystemRootCertificate', certificate: ROOT_PEM });
    assert.equal(outcome.kind === 'result' && outcome.payload.status, 'Rejected');
    assert.deepEqual(await cp.securityEventNotification('InvalidCentralSystemCertificate'), {});
    const events = h.csms.db.prepare("SELECT type FROM security_events WHERE charge_point_id = 'TC078'").all() as { type: string }[];
    assert.deepEqual(events, [{ type: 'InvalidCentralSystemCertificate' }]);
  });
});

describe('Station certificates that identify the station', () => {
  const SERIAL_CN = 'S/N0123456789';
  const csrOutcome = (identity: string) =>
    h.csms.repos.installedCertificates.list(identity).find((c) => c.certificateType === 'ChargePointCertificate');
  const sentCalls = (identity: string, action: string) =>
    h.csms.repos.messageLog.query({ chargePointId: identity, action, direction: 'out', limit: 10_000 }).filter((r) => r.message_type === 2).length;

  test('a CSR whose CN is the serial number is Rejected with the reason and a security event; profile 3 is refused; the handshake agrees', async () => {
    const cp = await secureStation('CSR-SN', 2, { password: 'csr-sn-password-001', certificateCommonName: SERIAL_CN });
    await cp.connect();
    await cp.boot();
    const answered = cp.waitForCall('ExtendedTriggerMessage');
    await api.client.call('CSR-SN', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
    await answered;
    await eventually(() => csrOutcome('CSR-SN')?.status === 'SignCertificate Rejected', 5_000, 'CSR refused');
    assert.match(String(csrOutcome('CSR-SN')!.hashData[0]!.reason), /CSR subject CN "S\/N0123456789" is not the charge point identity "CSR-SN"/);
    // The answer's row may be committed a batch after the outcome (it is before the answer left: the station has it).
    const signAnswer = () => h.csms.repos.messageLog.query({ chargePointId: 'CSR-SN', action: 'SignCertificate' }).find((r) => r.message_type === 3);
    await eventually(() => signAnswer() !== undefined, 5_000, 'the SignCertificate answer is logged');
    assert.match(signAnswer()!.frame, /"status":"Rejected"/);
    assert.equal(sentCalls('CSR-SN', 'CertificateSigned'), 0, 'nothing signed');
    const events = await api.client.securityEvents('CSR-SN');
    assert.deepEqual(
      events.items.map((e) => [e.type, e.source]),
      [['CsrSubjectNotChargePoint', 'csms']],
    );
    assert.match(events.items[0]!.techInfo!, /not the charge point identity/);
    // Across stations: the refusals the central system raised (the console's alerts), and only from `since` on.
    const refused = await api.client.listSecurityEvents({ source: 'csms' });
    assert.deepEqual(
      refused.items.filter((e) => e.chargePointId === 'CSR-SN').map((e) => e.type),
      ['CsrSubjectNotChargePoint'],
    );
    assert.ok(refused.items.every((e) => e.source === 'csms'));
    assert.ok((await api.client.listSecurityEvents({ source: 'station' })).items.every((e) => e.source === 'station'));
    const later = new Date(Date.parse(events.items[0]!.receivedAt) + 1).toISOString();
    assert.ok((await api.client.listSecurityEvents({ source: 'csms', since: later })).items.every((e) => e.chargePointId !== 'CSR-SN'));
    await assert.rejects(api.client.listSecurityEvents({ source: 'vendor' as 'csms' }), (err: { status?: number }) => err.status === 400);

    // Raising it to profile 3 would strand it: refused before anything is sent, with the reason.
    const settings = await api.client.stationSecuritySettings('CSR-SN');
    assert.equal(settings.profile3Ready, false);
    assert.match(settings.profile3Reason, /SignCertificate Rejected/);
    const raise = await api.fetch('/api/charge-points/CSR-SN/calls/ChangeConfiguration', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'SecurityProfile', value: '3' }),
    });
    assert.equal(raise.status, 409);
    const body = (await raise.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'API_ERR_NOT_ALLOWED');
    assert.match(
      body.error.message,
      /Not raising CSR-SN to security profile 3: the station's last certificate outcome is "SignCertificate Rejected"/,
    );
    assert.equal(sentCalls('CSR-SN', 'ChangeConfiguration'), 0);

    // The handshake applies the same rule: a certificate from our CA with that CN does not identify CSR-SN.
    await h.csms.services.stations.upsert({ id: 'CSR-SN', securityProfile: 3 });
    const serialCert = await stationCertificate(SERIAL_CN);
    const attempt = await aStation(h, 'CSR-SN', { url: wssEndpoint, ca: caPem, ...serialCert });
    await assert.rejects(attempt.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
    assert.equal(lastRefusal('CSR-SN')?.reason, 'client-certificate-identity-mismatch');
  });

  test("with the operator's allowance the CSR is signed, its CN then identifies that station (and no other) in the profile-3 handshake", async () => {
    const cn = 'S/N0987654321';
    const cp = await secureStation('CSR-MAP', 2, { password: 'csr-map-password-01', certificateCommonName: cn });
    await cp.connect();
    await cp.boot();
    // Before any certificate: profile 3 refused with the reason.
    await assert.rejects(
      ops.send('CSR-MAP', 'ChangeConfiguration', { key: 'SecurityProfile', value: '3' }),
      (err: Error & { code?: string }) => err.code === 'CSMS_ERR_NOT_ALLOWED' && /no station certificate signed/.test(err.message),
    );

    const allowed = await api.client.putStationSecuritySettings('CSR-MAP', { allowForeignCertificateCn: true });
    assert.equal(allowed.allowForeignCertificateCn, true);
    const signed = cp.waitForCall('CertificateSigned');
    await ops.send('CSR-MAP', 'ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' });
    const leaf = new X509Certificate(
      String((await signed).payload.certificateChain).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)![0],
    );
    assert.match(leaf.subject, /CN=S\/N0987654321/);
    await eventually(() => csrOutcome('CSR-MAP')?.status === 'CertificateSigned Accepted', 5_000, 'installed');
    const settings = await api.client.stationSecuritySettings('CSR-MAP');
    assert.equal(settings.certificateCn, cn);
    assert.equal(settings.profile3Ready, true, settings.profile3Reason);
    assert.equal((await api.client.securityEvents('CSR-MAP')).items.length, 0);

    // Now profile 3 may be asked for; after the reset the station connects with that certificate and is held to 3.
    const change = await ops.send('CSR-MAP', 'ChangeConfiguration', { key: 'SecurityProfile', value: '3' });
    assert.equal(change.kind === 'result' && change.payload.status, 'Accepted');
    const rebooted = cp.waitForCall('Reset');
    await ops.send('CSR-MAP', 'Reset', { type: 'Hard' });
    await rebooted;
    await eventually(() => h.csms.repos.chargePoints.get('CSR-MAP')!.security_profile === 3, 10_000, 'profile raised to 3');
    await eventually(() => h.csms.connectedIds().includes('CSR-MAP'), 5_000, 'reconnected with the certificate');

    // The same CN identifies no other station.
    const key = cp.state.chargePointPrivateKeyPem!;
    await h.csms.services.stations.upsert({ id: 'CSR-OTHER', registrationStatus: 'Accepted', securityProfile: 3 });
    const thief = await aStation(h, 'CSR-OTHER', { url: wssEndpoint, ca: caPem, cert: cp.state.chargePointCertificate!, key });
    await assert.rejects(thief.connect(), (err: { statusCode?: number }) => err.statusCode === 403);
    assert.equal(lastRefusal('CSR-OTHER')?.reason, 'client-certificate-identity-mismatch');
  });

  test('even with the allowance, a CSR naming another station (its identity or its certificate CN) is refused', async () => {
    await h.csms.services.stations.upsert({ id: 'CSR-VICTIM', registrationStatus: 'Accepted' });
    const cp = await secureStation('CSR-GREEDY', 2, { password: 'csr-greedy-pass-01' });
    await cp.connect();
    await cp.boot();
    await api.client.putStationSecuritySettings('CSR-GREEDY', { allowForeignCertificateCn: true });
    for (const [cn, why] of [
      ['CSR-VICTIM', /is the identity of another station/],
      ['S/N0987654321', /already identifies station CSR-MAP/],
    ] as const) {
      const { csrPem } = createCsr(cn);
      assert.deepEqual(await cp.call('SignCertificate', { csr: csrPem }), { status: 'Rejected' });
      assert.match(String(csrOutcome('CSR-GREEDY')!.hashData[0]!.reason), why);
    }
    assert.equal(sentCalls('CSR-GREEDY', 'CertificateSigned'), 0);
    assert.deepEqual(
      (await api.client.securityEvents('CSR-GREEDY')).items.map((e) => e.type),
      ['CsrSubjectNotChargePoint', 'CsrSubjectNotChargePoint'],
    );
  });
});

describe('Operator API', () => {
  test('GET /api/security/tls and /api/security/ca.pem', async () => {
    const info = await api.client.tlsInfo();
    assert.equal(info.enabled, true);
    assert.equal(info.port, tlsPort);
    assert.equal(info.serverCertificates, 'generated');
    assert.equal(info.canSignStationCertificates, true);
    assert.deepEqual(
      info.certificates.map((c) => [c.role, c.keyType]),
      [
        ['ca', 'RSA'],
        ['server', 'RSA'],
        ['server', 'EC prime256v1'],
      ],
    );
    for (const suite of [
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_256_GCM_SHA384',
    ])
      assert.ok(info.cipherSuites.includes(suite), suite);
    assert.equal((await api.client.caCertificatePem()).trim(), caPem.trim());
  });
});
