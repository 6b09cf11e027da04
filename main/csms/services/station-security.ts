import type { SecurityEventDto, SecurityEventQuery, StationSecuritySettingsDto, StationSecuritySettingsUpdate } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import { advertisedProtocols, chooseUploadProtocol, type UploadProtocol } from '../files/upload-policy.js';
import { profile3Readiness } from '../security/station-identity.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * Each station's security as the operator sets and sees it (README "Security profiles"): its certificate identity
 * and upload protocol choice, whether it is ready for profile 3, which upload protocol it gets, and the security
 * events it sent or the central system recorded about it.
 */
export class StationSecurity {
  constructor(
    private readonly repos: Repositories,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    /** The CA certificate chargers must trust, when the wss listener runs. */
    private readonly caPem: string | undefined,
  ) {}

  /** Undefined for an unknown station. `ftpRunning` is null when the file services do not run. */
  settings(chargePointId: string, ftpRunning: boolean | null): StationSecuritySettingsDto | undefined {
    const row = this.repos.chargePoints.get(chargePointId);
    if (!row) return undefined;
    const settings = this.repos.stationSecurity.get(chargePointId);
    const readiness = profile3Readiness(this.repos, this.caPem, chargePointId, this.clock.now());
    const upload = ftpRunning === null ? undefined : this.uploadProtocol(chargePointId, ftpRunning);
    return {
      chargePointId,
      securityProfile: row.security_profile,
      allowForeignCertificateCn: settings.allowForeignCertificateCn,
      certificateCn: settings.certificateCn,
      profile3Ready: readiness.ready,
      profile3Reason: readiness.reason,
      uploadProtocol: settings.uploadProtocol,
      advertisedProtocols: advertisedProtocols(this.repos, chargePointId),
      effectiveUploadProtocol: upload?.protocol ?? null,
      effectiveUploadReason: upload?.reason ?? 'the file services are not running',
      updatedAt: settings.updatedAt,
    };
  }

  /** False for an unknown station. */
  async update(chargePointId: string, update: StationSecuritySettingsUpdate): Promise<boolean> {
    if (!this.repos.chargePoints.admission(chargePointId)) return false;
    const now = this.clock.now().toISOString();
    await this.groupCommit.run(() => this.repos.stationSecurity.update(chargePointId, update, now));
    this.events.emit('chargePoint.changed', { chargePointId });
    return true;
  }

  /** The protocol a diagnostics or log upload of this station uses, and why. */
  uploadProtocol(chargePointId: string, ftpRunning: boolean): { protocol: UploadProtocol; reason: string } {
    return chooseUploadProtocol(this.repos, chargePointId, ftpRunning);
  }

  recentEvents(q: SecurityEventQuery): SecurityEventDto[] {
    return this.repos.stationReports.recentSecurityEvents(q);
  }

  eventsOf(chargePointId: string, limit: number): SecurityEventDto[] {
    return this.repos.stationReports.securityEvents(chargePointId, limit);
  }
}
