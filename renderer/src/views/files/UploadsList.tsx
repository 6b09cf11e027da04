import { useState } from 'react';
import type { UploadedFileDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { downloadFile } from '../../components/download.js';
import { ListTable } from '../../components/ListTable.js';
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
  return (
    <ListTable
      rows={uploads.data?.items}
      loading={uploads.loading}
      error={uploads.error}
      empty={`${chargePointId} has not uploaded any file yet.`}
      tableLabel={`Uploads of ${chargePointId}`}
      rowKey={(f) => f.name}
      columns={[
        { header: 'File', className: 'mono', cell: (f) => f.name },
        { header: 'Size', className: 'num', cell: (f) => <span title={`${f.size} bytes`}>{formatBytes(f.size)}</span> },
        { header: 'Received', cell: (f) => <Time value={f.receivedAt} /> },
        {
          header: <span className="visually-hidden">Download</span>,
          cell: (f) => (
            <button type="button" onClick={() => download.run(f)} disabled={download.pending} aria-label={`Download ${f.name}`}>
              {download.pending && downloading === f.name ? 'Downloading…' : 'Download'}
            </button>
          ),
        },
      ]}
    />
  );
}
