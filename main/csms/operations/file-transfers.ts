/**
 * UpdateFirmware / GetDiagnostics / GetLog / SignedUpdateFirmware (OCPP 1.6 §5.10, §5.17 and the security white
 * paper; octt16.md TC_044, TC_045, TC_079–TC_081): each request is a file job, its progress the station's status
 * notifications (station_file_status) that follow it.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';
import type { OperatorOperations } from './operator-operations.js';
import { failureText, isInt, nowIso, ocppNow, statusOf } from './support.js';

const KINDS: Record<string, FileStatusKind> = {
  UpdateFirmware: 'firmware',
  GetDiagnostics: 'diagnostics',
  GetLog: 'log',
  SignedUpdateFirmware: 'signedFirmware',
};

export function registerFileTransfers(ops: OperatorOperations): void {
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
