/**
 * CSR checks and station certificates (white paper A02; OCTT TC_074 checks), the generated TLS
 * material kept across restarts, and the TLS startup flags.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCli } from '../../main/csms/config/cli.js';
import { checkCsr, issueStationCertificate } from '../../main/csms/security/csr.js';
import { loadTlsMaterial, type TlsMaterial } from '../../main/csms/security/tls-material.js';
import { rsaKeyAlgorithm, webcrypto, x509 } from '../../main/csms/security/x509.js';
import { createCsr } from '../../main/simulator/certificates.js';

async function rsaCsr(bits: number, commonName: string): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(rsaKeyAlgorithm(bits), true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${commonName}, O=Test CPO`,
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return csr.toString('pem');
}

let dataDir: string;
let material: TlsMaterial;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'csms-tls-unit-'));
  material = await loadTlsMaterial({ dataDir });
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('checkCsr', () => {
  test('an EC P-256 CSR (the simulator) verifies; CN and key size are read', () => {
    const checked = checkCsr(createCsr('CP-EC', 'CPO').csrPem);
    assert.ok(checked.ok);
    assert.deepEqual([checked.commonName, checked.keyType, checked.keyBits], ['CP-EC', 'ec', 256]);
  });

  test('RSA 2048 is accepted, RSA 1024 refused (key ≥ RSA 2048 / EC 224)', async () => {
    assert.equal(checkCsr(await rsaCsr(2048, 'CP-RSA')).ok, true);
    const weak = checkCsr(await rsaCsr(1024, 'CP-WEAK'));
    assert.equal(weak.ok, false);
    assert.match(!weak.ok ? weak.reason : '', /RSA 1024 bits; at least 2048/);
  });

  test('not PEM, not a CSR, no CN', async () => {
    for (const text of ['', 'hello', '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----'])
      assert.equal(checkCsr(text).ok, false, text);
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const noCn = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'O=Only an organisation',
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const checked = checkCsr(noCn.toString('pem'));
    assert.equal(checked.ok, false);
    assert.match(!checked.ok ? checked.reason : '', /no CN/);
  });
});

describe('issueStationCertificate', () => {
  test('subject and key from the CSR, SHA256withRSA by the CA, client authentication, chain = certificate + CA', async () => {
    const checked = checkCsr(await rsaCsr(2048, 'CP-ISSUED'));
    assert.ok(checked.ok);
    const issued = await issueStationCertificate(material.signer!, checked);
    const cert = new x509.X509Certificate(issued.certPem);
    assert.equal(cert.subject, 'CN=CP-ISSUED, O=Test CPO');
    assert.deepEqual(cert.signatureAlgorithm, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    assert.equal(Buffer.from(cert.publicKey.rawData).equals(Buffer.from(checked.csr.publicKey.rawData)), true);
    assert.ok(new X509Certificate(issued.certPem).verify(new X509Certificate(material.caPem).publicKey));
    assert.ok(issued.chainPem.endsWith(material.caPem.trim() + '\n'));
    assert.equal(issued.serialNumber.length, 32);
  });
});

describe('loadTlsMaterial', () => {
  test('generated once and kept: a second start reuses the CA and server certificates; keys are private files', async () => {
    const again = await loadTlsMaterial({ dataDir });
    assert.equal(again.caPem, material.caPem);
    assert.deepEqual(
      again.servers.map((s) => s.certPem),
      material.servers.map((s) => s.certPem),
    );
    if (process.platform !== 'win32') assert.equal(statSync(join(dataDir, 'tls', 'ca.key')).mode & 0o777, 0o600);
  });

  test('server certificates close to expiry are renewed, the CA is kept', async () => {
    const later = new Date(Date.now() + 5 * 365 * 86_400_000);
    const renewed = await loadTlsMaterial({ dataDir, now: later });
    assert.equal(renewed.caPem, material.caPem);
    assert.notEqual(renewed.servers[0]!.certPem, material.servers[0]!.certPem);
  });

  test("the operator's own server certificate and CA (without its key: nothing to sign with)", async () => {
    const dir = join(dataDir, 'tls');
    const own = await loadTlsMaterial({
      dataDir: mkdtempSync(join(tmpdir(), 'csms-tls-own-')),
      files: { certFiles: [join(dir, 'server-rsa.pem')], keyFiles: [join(dir, 'server-rsa.key')], caFile: join(dir, 'ca.pem') },
    });
    assert.equal(own.serverSource, 'operator');
    assert.equal(own.caSource, 'operator');
    assert.equal(own.servers.length, 1);
    assert.equal(own.signer, undefined);
    rmSync(own.directory, { recursive: true, force: true });
  });
});

describe('TLS flags', () => {
  test('--ocpp-tls-port is off by default; a port, off, and the certificate files', () => {
    assert.equal(parseCli([], {}).startup.ocppTlsPort, null);
    assert.equal(parseCli(['--ocpp-tls-port', '8443'], {}).startup.ocppTlsPort, 8443);
    assert.equal(parseCli([], { CSMS_OCPP_TLS_PORT: 'off' }).startup.ocppTlsPort, null);
    const cli = parseCli(['--ocpp-tls-port', '0', '--tls-cert', 'a.pem,b.pem', '--tls-key', 'a.key,b.key', '--tls-ca', 'ca.pem'], {});
    assert.deepEqual(cli.startup.tls, { certFiles: ['a.pem', 'b.pem'], keyFiles: ['a.key', 'b.key'], caFile: 'ca.pem', caKeyFile: undefined });
    assert.throws(() => parseCli(['--tls-cert', 'a.pem'], {}), /as many files/);
    assert.throws(() => parseCli(['--tls-ca-key', 'k.pem'], {}), /needs --tls-ca/);
  });
});
