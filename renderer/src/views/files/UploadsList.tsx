import { useState } from 'react';
import type { UploadedFileDto } from '../../../../shared/api/types.js';
import { downloadFile } from '../../components/download.js';
import { Empty, ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { errorText, formatBytes } from './format.js';

/** Diagnostics and log files the station uploaded to the built-in server, live, each downloadable. */
export function UploadsList({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const [downloading, setDownloading] = useState<string | null>(null);
  const uploads = useLiveQuery(`uploads:${chargePointId}`, () => api.listUploads(chargePointId), {
    events: (e) => e.type === 'file.stored' && e.data.area === 'upload' && e.data.chargePointId === chargePointId,
    throttleMs: 500,
  });
  const download = async (f: UploadedFileDto) => {
    setDownloading(f.name);
    try {
      downloadFile(f.name, await api.downloadUpload(chargePointId, f.name), 'application/octet-stream');
    } catch (err) {
      toast.error(`Download failed: ${errorText(err)}`);
    } finally {
      setDownloading(null);
    }
  };
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
              <button type="button" onClick={() => void download(f)} disabled={downloading === f.name} aria-label={`Download ${f.name}`}>
                {downloading === f.name ? 'Downloading…' : 'Download'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
