import type { DatabaseReader } from '../storage/reader/database-reader.js';
import type { ReservationStatus } from '../../../shared/api/types.js';
import type { InstalledProfile } from '../../../shared/smart-charging/index.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { ReservationRow } from '../storage/repositories/reservations.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';
import type {
  CompositeScheduleRecord,
  ConfigurationSnapshot,
  FileJob,
  InstalledCertificates,
  LocalListState,
} from '../storage/repositories/station-operations.js';

export type { ReservationRow };

/**
 * What the operator operations and the stations' reports recorded, read-only, as the operator API shows it:
 * reservations, local lists, charging profiles and composite schedules, configuration snapshots, file jobs and the
 * file status a station reported, installed certificates. The operations write these; nothing here does.
 */
export class OperationsRecords {
  constructor(
    private readonly repos: Pick<
      Repositories,
      | 'reservations'
      | 'reservationBook'
      | 'localLists'
      | 'chargingProfiles'
      | 'configurationSnapshots'
      | 'fileJobs'
      | 'installedCertificates'
      | 'stationReports'
    >,
    /** The long lists are read off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
  ) {}

  reservations(filter: { chargePointId?: string; status?: readonly ReservationStatus[]; limit?: number }): ReservationRow[] {
    return this.repos.reservationBook.list(filter);
  }

  reservation(id: number): ReservationRow | undefined {
    return this.repos.reservations.get(id);
  }

  /** Every station's local list, as the JSON of `GET /api/local-lists` in UTF-8 (built by the reader worker). */
  localListsJson(): Promise<Uint8Array> {
    return this.reader.run('localLists', undefined);
  }

  localList(chargePointId: string): LocalListState | undefined {
    return this.repos.localLists.get(chargePointId);
  }

  installedProfiles(chargePointId: string): InstalledProfile[] {
    return this.repos.chargingProfiles.installed(chargePointId);
  }

  compositeSchedules(chargePointId: string): CompositeScheduleRecord[] {
    return this.repos.chargingProfiles.compositeSchedules(chargePointId);
  }

  /** The composite schedule the station last reported for a connector. */
  reportedSchedule(chargePointId: string, connectorId: number): CompositeScheduleRecord | undefined {
    return this.repos.chargingProfiles.compositeSchedule(chargePointId, connectorId);
  }

  configuration(chargePointId: string): ConfigurationSnapshot | undefined {
    return this.repos.configurationSnapshots.get(chargePointId);
  }

  fileJobs(chargePointId: string, limit: number): FileJob[] {
    return this.repos.fileJobs.list(chargePointId, limit);
  }

  fileJob(id: number): FileJob | undefined {
    return this.repos.fileJobs.get(id);
  }

  certificates(chargePointId: string): InstalledCertificates[] {
    return this.repos.installedCertificates.list(chargePointId);
  }

  /** Status notifications of file transfers the station sent, newest first. */
  fileStatusHistory(chargePointId: string, kind: FileStatusKind, limit: number) {
    return this.repos.stationReports.fileStatusHistory(chargePointId, kind, limit);
  }
}
