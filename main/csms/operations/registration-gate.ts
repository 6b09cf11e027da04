import type { RegistrationStatus } from '../../../shared/api/types.js';

/**
 * What the central system may send to a station that is not Accepted (OCPP 1.6 §4.2 BootNotification):
 * - Pending: "the Central System MAY send messages to retrieve information from the Charge Point or change its
 *   configuration"; RemoteStartTransaction and RemoteStopTransaction are named as not allowed. So: reading and
 *   changing configuration, triggering messages (how a Pending station is told to report or boot again), reading
 *   versions, schedules, logs and installed certificates, and managing the certificates and local list it trusts.
 *   Whatever acts on charging (remote start/stop, reservations, unlock, reset, availability, charging profiles,
 *   firmware) waits until the station is Accepted. DataTransfer is vendor-defined and mostly used to read or set
 *   vendor settings, so it is allowed.
 * - Rejected: "While Rejected, the Charge Point SHALL NOT respond to any Central System initiated message. the
 *   Central System SHOULD NOT initiate any." Nothing is sent: it would only wait for its timeout.
 */
const SENDABLE_WHILE_PENDING: ReadonlySet<string> = new Set([
  // information
  'GetConfiguration',
  'GetLocalListVersion',
  'GetCompositeSchedule',
  'GetDiagnostics',
  'GetLog',
  'GetInstalledCertificateIds',
  'TriggerMessage',
  'ExtendedTriggerMessage',
  'DataTransfer',
  // configuration
  'ChangeConfiguration',
  'ClearCache',
  'SendLocalList',
  'InstallCertificate',
  'DeleteCertificate',
  'CertificateSigned',
]);

/** Why `action` may not be sent to a station in `status`, or null when it may. */
export function registrationRefusal(chargePointId: string, status: RegistrationStatus | undefined, action: string): string | null {
  if (status === 'Pending' && !SENDABLE_WHILE_PENDING.has(action)) {
    return (
      `${chargePointId} is Pending: until it is accepted, OCPP 1.6 §4.2 allows only configuration and information ` +
      `calls (GetConfiguration, ChangeConfiguration, TriggerMessage, ...), not ${action}. Accept the station first.`
    );
  }
  if (status === 'Rejected') {
    return (
      `${chargePointId} is Rejected: OCPP 1.6 §4.2 says a Rejected station answers no call from the central system, ` +
      `so ${action} was not sent. Accept the station; it registers again at its next BootNotification.`
    );
  }
  return null;
}
