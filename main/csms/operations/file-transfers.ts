/**
 * UpdateFirmware / GetDiagnostics / GetLog / SignedUpdateFirmware (OCPP 1.6 §5.10, §5.17 and the security white
 * paper; OCTT TC_044, TC_045, TC_079–TC_081): each request is a file job, its progress the station's status
 * notifications (station_file_status) that follow it. An upload to the built-in file server gets the protocol the
 * station supports and a credential of its own (files/upload-policy.ts), valid until the job ends.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { FileUrls } from '../files/advertised-urls.js';
import {
  chooseUploadProtocol,
  credentialSha256,
  newUploadPassword,
  UPLOAD_CREDENTIAL_MAX_LIFETIME_MS,
  type UploadProtocol,
} from '../files/upload-policy.js';
import { CallFailure } from '../rpc/errors.js';
import { redactPayload } from '../rpc/redaction.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';
import type { OperatorOperations } from './operator-operations.js';
import { failureText, isInt, nowIso, ocppNow, statusOf } from './support.js';

const KINDS: Record<string, FileStatusKind> = {
  UpdateFirmware: 'firmware',
  GetDiagnostics: 'diagnostics',
  GetLog: 'log',
  SignedUpdateFirmware: 'signedFirmware',
};

/**
 * Firmware locations from the central system's own file services (main/csms/files), when it runs them:
 * UpdateFirmware / SignedUpdateFirmware take `firmwareFile: <name>` (a helper field, removed before sending) and get
 * `location` (resp. `firmware.location`) = the HTTP URL of that stored firmware file.
 */
function fillFirmwareLocation(action: string, request: JsonObject, fileUrls: FileUrls | undefined): void {
  const invalid = (message: string) => new CallFailure('CSMS_ERR_INVALID_PAYLOAD', message);
  const name = request.firmwareFile;
  if (name === undefined) return;
  delete request.firmwareFile;
  if (typeof name !== 'string' || !name) throw invalid('firmwareFile must be the name of a stored firmware file');
  if (!fileUrls) throw invalid('firmwareFile needs the file services, which are not running');
  if (fileUrls.hasFirmware && !fileUrls.hasFirmware(name)) throw invalid(`no firmware file named ${JSON.stringify(name)}`);
  if (action === 'UpdateFirmware') {
    if (request.location === undefined) request.location = fileUrls.firmware(name);
  } else {
    const firmware = (
      typeof request.firmware === 'object' && request.firmware && !Array.isArray(request.firmware) ? { ...request.firmware } : {}
    ) as JsonObject;
    if (firmware.location === undefined) firmware.location = fileUrls.firmware(name);
    request.firmware = firmware;
  }
}

type UploadGrant = { protocol: UploadProtocol; reason: string; credentialSha256: string; credentialExpiresAt: string };

/**
 * GetDiagnostics without `location`, GetLog without `log.remoteLocation`: an upload to the built-in file server, by
 * the protocol the station supports (upload-policy.ts), with a credential of its own for this job. The password is
 * in the location sent to the station only; the job keeps its SHA-256.
 */
function fillUploadLocation(
  csms: OperatorOperations['csms'],
  action: string,
  chargePointId: string,
  request: JsonObject,
  fileUrls: FileUrls | undefined,
): UploadGrant | undefined {
  if (!fileUrls) return undefined;
  const log =
    action === 'GetLog'
      ? ((typeof request.log === 'object' && request.log && !Array.isArray(request.log) ? { ...request.log } : {}) as JsonObject)
      : undefined;
  if (action === 'GetDiagnostics' ? request.location !== undefined : log!.remoteLocation !== undefined) return undefined;
  const { protocol, reason } = chooseUploadProtocol(csms.repos, chargePointId, fileUrls.ftpRunning);
  const password = newUploadPassword();
  const location = protocol === 'ftp' ? fileUrls.ftpUpload(chargePointId, password) : fileUrls.httpUpload(chargePointId, password);
  if (log) {
    log.remoteLocation = location;
    request.log = log;
  } else request.location = location;
  return {
    protocol,
    reason,
    credentialSha256: credentialSha256(password),
    credentialExpiresAt: new Date(csms.clock.now().getTime() + UPLOAD_CREDENTIAL_MAX_LIFETIME_MS).toISOString(),
  };
}

/** Why a job is over as soon as the station answered, if it is (a refusal, or no file to upload). */
function endedByAnswer(action: string, response: JsonObject): string | undefined {
  const status = statusOf(response);
  if ((action === 'GetLog' || action === 'SignedUpdateFirmware') && status !== 'Accepted' && status !== 'AcceptedCanceled')
    return `station answered ${status || 'without a status'}`;
  // GetDiagnostics.conf (OCPP 1.6 §6.25): fileName is absent when no diagnostic information is available.
  if (action === 'GetDiagnostics' && typeof response.fileName !== 'string') return 'station has no diagnostics to upload (no fileName)';
  return undefined;
}

export function registerFileTransfers(ops: OperatorOperations, fileUrls?: FileUrls): void {
  const csms = ops.csms;
  const jobs = new WeakMap<JsonObject, number>();

  for (const [action, kind] of Object.entries(KINDS)) {
    const withRequestId = action === 'GetLog' || action === 'SignedUpdateFirmware';
    const finish = async (chargePointId: string, request: JsonObject, status: string, answer: object, ended: string | undefined) => {
      const jobId = jobs.get(request);
      if (jobId === undefined) return;
      const now = nowIso(csms);
      let superseded: number[] = [];
      await csms.groupCommit.run(() => {
        csms.repos.fileJobs.answer(jobId, status, answer, now);
        if (ended) csms.repos.fileJobs.end(jobId, ended, now);
        else if (status !== 'Error') superseded = csms.repos.fileJobs.endSuperseded(chargePointId, kind, jobId, now);
      });
      csms.events.emit('fileJob.changed', { chargePointId, jobId, kind, status });
      for (const older of superseded) csms.events.emit('fileJob.changed', { chargePointId, jobId: older, kind, status: 'Superseded' });
    };
    ops.register(action, {
      async prepare(chargePointId, payload) {
        const request: JsonObject = { ...payload };
        if (action === 'UpdateFirmware' || action === 'SignedUpdateFirmware') fillFirmwareLocation(action, request, fileUrls);
        const upload =
          action === 'GetDiagnostics' || action === 'GetLog' ? fillUploadLocation(csms, action, chargePointId, request, fileUrls) : undefined;
        if (action === 'UpdateFirmware' && request.retrieveDate === undefined) request.retrieveDate = ocppNow(csms);
        const now = nowIso(csms);
        let jobId = 0;
        await csms.groupCommit.run(() => {
          if (withRequestId && request.requestId === undefined) request.requestId = csms.repos.fileJobs.nextRequestId(chargePointId);
          jobId = csms.repos.fileJobs.create({
            chargePointId,
            kind,
            action,
            requestId: isInt(request.requestId) ? request.requestId : null,
            // Kept and shown without any password (an upload credential, or one the operator typed into a location).
            request: redactPayload(action, request) ?? request,
            now,
            upload,
          });
        });
        jobs.set(request, jobId);
        csms.events.emit('fileJob.changed', { chargePointId, jobId, kind, status: 'Sent' });
        return request;
      },
      // UpdateFirmware.conf and GetDiagnostics.conf have no status: the station took the job.
      applied: (chargePointId, request, response) =>
        finish(chargePointId, request, statusOf(response) || 'Accepted', response, endedByAnswer(action, response)),
      failed: (chargePointId, request, error) => {
        const text = failureText(error);
        return finish(chargePointId, request, 'Error', { error: text, message: error.message }, text);
      },
    });
  }
}
