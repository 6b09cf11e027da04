import type { FileServicesInfoDto } from '../../../../shared/api/types.js';
import { ErrorBox } from '../../components/Page.js';
import { formatBytes } from './format.js';

/** What a GetDiagnostics / GetLog without a location gets for the station: the protocol and why. */
export function defaultUploadText(info: FileServicesInfoDto): string {
  return `${info.examples.defaultUploadProtocol.toUpperCase()} to the built-in server: ${info.examples.defaultUploadReason}`;
}

/**
 * The built-in file server stations download firmware from and upload diagnostics to: no external FTP/HTTP server
 * to set up, and the URLs are filled in for each request (a top complaint about other central systems).
 */
export function FileServerInfo({ info, error }: { info: FileServicesInfoDto | undefined; error: string | null }) {
  if (error) return <ErrorBox error={`The built-in file server is not available (${error}): give a download/upload location by hand.`} />;
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <dl className="file-server-facts">
      <dt>Stations reach this PC as</dt>
      <dd className="mono">{info.advertisedHost}</dd>
      <dt>HTTP (firmware download, diagnostics upload)</dt>
      <dd>port {info.httpPort}</dd>
      <dt>FTP (diagnostics upload)</dt>
      <dd>{info.ftpPort === null ? 'off' : `port ${info.ftpPort}`}</dd>
      <dt>Firmware URL example</dt>
      <dd className="mono">{info.examples.firmware}</dd>
      <dt>Upload URLs of {info.examples.chargePointId}</dt>
      <dd className="mono">
        {info.examples.httpUpload}
        {info.examples.ftpUpload ? (
          <>
            <br />
            {info.examples.ftpUpload}
          </>
        ) : null}
      </dd>
      <dt>Upload for {info.examples.chargePointId} by default</dt>
      <dd>{defaultUploadText(info)}</dd>
      <dt>Upload credentials</dt>
      <dd>one per job (user = the station, random password), valid until the job ends, never shown again</dd>
      <dt>Size caps</dt>
      <dd>
        firmware {formatBytes(info.maxFirmwareBytes)}, uploads {formatBytes(info.maxUploadBytes)}
      </dd>
    </dl>
  );
}
