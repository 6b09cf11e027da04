import type { NewAnomaly } from '../storage/repositories/anomalies.js';
import type { HandlerContext } from './context.js';

/** Keep a conflicting report (its kinds: shared/api/types.ts AnomalyKind) and tell the console, after the commit. */
export function recordAnomaly(ctx: HandlerContext, anomaly: NewAnomaly): void {
  ctx.repos.anomalies.record(anomaly);
  ctx.emit('anomaly.recorded', { chargePointId: anomaly.chargePointId, transactionId: anomaly.transactionId, kind: anomaly.kind });
}
