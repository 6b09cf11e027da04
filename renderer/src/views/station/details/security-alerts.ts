import { href } from '../../../app/router.js';
import { onEventBatch } from '../../../store/event-bus.js';
import { toast } from '../../../store/toasts.js';

/** `#/stations/<id>/details?section=security`: the station's page, scrolled to its certificate panel. */
export const SECURITY_SECTION = 'security';

export function securityPanelHref(chargePointId: string): string {
  return `${href('stations', chargePointId, 'details')}?section=${SECURITY_SECTION}`;
}

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
