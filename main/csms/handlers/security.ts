import { recordSigningOutcome, STATION_CERTIFICATE_TYPE } from '../security/certificate-signer.js';
import { checkCsr, type CsrCheck } from '../security/csr.js';
import { csrIdentityProblem } from '../security/station-identity.js';
import type { Handler } from './context.js';

/** Security events the central system raises itself (source 'csms'), next to the stations' own. */
const CSR_SUBJECT_NOT_CHARGE_POINT = 'CsrSubjectNotChargePoint';
const CSR_INVALID = 'CsrInvalid';

/** SecurityEventNotification (white paper A04.FR.03): stored and answered, whatever the event. */
export const securityEventNotification: Handler<'SecurityEventNotification'> = (ctx, req) => {
  ctx.repos.stationReports.recordSecurityEvent(ctx.chargePointId, req.type, req.techInfo ?? null, req.timestamp, ctx.nowIso);
  ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind: 'security', status: req.type });
  return {};
};

/**
 * SignCertificate (white paper A02.FR.11/12): Accepted when we can process the CSR (a CA is configured, the CSR
 * parses, its signature verifies, its key is at least RSA 2048 / EC 224) and the certificate would identify the
 * station in the profile-3 handshake (its CN is the identity, or another CN the operator allowed for this station:
 * security/station-identity.ts); the signed certificate then follows in a CertificateSigned call. Rejected
 * otherwise, with the reason recorded and, for a CSR that was sent but refused, a security event the console shows.
 */
export const signCertificate: Handler<'SignCertificate'> = (ctx, req) => {
  const signer = ctx.services.certificateSigner;
  let checked: CsrCheck =
    signer && signer.canSign(ctx.chargePointId)
      ? checkCsr(req.csr)
      : { ok: false, reason: 'No CA configured to sign with (enable the wss listener)' };
  let eventType = checked.ok || !signer ? undefined : CSR_INVALID;
  if (checked.ok) {
    const problem = csrIdentityProblem(ctx.repos, ctx.chargePointId, checked.commonName);
    if (problem) {
      checked = { ok: false, reason: problem };
      eventType = CSR_SUBJECT_NOT_CHARGE_POINT;
    }
  }
  recordSigningOutcome(
    ctx.repos,
    ctx.chargePointId,
    `SignCertificate ${checked.ok ? 'Accepted' : 'Rejected'}`,
    checked.ok
      ? { subject: checked.subject, commonName: checked.commonName, key: `${checked.keyType.toUpperCase()} ${checked.keyBits}` }
      : { reason: checked.reason },
    ctx.nowIso,
  );
  ctx.emit('certificates.changed', { chargePointId: ctx.chargePointId, certificateType: STATION_CERTIFICATE_TYPE });
  if (!checked.ok) {
    if (eventType) {
      ctx.repos.stationReports.recordSecurityEvent(ctx.chargePointId, eventType, checked.reason, ctx.nowIso, ctx.nowIso, 'csms');
      ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind: 'security', status: eventType });
    }
    return { status: 'Rejected' };
  }
  signer!.requestSigning(ctx.chargePointId, req.csr);
  return { status: 'Accepted' };
};
