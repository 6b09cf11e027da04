/**
 * UpdateFirmware / GetDiagnostics / GetLog / SignedUpdateFirmware (OCPP 1.6 §5.10, §5.17 and the security white
 * paper; octt16.md TC_044, TC_045, TC_079–TC_081): each request is a file job, its progress the station's status
 * notifications (station_file_status) that follow it.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { FileUrls } from '../files/advertised-urls.js';
import { CallFailure } from '../rpc/errors.js';
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
 * Default locations from the central system's own file services (main/csms/files), when it runs them:
 * - UpdateFirmware / SignedUpdateFirmware: `firmwareFile: <name>` (a helper field, removed before sending) gives
 *   `location` (resp. `firmware.location`) = the HTTP URL of that stored firmware file;
 * - GetDiagnostics without `location`, GetLog without `log.remoteLocation`: the station's upload URL.
 */
function fillLocations(action: string, chargePointId: string, request: JsonObject, fileUrls: FileUrls | undefined): void {
  const invalid = (message: string) => new CallFailure('CSMS_ERR_INVALID_PAYLOAD', message);
  if (action === 'UpdateFirmware' || action === 'SignedUpdateFirmware') {
    const name = request.firmwareFile;
    if (name === undefined) return;
    delete request.firmwareFile;
    if (typeof name !== 'string' || !name) throw invalid('firmwareFile must be the name of a stored firmware file');
    if (!fileUrls) throw invalid('firmwareFile needs the file services, which are not running');
    if (fileUrls.hasFirmware && !fileUrls.hasFirmware(name)) throw invalid(`no firmware file named ${JSON.stringify(name)}`);
    if (action === 'UpdateFirmware') {
      if (request.location === undefined) request.location = fileUrls.firmware(name);
    } else {
      const firmware = (typeof request.firmware === 'object' && request.firmware && !Array.isArray(request.firmware) ? { ...request.firmware } : {}) as JsonObject;
      if (firmware.location === undefined) firmware.location = fileUrls.firmware(name);
      request.firmware = firmware;
    }
    return;
  }
  if (!fileUrls) return;
  if (action === 'GetDiagnostics' && request.location === undefined) request.location = fileUrls.upload(chargePointId);
  if (action === 'GetLog') {
    const log = (typeof request.log === 'object' && request.log && !Array.isArray(request.log) ? { ...request.log } : {}) as JsonObject;
    if (log.remoteLocation === undefined) {
      log.remoteLocation = fileUrls.upload(chargePointId);
      request.log = log;
    }
  }
}

export function registerFileTransfers(ops: OperatorOperations, fileUrls?: FileUrls): void {
  const csms = ops.csms;
  const jobs = new WeakMap<JsonObject, number>();

  for (const [action, kind] of Object.entries(KINDS)) {
    const withRequestId = action === 'GetLog' || action === 'SignedUpdateFirmware';
    const finish = async (chargePointId: string, request: JsonObject, status: string, answer: object) => {
      const jobId = jobs.get(request);
      if (jobId === undefined) return;
      const now = nowIso(csms);
      await csms.groupCommit.run(() => csms.repos.fileJobs.answer(jobId, status, answer, now));
      csms.events.emit('fileJob.changed', { chargePointId, jobId, kind, status });
    };
    ops.register(action, {
      async prepare(chargePointId, payload) {
        const request: JsonObject = { ...payload };
        fillLocations(action, chargePointId, request, fileUrls);
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
            request,
            now,
          });
        });
        jobs.set(request, jobId);
        csms.events.emit('fileJob.changed', { chargePointId, jobId, kind, status: 'Sent' });
        return request;
      },
      // UpdateFirmware.conf and GetDiagnostics.conf have no status: the station took the job.
      applied: (chargePointId, request, response) => finish(chargePointId, request, statusOf(response) || 'Accepted', response),
      failed: (chargePointId, request, error) => finish(chargePointId, request, 'Error', { error: failureText(error), message: error.message }),
    });
  }
}
