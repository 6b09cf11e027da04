import { EventEmitter } from 'node:events';

/**
 * Change notifications from the central system. Small on purpose: the console and the API are told *what* changed
 * and re-query what they show (engineering anchors §6), so a burst of meter values costs them little.
 */
export interface CsmsEventMap {
  'chargePoint.connected': { chargePointId: string; remoteAddress: string | null; at: string };
  'chargePoint.disconnected': { chargePointId: string; code: number; reason: string; at: string };
  'chargePoint.changed': { chargePointId: string };
  'chargePoint.booted': { chargePointId: string; status: string };
  'connector.status': { chargePointId: string; connectorId: number; status: string; errorCode: string };
  'transaction.started': { chargePointId: string; connectorId: number; transactionId: number; idTag: string };
  'transaction.stopped': { chargePointId: string; transactionId: number; reason: string };
  'transaction.meter': { chargePointId: string; transactionId: number | null; connectorId: number };
  'reservation.changed': { chargePointId: string; reservationId: number; status: string };
  'idTag.changed': { idTag: string };
  'message.logged': { chargePointId: string; direction: 'in' | 'out'; action: string | null; messageType: number | null; errorCode: string | null };
  'handshake.refused': { identity: string | null; reason: string; httpStatus: number; remoteAddress: string | null };
  'station.report': { chargePointId: string; kind: string; status: string };
  'settings.changed': Record<string, never>;
  /** State kept from the answers to CSMS-initiated calls (issue #3). */
  'localList.changed': { chargePointId: string };
  'chargingProfiles.changed': { chargePointId: string };
  'compositeSchedule.changed': { chargePointId: string; connectorId: number };
  'configuration.changed': { chargePointId: string };
  'fileJob.changed': { chargePointId: string; jobId: number; kind: string; status: string };
  'certificates.changed': { chargePointId: string; certificateType: string };
  /** A file was stored by the file services (main/csms/files): a station's upload, or firmware the operator added. */
  'file.stored': { area: 'upload' | 'firmware'; chargePointId: string | null; name: string; size: number; via: 'http' | 'ftp' | 'operator' };
}

export type CsmsEventName = keyof CsmsEventMap;

export class CsmsEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many console clients and API streams may listen; this is not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends CsmsEventName>(name: E, payload: CsmsEventMap[E]): void {
    this.emitter.emit(name, payload);
    this.emitter.emit('*', name, payload);
  }

  on<E extends CsmsEventName>(name: E, listener: (payload: CsmsEventMap[E]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Every event, for streams that forward all of them (SSE, IPC). */
  onAny(listener: <E extends CsmsEventName>(name: E, payload: CsmsEventMap[E]) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}
