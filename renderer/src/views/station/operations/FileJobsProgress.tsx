import type { FileJobDto } from '../../../../../shared/api/types.js';
import { ErrorBox, Empty } from '../../../components/Page.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { UploadFacts } from '../../files/UploadFacts.js';

/**
 * The happy path of each file job, as the station reports it: FirmwareStatusNotification (OCPP 1.6 §4.5),
 * DiagnosticsStatusNotification (§4.4), and the security white paper's SignedFirmwareStatusNotification and
 * LogStatusNotification.
 */
const STEPS: Record<string, readonly string[]> = {
  firmware: ['Downloading', 'Downloaded', 'Installing', 'Installed'],
  signedFirmware: ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed'],
  diagnostics: ['Uploading', 'Uploaded'],
  log: ['Uploading', 'Uploaded'],
};

const FAILURES = new Set([
  'DownloadFailed',
  'InstallationFailed',
  'InstallVerificationFailed',
  'InvalidSignature',
  'UploadFailed',
  'UploadFailure',
  'BadMessage',
  'PermissionDenied',
  'NotSupportedOperation',
]);

/** How many recent jobs to follow: the long operations of the last while, not an archive. */
const JOB_LIMIT = 4;

function JobStepper({ job }: { job: FileJobDto }) {
  const steps = STEPS[job.kind] ?? [];
  const timeline = job.timeline;
  const last = timeline[timeline.length - 1];
  const failed = last && FAILURES.has(last.status) ? last : undefined;
  // The furthest happy-path step reported (statuses may repeat on retries; the last occurrence counts).
  const reachedIndex = Math.max(-1, ...timeline.map((t) => steps.indexOf(t.status)));
  const refused = job.status !== 'Sent' && job.status !== 'Accepted' && !timeline.length;
  const done = reachedIndex === steps.length - 1 && !failed;
  const current = failed
    ? failed.status
    : timeline.length
      ? last!.status
      : refused
        ? job.status
        : job.status === 'Sent'
          ? 'Sent, waiting for the answer'
          : 'Waiting for the station';
  const title = `${job.action} #${job.id}`;
  const firstStepAt = (status: string) => [...timeline].reverse().find((t) => t.status === status)?.receivedAt;

  return (
    <li className="op-job">
      <div className="row op-job-head">
        <strong>{title}</strong>
        <span className="muted">
          sent <Time value={job.createdAt} />
        </span>
        <span className={`badge tone-${failed || refused ? 'bad' : done ? 'ok' : 'active'}`} role="status" aria-label={`Status of ${title}`}>
          {current}
        </span>
      </div>
      <div
        className="progress op-job-bar"
        role="progressbar"
        aria-label={`Progress of ${title}`}
        aria-valuemin={0}
        aria-valuemax={steps.length}
        aria-valuenow={reachedIndex + 1}
        aria-valuetext={current}
      >
        <div className={failed ? 'op-bar-failed' : ''} style={{ width: `${steps.length ? ((reachedIndex + 1) / steps.length) * 100 : 0}%` }} />
      </div>
      <ol className="op-stepper" aria-label={`Steps of ${title}`}>
        {steps.map((step, i) => {
          const state =
            i <= reachedIndex ? 'done' : failed && i === reachedIndex + 1 ? 'failed' : i === reachedIndex + 1 && !refused ? 'next' : 'todo';
          const at = firstStepAt(step);
          return (
            <li key={step} className={`op-step op-step-${state}`} aria-current={i === reachedIndex && !done ? 'step' : undefined}>
              <span className="op-step-name">
                {state === 'done' ? '✓ ' : state === 'failed' ? '✗ ' : ''}
                {state === 'failed' ? failed!.status : step}
              </span>
              {at ? (
                <span className="muted op-step-time">
                  <Time value={at} />
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <UploadFacts job={job} />
      {job.answer && Object.keys(job.answer).length ? (
        <div className="muted op-job-answer">
          Answer: <code>{JSON.stringify(job.answer)}</code>
        </div>
      ) : null}
      {typeof job.request.location === 'string' ? (
        <div className="muted op-job-answer">
          Location: <code>{job.request.location}</code>
        </div>
      ) : null}
    </li>
  );
}

/** Firmware updates and diagnostics / log uploads of this station, each as a step timeline that advances live. */
export function FileJobsProgress({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const jobs = useLiveQuery(
    `operations:file-jobs:${chargePointId}`,
    async () =>
      (await api.listOperationsState(`charge-points/${encodeURIComponent(chargePointId)}/file-jobs`, { limit: JOB_LIMIT }))
        .items as unknown as FileJobDto[],
    // fileJob.changed: sent / answered; station.report: a status notification extended the timeline.
    { events: eventsOf(['fileJob.changed', 'station.report'], chargePointId), throttleMs: 400 },
  );
  return (
    <section className="panel" aria-labelledby="op-jobs-title">
      <h2 id="op-jobs-title">Firmware, diagnostics and log transfers</h2>
      <ErrorBox error={jobs.error} />
      {jobs.data === undefined ? (
        jobs.error ? null : (
          <p className="muted">Loading…</p>
        )
      ) : jobs.data.length === 0 ? (
        <Empty>No transfer yet: send UpdateFirmware, GetDiagnostics, GetLog or SignedUpdateFirmware to follow it here.</Empty>
      ) : (
        <ul className="op-jobs" aria-label="Transfers">
          {jobs.data.map((job) => (
            <JobStepper key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
