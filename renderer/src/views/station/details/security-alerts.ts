import { onEventBatch } from '../../../store/event-bus.js';
import { toast } from '../../../store/toasts.js';

/**
 * A certificate request the central system refused because its subject would not identify the station (white
 * paper §2.5) strands that station once it moves to profile 3, so the operator hears of it wherever the console is
 * open, not only on the station's page (which shows the reason and the per-station allowance).
 */
const CSR_REFUSED = 'CsrSubjectNotChargePoint';

onEventBatch((batch) => {
  for (const event of batch) {
    if (event.type !== 'station.report' || event.data.kind !== 'security' || event.data.status !== CSR_REFUSED) continue;
    toast.error(`${event.data.chargePointId}: certificate request refused, its subject does not identify the station (see the station's page)`);
  }
});
