/**
 * The change events of the central system, defined once: emitted in main (main/csms/domain/events.ts uses this
 * map), streamed by `GET /api/events` (Server-Sent Events) and received by the console. They say *what* changed;
 * clients re-query what they show.
 */
export interface ApiEventMap {
  'chargePoint.connected': { chargePointId: string; remoteAddress: string | null; at: string };
  'chargePoint.disconnected': { chargePointId: string; code: number; reason: string; at: string };
  'chargePoint.changed': { chargePointId: string };
  'chargePoint.booted': { chargePointId: string; status: string };
  'connector.status': { chargePointId: string; connectorId: number; status: string; errorCode: string };
  'transaction.started': { chargePointId: string; connectorId: number; transactionId: number; idTag: string };
  'transaction.stopped': { chargePointId: string; transactionId: number; reason: string };
  'transaction.meter': { chargePointId: string; transactionId: number | null; connectorId: number };
  /** A station reported something that conflicts with what is stored (GET /api/anomalies). */
  'anomaly.recorded': { chargePointId: string; transactionId: number | null; kind: string };
  'reservation.changed': { chargePointId: string; reservationId: number; status: string };
  'idTag.changed': { idTag: string };
  /** A site was created, replaced or deleted (GET /api/sites/{siteId}). */
  'site.changed': { siteId: string };
  /** A site's allocation, a profile's answer or an alert changed (GET /api/sites/{siteId}/allocation). */
  'site.allocation': { siteId: string };
  'message.logged': { chargePointId: string; direction: 'in' | 'out'; action: string | null; messageType: number | null; errorCode: string | null };
  'handshake.refused': { identity: string | null; reason: string; httpStatus: number; remoteAddress: string | null; detail: string };
  'station.report': { chargePointId: string; kind: string; status: string };
  'settings.changed': Record<string, never>;
  /** State kept from the answers to CSMS-initiated calls. */
  'localList.changed': { chargePointId: string };
  'chargingProfiles.changed': { chargePointId: string };
  'compositeSchedule.changed': { chargePointId: string; connectorId: number };
  'configuration.changed': { chargePointId: string };
  /** A configuration baseline was created, replaced or deleted (GET /api/configuration-baselines/{name}). */
  'baseline.changed': { name: string };
  /** A commissioning run started, finished a check, or ended (GET /api/charge-points/{id}/commissioning-runs/{runId}). */
  'commissioning.changed': { chargePointId: string; runId: number; status: string };
  'fileJob.changed': { chargePointId: string; jobId: number; kind: string; status: string };
  'certificates.changed': { chargePointId: string; certificateType: string };
  /** A file was stored by the file services: a station's upload, or firmware the operator added. */
  'file.stored': { area: 'upload' | 'firmware'; chargePointId: string | null; name: string; size: number; via: 'http' | 'ftp' | 'operator' };
}

export type ApiEventType = keyof ApiEventMap;

/** One event as sent on the stream. */
export type ApiEvent = { [E in ApiEventType]: { type: E; data: ApiEventMap[E] } }[ApiEventType];

/**
 * One SSE message (`data:` line) carries a batch: the events of a 100 ms window, in order, identical ones coalesced.
 * The SSE `id:` is the batch sequence number of this stream.
 */
export type ApiEventBatch = ApiEvent[];

export const API_EVENT_TYPES: readonly ApiEventType[] = [
  'chargePoint.connected',
  'chargePoint.disconnected',
  'chargePoint.changed',
  'chargePoint.booted',
  'connector.status',
  'transaction.started',
  'transaction.stopped',
  'transaction.meter',
  'anomaly.recorded',
  'reservation.changed',
  'idTag.changed',
  'site.changed',
  'site.allocation',
  'message.logged',
  'handshake.refused',
  'station.report',
  'settings.changed',
  'localList.changed',
  'chargingProfiles.changed',
  'compositeSchedule.changed',
  'configuration.changed',
  'baseline.changed',
  'commissioning.changed',
  'fileJob.changed',
  'certificates.changed',
  'file.stored',
];
