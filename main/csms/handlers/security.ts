import { recordSigningOutcome, STATION_CERTIFICATE_TYPE } from '../security/certificate-signer.js';
import { checkCsr } from '../security/csr.js';
import type { Handler } from './context.js';

/** SecurityEventNotification (white paper A04.FR.03): stored and answered, whatever the event. */
export const securityEventNotification: Handler<'SecurityEventNotification'> = (ctx, req) => {
  ctx.repos.stationReports.recordSecurityEvent(ctx.chargePointId, req.type, req.techInfo ?? null, req.timestamp, ctx.nowIso);
  ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind: 'security', status: req.type });
  return {};
};

/**
 * SignCertificate (white paper A02.FR.11/12): Accepted when we can process the CSR (a CA is configured, the CSR
 * parses, its signature verifies, its key is at least RSA 2048 / EC 224), the signed certificate then follows in a
 * CertificateSigned call; Rejected otherwise. Either way the outcome is recorded with its reason.
 */
export const signCertificate: Handler<'SignCertificate'> = (ctx, req) => {
  const signer = ctx.services.certificateSigner;
  const checked = signer && signer.canSign(ctx.chargePointId) ? checkCsr(req.csr) : ({ ok: false, reason: 'No CA configured to sign with (enable the wss listener)' } as const);
  recordSigningOutcome(ctx.repos, ctx.chargePointId, `SignCertificate ${checked.ok ? 'Accepted' : 'Rejected'}`, checked.ok ? { subject: checked.subject, key: `${checked.keyType.toUpperCase()} ${checked.keyBits}` } : { reason: checked.reason }, ctx.nowIso);
  ctx.emit('certificates.changed', { chargePointId: ctx.chargePointId, certificateType: STATION_CERTIFICATE_TYPE });
  if (!checked.ok) return { status: 'Rejected' };
  signer!.requestSigning(ctx.chargePointId, req.csr);
  return { status: 'Accepted' };
};
