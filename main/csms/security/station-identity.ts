/**
 * Which certificate identifies a station (white paper §2.5, A00.FR.403–405: the station certificate's subject CN
 * identifies the charge point). The profile-3 handshake accepts a certificate from our CA whose CN is the
 * identity, or the CN the operator allowed for that station (a CSR with, say, the serial number as CN, signed with
 * the per-station allowance). The same rule decides three things, so they cannot disagree:
 * - SignCertificate: a CSR whose CN the handshake would refuse is Rejected with the reason (csr-identity below);
 * - ChangeConfiguration(SecurityProfile = 3): refused while the station holds no certificate that would pass;
 * - the handshake itself (server/handshake.ts).
 */
import { X509Certificate } from 'node:crypto';
import type { Repositories } from '../storage/repositories/index.js';
import { STATION_CERTIFICATE_TYPE } from './certificate-signer.js';

/** A stored detail as shown in a sentence: text and numbers as they are, anything else as `?`. */
const shown = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');

/** Whether a client certificate CN identifies this station in the profile-3 handshake. */
export function certificateIdentifies(repos: Pick<Repositories, 'stationSecurity'>, identity: string, commonName: string | undefined): boolean {
  if (commonName === undefined) return false;
  if (commonName === identity) return true;
  return repos.stationSecurity.get(identity).certificateCn === commonName;
}

/**
 * Why a CSR with this CN must not be signed for the station, or undefined when it may. A CN other than the identity
 * needs the operator's allowance, and never names another station (its identity or its allowed CN), or that
 * station's handshake would accept this one's certificate.
 */
export function csrIdentityProblem(repos: Repositories, identity: string, commonName: string): string | undefined {
  if (commonName === identity) return undefined;
  if (!repos.stationSecurity.get(identity).allowForeignCertificateCn) {
    return `CSR subject CN "${commonName}" is not the charge point identity "${identity}": the profile-3 handshake would refuse the certificate (client-certificate-identity-mismatch). Allow another certificate subject for this station to sign it anyway.`;
  }
  if (repos.chargePoints.get(commonName)) return `CSR subject CN "${commonName}" is the identity of another station: refused even with the allowance`;
  const others = repos.stationSecurity.stationsWithCertificateCn(commonName).filter((id) => id !== identity);
  if (others.length) return `CSR subject CN "${commonName}" already identifies station ${others.join(', ')}: refused even with the allowance`;
  return undefined;
}

export interface Profile3Readiness {
  ready: boolean;
  reason: string;
}

/**
 * Whether the station holds a certificate the profile-3 handshake would accept, as far as this central system
 * knows: the last certificate it signed for the station, installed (CertificateSigned Accepted), from the CA in use,
 * not expired, with a CN that identifies the station.
 */
export function profile3Readiness(repos: Repositories, caPem: string | undefined, identity: string, now: Date): Profile3Readiness {
  if (!caPem) return { ready: false, reason: 'the wss listener is off (start with --ocpp-tls-port): profile 3 needs TLS and our CA' };
  const record = repos.installedCertificates.list(identity).find((c) => c.certificateType === STATION_CERTIFICATE_TYPE);
  if (!record)
    return {
      ready: false,
      reason:
        'no station certificate signed by this central system yet: have the station send SignCertificate first (ExtendedTriggerMessage SignChargePointCertificate)',
    };
  const details = record.hashData[0] ?? {};
  if (record.status !== 'CertificateSigned Accepted') {
    const why = typeof details.reason === 'string' ? `: ${details.reason}` : '';
    return { ready: false, reason: `the station's last certificate outcome is "${record.status}"${why}` };
  }
  const caFingerprint = new X509Certificate(caPem).fingerprint256;
  if (typeof details.caFingerprint256 === 'string' && details.caFingerprint256 !== caFingerprint)
    return { ready: false, reason: 'its certificate was signed by a CA this central system no longer uses' };
  if (typeof details.validTo === 'string' && Date.parse(details.validTo) <= now.getTime())
    return { ready: false, reason: `its certificate expired on ${details.validTo}` };
  const commonName =
    typeof details.commonName === 'string'
      ? details.commonName
      : /(?:^|,\s*)CN=([^,]+)/.exec(typeof details.subject === 'string' ? details.subject : '')?.[1];
  if (!certificateIdentifies(repos, identity, commonName))
    return { ready: false, reason: `its certificate's CN "${commonName ?? ''}" does not identify ${identity}` };
  return {
    ready: true,
    reason: `certificate CN "${commonName}" (serial ${shown(details.serialNumber)}, valid until ${shown(details.validTo)}) passes the profile-3 handshake`,
  };
}
