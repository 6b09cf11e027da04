import type { ChargePointDto } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { LastHeard } from '../domain/last-heard.js';
import { hashPassword, VerifiedPasswordCache } from '../domain/passwords.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { ChargePointAdmission, ChargePointRow, RegistrationStatus, ValidationMode } from '../storage/repositories/charge-points.js';
import type { ConnectorRow } from '../storage/repositories/connectors.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';
import { chargePointDto, withLastSeen } from '../storage/reader/station-list.js';

/**
 * How often the whole list is read again when a station connected or left while it was read; after that it is
 * answered as it is, and the console's per-station fetches on the connection events catch up (store/stations.ts).
 */
const MAX_LIST_READS = 3;

export interface StationInput {
  id: string;
  registrationStatus?: RegistrationStatus;
  description?: string;
  securityProfile?: number;
  /** Security profile 1 credentials (stored hashed); null removes them. */
  password?: string | Uint8Array | null;
  validationMode?: ValidationMode | null;
}

/**
 * The registered stations: who may connect and how. Every change of a station's record goes through here, with its
 * `chargePoint.changed` event, and forgets the passwords verified for it: a cached verification must never outlive
 * the secrets it was checked against (domain/passwords.ts).
 */
export class StationDirectory {
  /** Passwords verified at the handshake, by station (the expensive hash is computed once per password). */
  readonly verifiedPasswords = new VerifiedPasswordCache();

  constructor(
    private readonly repos: Pick<Repositories, 'chargePoints' | 'connectors'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    private readonly lastHeard: LastHeard,
    private readonly logger: Pick<Console, 'info'>,
    /** The whole list is read off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
    /** Who is connected: the list says so for each station. */
    private readonly connections: Pick<ConnectionRegistry, 'ids' | 'changeCount'>,
  ) {}

  /** A station's record, with the time it was last heard as known in memory (newer than the stored one). */
  get(id: string): ChargePointRow | undefined {
    const row = this.repos.chargePoints.get(id);
    return row && this.withLastHeard(row);
  }

  list(): ChargePointRow[] {
    return this.repos.chargePoints.list().map((row) => this.withLastHeard(row));
  }

  /**
   * Every station (or those of `ids` that exist) with its connectors, as the JSON of `GET /api/charge-points` in
   * UTF-8 (storage/reader/station-list.ts), built by the reader worker: who is connected and the heard times in
   * memory go with the request. The worker reads the rows a little later (after the open batch commits), so a
   * station that connected meanwhile would be listed, its record just stored at the handshake, as not connected: the
   * list is read again.
   */
  async listJson(ids?: readonly string[]): Promise<Uint8Array> {
    const wanted = ids && new Set(ids);
    const listed = (id: string) => !wanted || wanted.has(id);
    for (let read = 1; ; read++) {
      const changesBefore = this.connections.changeCount;
      const live = { connected: this.connections.ids().filter(listed), heardMs: this.lastHeard.heardTimes().filter(([id]) => listed(id)) };
      const list = await this.reader.run('stationList', { live, ...(wanted ? { ids: [...wanted] } : {}) });
      if (this.connections.changeCount === changesBefore || read === MAX_LIST_READS) return list;
    }
  }

  count(): number {
    return this.repos.chargePoints.count();
  }

  /** One station as the API shows it (the list's shape, storage/reader/station-list.ts), or undefined. */
  view(id: string, connected: boolean): ChargePointDto | undefined {
    const row = this.get(id);
    return row && chargePointDto(row, connected, this.connectors(id));
  }

  has(id: string): boolean {
    return this.repos.chargePoints.admission(id) !== undefined;
  }

  connectors(id: string): ConnectorRow[] {
    return this.repos.connectors.list(id);
  }

  /** Register or edit a station; false when it was new. */
  async upsert(input: StationInput): Promise<{ existed: boolean }> {
    const now = this.clock.now().toISOString();
    const existed = await this.groupCommit.run(() => {
      const existing = this.repos.chargePoints.get(input.id);
      if (!existing) this.repos.chargePoints.create({ id: input.id, registrationStatus: input.registrationStatus ?? 'Accepted', now });
      this.repos.chargePoints.update(
        input.id,
        {
          registrationStatus: input.registrationStatus,
          description: input.description,
          validationMode: input.validationMode,
          securityProfile: input.securityProfile ?? (input.password ? Math.max(existing?.security_profile ?? 0, 1) : undefined),
          authSecrets:
            input.password === undefined
              ? undefined
              : input.password === null
                ? []
                : [hashPassword(typeof input.password === 'string' ? Buffer.from(input.password, 'utf8') : input.password)],
        },
        now,
      );
      return existing !== undefined;
    });
    this.verifiedPasswords.forget(input.id);
    this.events.emit('chargePoint.changed', { chargePointId: input.id });
    return { existed };
  }

  /** Forget the passwords verified for a station whose secrets changed elsewhere (ChangeConfiguration AuthorizationKey). */
  forgetVerifiedPasswords(id: string): void {
    this.verifiedPasswords.forget(id);
  }

  /**
   * The station connected at a higher security profile than it is held to, after it accepted that profile
   * (white paper §2.1, A00.FR.005): the stored profile is raised, never lowered over OCPP, so the old profile is
   * refused from now on. Part of the handshake's batch: visible at once to the next handshake on this process.
   */
  raiseSecurityProfile(identity: string, profile: number): void {
    const now = this.clock.now().toISOString();
    this.groupCommit.runDetached(() => {
      const row = this.repos.chargePoints.get(identity);
      if (row && row.security_profile < profile) this.repos.chargePoints.update(identity, { securityProfile: profile }, now);
    });
    this.logger.info(`[csms] ${identity} connected at security profile ${profile}: lower profiles are refused from now on`);
    this.events.emit('chargePoint.changed', { chargePointId: identity });
  }

  /** Delete a station's record; false when there was none. Its heard time and verified passwords go with it. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.groupCommit.run(() => this.repos.chargePoints.delete(id));
    if (!deleted) return false;
    this.lastHeard.forget(id);
    this.verifiedPasswords.forget(id);
    this.events.emit('chargePoint.changed', { chargePointId: id });
    return true;
  }

  /**
   * A station the registration policy admits on its first connection. The handshake needs the record now: the
   * batch runs the insert at once (visible on this connection), and a storm of new stations shares one commit
   * instead of paying an fsync each.
   */
  admitUnknown(identity: string, status: 'Pending' | 'Accepted'): ChargePointAdmission {
    const now = this.clock.now().toISOString();
    this.groupCommit.runDetached(() =>
      this.repos.chargePoints.create({ id: identity, registrationStatus: status, description: 'Registered on first connection', now }),
    );
    const row = this.repos.chargePoints.admission(identity);
    if (!row) throw new Error(`the record of ${identity} was not stored`);
    this.events.emit('chargePoint.changed', { chargePointId: identity });
    return row;
  }

  private withLastHeard(row: ChargePointRow): ChargePointRow {
    return withLastSeen(row, this.lastHeard.latest(row.id, row.last_seen_at));
  }
}
