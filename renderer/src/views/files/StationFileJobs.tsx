import type { FileJobDto } from '../../../../shared/api/types.js';
import { Empty, ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { UploadFacts } from './UploadFacts.js';

const KIND_LABEL: Record<string, string> = {
  firmware: 'Firmware update',
  diagnostics: 'Diagnostics',
  log: 'Log',
  signedFirmware: 'Signed firmware update',
};
/** Final states of FirmwareStatus / DiagnosticsStatus / UploadLogStatus (§7.25, §7.24, security white paper). */
const GOOD = new Set(['Installed', 'Uploaded']);
const BAD = new Set([
  'DownloadFailed',
  'InstallationFailed',
  'UploadFailed',
  'UploadFailure',
  'InvalidSignature',
  'InstallVerificationFailed',
  'Rejected',
  'BadMessage',
  'PermissionDenied',
  'NotSupportedOperation',
]);

function tone(status: string): string {
  return GOOD.has(status) ? 'tone-ok' : BAD.has(status) ? 'tone-bad' : 'tone-info';
}

/**
 * Each firmware/diagnostics/log request to the station and the status notifications it sent for it, as a
 * timeline, live (re-queried on fileJob.changed and the station's status notifications).
 */
export function StationFileJobs({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const jobs = useLiveQuery(
    `file-jobs:${chargePointId}`,
    () => api.listOperationsState(`charge-points/${encodeURIComponent(chargePointId)}/file-jobs`, { limit: 20 }),
    { events: eventsOf(['fileJob.changed', 'station.report', 'file.stored'], chargePointId), throttleMs: 500 },
  );
  if (jobs.error) return <ErrorBox error={jobs.error} />;
  const items = jobs.data?.items as FileJobDto[] | undefined;
  if (!items) return <p className="muted">Loading…</p>;
  if (items.length === 0) return <Empty>No firmware or diagnostics requests sent to {chargePointId} yet.</Empty>;
  return (
    <ol className="file-jobs" aria-label={`File jobs of ${chargePointId}`}>
      {items.map((job) => {
        const last = job.timeline.at(-1)?.status ?? job.status;
        return (
          <li key={job.id} className="file-job" aria-label={`${KIND_LABEL[job.kind] ?? job.kind} ${job.id}`}>
            <div className="row">
              <strong>{KIND_LABEL[job.kind] ?? job.kind}</strong>
              <span className={`badge ${tone(last)}`}>{last}</span>
              <span className="muted">
                {job.action} sent <Time value={job.createdAt} />
              </span>
              {job.answer && typeof job.answer.fileName === 'string' ? <span className="mono">file {job.answer.fileName}</span> : null}
              {job.problem ? <span className="badge tone-bad">nothing arrived</span> : null}
            </div>
            <UploadFacts job={job} />
            <ol className="timeline" aria-label="Status timeline">
              <li>
                <span className="badge tone-neutral" title="The request, then the station's answer to it">
                  {job.action}: {job.status}
                </span>{' '}
                <Time value={job.createdAt} />
              </li>
              {job.timeline.map((t, i) => (
                <li key={i}>
                  <span className={`badge ${tone(t.status)}`}>{t.status}</span> <Time value={t.receivedAt} />
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
