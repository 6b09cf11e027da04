import type { SimulatedChargePoint } from '../../../main/simulator/index.js';
import type { ConsoleServer } from './server.js';
import type { StationFactory } from './fixtures.js';

export interface Depot {
  stations: SimulatedChargePoint[];
  /** Identities by the state they were left in. */
  charging: string[];
  faulted: string[];
  offline: string[];
}

/**
 * A depot as an operator sees it: `count` stations with two connectors each, every fifth one charging (with meter
 * values), two faulted and two offline, the rest idle. Identities are `<prefix>-<n>` with n from 1, so natural
 * sorting is visible (…-2 before …-10).
 */
export async function bootDepot(server: ConsoleServer, stations: StationFactory, count: number, prefix = 'CP'): Promise<Depot> {
  const all = await Promise.all(Array.from({ length: count }, (_, i) => stations.booted(`${prefix}-${i + 1}`, { connectorCount: 2 })));
  const depot: Depot = { stations: all, charging: [], faulted: [], offline: [] };
  for (const [i, cp] of all.entries()) {
    const n = i + 1;
    if (n % 5 === 0) {
      // One tag per session: the central system refuses a tag already charging elsewhere (ConcurrentTx).
      const idTag = `${prefix}-TAG-${n}`;
      await server.api.putIdTag(idTag, { status: 'Accepted' });
      await cp.startSession({ connectorId: 1, idTag });
      await cp.meterValues(1);
      depot.charging.push(cp.identity);
    } else if (n === 3 || n === 17) {
      await cp.statusNotification(2, 'Faulted', 'GroundFailure', { vendorErrorCode: 'E-17', info: 'RCD tripped' });
      depot.faulted.push(cp.identity);
    } else if (n === 7 || n === 23) {
      await cp.close();
      depot.offline.push(cp.identity);
    }
  }
  return depot;
}
