/**
 * Station certificate signing requests (white paper §1.3.4, use case A02; OCTT TC_074, TC_077).
 *
 * SignCertificate.req is answered synchronously inside the storage batch, so the check that decides Accepted or
 * Rejected (A02.FR.11/12) is synchronous too: parse the PKCS#10 request, verify its self-signature with
 * node:crypto and require a key of at least RSA 2048 / EC 224 bits (the OCTT 2025-11 checks). Issuing the
 * certificate (WebCrypto, asynchronous) happens after the reply has left.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { randomSerialHex, x509 } from './x509.js';
import type { SigningCa } from './tls-material.js';

const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 224;
const STATION_CERT_VALIDITY_DAYS = 2 * 365;

const EC_CURVE_BITS: Record<string, number> = { prime192v1: 192, secp224r1: 224, prime256v1: 256, secp384r1: 384, secp521r1: 521 };
const NODE_HASH: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export type CsrCheck =
  | { ok: true; commonName: string; subject: string; keyType: 'rsa' | 'ec'; keyBits: number; csr: InstanceType<typeof x509.Pkcs10CertificateRequest> }
  | { ok: false; reason: string };

/** Length and content offset of the DER element at `offset` (definite lengths only, as DER requires). */
function derElement(der: Buffer, offset: number): { contentStart: number; end: number } {
  let length = der[offset + 1];
  let pos = offset + 2;
  if (length === undefined) throw new Error('truncated DER');
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[pos + i]!;
    pos += count;
  }
  if (pos + length > der.length) throw new Error('truncated DER');
  return { contentStart: pos, end: pos + length };
}

/** The exact bytes the station signed: the certificationRequestInfo element (RFC 2986 §4.2). */
function signedPart(der: Buffer): Buffer {
  const outer = derElement(der, 0);
  const info = derElement(der, outer.contentStart);
  return der.subarray(outer.contentStart, info.end);
}

function pemBody(pem: string): Buffer {
  const match = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(pem);
  if (!match) throw new Error('no PEM CERTIFICATE REQUEST block');
  return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
}

function keyBits(key: KeyObject): { keyType: 'rsa' | 'ec'; bits: number } | null {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return { keyType: 'rsa', bits: details?.modulusLength ?? 0 };
  if (key.asymmetricKeyType === 'ec') return { keyType: 'ec', bits: EC_CURVE_BITS[details?.namedCurve ?? ''] ?? 0 };
  return null;
}

/** Parse and verify a CSR; the reason of a refusal is recorded for the operator. */
export function checkCsr(pem: string): CsrCheck {
  let der: Buffer;
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    der = pemBody(pem);
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch (err) {
    return { ok: false, reason: `CSR does not parse: ${(err as Error).message}` };
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  } catch (err) {
    return { ok: false, reason: `CSR public key unreadable: ${(err as Error).message}` };
  }
  const size = keyBits(publicKey);
  if (!size) return { ok: false, reason: `CSR key type ${publicKey.asymmetricKeyType} is not RSA or EC` };
  const minimum = size.keyType === 'rsa' ? MIN_RSA_BITS : MIN_EC_BITS;
  if (size.bits < minimum) return { ok: false, reason: `CSR key is ${size.keyType.toUpperCase()} ${size.bits} bits; at least ${minimum} required` };

  const algorithm = csr.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = NODE_HASH[algorithm.hash?.name ?? ''];
  if (!hash || (algorithm.name !== 'RSASSA-PKCS1-v1_5' && algorithm.name !== 'ECDSA')) {
    return { ok: false, reason: `CSR signature algorithm ${algorithm.name ?? '?'}/${algorithm.hash?.name ?? '?'} is not supported` };
  }
  let verified: boolean;
  try {
    verified = verify(hash, signedPart(der), publicKey, Buffer.from(csr.signature));
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, reason: 'CSR signature does not verify' };

  const commonName = csr.subjectName.getField('CN')[0];
  if (!commonName) return { ok: false, reason: 'CSR subject has no CN' };
  return { ok: true, commonName, subject: csr.subject, keyType: size.keyType, keyBits: size.bits, csr };
}

/**
 * The station certificate for a checked CSR: subject and public key taken from the CSR, signed by our CA
 * (SHA256withRSA for the RSA CA, A02.FR.05), client-authentication use. Returns the PEM chain (station
 * certificate, then the CA) as CertificateSigned.req carries it.
 */
export async function issueStationCertificate(
  ca: SigningCa,
  checked: Extract<CsrCheck, { ok: true }>,
  now = new Date(),
): Promise<{ chainPem: string; certPem: string; serialNumber: string }> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const serialNumber = randomSerialHex();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: checked.csr.subjectName,
    issuer: caCert.subjectName,
    notBefore: now,
    notAfter: new Date(now.getTime() + STATION_CERT_VALIDITY_DAYS * 86_400_000),
    signingAlgorithm: ca.algorithm,
    publicKey: checked.csr.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        checked.keyType === 'rsa' ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  const certPem = cert.toString('pem');
  return { chainPem: `${certPem.trim()}\n${ca.certPem.trim()}\n`, certPem, serialNumber };
}
