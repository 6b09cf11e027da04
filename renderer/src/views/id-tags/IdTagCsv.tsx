import { useRef, useState } from 'react';
import type { IdTagImportResult } from '../../../../shared/api/types.js';
import { downloadFile } from '../../components/download.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';

/** CSV export and import (`idTag,status,expiryDate,parentIdTag,description`); an import reports its bad lines. */
export function IdTagCsv() {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<IdTagImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    try {
      downloadFile('id-tags.csv', await api.exportIdTagsCsv(), 'text/csv;charset=utf-8');
    } catch (err) {
      toast.error(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.importIdTagsCsv(await file.text()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="panel" aria-label="CSV">
      <div className="row">
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <label className="button" aria-disabled={busy}>
          {busy ? 'Importing…' : 'Import CSV…'}
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            aria-label="Import CSV file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </label>
        <span className="muted">Columns: idTag,status,expiryDate,parentIdTag,description</span>
      </div>
      {error ? (
        <div className="error-box" role="alert">
          Import failed: {error}
        </div>
      ) : null}
      {result ? (
        <div role="status" aria-label="Import result" className={`call-answer ${result.errors.length ? 'tone-warn' : 'tone-ok'}`}>
          <strong>
            Imported {result.imported} tag{result.imported === 1 ? '' : 's'}
            {result.errors.length ? `, ${result.errors.length} line${result.errors.length === 1 ? '' : 's'} refused` : ''}
          </strong>
          {result.errors.length ? (
            <ul>
              {result.errors.map((e) => (
                <li key={e.line}>
                  line {e.line}
                  {e.idTag ? ` (${e.idTag})` : ''}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
