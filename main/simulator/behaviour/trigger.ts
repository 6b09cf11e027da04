/**
 * Default answers to TriggerMessage (OCPP 1.6 §5.17) and the security whitepaper's ExtendedTriggerMessage: the
 * requested message is sent after the answer, with the station's current state.
 */
import type { SignedFirmwareStatus } from '../../../shared/ocpp/messages/security.js';
import { createCsr } from '../certificates.js';
import type { StationScript } from '../scripting.js';
import { isConnectorId, type Handler } from './handler.js';

type Flow = () => Promise<unknown>;

/** Firmware statuses during which a triggered FirmwareStatusNotification reports the status, not Idle. */
const FIRMWARE_BUSY = new Set(['Downloading', 'Downloaded', 'Installing']);
/** Signed firmware statuses after which the update is over (a trigger then reports Idle). */
const SIGNED_FIRMWARE_DONE = new Set<SignedFirmwareStatus>([
  'Idle',
  'Installed',
  'DownloadFailed',
  'InstallationFailed',
  'InstallVerificationFailed',
  'InvalidSignature',
]);

async function triggeredBoot(cp: StationScript): Promise<void> {
  // A station that was not yet accepted sends its StatusNotifications once it is.
  await cp.boot({ statusNotifications: cp.state.registrationStatus !== 'Accepted' });
}

async function triggeredMeterValues(cp: StationScript, connectorId: number | undefined): Promise<void> {
  const ids = connectorId !== undefined ? [connectorId] : cp.state.outlets().map((c) => c.id);
  const measurands = cp.state.configuration.getList('MeterValuesSampledData');
  for (const id of ids) await cp.meterValues(id, undefined, cp.state.sample(id, measurands, 'Trigger'), 'Trigger');
}

async function triggeredStatus(cp: StationScript, connectorId: number | undefined): Promise<void> {
  const list = connectorId !== undefined ? cp.state.connectors.slice(connectorId, connectorId + 1) : cp.state.connectors;
  for (const c of list) await cp.statusNotification(c.id, c.status, c.errorCode);
}

/** SignCertificate with a CSR for a fresh key, kept to use with the certificate the central system signs. */
async function signCertificate(cp: StationScript): Promise<void> {
  const cpo = cp.state.configuration.get('CpoName') || cp.options.vendor || 'SimVendor';
  const { csrPem, privateKey } = createCsr(cp.options.certificateCommonName ?? cp.identity, cpo);
  cp.state.chargePointPrivateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await cp.call('SignCertificate', { csr: csrPem });
}

/** The flows both triggers share. */
function commonFlows(
  cp: StationScript,
  connectorId: number | undefined,
): Record<'BootNotification' | 'Heartbeat' | 'MeterValues' | 'StatusNotification', Flow> {
  return {
    BootNotification: () => triggeredBoot(cp),
    Heartbeat: () => cp.heartbeat(),
    MeterValues: () => triggeredMeterValues(cp, connectorId),
    StatusNotification: () => triggeredStatus(cp, connectorId),
  };
}

/** Answer a trigger: Rejected for an unknown connector, else Accepted with the flow sending the message. */
function answerTrigger(cp: StationScript, connectorId: number | undefined, flow: Flow): { conf: { status: 'Accepted' | 'Rejected' }; after?: Flow } {
  if (connectorId !== undefined && !isConnectorId(cp, connectorId)) return { conf: { status: 'Rejected' } };
  return { conf: { status: 'Accepted' }, after: flow };
}

export const triggerMessage: Handler<'TriggerMessage'> = (cp, { requestedMessage, connectorId }) => {
  const s = cp.state;
  const flows: Record<typeof requestedMessage, Flow> = {
    ...commonFlows(cp, connectorId),
    DiagnosticsStatusNotification: () => cp.diagnosticsStatusNotification(s.diagnosticsStatus === 'Uploading' ? 'Uploading' : 'Idle'),
    FirmwareStatusNotification: () => cp.firmwareStatusNotification(FIRMWARE_BUSY.has(s.firmwareStatus) ? s.firmwareStatus : 'Idle'),
  };
  return answerTrigger(cp, connectorId, flows[requestedMessage]);
};

export const extendedTriggerMessage: Handler<'ExtendedTriggerMessage'> = (cp, { requestedMessage, connectorId }) => {
  const s = cp.state;
  const flows: Record<typeof requestedMessage, Flow> = {
    ...commonFlows(cp, connectorId),
    LogStatusNotification: () =>
      cp.call(
        'LogStatusNotification',
        s.logStatus === 'Uploading'
          ? { status: 'Uploading', ...(s.logRequestId !== undefined ? { requestId: s.logRequestId } : {}) }
          : { status: 'Idle' },
      ),
    FirmwareStatusNotification: () =>
      cp.call(
        'SignedFirmwareStatusNotification',
        SIGNED_FIRMWARE_DONE.has(s.signedFirmwareStatus)
          ? { status: 'Idle' }
          : { status: s.signedFirmwareStatus, ...(s.signedFirmwareRequestId !== undefined ? { requestId: s.signedFirmwareRequestId } : {}) },
      ),
    SignChargePointCertificate: () => signCertificate(cp),
  };
  return answerTrigger(cp, connectorId, flows[requestedMessage]);
};
