/**
 * File jobs (UpdateFirmware, GetDiagnostics, GetLog, SignedUpdateFirmware: OCPP 1.6 §5.10, §5.17 and the security
 * white paper): each request is a job, written before it goes out and answered when the station answered; its
 * progress is the station's status notifications. Each change is one unit of the group commit, announced as
 * `fileJob.changed` after it committed.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import { chooseUploadProtocol, type UploadProtocol } from '../files/upload-policy.js';
import { redactPayload } from '../rpc/redaction.js';
import type { FileStatusKind } from '../storage/repositories/station-reports.js';
import { storedNow, type StoreDeps } from './store-deps.js';

export type FileJobKind = FileStatusKind;

/** How a job's station uploads to the built-in file server: the protocol, why, and its own credential's hash. */
export interface UploadGrant {
  protocol: UploadProtocol;
  reason: string;
  credentialSha256: string;
  credentialExpiresAt: string;
}

export interface NewFileJob {
  kind: FileJobKind;
  action: string;
  /** The request as it goes out (it may hold an upload password: the job keeps it redacted). */
  request: JsonObject;
  /** The job's requestId (GetLog, SignedUpdateFirmware): 'next' takes the station's next free one. */
  requestId: number | 'next' | null;
  upload?: UploadGrant;
}

export class FileJobs {
  constructor(private readonly deps: StoreDeps) {}

  /** The upload protocol for the station (its setting, else what it supports; files/upload-policy.ts). */
  uploadProtocol(chargePointId: string, ftpRunning: boolean): { protocol: UploadProtocol; reason: string } {
    return chooseUploadProtocol(this.deps.repos, chargePointId, ftpRunning);
  }

  /** Writes the job (status Sent) before its request goes out; returns its id and its requestId. */
  async open(chargePointId: string, job: NewFileJob): Promise<{ jobId: number; requestId: number | null }> {
    const { repos, groupCommit } = this.deps;
    const now = storedNow(this.deps);
    const opened = await groupCommit.run(() => {
      const requestId = job.requestId === 'next' ? repos.fileJobs.nextRequestId(chargePointId) : job.requestId;
      const request = requestId === null ? job.request : { ...job.request, requestId };
      const jobId = repos.fileJobs.create({
        chargePointId,
        kind: job.kind,
        action: job.action,
        requestId,
        // Kept and shown without any password (an upload credential, or one the operator typed into a location).
        request: redactPayload(job.action, request) ?? request,
        now,
        upload: job.upload,
      });
      return { jobId, requestId };
    });
    this.deps.events.emit('fileJob.changed', { chargePointId, jobId: opened.jobId, kind: job.kind, status: 'Sent' });
    return opened;
  }

  /**
   * The station answered the job's request (or did not): `ended` says why the job is over already. A job the
   * station took supersedes the older open jobs of its kind.
   */
  async answered(
    chargePointId: string,
    jobId: number,
    kind: FileJobKind,
    answer: { status: string; payload: object; ended?: string },
  ): Promise<void> {
    const { repos, groupCommit, events } = this.deps;
    const now = storedNow(this.deps);
    const superseded = await groupCommit.run(() => {
      repos.fileJobs.answer(jobId, answer.status, answer.payload, now);
      if (answer.ended) repos.fileJobs.end(jobId, answer.ended, now);
      else if (answer.status !== 'Error') return repos.fileJobs.endSuperseded(chargePointId, kind, jobId, now);
      return [];
    });
    events.emit('fileJob.changed', { chargePointId, jobId, kind, status: answer.status });
    for (const older of superseded) events.emit('fileJob.changed', { chargePointId, jobId: older, kind, status: 'Superseded' });
  }
}
