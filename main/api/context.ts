import type { CentralSystem } from '../csms/central-system.js';
import type { OperatorOperations } from '../csms/operations/operator-operations.js';
import { TransactionQueries } from '../csms/storage/repositories/transaction-queries.js';
import type { FileServices } from '../csms/files/index.js';
import type { SseHub } from './sse.js';
import type { SimulatorFleet } from '../services/simulator-fleet.js';

/** What route handlers work with. */
export interface ApiContext {
  csms: CentralSystem;
  operations: OperatorOperations;
  sse: SseHub;
  transactions: TransactionQueries;
  /** The current API token (replaced by rotation). */
  token: { current: string };
  startedAt: Date;
  /** The file services (firmware, diagnostics uploads), when they run; the file routes answer 503 without them. */
  files?: FileServices;
  /** Simulated stations started from the console; the simulator routes answer 503 without them. */
  simulators?: SimulatorFleet;
}

export function createTransactionQueries(csms: CentralSystem): TransactionQueries {
  return new TransactionQueries(csms.db);
}
