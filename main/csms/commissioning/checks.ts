import { COMMISSIONING_CHECKS, type CommissioningCheckId, type CommissioningTemplateDto } from '../../../shared/api/types.js';
import type { CommissioningCheck } from './check-context.js';
import { chargingProfileCheck, diagnosticsUploadCheck, reservationCheck } from './feature-checks.js';
import { meterValuesCheck, remoteStartCheck, remoteStopCheck, unlockCheck } from './session-checks.js';
import {
  bootCheck,
  clockCheck,
  configurationCheck,
  connectionCheck,
  connectorStatusCheck,
  heartbeatCheck,
  localListCheck,
} from './station-checks.js';

/** Every check by id. A run performs its checks in COMMISSIONING_CHECKS order, whatever order they were chosen in. */
export const CHECKS: Record<CommissioningCheckId, CommissioningCheck> = {
  connection: connectionCheck,
  boot: bootCheck,
  heartbeat: heartbeatCheck,
  'connector-status': connectorStatusCheck,
  clock: clockCheck,
  configuration: configurationCheck,
  'local-list': localListCheck,
  'remote-start': remoteStartCheck,
  'meter-values': meterValuesCheck,
  'remote-stop': remoteStopCheck,
  unlock: unlockCheck,
  'charging-profile': chargingProfileCheck,
  reservation: reservationCheck,
  'diagnostics-upload': diagnosticsUploadCheck,
};

export function isCheckId(id: string): id is CommissioningCheckId {
  return (COMMISSIONING_CHECKS as readonly string[]).includes(id);
}

/** Checks in the order a run performs them. */
export function inRunOrder(ids: readonly CommissioningCheckId[]): CommissioningCheckId[] {
  return COMMISSIONING_CHECKS.filter((id) => ids.includes(id));
}

const ALL = [...COMMISSIONING_CHECKS];

/** Templates that come with the central system; a technician saves others (PUT /api/commissioning-templates/{name}). */
export const BUILT_IN_TEMPLATES: readonly CommissioningTemplateDto[] = [
  { name: 'full', description: 'Every check, a charging session included', checks: ALL, builtIn: true },
  {
    name: 'ac-wallbox',
    description: 'An AC wallbox without reservations or local list',
    checks: ALL.filter((id) => id !== 'reservation' && id !== 'local-list'),
    builtIn: true,
  },
  {
    name: 'quick',
    description: 'Identity, connectors, clock and configuration; nothing is switched on',
    checks: ['connection', 'boot', 'heartbeat', 'connector-status', 'clock', 'configuration', 'local-list'],
    builtIn: true,
  },
];
