import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';
import type { AuthSecret } from '../storage/repositories/charge-points.js';

/**
 * Basic-auth passwords of charge points (security profile 1, white paper §2.3): stored only as salted scrypt
 * hashes (A01.FR.08/09), compared as bytes because the AuthorizationKey may decode to non-printable bytes.
 */
const SCRYPT_KEY_BYTES = 32;
// N=2^14, r=8: ~30 ms per hash here. Verified passwords are cached (below) so reconnect storms stay cheap.
const SCRYPT_OPTIONS = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function hashPassword(password: Uint8Array): AuthSecret {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT_KEY_BYTES, SCRYPT_OPTIONS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export function verifyPassword(password: Uint8Array, secret: AuthSecret): boolean {
  const expected = Buffer.from(secret.hash, 'base64');
  const actual = scryptSync(password, Buffer.from(secret.salt, 'base64'), expected.length, SCRYPT_OPTIONS);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The AuthorizationKey configuration value is the hex form of the password (OCPP-J errata 3.12, A00.FR.205). Some
 * stations then send the decoded bytes, others the hex text itself (OCPP 1.6 Security Whitepaper §2.3 leaves the encoding open): accept both forms of one key.
 */
export function secretsForAuthorizationKey(hexKey: string): AuthSecret[] {
  const secrets = [hashPassword(Buffer.from(hexKey, 'utf8'))];
  if (/^(?:[0-9a-fA-F]{2})+$/.test(hexKey)) secrets.unshift(hashPassword(Buffer.from(hexKey, 'hex')));
  return secrets;
}

/**
 * Remembers passwords that verified, by a fast digest, so a station reconnecting every few seconds does not cost
 * a scrypt each time. Cleared for a station whenever its secrets change.
 */
export class VerifiedPasswordCache {
  private readonly verified = new Map<string, string>();

  key(identity: string, password: Uint8Array, secrets: AuthSecret[]): string {
    return createHash('sha256').update(identity).update('\0').update(password).update('\0').update(JSON.stringify(secrets)).digest('base64');
  }

  has(identity: string, digest: string): boolean {
    return this.verified.get(identity) === digest;
  }

  remember(identity: string, digest: string): void {
    this.verified.set(identity, digest);
  }

  forget(identity: string): void {
    this.verified.delete(identity);
  }
}
