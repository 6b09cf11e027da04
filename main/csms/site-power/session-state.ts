import type { SessionState } from '../sites/index.js';

/**
 * A transaction's connector status (OCPP 1.6 §7.7 ChargePointStatus) as the allocation knows it. A status that says
 * nothing of the EV (Available, Occupied, Faulted, unknown) with an open transaction counts as charging: it may draw.
 */
export function sessionStateOf(status: string | undefined): SessionState {
  switch (status) {
    case 'SuspendedEV':
      return 'suspendedEV';
    case 'SuspendedEVSE':
      return 'suspendedEVSE';
    case 'Preparing':
      return 'preparing';
    case 'Finishing':
      return 'finishing';
    default:
      return 'charging';
  }
}
