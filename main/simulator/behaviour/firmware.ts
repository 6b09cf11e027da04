/**
 * Default answers of the Firmware Management profile (OCPP 1.6 §5.19 UpdateFirmware, §5.9 GetDiagnostics) and of
 * the security whitepaper's SignedUpdateFirmware and GetLog. Each maps the shared file flows (file-flows.ts) onto
 * its own status notification and the station state a TriggerMessage reports.
 */
import { X509Certificate } from 'node:crypto';
import { FIRMWARE_STATUSES, type FirmwareStatus } from '../../../shared/ocpp/messages/firmware.js';
import { reportFileName, reportText, signatureValid, updateFirmware as runFirmwareUpdate, uploadFile, type FirmwarePhase } from './file-flows.js';
import type { Handler } from './handler.js';

function isFirmwareStatus(phase: FirmwarePhase): phase is FirmwareStatus {
  return (FIRMWARE_STATUSES as readonly string[]).includes(phase);
}

export const updateFirmware: Handler<'UpdateFirmware'> = (cp, request) => ({
  conf: {},
  after: () =>
    runFirmwareUpdate(cp, {
      location: request.location,
      retrieveAt: request.retrieveDate,
      retries: request.retries,
      retryInterval: request.retryInterval,
      // FirmwareStatusNotification knows fewer steps than the signed update: the others pass silently.
      report: async (phase) => {
        if (!isFirmwareStatus(phase)) return;
        cp.state.firmwareStatus = phase;
        if (phase !== 'Idle') await cp.firmwareStatusNotification(phase);
      },
    }),
});

export const signedUpdateFirmware: Handler<'SignedUpdateFirmware'> = (cp, { requestId, firmware, retries, retryInterval }) => {
  let signer: X509Certificate;
  try {
    signer = new X509Certificate(firmware.signingCertificate);
  } catch {
    return {
      conf: { status: 'InvalidCertificate' },
      after: () => cp.securityEventNotification('InvalidFirmwareSigningCertificate', 'Signing certificate could not be parsed'),
    };
  }
  const s = cp.state;
  const report = async (phase: FirmwarePhase) => {
    s.signedFirmwareStatus = phase;
    s.signedFirmwareRequestId = phase === 'Idle' ? undefined : requestId;
    if (phase === 'Idle') return;
    await cp.call('SignedFirmwareStatusNotification', { status: phase, requestId });
    // Security whitepaper, security events: a bad signature and a completed update are both reported.
    if (phase === 'InvalidSignature') await cp.securityEventNotification('InvalidFirmwareSignature', 'Firmware signature verification failed');
    if (phase === 'Installed') await cp.securityEventNotification('FirmwareUpdated', `Firmware updated (request ${requestId})`);
  };
  return {
    conf: { status: 'Accepted' },
    after: () =>
      runFirmwareUpdate(cp, {
        location: firmware.location,
        retrieveAt: firmware.retrieveDateTime,
        installAt: firmware.installDateTime,
        retries,
        retryInterval,
        verify: (data) => !cp.options.verifyFirmwareSignature || signatureValid(data, firmware.signature, signer),
        report,
      }),
  };
};

export const getDiagnostics: Handler<'GetDiagnostics'> = (cp, request) => {
  const fileName = reportFileName(cp, 'diagnostics', 'txt');
  const statuses = { Uploading: 'Uploading', Uploaded: 'Uploaded', Failed: 'UploadFailed', Idle: 'Idle' } as const;
  return {
    conf: { fileName },
    after: () =>
      uploadFile(cp, {
        location: request.location,
        fileName,
        content: reportText(cp, 'Diagnostics', request.startTime, request.stopTime),
        retries: request.retries,
        retryInterval: request.retryInterval,
        report: async (phase) => {
          const status = statuses[phase];
          cp.state.diagnosticsStatus = status;
          if (status !== 'Idle') await cp.diagnosticsStatusNotification(status);
        },
      }),
  };
};

export const getLog: Handler<'GetLog'> = (cp, { requestId, logType, log, retries, retryInterval }) => {
  const filename = reportFileName(cp, logType, 'log');
  const statuses = { Uploading: 'Uploading', Uploaded: 'Uploaded', Failed: 'UploadFailure', Idle: 'Idle' } as const;
  return {
    conf: { status: 'Accepted', filename },
    after: () => {
      cp.state.logRequestId = requestId;
      return uploadFile(cp, {
        location: log.remoteLocation,
        fileName: filename,
        content: reportText(cp, logType, log.oldestTimestamp, log.latestTimestamp),
        retries,
        retryInterval,
        report: async (phase) => {
          const status = statuses[phase];
          cp.state.logStatus = status;
          if (status === 'Idle') cp.state.logRequestId = undefined;
          else await cp.call('LogStatusNotification', { status, requestId });
        },
      });
    },
  };
};
