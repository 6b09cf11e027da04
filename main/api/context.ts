import type { CentralSystem } from '../csms/central-system.js';
import type { CommissioningWaits } from '../csms/commissioning/check-context.js';
import { CommissioningRuns } from '../csms/commissioning/runner.js';
import type { FileServices } from '../csms/files/index.js';
import type { OperatorOperations } from '../csms/operations/operator-operations.js';
import type { ConnectionRegistry } from '../csms/services/connection-registry.js';
import type { CsmsServices } from '../csms/services/index.js';
import type { SimulationRuns } from '../services/simulation-runs.js';
import type { SimulatorFleet } from '../services/simulator-fleet.js';
import type { SseHub } from './sse.js';

/** What the API may know of the central system itself: where it listens and with what, never its storage. */
type CentralSystemFacts = Pick<CentralSystem, 'startup' | 'ocppAddress' | 'ocppTlsAddress' | 'tls' | 'validator' | 'clock' | 'limits'>;

/**
 * What route handlers work with: the central system's domain services (each write goes through one, with its
 * events), the operator operations for CSMS-initiated calls, and the API's own parts. No repository, database or
 * group commit is reachable from here, by design (docs/architecture.md "Rules").
 */
export interface ApiContext extends Omit<CsmsServices, 'vendorDataTransfer' | 'connections' | 'uploads'> {
  /** Which stations are connected (the registry's writes belong to the central system). */
  readonly connections: Pick<ConnectionRegistry, 'has' | 'ids'>;
  readonly central: CentralSystemFacts;
  readonly operations: OperatorOperations;
  /** Commissioning runs on connected stations (main/csms/commissioning). */
  readonly commissioning: CommissioningRuns;
  readonly sse: SseHub;
  /** The current API token (replaced by rotation). */
  readonly token: { current: string };
  readonly startedAt: Date;
  /** The file services (firmware, diagnostics uploads), when they run; the file routes answer 503 without them. */
  readonly files?: FileServices;
  /** Simulated stations started from the console; the simulator routes answer 503 without them. */
  readonly simulators?: SimulatorFleet;
  /** Scenario runs and replays (docs/scenarios.md); their routes answer 503 without them. */
  readonly simulationRuns?: SimulationRuns;
}

/** The context of the routes over a running central system: its services, never its storage. */
export function createApiContext(parts: {
  csms: CentralSystem;
  operations: OperatorOperations;
  sse: SseHub;
  token: string;
  files?: FileServices;
  simulators?: SimulatorFleet;
  simulationRuns?: SimulationRuns;
  commissioningWaits?: Partial<CommissioningWaits>;
}): ApiContext {
  const { csms } = parts;
  return {
    ...csms.services,
    central: csms,
    operations: parts.operations,
    commissioning: new CommissioningRuns({
      services: csms.services,
      events: csms.events,
      clock: csms.clock,
      operations: parts.operations,
      fileServerAvailable: parts.files !== undefined,
      ...(parts.commissioningWaits ? { waits: parts.commissioningWaits } : {}),
    }),
    sse: parts.sse,
    token: { current: parts.token },
    startedAt: new Date(),
    files: parts.files,
    simulators: parts.simulators,
    simulationRuns: parts.simulationRuns,
  };
}
