import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { StoredUpload } from '../files/http-file-server.js';
import { authorizeUpload } from '../files/upload-policy.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * What the built-in file servers (HTTP, FTP) need of the central system: whether an upload's login is the
 * per-job credential of one of the station's open jobs, and recording a received file on its job, announced as
 * `file.stored` and `fileJob.changed` once written.
 */
export class UploadReceipts {
  constructor(
    private readonly repos: Pick<Repositories, 'chargePoints' | 'fileJobs'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
  ) {}

  /** The job an upload with this login belongs to, if any. */
  authorize(user: string, password: string): { chargePointId: string; jobId: number } | undefined {
    return authorizeUpload(this.repos, user, password, this.clock.now());
  }

  /** Ties the file to its job before the station hears "stored", so the job's "Uploaded" notification finds it. */
  async received(upload: StoredUpload): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.groupCommit.run(() => this.repos.fileJobs.recordUpload(upload.jobId, upload, now));
    this.events.emit('file.stored', { area: 'upload', chargePointId: upload.chargePointId, name: upload.name, size: upload.size, via: upload.via });
    const job = this.repos.fileJobs.get(upload.jobId);
    if (job) this.events.emit('fileJob.changed', { chargePointId: upload.chargePointId, jobId: job.id, kind: job.kind, status: job.status });
  }
}
