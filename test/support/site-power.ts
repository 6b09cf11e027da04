/**
 * Site power sharing seen from the stations (docs/architecture.md "Sites"): what each simulated station has been
 * sent and is bound by, read from its own charging-profile store (main/simulator/smart-charging.ts), so a test
 * checks what the stations received, not what the central system believes it sent.
 */
import type { SimulatedChargePoint } from '../../main/simulator/index.js';

/** The most a session may draw per phase when no profile bounds it (what the central system assumes too). */
export const STATION_MAX_A = 32;

/** Per running transaction of these stations: the limit in force on it now (A per phase), from its profiles. */
export function limitsInForce(
  stations: readonly SimulatedChargePoint[],
  nowMs = Date.now(),
): Array<{ id: string; connectorId: number; limitA: number }> {
  const out: Array<{ id: string; connectorId: number; limitA: number }> = [];
  for (const cp of stations) {
    for (let connectorId = 1; connectorId <= cp.connectorCount; connectorId++) {
      const c = cp.connector(connectorId);
      if (!c?.transaction) continue;
      const el = { voltage: c.meter.voltage, phases: c.meter.phases };
      const tx = { startMs: c.transaction.startedAt, transactionId: c.transaction.transactionId };
      const limit = cp.state.chargingProfiles.limitAt(connectorId, nowMs, 'A', el, tx);
      out.push({ id: cp.identity, connectorId, limitA: limit ?? STATION_MAX_A });
    }
  }
  return out;
}

/** The sum of the limits in force on every running transaction (A per phase). */
export function sumInForceA(stations: readonly SimulatedChargePoint[]): number {
  return limitsInForce(stations).reduce((sum, l) => sum + l.limitA, 0);
}

/** The sum of what the stations' meters draw now (A per phase). */
export function measuredSumA(stations: readonly SimulatedChargePoint[]): number {
  let sum = 0;
  for (const cp of stations) {
    for (let connectorId = 1; connectorId <= cp.connectorCount; connectorId++) {
      const c = cp.connector(connectorId);
      if (c?.transaction) sum += c.meter.current;
    }
  }
  return sum;
}

/**
 * Checks `check` each time any station answers a SetChargingProfile (the moment its limits change) and collects
 * the failures; `stop()` unsubscribes.
 */
export function watchProfiles(stations: readonly SimulatedChargePoint[], check: () => string | null): { failures: string[]; stop(): void } {
  const failures: string[] = [];
  const listener = (event: { action: string }) => {
    if (event.action !== 'SetChargingProfile') return;
    const failure = check();
    if (failure !== null) failures.push(failure);
  };
  for (const cp of stations) cp.on('call', listener);
  return { failures, stop: () => stations.forEach((cp) => cp.off('call', listener)) };
}
