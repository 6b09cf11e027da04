/**
 * Security profiles 2 and 3 (README "Security profiles"): the TLS listener and its certificates, the CA certificate
 * to install in chargers (as their CentralSystemRootCertificate, or through their web UI), each station's
 * certificate identity and upload settings, and its security events.
 */
import type { ListResponse, SecurityEventDto, StationSecuritySettingsDto, TlsInfoDto } from '../../../shared/api/types.js';
import { tlsInfo } from '../../csms/security/tls-info.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, dateParam, intParam, notFound, readJsonObject, sendText, stringParam } from '../http.js';
import { HANDLED, type Router } from '../router.js';
import { StationSecuritySettingsUpdateBody } from '../../../shared/api/request-bodies.js';
import { checkedBody } from '../validate.js';

function stationSecuritySettings(ctx: ApiContext, chargePointId: string): StationSecuritySettingsDto {
  const settings = ctx.stationSecurity.settings(chargePointId, ctx.files ? ctx.files.urls.ftpRunning : null);
  if (!settings) throw notFound(`Charge point ${chargePointId}`);
  return settings;
}

export function securityRoutes(router: Router): void {
  router.get('/api/security/tls', ({ ctx }): TlsInfoDto => tlsInfo(ctx.central.tls, ctx.central.startup.ocppHost));

  router.get('/api/security/ca.pem', ({ res, ctx }) => {
    const tls = ctx.central.tls;
    if (!tls) throw new ApiHttpError(503, 'API_ERR_UNAVAILABLE', 'The wss listener is off (start with --ocpp-tls-port): there is no CA');
    sendText(res, 200, 'application/x-pem-file', tls.material.caPem, 'csms-ca.pem');
    return HANDLED;
  });

  router.get('/api/charge-points/:id/security-settings', ({ params, ctx }) => stationSecuritySettings(ctx, params.id!));

  router.put('/api/charge-points/:id/security-settings', async ({ req, params, ctx }) => {
    const id = params.id!;
    if (!ctx.stations.has(id)) throw notFound(`Charge point ${id}`);
    const update = checkedBody(StationSecuritySettingsUpdateBody, await readJsonObject(req));
    if (!(await ctx.stationSecurity.update(id, update))) throw notFound(`Charge point ${id}`);
    return stationSecuritySettings(ctx, id);
  });

  router.get('/api/security-events', ({ query, ctx }): ListResponse<SecurityEventDto> => {
    const source = stringParam(query, 'source');
    if (source !== undefined && source !== 'station' && source !== 'csms')
      throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', 'source must be station or csms');
    const items = ctx.stationSecurity.recentEvents({
      source,
      since: dateParam(query, 'since'),
      limit: intParam(query, 'limit', { min: 1, max: 1000 }) ?? 100,
    });
    return { items, total: items.length };
  });

  router.get('/api/charge-points/:id/security-events', ({ params, query, ctx }): ListResponse<SecurityEventDto> => {
    const items = ctx.stationSecurity.eventsOf(params.id!, intParam(query, 'limit', { min: 1, max: 1000 }) ?? 50);
    return { items, total: items.length };
  });
}
