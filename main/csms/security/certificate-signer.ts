/**
 * Signs station certificates for SignCertificate.req (white paper use case A02; OCTT TC_074, TC_077) and
 * sends them back in CertificateSigned.req, recording every outcome as the station's `ChargePointCertificate`
 * entry of the installed-certificates state (console: charge point → certificates).
 */
import { X509Certificate } from 'node:crypto';
import { OcppCallError, type JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import { CallFailure } from '../rpc/errors.js';
import type { CallResult } from '../rpc/ocpp-connection.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';
import { checkCsr, issueStationCertificate, type CsrCheck } from './csr.js';
import type { SigningCa } from './tls-material.js';

/** The certificate type the outcome is recorded under (the 2.0.1 name of a station's own certificate). */
export const STATION_CERTIFICATE_TYPE = 'ChargePointCertificate';

/** What the signer needs of the central system: sending CertificateSigned, and recording its outcome. */
export interface SignerHost {
  call(chargePointId: string, action: 'CertificateSigned', payload: JsonObject): Promise<CallResult>;
  groupCommit: GroupCommit;
  repos: Repositories;
  events: CsmsEvents;
  clock: Clock;
}

/** Record a signing outcome (inside the caller's storage batch). */
export function recordSigningOutcome(
  repos: Repositories,
  chargePointId: string,
  status: string,
  details: Record<string, unknown>,
  now: string,
): void {
  repos.installedCertificates.record(chargePointId, STATION_CERTIFICATE_TYPE, status, [details], now);
}

export class StationCertificateSigner {
  constructor(
    private readonly host: SignerHost,
    private readonly ca: SigningCa,
    private readonly logger: Pick<Console, 'warn'> = console,
  ) {}

  canSign(): boolean {
    return true;
  }

  /**
   * Called by the SignCertificate handler after it answered Accepted for a checked CSR. The certificate goes out
   * after that reply: the handler runs inside the storage batch and its reply leaves once the batch commits, so
   * a unit joined to the same batch settles at that commit and the work starts on the next loop turn.
   */
  requestSigning(chargePointId: string, csrPem: string): void {
    const checked = checkCsr(csrPem);
    if (!checked.ok) return;
    void this.host.groupCommit
      .run(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.issueAndSend(chargePointId, checked))
      .catch((err: unknown) => this.logger.warn(`[csms] signing a certificate for ${chargePointId} failed:`, (err as Error).message));
  }

  private async issueAndSend(chargePointId: string, checked: Extract<CsrCheck, { ok: true }>): Promise<void> {
    const issued = await issueStationCertificate(this.ca, checked, this.host.clock.now());
    const x509 = new X509Certificate(issued.certPem);
    const details: Record<string, unknown> = {
      subject: checked.subject,
      commonName: checked.commonName,
      caFingerprint256: new X509Certificate(this.ca.certPem).fingerprint256,
      serialNumber: issued.serialNumber,
      validTo: new Date(x509.validTo).toISOString(),
      fingerprint256: x509.fingerprint256,
    };
    let status: string;
    try {
      const result = await this.host.call(chargePointId, 'CertificateSigned', { certificateChain: issued.chainPem });
      status = typeof result.payload.status === 'string' ? result.payload.status : 'Unknown';
    } catch (err) {
      if (!(err instanceof OcppCallError) && !(err instanceof CallFailure)) throw err;
      status = err instanceof OcppCallError ? `CALLERROR ${err.code}` : `no answer: ${err.code}`;
    }
    const now = this.host.clock.now().toISOString();
    await this.host.groupCommit.run(() => {
      recordSigningOutcome(this.host.repos, chargePointId, `CertificateSigned ${status}`, details, now);
      // The installed certificate identifies the station from now on: a CN other than the identity (signed under the
      // operator's allowance) is what the profile-3 handshake accepts for it; its own identity needs no entry.
      if (status === 'Accepted')
        this.host.repos.stationSecurity.update(
          chargePointId,
          { certificateCn: checked.commonName === chargePointId ? null : checked.commonName },
          now,
        );
    });
    this.host.events.emit('certificates.changed', { chargePointId, certificateType: STATION_CERTIFICATE_TYPE });
  }
}
