/**
 * Every frame the simulated stations of a run send and receive, in order, and the exchanges they form: a CALL and
 * its answer, matched by message id (OCPP-J §4.1.1), either the station's CALL or the central system's.
 */
import type { ScenarioFrame } from '../../../shared/api/scenario.js';
import { parseFrame, type JsonObject, type ParsedFrame } from '../../../shared/ocpp/rpc-frames.js';
import type { SimulatedChargePoint } from '../charge-point.js';

export interface LoggedFrame extends ScenarioFrame {
  atMs: number;
  parsed: ParsedFrame;
}

export interface Exchange {
  station: string;
  /** Who sent the CALL: the simulated station, or the central system. */
  initiator: 'station' | 'csms';
  action: string;
  payload: JsonObject;
  call: LoggedFrame;
  /** The CALLRESULT or CALLERROR, if one came. */
  answer?: LoggedFrame;
}

/** A frame for a report: its text and where it went, without the parsed form. */
export function evidence(frame: LoggedFrame): ScenarioFrame {
  return { at: frame.at, station: frame.station, direction: frame.direction, frame: frame.frame };
}

export class FrameLog {
  readonly frames: LoggedFrame[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Log what this station sends and receives from now on. */
  attach(cp: SimulatedChargePoint): void {
    cp.on('frame-out', (raw) => this.add(cp.identity, 'sent', raw));
    cp.on('frame-in', (message) => this.add(cp.identity, 'received', message.raw));
  }

  private add(station: string, direction: LoggedFrame['direction'], frame: string): void {
    const atMs = this.now();
    this.frames.push({ at: new Date(atMs).toISOString(), atMs, station, direction, frame, parsed: parseFrame(frame) });
  }

  /** The exchanges so far, in the order of their CALLs. */
  exchanges(): Exchange[] {
    const open = new Map<string, Exchange>();
    const out: Exchange[] = [];
    for (const f of this.frames) {
      const p = f.parsed;
      if (p.kind === 'call') {
        const exchange: Exchange = {
          station: f.station,
          initiator: f.direction === 'sent' ? 'station' : 'csms',
          action: p.action,
          payload: p.payload,
          call: f,
        };
        open.set(`${f.station}\n${f.direction}\n${p.messageId}`, exchange);
        out.push(exchange);
      } else if (p.kind === 'result' || p.kind === 'error') {
        // An answer travels the other way from its CALL.
        const key = `${f.station}\n${f.direction === 'sent' ? 'received' : 'sent'}\n${p.messageId}`;
        const exchange = open.get(key);
        if (exchange && !exchange.answer) {
          exchange.answer = f;
          open.delete(key);
        }
      }
    }
    return out;
  }
}
