/**
 * UpdateFirmware / GetDiagnostics / GetLog / SignedUpdateFirmware (OCPP 1.6 §5.10, §5.17 and the security white
 * paper; OCTT TC_044, TC_045, TC_079–TC_081): each request is a file job, its progress the station's status
 * notifications (station_file_status) that follow it. The four differ only in what the table below says: where the
 * request carries the file's URL, whether the station downloads a file or uploads one, whether the job has a
 * requestId, and how the station's answer reads. An upload to the built-in file server gets the protocol the
 * station supports and a credential of its own (files/upload-policy.ts), valid until the job ends.
 */
import type { OcppResponse } from '../../../shared/ocpp/actions.js';
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import type { FileUrls } from '../files/advertised-urls.js';
import { credentialSha256, newUploadPassword, UPLOAD_CREDENTIAL_MAX_LIFETIME_MS } from '../files/upload-policy.js';
import { CallFailure } from '../rpc/errors.js';
import type { FileJobKind, UploadGrant } from '../services/file-jobs.js';
import type { OperatorOperations } from './operator-operations.js';
import { failureText, isInt, ocppNow } from './support.js';

type FileAction = 'UpdateFirmware' | 'SignedUpdateFirmware' | 'GetDiagnostics' | 'GetLog';

interface FileTransfer<A extends FileAction> {
  kind: FileJobKind;
  /** The station fetches a firmware file, or uploads diagnostics or a log. */
  direction: 'download' | 'upload';
  /** Where the request carries the file's URL: a field, or a field of an object field. */
  location: readonly [field: string] | readonly [field: string, inner: string];
  /** The request carries a requestId (the station's next free one when the operator gives none). */
  requestId: boolean;
  /** The job's status as the station answered it. */
  status(response: OcppResponse<A>): string;
  /** Why the job is over as soon as the station answered, if it is (a refusal, or no file to upload). */
  endedBy(response: OcppResponse<A>): string | undefined;
}

/** UpdateFirmware.conf and GetDiagnostics.conf have no status: the station took the job. */
const took = { status: (): string => 'Accepted', endedBy: (): string | undefined => undefined };
/** GetLog.conf and SignedUpdateFirmware.conf: anything but Accepted or AcceptedCanceled (accepted, an earlier job cancelled) ends it. */
const answeredWithStatus = {
  status: (r: { status: string }): string => r.status,
  endedBy: (r: { status: string }): string | undefined =>
    r.status === 'Accepted' || r.status === 'AcceptedCanceled' ? undefined : `station answered ${r.status}`,
};

const TRANSFERS: { [A in FileAction]: FileTransfer<A> } = {
  UpdateFirmware: { kind: 'firmware', direction: 'download', location: ['location'], requestId: false, ...took },
  SignedUpdateFirmware: { kind: 'signedFirmware', direction: 'download', location: ['firmware', 'location'], requestId: true, ...answeredWithStatus },
  GetDiagnostics: {
    kind: 'diagnostics',
    direction: 'upload',
    location: ['location'],
    requestId: false,
    status: took.status,
    // GetDiagnostics.conf (OCPP 1.6 §6.25): fileName is absent when no diagnostic information is available.
    endedBy: (r) => (r.fileName === undefined ? 'station has no diagnostics to upload (no fileName)' : undefined),
  },
  GetLog: { kind: 'log', direction: 'upload', location: ['log', 'remoteLocation'], requestId: true, ...answeredWithStatus },
};

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `request` with `url` at `location` when the operator gave none there; unchanged when the location is given (or
 * its outer field is not an object: the schema check reports that).
 */
function withLocation(request: JsonObject, [field, inner]: FileTransfer<FileAction>['location'], url: () => string): JsonObject {
  if (inner === undefined) return request[field] === undefined ? { ...request, [field]: url() } : request;
  const outer = request[field] ?? {};
  if (!isObject(outer) || outer[inner] !== undefined) return request;
  return { ...request, [field]: { ...outer, [inner]: url() } };
}

const invalid = (message: string) => new CallFailure('CSMS_ERR_INVALID_PAYLOAD', message);

/**
 * A firmware file from the central system's own file services (main/csms/files), when it runs them: the request
 * names it as `firmwareFile: <name>` (a helper field, removed before sending) and gets its HTTP URL as the location.
 */
function firmwareUrl(payload: JsonObject, fileUrls: FileUrls | undefined): { request: JsonObject; url?: string } {
  const { firmwareFile: name, ...request } = payload;
  if (name === undefined) return { request };
  if (typeof name !== 'string' || !name) throw invalid('firmwareFile must be the name of a stored firmware file');
  if (!fileUrls) throw invalid('firmwareFile needs the file services, which are not running');
  if (fileUrls.hasFirmware && !fileUrls.hasFirmware(name)) throw invalid(`no firmware file named ${JSON.stringify(name)}`);
  return { request, url: fileUrls.firmware(name) };
}

export function registerFileTransfers(ops: OperatorOperations, fileUrls?: FileUrls): void {
  const register = <A extends FileAction>(action: A) => registerFileTransfer(ops, action, TRANSFERS[action], fileUrls);
  register('UpdateFirmware');
  register('SignedUpdateFirmware');
  register('GetDiagnostics');
  register('GetLog');
}

function registerFileTransfer<A extends FileAction>(
  ops: OperatorOperations,
  action: A,
  transfer: FileTransfer<A>,
  fileUrls: FileUrls | undefined,
): void {
  const { fileJobs } = ops.stores;
  const { kind } = transfer;
  const jobs = new WeakMap<JsonObject, number>();

  /**
   * GetDiagnostics without `location`, GetLog without `log.remoteLocation`: an upload to the built-in file server,
   * by the protocol the station supports (upload-policy.ts), with a credential of its own for this job. The
   * password is in the location sent to the station only; the job keeps its SHA-256.
   */
  const uploadTo = (chargePointId: string, payload: JsonObject): { request: JsonObject; upload?: UploadGrant } => {
    if (!fileUrls) return { request: payload };
    let upload: UploadGrant | undefined;
    const request = withLocation(payload, transfer.location, () => {
      const { protocol, reason } = fileJobs.uploadProtocol(chargePointId, fileUrls.ftpRunning);
      const password = newUploadPassword();
      const expiresAtMs = ops.host.clock.now().getTime() + UPLOAD_CREDENTIAL_MAX_LIFETIME_MS;
      upload = { protocol, reason, credentialSha256: credentialSha256(password), credentialExpiresAt: new Date(expiresAtMs).toISOString() };
      return protocol === 'ftp' ? fileUrls.ftpUpload(chargePointId, password) : fileUrls.httpUpload(chargePointId, password);
    });
    return { request, ...(upload ? { upload } : {}) };
  };

  /** UpdateFirmware / SignedUpdateFirmware: a stored firmware file's URL, and UpdateFirmware's retrieveDate (now). */
  const downloadFrom = (payload: JsonObject): JsonObject => {
    const { request, url } = firmwareUrl(payload, fileUrls);
    const located = url === undefined ? request : withLocation(request, transfer.location, () => url);
    return action === 'UpdateFirmware' && located.retrieveDate === undefined ? { ...located, retrieveDate: ocppNow(ops.host) } : located;
  };

  const finish = async (chargePointId: string, request: JsonObject, answer: { status: string; payload: object; ended?: string }) => {
    const jobId = jobs.get(request);
    if (jobId !== undefined) await fileJobs.answered(chargePointId, jobId, kind, answer);
  };

  ops.register(action, {
    async prepare(chargePointId, payload) {
      const { request, upload } =
        transfer.direction === 'upload' ? uploadTo(chargePointId, payload) : { request: downloadFrom(payload), upload: undefined };
      // A requestId the schema refuses is sent as given, so the operator is told what is wrong with it.
      const given = isInt(request.requestId) ? request.requestId : null;
      const requestId = transfer.requestId && request.requestId === undefined ? 'next' : given;
      const opened = await fileJobs.open(chargePointId, { kind, action, request, requestId, ...(upload ? { upload } : {}) });
      const sent = opened.requestId === null || request.requestId !== undefined ? request : { ...request, requestId: opened.requestId };
      jobs.set(sent, opened.jobId);
      return sent;
    },
    applied: (chargePointId, request, response) => {
      const ended = transfer.endedBy(response);
      return finish(chargePointId, request, { status: transfer.status(response), payload: response, ...(ended ? { ended } : {}) });
    },
    failed: (chargePointId, request, problem) => {
      const text = failureText(problem);
      return finish(chargePointId, request, { status: 'Error', payload: { error: text, message: problem.message }, ended: text });
    },
  });
}
