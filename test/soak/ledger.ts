/**
 * What the simulated stations sent and what the central system answered, read off their frames: the soak's side of
 * the reconciliation. Only an answered CALL obliges the central system to have stored it (README "What the central
 * system does": what a reply acknowledges is committed before the reply is sent); a CALL left unanswered when the
 * connection went away may or may not be stored, so it widens what is allowed instead of being required.
 */
import type { SimulatedChargePoint } from '../../main/simulator/index.js';

type Json = Record<string, unknown>;

export interface AckedStart {
  station: string;
  connectorId: number;
  meterStart: number;
  timestamp: string;
}

export interface AckedStop {
  meterStop: number;
  timestamp: string;
  /** meterValue entries in transactionData. */
  transactionData: number;
}

export interface UnansweredStart {
  station: string;
  connectorId: number;
  meterStart: number;
  timestamp: string;
}

/** Per connector: the status of the last answered StatusNotification and those sent after it without an answer. */
export interface ConnectorStatusSent {
  acked: string | null;
  unansweredAfter: string[];
}

export interface ActionCounts {
  answered: number;
  callErrors: number;
  unanswered: number;
}

export class Ledger {
  readonly starts = new Map<number, AckedStart>();
  readonly stops = new Map<number, AckedStop>();
  /** Answered MeterValues: meterValue entries per transaction. */
  readonly samples = new Map<number, number>();
  readonly unansweredSamples = new Map<number, number>();
  readonly unansweredStarts: UnansweredStart[] = [];
  readonly unansweredStops = new Set<number>();
  /** station -> connectorId -> statuses sent. */
  readonly statuses = new Map<string, Map<number, ConnectorStatusSent>>();
  readonly actions = new Map<string, ActionCounts>();

  private count(action: string): ActionCounts {
    let counts = this.actions.get(action);
    if (!counts) this.actions.set(action, (counts = { answered: 0, callErrors: 0, unanswered: 0 }));
    return counts;
  }

  private status(station: string, connectorId: number): ConnectorStatusSent {
    let byConnector = this.statuses.get(station);
    if (!byConnector) this.statuses.set(station, (byConnector = new Map<number, ConnectorStatusSent>()));
    let sent = byConnector.get(connectorId);
    if (!sent) byConnector.set(connectorId, (sent = { acked: null, unansweredAfter: [] }));
    return sent;
  }

  /** Follows every CALL the station sends and the answers it gets, across reconnects. */
  attach(cp: SimulatedChargePoint): void {
    const station = cp.identity;
    const pending = new Map<string, { action: string; payload: Json }>();
    cp.on('frame-out', (raw: string) => {
      const frame = JSON.parse(raw) as unknown[];
      if (frame[0] === 2) pending.set(frame[1] as string, { action: frame[2] as string, payload: frame[3] as Json });
    });
    cp.on('frame-in', (message: { raw: string }) => {
      const frame = JSON.parse(message.raw) as unknown[];
      if (frame[0] !== 3 && frame[0] !== 4) return;
      const call = pending.get(frame[1] as string);
      if (!call) return;
      pending.delete(frame[1] as string);
      if (frame[0] === 4) this.count(call.action).callErrors++;
      else this.answered(station, call.action, call.payload, frame[2] as Json);
    });
    // A CALL still waiting when its connection closes never gets an answer (the station resends nothing by id).
    cp.on('close', () => {
      for (const call of pending.values()) this.unanswered(station, call.action, call.payload);
      pending.clear();
    });
  }

  private answered(station: string, action: string, payload: Json, result: Json): void {
    this.count(action).answered++;
    switch (action) {
      case 'StartTransaction':
        this.starts.set(result.transactionId as number, {
          station,
          connectorId: payload.connectorId as number,
          meterStart: payload.meterStart as number,
          timestamp: payload.timestamp as string,
        });
        break;
      case 'StopTransaction':
        this.stops.set(payload.transactionId as number, {
          meterStop: payload.meterStop as number,
          timestamp: payload.timestamp as string,
          transactionData: ((payload.transactionData as unknown[] | undefined) ?? []).length,
        });
        break;
      case 'MeterValues':
        if (payload.transactionId !== undefined) add(this.samples, payload.transactionId as number, (payload.meterValue as unknown[]).length);
        break;
      case 'StatusNotification': {
        const sent = this.status(station, payload.connectorId as number);
        sent.acked = payload.status as string;
        sent.unansweredAfter = [];
        break;
      }
    }
  }

  private unanswered(station: string, action: string, payload: Json): void {
    this.count(action).unanswered++;
    switch (action) {
      case 'StartTransaction':
        this.unansweredStarts.push({
          station,
          connectorId: payload.connectorId as number,
          meterStart: payload.meterStart as number,
          timestamp: payload.timestamp as string,
        });
        break;
      case 'StopTransaction':
        this.unansweredStops.add(payload.transactionId as number);
        break;
      case 'MeterValues':
        if (payload.transactionId !== undefined)
          add(this.unansweredSamples, payload.transactionId as number, (payload.meterValue as unknown[]).length);
        break;
      case 'StatusNotification':
        this.status(station, payload.connectorId as number).unansweredAfter.push(payload.status as string);
        break;
    }
  }

  /** Answered meterValue entries of MeterValues sent inside a transaction. */
  get answeredSampleCount(): number {
    let total = 0;
    for (const n of this.samples.values()) total += n;
    return total;
  }
}

function add(map: Map<number, number>, key: number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
