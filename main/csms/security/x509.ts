/**
 * The X.509 library, set up once: @peculiar/x509 needs a Reflect metadata polyfill loaded before it (its
 * dependency injection uses decorators) and a WebCrypto provider (Node's own). Everything in main/csms/security
 * imports the library from here so the order cannot go wrong.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509, webcrypto };

/** WebCrypto key types (the project's TypeScript lib has no DOM, so they come from node:crypto). */
export type CryptoKey = webcrypto.CryptoKey;

/** SHA256withRSA (white paper §1.3.4: station certificates are signed with it). */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
/** ECDSA with SHA-256 on P-256 (the ECDSA server certificate's key). */
export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export function rsaKeyAlgorithm(modulusLength: number) {
  return { ...RSA_SHA256, publicExponent: new Uint8Array([1, 0, 1]), modulusLength };
}

/** A positive random serial number of 16 bytes (RFC 5280 §4.1.2.2: unique per CA, at most 20 octets). */
export function randomSerialHex(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to strip
  return Buffer.from(bytes).toString('hex');
}

/** PKCS#8 PEM of a private CryptoKey (what node:tls takes as `key`). */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}
