/**
 * The certificates of the wss listener (security profiles 2 and 3) and the CA that signs station certificates.
 *
 * Either the operator's own files (`--tls-cert`, `--tls-key`, `--tls-ca`, `--tls-ca-key`) or, by default, a local
 * CA generated on first run and kept in `<data folder>/tls/`: an RSA CA (station certificates must be signed
 * SHA256withRSA, white paper §1.3.4 / TC_074), an RSA 2048 server certificate and an ECDSA P-256 server
 * certificate, both signed by that CA. Both server keys are served on one listener so all four cipher suites
 * TC_086 requires can be negotiated (the ECDHE_ECDSA suites need an EC key, the TLS_RSA suites an RSA key).
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { ECDSA_P256, RSA_SHA256, privateKeyPem, randomSerialHex, rsaKeyAlgorithm, webcrypto, x509, type CryptoKey } from './x509.js';

/** Operator-provided PEM files; any left out is generated (server identity) or the local CA (trust, signing). */
export interface TlsFileOptions {
  /** Server certificate files (a chain each); one per key, e.g. an RSA and an ECDSA one. */
  certFiles?: readonly string[];
  keyFiles?: readonly string[];
  /** CA certificate that station client certificates must chain to (profile 3), offered for download. */
  caFile?: string;
  /** The CA's private key, to sign station CSRs (SignCertificate); without it CSRs are Rejected. */
  caKeyFile?: string;
}

interface ServerIdentity {
  certPem: string;
  keyPem: string;
}

export interface SigningCa {
  certPem: string;
  key: CryptoKey;
  algorithm: typeof RSA_SHA256 | typeof ECDSA_P256;
}

export interface TlsMaterial {
  /** Whether the server certificates are the operator's or generated here. */
  serverSource: 'generated' | 'operator';
  /** Whether the CA is the operator's or the local one. */
  caSource: 'generated' | 'operator';
  /** Where the generated files live. */
  directory: string;
  servers: ServerIdentity[];
  /** Trust anchor for station client certificates (profile 3) and the certificate stations install. */
  caPem: string;
  /** Signs station CSRs; absent when the operator gave a CA without its key. */
  signer?: SigningCa;
}

const CA_VALIDITY_DAYS = 20 * 365;
const SERVER_VALIDITY_DAYS = 5 * 365;
/** Generated server certificates are renewed at start when they expire within this many days. */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;
const CA_KEY_BITS = 3072;
const SERVER_RSA_KEY_BITS = 2048;

const FILES = {
  caCert: 'ca.pem',
  caKey: 'ca.key',
  rsaCert: 'server-rsa.pem',
  rsaKey: 'server-rsa.key',
  ecCert: 'server-ecdsa.pem',
  ecKey: 'server-ecdsa.key',
} as const;

/** The names this PC answers to: the server certificates' subjectAltName (CN = host name, TC_086). */
function serverNames(extraHosts: readonly string[] = []): { commonName: string; dns: string[]; ips: string[] } {
  const commonName = hostname() || 'localhost';
  const dns = new Set([commonName, 'localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) if (!a.internal) ips.add(a.address.split('%')[0]!);
  for (const host of extraHosts) (/^[\d.]+$|:/.test(host) ? ips : dns).add(host);
  return { commonName, dns: [...dns], ips: [...ips] };
}

function writePrivate(file: string, pem: string): void {
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function expiresSoon(certPem: string, now: Date): boolean {
  return new Date(new X509Certificate(certPem).validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS;
}

async function createLocalCa(now: Date): Promise<{ certPem: string; key: CryptoKey; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(rsaKeyAlgorithm(CA_KEY_BITS), true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: [{ CN: [`OCPP Operator Console local CA (${hostname() || 'localhost'})`] }, { O: ['OCPP Operator Console'] }],
    notBefore: now,
    notAfter: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: RSA_SHA256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), key: keys.privateKey, keyPem: await privateKeyPem(keys.privateKey) };
}

async function createServerCertificate(
  ca: { certPem: string; key: CryptoKey },
  kind: 'rsa' | 'ecdsa',
  names: ReturnType<typeof serverNames>,
  now: Date,
): Promise<ServerIdentity> {
  const algorithm = kind === 'rsa' ? rsaKeyAlgorithm(SERVER_RSA_KEY_BITS) : ECDSA_P256;
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const caCert = new x509.X509Certificate(ca.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialHex(),
    subject: [{ CN: [names.commonName] }],
    issuer: caCert.subjectName,
    notBefore: now,
    notAfter: new Date(now.getTime() + SERVER_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: RSA_SHA256,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        kind === 'rsa' ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** A private key file in any PEM form (PKCS#8, PKCS#1, SEC1) as a WebCrypto signing key. */
async function importSigningKey(pem: string, certPem: string): Promise<SigningCa> {
  const keyObject = createPrivateKey(pem);
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  if (keyObject.asymmetricKeyType === 'rsa') {
    const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { certPem, key, algorithm: RSA_SHA256 };
  }
  if (keyObject.asymmetricKeyType === 'ec') {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256';
    const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve }, false, ['sign']);
    return { certPem, key, algorithm: ECDSA_P256 };
  }
  throw new Error(`CA key type ${keyObject.asymmetricKeyType} cannot sign station certificates (RSA or EC needed)`);
}

const read = (file: string) => readFileSync(file, 'utf8');

/**
 * Load the TLS material, generating (and storing) what the operator did not provide. Generated server
 * certificates close to expiry are renewed; the local CA is kept, so stations that trust it keep working.
 */
export async function loadTlsMaterial(options: {
  dataDir: string;
  files?: TlsFileOptions;
  extraHosts?: readonly string[];
  now?: Date;
}): Promise<TlsMaterial> {
  const files = options.files ?? {};
  const now = options.now ?? new Date();
  const directory = join(options.dataDir, 'tls');
  const operatorServer = (files.certFiles?.length ?? 0) > 0;
  if (operatorServer && files.certFiles!.length !== (files.keyFiles?.length ?? 0))
    throw new Error('--tls-cert and --tls-key must name as many files each (one key per certificate)');
  if (!operatorServer && (files.keyFiles?.length ?? 0) > 0) throw new Error('--tls-key needs --tls-cert');
  if (files.caKeyFile && !files.caFile) throw new Error('--tls-ca-key needs --tls-ca');

  let caPem: string;
  let signer: SigningCa | undefined;
  let localCa: { certPem: string; key: CryptoKey } | undefined;
  if (files.caFile) {
    caPem = read(files.caFile);
    if (files.caKeyFile) signer = await importSigningKey(read(files.caKeyFile), caPem);
  }
  // The local CA is needed when it is the trust anchor or when it signs generated server certificates.
  if (!files.caFile || !operatorServer) {
    mkdirSync(directory, { recursive: true });
    const caCertFile = join(directory, FILES.caCert);
    const caKeyFile = join(directory, FILES.caKey);
    if (existsSync(caCertFile) && existsSync(caKeyFile)) {
      localCa = await importSigningKey(read(caKeyFile), read(caCertFile));
    } else {
      const created = await createLocalCa(now);
      writePrivate(caKeyFile, created.keyPem);
      writeFileSync(caCertFile, created.certPem);
      localCa = created;
    }
    if (!files.caFile) {
      caPem = localCa.certPem;
      signer = { certPem: localCa.certPem, key: localCa.key, algorithm: RSA_SHA256 };
    }
  }

  let servers: ServerIdentity[];
  if (operatorServer) {
    servers = files.certFiles!.map((certFile, i) => ({ certPem: read(certFile), keyPem: read(files.keyFiles![i]!) }));
  } else {
    const names = serverNames(options.extraHosts);
    servers = [];
    for (const [kind, certName, keyName] of [
      ['rsa', FILES.rsaCert, FILES.rsaKey],
      ['ecdsa', FILES.ecCert, FILES.ecKey],
    ] as const) {
      const certFile = join(directory, certName);
      const keyFile = join(directory, keyName);
      if (existsSync(certFile) && existsSync(keyFile) && !expiresSoon(read(certFile), now) && issuedBy(read(certFile), localCa!.certPem)) {
        servers.push({ certPem: read(certFile), keyPem: read(keyFile) });
        continue;
      }
      const created = await createServerCertificate(localCa!, kind, names, now);
      writePrivate(keyFile, created.keyPem);
      writeFileSync(certFile, created.certPem);
      servers.push(created);
    }
  }
  return {
    serverSource: operatorServer ? 'operator' : 'generated',
    caSource: files.caFile ? 'operator' : 'generated',
    directory,
    servers,
    caPem: caPem!,
    signer,
  };
}

function issuedBy(certPem: string, caPem: string): boolean {
  try {
    return new X509Certificate(certPem).checkIssued(new X509Certificate(caPem));
  } catch {
    return false;
  }
}
