import { useState } from 'react';
import type { UploadedFileDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { downloadFile } from '../../components/download.js';
import { Empty, ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { formatBytes } from './format.js';

/** Diagnostics and log files the station uploaded to the built-in server, live, each downloadable. */
export function UploadsList({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const [downloading, setDownloading] = useState<string | null>(null);
  const uploads = useLiveQuery(`uploads:${chargePointId}`, () => api.listUploads(chargePointId), {
    events: (e) => e.type === 'file.stored' && e.data.area === 'upload' && e.data.chargePointId === chargePointId,
    throttleMs: 500,
  });
  const download = useAsyncAction(
    async (f: UploadedFileDto) => {
      setDownloading(f.name);
      downloadFile(f.name, await api.downloadUpload(chargePointId, f.name), 'application/octet-stream');
    },
    { onError: (message) => toast.error(`Download failed: ${message}`) },
  );
  if (uploads.error) return <ErrorBox error={uploads.error} />;
  const items = uploads.data?.items;
  if (!items) return <p className="muted">Loading…</p>;
  if (items.length === 0) return <Empty>{chargePointId} has not uploaded any file yet.</Empty>;
  return (
    <table aria-label={`Uploads of ${chargePointId}`}>
      <thead>
        <tr>
          <th>File</th>
          <th className="num">Size</th>
          <th>Received</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.name}>
            <td className="mono">{f.name}</td>
            <td className="num" title={`${f.size} bytes`}>
              {formatBytes(f.size)}
            </td>
            <td>
              <Time value={f.receivedAt} />
            </td>
            <td>
              <button type="button" onClick={() => download.run(f)} disabled={download.pending} aria-label={`Download ${f.name}`}>
                {download.pending && downloading === f.name ? 'Downloading…' : 'Download'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
