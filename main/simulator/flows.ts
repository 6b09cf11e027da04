/**
 * The simulated station's multi-step flows: a charging session (Preparing, Authorize, StartTransaction, Charging;
 * then StopTransaction, Finishing, and back to idle), booting until accepted (OCPP 1.6 §4.2), and a reboot (Reset
 * §5.14, firmware installation).
 */
import type { OcppResponse } from '../../shared/ocpp/actions.js';
import type { ChargingProfile, IdTagInfo } from '../../shared/ocpp/messages/common.js';
import type { Reason } from '../../shared/ocpp/messages/core.js';
import type { StationConnection } from './connection.js';
import type { ChargePointMessages } from './messages.js';
import type { StationModel } from './station.js';
import type { TimerSet } from './timers.js';

/** Boot retry interval when the central system gives none (OCPP 1.6 §4.2: Pending/Rejected wait `interval`). */
const DEFAULT_BOOT_RETRY_SEC = 10;
/** How often a firmware installation checks whether the transactions have ended. */
const IDLE_POLL_MS = 500;

/** StartSession refused (Authorize or StartTransaction not Accepted). */
export class SessionRejectedError extends Error {
  constructor(
    readonly step: 'Authorize' | 'StartTransaction',
    readonly idTagInfo: IdTagInfo,
    readonly transactionId?: number,
  ) {
    super(`${step} not accepted: ${idTagInfo.status}`);
    this.name = 'SessionRejectedError';
  }
}

export interface SessionRequest {
  connectorId: number;
  idTag: string;
  /** Send Authorize first. */
  authorize: boolean;
  /** Preparing before Authorize (a local start); false is the remote-start order (Authorize, then Preparing). */
  preparingFirst: boolean;
  reservationId?: number;
  /** A TxProfile to install for the new transaction (RemoteStartTransaction). */
  chargingProfile?: ChargingProfile;
}

export class StationFlows {
  constructor(
    private readonly station: StationModel,
    private readonly messages: ChargePointMessages,
    private readonly connection: StationConnection,
    private readonly timers: TimerSet,
    private readonly options: { rebootDelayMs?: number },
    private readonly reportError: (error: unknown) => void,
  ) {}

  /** A session. Throws SessionRejectedError when the id tag is not accepted (after putting the connector back). */
  async runSession(request: SessionRequest): Promise<number> {
    const { station, messages } = this;
    const c = station.connector(request.connectorId);
    if (!c || c.id === 0) throw new Error(`Unknown connector ${request.connectorId}`);
    if (c.transaction) throw new Error(`Connector ${c.id} already has transaction ${c.transaction.transactionId}`);
    const statusBefore = c.status;
    if (request.preparingFirst) await messages.setStatus(c.id, 'Preparing');
    if (request.authorize) {
      const auth = await messages.authorize(request.idTag);
      if (auth.idTagInfo.status !== 'Accepted') {
        if (request.preparingFirst) await messages.setStatus(c.id, station.idleStatus(c, statusBefore));
        throw new SessionRejectedError('Authorize', auth.idTagInfo);
      }
    }
    if (!request.preparingFirst) await messages.setStatus(c.id, 'Preparing');
    const reservationId = request.reservationId ?? station.reservationFor(c.id, request.idTag)?.reservationId;
    const conf = await messages.startTransaction({ connectorId: c.id, idTag: request.idTag, reservationId });
    if (request.chargingProfile) {
      station.chargingProfiles.install(c.id, { ...request.chargingProfile, transactionId: conf.transactionId });
      station.applyChargingLimit(c);
    }
    if (conf.idTagInfo.status !== 'Accepted') {
      if (station.configuration.getBoolean('StopTransactionOnInvalidId', true)) {
        await this.stopSession({ connectorId: c.id, reason: 'DeAuthorized' });
      } else {
        c.meter.suspend();
        await messages.setStatus(c.id, 'SuspendedEVSE');
      }
      throw new SessionRejectedError('StartTransaction', conf.idTagInfo, conf.transactionId);
    }
    await messages.setStatus(c.id, 'Charging');
    return conf.transactionId;
  }

  /** StopTransaction → Finishing → Available (or Unavailable when a change of availability was scheduled). */
  async stopSession(request: { connectorId: number; reason?: Reason; idTag?: string }): Promise<OcppResponse<'StopTransaction'>> {
    const { station, messages } = this;
    const c = station.connector(request.connectorId);
    const tx = c?.transaction;
    if (!c || !tx) throw new Error(`No transaction on connector ${request.connectorId}`);
    const reason = request.reason ?? 'Local';
    const conf = await messages.stopTransaction({
      transactionId: tx.transactionId,
      reason,
      idTag: request.idTag ?? (reason === 'Local' ? tx.idTag : undefined),
      transactionData: station.transactionData(c, tx),
    });
    await messages.setStatus(c.id, 'Finishing');
    if (station.applyScheduledAvailability(c)) await messages.setStatus(0, station.stationStatus());
    await messages.setStatus(c.id, station.idleStatus(c));
    return conf;
  }

  /** Resolves when no transaction runs (a firmware installation waits for this). */
  async whenIdle(pollMs = IDLE_POLL_MS): Promise<void> {
    while (this.station.busy && !this.connection.stopped) await this.timers.sleep(pollMs);
  }

  /** Boot, and while Pending/Rejected retry after the interval, until Accepted or closed. */
  async bootUntilAccepted(): Promise<OcppResponse<'BootNotification'> | undefined> {
    while (!this.connection.stopped && this.connection.isOpen) {
      let conf: OcppResponse<'BootNotification'> | undefined;
      try {
        conf = await this.messages.boot();
      } catch (err) {
        if (!this.connection.isOpen) return undefined;
        this.reportError(err);
      }
      if (conf?.status === 'Accepted') return conf;
      await this.timers.sleep(Math.max(1, conf?.interval || DEFAULT_BOOT_RETRY_SEC) * 1000);
    }
    return undefined;
  }

  /**
   * Reboot: stop running transactions with `reason` (none: they are lost, as on a power cut), close the socket,
   * reconnect after rebootDelayMs, boot until Accepted (StatusNotifications follow).
   */
  async reboot(reason: Reason | undefined): Promise<void> {
    const { station, messages } = this;
    if (reason) {
      for (const c of station.connectors) {
        const tx = c.transaction;
        if (!tx) continue;
        try {
          await messages.stopTransaction({ transactionId: tx.transactionId, reason, transactionData: station.transactionData(c, tx) });
        } catch (err) {
          // Offline or refused: a real station would queue it; we reboot anyway.
          messages.endTransaction(c);
          this.reportError(err);
        }
      }
    }
    messages.stopTimers();
    station.resetForReboot();
    if (!(await this.connection.restart(this.options.rebootDelayMs ?? 200))) return;
    station.registrationStatus = undefined;
    await this.bootUntilAccepted();
  }
}
