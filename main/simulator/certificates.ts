/**
 * Certificate helpers of the simulated station (security whitepaper): the installed-certificate store with
 * CertificateHashData computed from the PEM, and a real PKCS#10 CSR for SignCertificate. Only node:crypto and
 * a minimal DER reader/writer; no dependency.
 */
import { X509Certificate, createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { CertificateHashData, HashAlgorithm } from '../../shared/ocpp/messages/common.js';
import type { CertificateUse } from '../../shared/ocpp/messages/security.js';

export type { CertificateHashData };

export interface InstalledCertificate {
  certificateType: CertificateUse;
  pem: string;
  hash: CertificateHashData;
}

// ----------------------------------------------------------------------------------------------------------------
// Minimal DER reader
// ----------------------------------------------------------------------------------------------------------------

interface DerNode {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the content. */
  contentStart: number;
  /** Offset after the content. */
  end: number;
}

function readNode(buf: Buffer, offset: number): DerNode {
  const tag = buf[offset];
  let len = buf[offset + 1];
  let pos = offset + 2;
  if (len === undefined || tag === undefined) throw new Error('Truncated DER');
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('Unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) {
      const byte = buf[pos + i];
      if (byte === undefined) throw new Error('Truncated DER');
      len = len * 256 + byte;
    }
    pos += n;
  }
  if (pos + len > buf.length) throw new Error('Truncated DER');
  return { tag, start: offset, contentStart: pos, end: pos + len };
}

function children(buf: Buffer, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    const child = readNode(buf, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

interface CertificateParts {
  serialHex: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** The subjectPublicKey BIT STRING content without the unused-bits byte. */
  publicKeyBits: Buffer;
}

function certificateParts(der: Buffer): CertificateParts {
  const cert = readNode(der, 0);
  const [tbs] = children(der, cert);
  if (!tbs) throw new Error('Not a certificate');
  const fields = children(der, tbs);
  let i = 0;
  if (fields[0]?.tag === 0xa0) i = 1; // [0] EXPLICIT version
  const serial = fields[i];
  const issuer = fields[i + 2];
  const subject = fields[i + 4];
  const spki = fields[i + 5];
  if (!serial || !issuer || !subject || !spki) throw new Error('Malformed certificate');
  const [, bitString] = children(der, spki);
  if (!bitString) throw new Error('Malformed public key');
  let serialBytes = der.subarray(serial.contentStart, serial.end);
  // Drop the sign-padding byte of the INTEGER.
  while (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.subarray(1);
  return {
    serialHex: serialBytes.toString('hex'),
    issuerDer: der.subarray(issuer.start, issuer.end),
    subjectDer: der.subarray(subject.start, subject.end),
    publicKeyBits: der.subarray(bitString.contentStart + 1, bitString.end),
  };
}

const NODE_HASH: Record<HashAlgorithm, string> = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

/** All PEM certificate blocks of a text (a chain gives several). */
function splitPemChain(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * CertificateHashData of a PEM certificate (OCSP CertID style): hash of the issuer's DN DER, hash of the issuer's
 * public key, serial number in hex. The issuer's key is taken from `issuerPem` if given, else the certificate is
 * treated as self-signed (root certificates, the ones a station installs).
 */
export function certificateHashData(pem: string, hashAlgorithm: HashAlgorithm = 'SHA256', issuerPem?: string): CertificateHashData {
  const x509 = new X509Certificate(pem);
  const parts = certificateParts(x509.raw);
  const issuerKey = issuerPem ? certificateParts(new X509Certificate(issuerPem).raw).publicKeyBits : parts.publicKeyBits;
  const h = (data: Buffer) => createHash(NODE_HASH[hashAlgorithm]).update(data).digest('hex');
  return {
    hashAlgorithm,
    issuerNameHash: h(parts.issuerDer),
    issuerKeyHash: h(issuerKey),
    serialNumber: parts.serialHex.slice(0, 40),
  };
}

export function sameHashData(a: CertificateHashData, b: CertificateHashData): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.issuerNameHash.toLowerCase() === b.issuerNameHash.toLowerCase() &&
    a.issuerKeyHash.toLowerCase() === b.issuerKeyHash.toLowerCase() &&
    a.serialNumber.toLowerCase().replace(/^0+/, '') === b.serialNumber.toLowerCase().replace(/^0+/, '')
  );
}

/** Parse-check a PEM certificate (chain): returns the X509 objects or throws. */
export function parseCertificateChain(pem: string): X509Certificate[] {
  const blocks = splitPemChain(pem);
  if (blocks.length === 0) throw new Error('No PEM certificate');
  return blocks.map((b) => new X509Certificate(b));
}

// ----------------------------------------------------------------------------------------------------------------
// Minimal DER writer and PKCS#10 CSR
// ----------------------------------------------------------------------------------------------------------------

function derLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  while (len > 0) {
    bytes.unshift(len & 0xff);
    len >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [first * 40 + second];
  for (const p of rest) {
    const stack: number[] = [p & 0x7f];
    let v = p >>> 7;
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(...stack);
  }
  return der(0x06, Buffer.from(bytes));
}

function rdn(attrOid: string, value: string): Buffer {
  return der(0x31, der(0x30, oid(attrOid), der(0x0c, Buffer.from(value, 'utf8'))));
}

export interface CsrResult {
  csrPem: string;
  privateKey: KeyObject;
}

/**
 * A PKCS#10 certificate signing request with a fresh P-256 key: subject CN = identity (the whitepaper requires
 * the serial number / identity as CN) and O = organisation (the CpoName).
 */
export function createCsr(commonName: string, organization?: string): CsrResult {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const subjectParts = [];
  if (organization) subjectParts.push(rdn('2.5.4.10', organization));
  subjectParts.push(rdn('2.5.4.3', commonName));
  const subject = der(0x30, ...subjectParts);
  const info = der(0x30, der(0x02, Buffer.from([0])), subject, spki, der(0xa0));
  const signature = sign('sha256', info, privateKey); // DER-encoded ECDSA signature
  const algorithm = der(0x30, oid('1.2.840.10045.4.3.2')); // ecdsa-with-SHA256
  const csr = der(0x30, info, algorithm, der(0x03, Buffer.from([0]), signature));
  const b64 = csr
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return { csrPem: `-----BEGIN CERTIFICATE REQUEST-----\n${b64}\n-----END CERTIFICATE REQUEST-----\n`, privateKey };
}
