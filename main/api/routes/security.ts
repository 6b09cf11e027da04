/**
 * Security profiles 2 and 3 (README "Security profiles"): the TLS listener and its certificates, and the CA
 * certificate to install in chargers (as their CentralSystemRootCertificate, or through their web UI).
 */
import type { TlsInfoDto } from '../../../shared/api/types.js';
import { tlsInfo } from '../../csms/security/tls-info.js';
import { ApiHttpError, sendText } from '../http.js';
import { HANDLED, type Router } from '../router.js';

export function securityRoutes(router: Router): void {
  router.get('/api/security/tls', ({ ctx }): TlsInfoDto => tlsInfo(ctx.csms.tls, ctx.csms.startup.ocppHost));

  router.get('/api/security/ca.pem', ({ res, ctx }) => {
    const tls = ctx.csms.tls;
    if (!tls) throw new ApiHttpError(503, 'API_ERR_UNAVAILABLE', 'The wss listener is off (start with --ocpp-tls-port): there is no CA');
    sendText(res, 200, 'application/x-pem-file', tls.material.caPem, 'csms-ca.pem');
    return HANDLED;
  });
}
