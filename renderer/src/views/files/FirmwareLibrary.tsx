import { useRef, useState } from 'react';
import type { FirmwareFileDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton.js';
import { Empty, ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { formatBytes } from './format.js';

/** Firmware files the built-in server hands to stations: add (upload from this PC), list with checksums, delete. */
export function FirmwareLibrary({
  items,
  loading,
  error,
  onChanged,
}: {
  items: FirmwareFileDto[] | undefined;
  loading: boolean;
  error: string | null;
  onChanged: () => void;
}) {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);

  const upload = useAsyncAction(async () => {
    if (!file) return;
    const stored = await api.uploadFirmware(file.name, new Uint8Array(await file.arrayBuffer()));
    toast.success(stored.name === file.name ? `Added ${stored.name}` : `Added ${file.name} as ${stored.name}`);
    setFile(null);
    if (input.current) input.current.value = '';
    onChanged();
  });
  const remove = useAsyncAction(
    async (name: string) => {
      await api.deleteFirmware(name);
      toast.success(`Deleted ${name}`);
      onChanged();
    },
    { onError: (message) => toast.error(`Delete failed: ${message}`) },
  );

  return (
    <>
      <div className="row upload-row">
        <label htmlFor="firmware-file-input" className="field-label">
          File to add
        </label>
        <input
          id="firmware-file-input"
          ref={input}
          type="file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-describedby={upload.error ? 'firmware-upload-error' : undefined}
        />
        <button type="button" className="primary" disabled={!file || upload.pending} onClick={upload.run}>
          {upload.pending ? 'Uploading…' : 'Add firmware'}
        </button>
        {file ? <span className="muted">{formatBytes(file.size)}</span> : null}
      </div>
      {upload.error ? (
        <div id="firmware-upload-error" className="field-error" role="alert">
          {upload.error}
        </div>
      ) : null}
      <ErrorBox error={error} />
      {!items ? (
        <p className="muted">{loading ? 'Loading firmware files…' : ''}</p>
      ) : items.length === 0 ? (
        <Empty>No firmware files yet: add one above, then schedule an update.</Empty>
      ) : (
        <table aria-label="Firmware files">
          <thead>
            <tr>
              <th>Name</th>
              <th className="num">Size</th>
              <th>SHA-256</th>
              <th>Added</th>
              <th>URL given to stations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.name}>
                <td>
                  <strong>{f.name}</strong>
                  {f.originalName !== f.name ? <div className="muted">from {f.originalName}</div> : null}
                </td>
                <td className="num" title={`${f.size} bytes`}>
                  {formatBytes(f.size)}
                </td>
                <td className="mono" title={f.sha256}>
                  {f.sha256.slice(0, 16)}…
                </td>
                <td>
                  <Time value={f.addedAt} />
                </td>
                <td className="mono url-cell">{f.url}</td>
                <td>
                  <ConfirmDeleteButton name={f.name} onDelete={() => remove.run(f.name)} disabled={remove.pending} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
