/**
 * Simulated stations run inside the central system's own process (README "Simulated charge point"), so a technician
 * or a tester can try every console feature without hardware. Each one is a real SimulatedChargePoint
 * (main/simulator) talking OCPP-J over a real WebSocket to this server's own OCPP port, exactly as a charger on the
 * LAN would: everything it says is handled, stored and shown like any station's.
 *
 * Registration: an operator starting a simulated station from the console has approved it by that very act, so
 * each simulated identity is registered Accepted (as `PUT /api/charge-points/{id}` with registrationStatus
 * Accepted would) before it connects. The simulated stations therefore work under every registration policy,
 * including `reject`, and the policy keeps applying, unchanged, to every identity the operator did not create.
 */
import type {
  SimulatorAction,
  SimulatorActionRequest,
  SimulatorActionResponse,
  SimulatorConnectorDto,
  SimulatorDto,
  SimulatorStartRequest,
} from '../../shared/api/types.js';
import { fieldProblems } from '../../shared/api/field-problems.js';
import { SimulatorStartBody } from '../../shared/api/request-bodies.js';
import { CHARGE_POINT_ERROR_CODES, type ChargePointErrorCode, type ChargePointStatus } from '../../shared/ocpp/messages/core.js';
import type { CentralSystem } from '../csms/central-system.js';
import { SessionRejectedError, SimulatedChargePoint, type Connector } from '../simulator/index.js';

/** Refusals the routes turn into HTTP answers. */
export class FleetError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid',
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'FleetError';
  }
}

/** Simulated stations running at once; each start request's own ranges are in its schema (SimulatorStartBody). */
export const FLEET_LIMITS = {
  maxTotal: 1000,
} as const;

/** How long POST /api/simulators waits for the new stations to connect and boot before answering anyway. */
const START_WAIT_MS = 10_000;

interface FleetEntry {
  cp: SimulatedChargePoint;
  maxPowerW: number;
  meterValueSampleIntervalSec: number;
  autoReconnect: boolean;
  startedAt: string;
  lastClose: SimulatorDto['lastClose'];
  lastError: string | null;
}

/** The central system's own OCPP endpoint over loopback (or the one address OCPP is bound to). */
export function ownOcppUrl(csms: Pick<CentralSystem, 'startup' | 'ocppAddress'>): string {
  const host = csms.startup.ocppHost;
  const loopback = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  const h = loopback.includes(':') ? `[${loopback}]` : loopback;
  return `ws://${h}:${csms.ocppAddress.port}/ocpp`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class SimulatorFleet {
  private readonly entries = new Map<string, FleetEntry>();
  private stopped = false;

  constructor(private readonly csms: CentralSystem) {}

  /** This server's own OCPP endpoint over loopback (or the one address OCPP is bound to). */
  get ocppBaseUrl(): string {
    return ownOcppUrl(this.csms);
  }

  list(): SimulatorDto[] {
    return [...this.entries.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((id) => this.dto(id));
  }

  get(id: string): SimulatorDto | undefined {
    return this.entries.has(id) ? this.dto(id) : undefined;
  }

  /** Validates a start request against its schema (shared/api/request-bodies.ts); the problems by field. */
  static validate(body: Readonly<Record<string, unknown>>): Record<string, string> {
    return fieldProblems(SimulatorStartBody, body);
  }

  /**
   * Start `count` stations `<idPrefix><n>`, n being the next numbers not used by any known charge point or running
   * simulator (ids never clash with a real station: a simulator must not take over a charger's connection).
   * Resolves once they are connected and booted, or after START_WAIT_MS (they keep trying in the background).
   */
  async start(request: SimulatorStartRequest): Promise<SimulatorDto[]> {
    if (this.stopped) throw new FleetError('conflict', 'The simulator fleet is stopped');
    const problems = SimulatorFleet.validate(request);
    if (Object.keys(problems).length) throw new FleetError('invalid', 'Invalid simulator options', problems);
    const count = request.count ?? 1;
    if (this.entries.size + count > FLEET_LIMITS.maxTotal)
      throw new FleetError('conflict', `At most ${FLEET_LIMITS.maxTotal} simulated stations run at once (${this.entries.size} running)`);
    const prefix = request.idPrefix ?? 'SIM-';
    const ids = this.freeIds(prefix, count);
    const options = {
      connectorCount: request.connectorCount ?? 2,
      maxPowerW: request.maxPowerW ?? 11_000,
      meterValueSampleIntervalSec: request.meterValueSampleIntervalSec ?? 10,
      autoReconnect: request.autoReconnect ?? true,
    };
    for (const id of ids) {
      await this.csms.services.stations.upsert({ id, registrationStatus: 'Accepted', description: 'Simulated station (started from the console)' });
    }
    const starts = ids.map((id) => this.launch(id, options));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(starts), new Promise<void>((resolve) => (timer = setTimeout(resolve, START_WAIT_MS)))]);
    clearTimeout(timer);
    return ids.map((id) => this.dto(id));
  }

  private freeIds(prefix: string, count: number): string[] {
    const taken = new Set([...this.entries.keys(), ...this.csms.services.stations.list().map((cp) => cp.id)]);
    const ids: string[] = [];
    for (let n = 1; ids.length < count; n++) if (!taken.has(`${prefix}${n}`)) ids.push(`${prefix}${n}`);
    return ids;
  }

  private launch(
    id: string,
    o: { connectorCount: number; maxPowerW: number; meterValueSampleIntervalSec: number; autoReconnect: boolean },
  ): Promise<void> {
    const cp = new SimulatedChargePoint({
      url: this.ocppBaseUrl,
      identity: id,
      connectorCount: o.connectorCount,
      autoReconnect: o.autoReconnect,
      // A real station sends Heartbeats; with the interval from BootNotification.conf (OCPP 1.6 §4.6).
      heartbeats: true,
      meter: { maxPowerW: o.maxPowerW },
      configuration: { MeterValueSampleInterval: String(o.meterValueSampleIntervalSec) },
      vendor: 'Simulated',
      model: 'Console simulator',
      serialNumber: id,
    });
    const entry: FleetEntry = { cp, ...o, startedAt: new Date().toISOString(), lastClose: null, lastError: null };
    this.entries.set(id, entry);
    cp.on('close', ({ code, reason }) => (entry.lastClose = { at: new Date().toISOString(), code, reason }));
    cp.on('behaviour-error', (err: Error) => (entry.lastError = err.message));
    cp.on('reconnect-failed', (err: unknown) => (entry.lastError = message(err)));
    cp.on('open', () => (entry.lastError = null));
    return cp.start().catch((err: unknown) => {
      entry.lastError = message(err);
    });
  }

  /** Stop and forget one simulator (a clean close: the station record stays, like a charger switched off). */
  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new FleetError('not-found', `Simulator ${id} not found`);
    this.entries.delete(id);
    await entry.cp.close(1000, 'Simulator removed');
  }

  /** Every simulator closes; no new one starts. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((e) => e.cp.close(1001, 'Central system stopping')));
  }

  async act(id: string, action: SimulatorAction, body: SimulatorActionRequest): Promise<SimulatorActionResponse> {
    const entry = this.entries.get(id);
    if (!entry) throw new FleetError('not-found', `Simulator ${id} not found`);
    const outcome = await this.run(entry, action, body);
    return { simulator: this.dto(id), outcome };
  }

  private connectorOf(entry: FleetEntry, body: SimulatorActionRequest, allowZero: boolean): Connector {
    const connectorId = body.connectorId ?? 1;
    const max = entry.cp.connectorCount;
    if (!Number.isInteger(connectorId) || connectorId < (allowZero ? 0 : 1) || connectorId > max)
      throw new FleetError('invalid', 'Invalid connector', { connectorId: `must be an integer from ${allowZero ? 0 : 1} to ${max}` });
    return entry.cp.state.connectors[connectorId]!;
  }

  private requireConnected(entry: FleetEntry): void {
    if (!entry.cp.connected) throw new FleetError('conflict', `${entry.cp.identity} is not connected`);
  }

  private async run(entry: FleetEntry, action: SimulatorAction, body: SimulatorActionRequest): Promise<SimulatorActionResponse['outcome']> {
    const cp = entry.cp;
    switch (action) {
      case 'plug-in': {
        // A cable plugged in without a session: Preparing (OCPP 1.6 §7.7 ChargePointStatus).
        const c = this.connectorOf(entry, body, false);
        this.requireConnected(entry);
        if (c.transaction) throw new FleetError('conflict', `Connector ${c.id} already has transaction ${c.transaction.transactionId}`);
        if (c.status !== 'Available' && c.status !== 'Finishing')
          throw new FleetError('conflict', `Connector ${c.id} is ${c.status}: a cable can be plugged into an Available connector`);
        await cp.statusNotification(c.id, 'Preparing');
        return { ok: true, message: `Connector ${c.id} is Preparing (cable plugged in)` };
      }
      case 'start': {
        const c = this.connectorOf(entry, body, false);
        if (typeof body.idTag !== 'string' || body.idTag.length < 1 || body.idTag.length > 20)
          throw new FleetError('invalid', 'Invalid id tag', { idTag: 'must be 1 to 20 characters (OCPP 1.6 IdToken)' });
        this.requireConnected(entry);
        if (c.transaction) throw new FleetError('conflict', `Connector ${c.id} already has transaction ${c.transaction.transactionId}`);
        if (c.status === 'Faulted' || c.status === 'Unavailable') throw new FleetError('conflict', `Connector ${c.id} is ${c.status}`);
        try {
          // Authorize, then StartTransaction (§4.1, §4.8): the central system decides about the id tag.
          const transactionId = await cp.startSession({ connectorId: c.id, idTag: body.idTag });
          return { ok: true, message: `Transaction ${transactionId} started on connector ${c.id}`, transactionId };
        } catch (err) {
          if (err instanceof SessionRejectedError)
            return {
              ok: false,
              message: err.message,
              idTagInfo: { ...err.idTagInfo },
              ...(err.transactionId !== undefined ? { transactionId: err.transactionId } : {}),
            };
          throw new FleetError('conflict', message(err));
        }
      }
      case 'stop':
      case 'unplug': {
        const c = this.connectorOf(entry, body, false);
        this.requireConnected(entry);
        if (c.transaction) {
          const transactionId = c.transaction.transactionId;
          // Unplugging ends the session from the EV side (StopTransaction reason EVDisconnected, §7.39).
          await cp.stopSession({ connectorId: c.id, reason: action === 'unplug' ? 'EVDisconnected' : 'Local' });
          return { ok: true, message: `Transaction ${transactionId} stopped on connector ${c.id}`, transactionId };
        }
        if (action === 'stop') throw new FleetError('conflict', `No transaction on connector ${c.id}`);
        if (c.status === 'Preparing' || c.status === 'Finishing') await cp.statusNotification(c.id, 'Available');
        return { ok: true, message: `Connector ${c.id} is ${c.status}` };
      }
      case 'fault': {
        const c = this.connectorOf(entry, body, true);
        const errorCode = (body.errorCode ?? 'OtherError') as ChargePointErrorCode;
        if (!CHARGE_POINT_ERROR_CODES.includes(errorCode) || errorCode === 'NoError')
          throw new FleetError('invalid', 'Invalid error code', { errorCode: 'must be a ChargePointErrorCode other than NoError' });
        this.requireConnected(entry);
        c.meter.suspend();
        await cp.statusNotification(c.id, 'Faulted', errorCode);
        return { ok: true, message: `Connector ${c.id} Faulted (${errorCode})` };
      }
      case 'clear-fault': {
        const c = this.connectorOf(entry, body, true);
        this.requireConnected(entry);
        if (c.status !== 'Faulted') throw new FleetError('conflict', `Connector ${c.id} is not Faulted`);
        const next: ChargePointStatus = c.transaction
          ? 'Charging'
          : c.availability === 'Inoperative'
            ? 'Unavailable'
            : c.reservation
              ? 'Reserved'
              : 'Available';
        if (c.transaction) c.meter.resume();
        await cp.statusNotification(c.id, next, 'NoError');
        return { ok: true, message: `Connector ${c.id} is ${next}` };
      }
      case 'disconnect': {
        if (!cp.connected) throw new FleetError('conflict', `${cp.identity} is not connected`);
        if (body.abrupt) {
          // A network failure: no close frame; autoReconnect (if on) brings it back with backoff.
          cp.terminate({ reconnect: entry.autoReconnect });
          return { ok: true, message: `${cp.identity} dropped the connection${entry.autoReconnect ? ' (it will reconnect)' : ''}` };
        }
        await cp.close(1000, 'Disconnected from the console');
        return { ok: true, message: `${cp.identity} closed its connection` };
      }
      case 'reconnect': {
        if (cp.connected) {
          await cp.close(1000, 'Reconnecting');
        }
        try {
          await cp.connect();
        } catch (err) {
          entry.lastError = message(err);
          return { ok: false, message: `Connect failed: ${message(err)}` };
        }
        // A station that was never accepted boots; an accepted one just resumes (§4.2: boot only after a restart).
        if (cp.state.registrationStatus !== 'Accepted') void cp.bootUntilAccepted();
        else {
          cp.startHeartbeats();
          void cp.runFlow(() => cp.sendAllStatusNotifications());
        }
        return { ok: true, message: `${cp.identity} reconnected` };
      }
      default:
        throw new FleetError('not-found', `Unknown simulator action ${String(action)}`);
    }
  }

  private dto(id: string): SimulatorDto {
    const e = this.entries.get(id)!;
    const { cp } = e;
    const connectors: SimulatorConnectorDto[] = cp.state.connectors.slice(1).map((c) => ({
      connectorId: c.id,
      status: c.status,
      errorCode: c.errorCode,
      transactionId: c.transaction?.transactionId ?? null,
      idTag: c.transaction?.idTag ?? null,
      transactionStartedAt: c.transaction ? new Date(c.transaction.startedAt).toISOString() : null,
      powerW: Math.round(c.meter.power),
      energyWh: c.meterWh,
    }));
    return {
      id,
      connected: cp.connected,
      registrationStatus: cp.state.registrationStatus ?? null,
      stationStatus: cp.state.connectors[0]!.status,
      connectorCount: cp.connectorCount,
      maxPowerW: e.maxPowerW,
      meterValueSampleIntervalSec: e.meterValueSampleIntervalSec,
      autoReconnect: e.autoReconnect,
      startedAt: e.startedAt,
      lastClose: e.lastClose,
      lastError: e.lastError,
      connectors,
    };
  }
}
