import type { ApiEvent } from '../../../../shared/api/events.js';
import type { MessageLogEntryDto, MessageLogQuery } from '../../../../shared/api/types.js';

/** What the operator filters the message log by; empty strings mean "any". */
export interface MessageFilters {
  chargePointId: string;
  action: string;
  direction: '' | 'in' | 'out';
  errorsOnly: boolean;
  /** Searched in the stored frame by the API (`text=`). */
  text: string;
}

export const NO_FILTERS: MessageFilters = { chargePointId: '', action: '', direction: '', errorsOnly: false, text: '' };

/** Filters from the route query (`#/message-log?chargePointId=CP-1&errorsOnly=true`), so other views can link here. */
export function filtersFromQuery(query: URLSearchParams): MessageFilters {
  const direction = query.get('direction');
  return {
    chargePointId: query.get('chargePointId') ?? '',
    action: query.get('action') ?? '',
    direction: direction === 'in' || direction === 'out' ? direction : '',
    errorsOnly: query.get('errorsOnly') === 'true',
    text: query.get('text') ?? '',
  };
}

export function toApiQuery(f: MessageFilters): MessageLogQuery {
  return {
    chargePointId: f.chargePointId || undefined,
    action: f.action.trim() || undefined,
    direction: f.direction || undefined,
    errorsOnly: f.errorsOnly || undefined,
    text: f.text.trim() || undefined,
  };
}

/**
 * Whether a `message.logged` event may concern rows shown under these filters. The text filter cannot be decided
 * from the event (it has no frame), so it counts as a possible match and the API decides.
 */
export function eventMayMatch(f: MessageFilters, event: ApiEvent): boolean {
  if (event.type !== 'message.logged') return false;
  const d = event.data;
  if (f.chargePointId && d.chargePointId !== f.chargePointId) return false;
  if (f.direction && d.direction !== f.direction) return false;
  if (f.action.trim() && d.action !== f.action.trim()) return false;
  if (f.errorsOnly && !d.errorCode) return false;
  return true;
}

/** OCPP-J message type numbers (OCPP-J 1.6 §4.1). */
export const MESSAGE_TYPE_NAMES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' };

export function messageTypeName(entry: Pick<MessageLogEntryDto, 'messageType'>): string {
  return entry.messageType === null ? 'unparsed' : (MESSAGE_TYPE_NAMES[entry.messageType] ?? String(entry.messageType));
}

/** Actions of OCPP 1.6 (with the security extension), offered as suggestions in the action filter. */
export const OCPP_ACTION_NAMES = [
  'Authorize',
  'BootNotification',
  'CancelReservation',
  'CertificateSigned',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'DataTransfer',
  'DeleteCertificate',
  'DiagnosticsStatusNotification',
  'ExtendedTriggerMessage',
  'FirmwareStatusNotification',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetInstalledCertificateIds',
  'GetLocalListVersion',
  'GetLog',
  'Heartbeat',
  'InstallCertificate',
  'LogStatusNotification',
  'MeterValues',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SecurityEventNotification',
  'SendLocalList',
  'SetChargingProfile',
  'SignCertificate',
  'SignedFirmwareStatusNotification',
  'SignedUpdateFirmware',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
] as const;
