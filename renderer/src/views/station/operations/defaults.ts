/**
 * Pre-filled values of each operation's form, from what the central system knows about the station: its running
 * transaction, its connectors, a free connector. Only common starting points; every value can be changed.
 */
import type { ConnectorDto, TransactionDto } from '../../../../../shared/api/types.js';

export interface StationFacts {
  connectors: readonly ConnectorDto[];
  activeTransactions: readonly TransactionDto[];
  /** The id tag last used for a remote start in this session. */
  lastIdTag: string;
  nowMs: number;
}

/** Connector ids 1..N as the station reported them (connector 0 is the station itself, OCPP 1.6 §3.6). */
export function outletIds(connectors: readonly ConnectorDto[]): number[] {
  const ids = connectors.map((c) => c.connectorId).filter((id) => id > 0);
  return ids.length ? ids.sort((a, b) => a - b) : [1];
}

/** A connector where a session can start: Available (or Preparing: cable already plugged in), else the first. */
export function freeConnectorId(connectors: readonly ConnectorDto[]): number {
  const free = connectors
    .filter((c) => c.connectorId > 0 && (c.status === 'Available' || c.status === 'Preparing'))
    .sort((a, b) => a.connectorId - b.connectorId);
  return free[0]?.connectorId ?? outletIds(connectors)[0]!;
}

/** A reservation id unlikely to clash with earlier ones: seconds since 2024 (fits OCPP's integer). */
function freshReservationId(nowMs: number): number {
  return Math.floor((nowMs - Date.UTC(2024, 0, 1)) / 1000);
}

export function defaultPayload(action: string, facts: StationFacts): Record<string, unknown> {
  const tx = facts.activeTransactions[0];
  const connectorId = freeConnectorId(facts.connectors);
  const inOneHour = new Date(facts.nowMs + 3_600_000).toISOString();
  switch (action) {
    case 'RemoteStartTransaction':
      return { connectorId, idTag: facts.lastIdTag };
    case 'RemoteStopTransaction':
      return tx ? { transactionId: tx.id } : {};
    case 'Reset':
      return { type: 'Soft' };
    case 'UnlockConnector':
      return { connectorId: tx?.connectorId ?? outletIds(facts.connectors)[0] };
    case 'ChangeAvailability':
      return { connectorId: 0, type: 'Operative' };
    case 'TriggerMessage':
    case 'ExtendedTriggerMessage':
      return { requestedMessage: 'StatusNotification' };
    case 'ReserveNow':
      return { connectorId, expiryDate: inOneHour, idTag: facts.lastIdTag, reservationId: freshReservationId(facts.nowMs) };
    case 'GetCompositeSchedule':
      return { connectorId: tx?.connectorId ?? 0, duration: 86_400 };
    case 'SetChargingProfile':
      // A 16 A TxDefaultProfile on the whole station: the usual first test of smart charging (OCPP 1.6 §3.13).
      return {
        connectorId: 0,
        csChargingProfiles: {
          chargingProfileId: 1,
          stackLevel: 0,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
        },
      };
    case 'SendLocalList':
      return { listVersion: 1, updateType: 'Full', localAuthorizationList: [] };
    case 'GetLog':
      return { logType: 'DiagnosticsLog' };
    case 'GetInstalledCertificateIds':
    case 'InstallCertificate':
      return { certificateType: 'CentralSystemRootCertificate' };
    case 'DataTransfer':
      return { vendorId: '' };
    default:
      return {};
  }
}
