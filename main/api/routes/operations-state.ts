import type {
  CompositeScheduleDto,
  ConfigurationSnapshotDto,
  FileJobDto,
  FileStatusDto,
  InstalledCertificatesDto,
  InstalledProfileDto,
  ListResponse,
  LocalListStateDto,
  ReservationDto,
  ReservationStatus,
} from '../../../shared/api/types.js';
import type { ReservationRow } from '../../csms/services/operations-records.js';
import { ApiHttpError, intParam, notFound, sendSerialisedJson, stringParam } from '../http.js';
import { HANDLED, type Router } from '../router.js';

const FILE_KINDS = ['firmware', 'diagnostics', 'log', 'signedFirmware'] as const;
const RESERVATION_STATUSES: readonly ReservationStatus[] = ['Requested', 'Active', 'Used', 'Expired', 'Cancelled', 'Ended', 'Refused'];

function reservationDto(row: ReservationRow): ReservationDto {
  return {
    id: row.id,
    chargePointId: row.charge_point_id,
    connectorId: row.connector_id,
    idTag: row.id_tag,
    parentIdTag: row.parent_id_tag,
    expiryDate: row.expiry_date,
    status: row.status,
    stationAnswer: row.station_answer,
    transactionId: row.transaction_id,
    endedReason: row.ended_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function positiveId(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 0) throw notFound(`${what} ${raw}`);
  return id;
}

/**
 * GET routes over the operations state the operator operations record: reservations, local lists, charging
 * profiles and composite schedules, configuration snapshots, firmware/diagnostics/log jobs, installed certificates.
 */
export function operationsStateRoutes(router: Router): void {
  router.get('/api/reservations', ({ query, ctx }): ListResponse<ReservationDto> => {
    const statuses = stringParam(query, 'status')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = statuses?.filter((s) => !RESERVATION_STATUSES.includes(s as ReservationStatus)) ?? [];
    if (unknown.length) throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `status must be among ${RESERVATION_STATUSES.join(', ')}`);
    const rows = ctx.operationsRecords.reservations({
      chargePointId: stringParam(query, 'chargePointId'),
      status: statuses as ReservationStatus[] | undefined,
      limit: intParam(query, 'limit', { min: 1, max: 10_000 }),
    });
    return { items: rows.map(reservationDto) };
  });

  router.get('/api/reservations/:id', ({ params, ctx }): ReservationDto => {
    const row = ctx.operationsRecords.reservation(positiveId(params.id!, 'Reservation'));
    if (!row) throw notFound(`Reservation ${params.id}`);
    return reservationDto(row);
  });

  // A ListResponse<LocalListSummaryDto> (no entries), serialised by the reader worker.
  router.get('/api/local-lists', async ({ res, ctx }) => {
    sendSerialisedJson(res, 200, await ctx.operationsRecords.localListsJson());
    return HANDLED;
  });

  // `?ifNone=null` as for the configuration below: a station never sent a list is an expected answer for the console.
  router.get('/api/charge-points/:id/local-list', ({ params, query, ctx }): LocalListStateDto | null => {
    const state = ctx.operationsRecords.localList(params.id!);
    if (state) return state;
    if (query.get('ifNone') === 'null') return null;
    throw notFound(`Local list of ${params.id}`);
  });

  router.get('/api/charge-points/:id/charging-profiles', ({ params, ctx }): ListResponse<InstalledProfileDto> => ({
    items: ctx.operationsRecords.installedProfiles(params.id!),
  }));

  router.get('/api/charge-points/:id/composite-schedules', ({ params, ctx }): ListResponse<CompositeScheduleDto> => ({
    items: ctx.operationsRecords.compositeSchedules(params.id!),
  }));

  // `?ifNone=null`: "none yet" is an expected answer for the console, not an error; a 404 would be logged as a
  // failed request by the browser on every station never asked for its configuration.
  router.get('/api/charge-points/:id/configuration', ({ params, query, ctx }): ConfigurationSnapshotDto | null => {
    const snapshot = ctx.operationsRecords.configuration(params.id!);
    if (snapshot) return snapshot;
    if (query.get('ifNone') === 'null') return null;
    throw notFound(`Configuration snapshot of ${params.id}`);
  });

  router.get('/api/charge-points/:id/file-jobs', ({ params, query, ctx }): ListResponse<FileJobDto> => ({
    items: ctx.operationsRecords.fileJobs(params.id!, intParam(query, 'limit', { min: 1, max: 1000 }) ?? 50),
  }));

  router.get('/api/file-jobs/:id', ({ params, ctx }): FileJobDto => {
    const job = ctx.operationsRecords.fileJob(positiveId(params.id!, 'File job'));
    if (!job) throw notFound(`File job ${params.id}`);
    return job;
  });

  router.get('/api/charge-points/:id/certificates', ({ params, ctx }): ListResponse<InstalledCertificatesDto> => ({
    items: ctx.operationsRecords.certificates(params.id!),
  }));

  // Status notifications of file transfers the station sent on its own, newest first.
  router.get('/api/charge-points/:id/file-status', ({ params, query, ctx }): ListResponse<FileStatusDto> => {
    const kind = stringParam(query, 'kind') ?? 'firmware';
    const chosen = FILE_KINDS.find((k) => k === kind);
    if (!chosen) throw new ApiHttpError(400, 'API_ERR_BAD_REQUEST', `kind must be one of ${FILE_KINDS.join(', ')}`);
    const rows = ctx.operationsRecords.fileStatusHistory(params.id!, chosen, intParam(query, 'limit', { min: 1, max: 1000 }) ?? 50);
    return { items: rows.map((r) => ({ status: r.status, requestId: r.request_id, receivedAt: r.received_at })) };
  });
}
