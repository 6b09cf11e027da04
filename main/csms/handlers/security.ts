import type { Handler } from './context.js';

/** SecurityEventNotification (white paper A04.FR.03): stored and answered, whatever the event. */
export const securityEventNotification: Handler<'SecurityEventNotification'> = (ctx, req) => {
  ctx.repos.stationReports.recordSecurityEvent(ctx.chargePointId, req.type, req.techInfo ?? null, req.timestamp, ctx.nowIso);
  ctx.emit('station.report', { chargePointId: ctx.chargePointId, kind: 'security', status: req.type });
  return {};
};

/**
 * SignCertificate (white paper A02.FR.11/12): Accepted when we can process the CSR (a CA is configured), the signed
 * certificate then follows in a CertificateSigned call; Rejected while no CA is configured.
 */
export const signCertificate: Handler<'SignCertificate'> = (ctx, req) => {
  const signer = ctx.services.certificateSigner;
  if (!signer || !signer.canSign(ctx.chargePointId)) return { status: 'Rejected' };
  signer.requestSigning(ctx.chargePointId, req.csr);
  return { status: 'Accepted' };
};
