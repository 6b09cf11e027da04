import type { FileJobDto } from '../../../../shared/api/types.js';
import { Time } from '../../components/Time.js';
import { formatBytes } from './format.js';

/**
 * How a diagnostics / log job uploads to the built-in file server (the protocol and why, the per-job credential's
 * life) and what arrived with it; a station that reported Uploaded while nothing arrived is flagged as an alert.
 */
export function UploadFacts({ job }: { job: FileJobDto }) {
  if (!job.uploadProtocol && !job.problem) return null;
  return (
    <div className="upload-facts">
      {job.problem === 'uploaded-but-nothing-arrived' ? (
        <p role="alert" className="upload-problem">
          The station says Uploaded, but nothing arrived at the built-in file server with this job's credential.
        </p>
      ) : null}
      {job.uploadProtocol ? (
        <p className="muted">
          Upload by <strong>{job.uploadProtocol.toUpperCase()}</strong>
          {job.uploadProtocolReason ? ` (${job.uploadProtocolReason})` : ''}; credential for this job only,{' '}
          {job.endedAt ? (
            <>
              ended <Time value={job.endedAt} />
              {job.endedReason ? ` (${job.endedReason})` : ''}
            </>
          ) : job.credentialExpiresAt ? (
            <>
              valid until the job ends, at most until <Time value={job.credentialExpiresAt} />
            </>
          ) : (
            'valid until the job ends'
          )}
          .
        </p>
      ) : null}
      {job.receivedFiles.length ? (
        <p className="muted">
          Received:{' '}
          {job.receivedFiles.map((f, i) => (
            <span key={i} className="mono">
              {i ? ', ' : ''}
              {f.name} ({formatBytes(f.size)}, {f.via.toUpperCase()}, <Time value={f.receivedAt} />)
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
