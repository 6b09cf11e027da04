import { useState } from 'react';
import type { IdTagImportMode, IdTagImportResult } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { FileButton } from '../../components/FileButton.js';
import { downloadFile } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { useApi } from '../../store/connection.js';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One sentence for what an import did, every line accounted for. */
export function importSummary(r: IdTagImportResult): string {
  const parts = [`${count(r.created, 'tag')} created`, `${r.updated} updated`, `${r.unchanged} unchanged`];
  if (r.kept.length) parts.push(`${r.kept.length} kept as they are`);
  if (r.errors.length) parts.push(`${count(r.errors.length, 'line')} not imported`);
  return parts.join(', ');
}

/**
 * CSV export and import (`idTag,status,expiryDate,parentIdTag,description,allowConcurrentTx`). The operator chooses what an import
 * may do to tags that exist already; the answer accounts for every line, and lists each one that did not import.
 */
export function IdTagCsv() {
  const api = useApi();
  const [result, setResult] = useState<IdTagImportResult | null>(null);
  const [mode, setMode] = useState<IdTagImportMode>('add');

  const exportCsv = async () => downloadFile('id-tags.csv', await api.exportIdTagsCsv(), 'text/csv;charset=utf-8');
  const importFile = useAsyncAction(async (file: File) => {
    setResult(null);
    setResult(await api.importIdTagsCsv(await file.text(), mode));
  });

  return (
    <section className="panel" aria-label="CSV">
      <div className="row">
        <ExportButton label="Export CSV" exportFile={exportCsv} />
        <FileButton
          label={importFile.pending ? 'Importing…' : 'Import CSV…'}
          inputLabel="Import CSV file"
          accept=".csv,text/csv"
          pending={importFile.pending}
          onFile={importFile.run}
        />
        <span className="muted">Columns: idTag,status,expiryDate,parentIdTag,description,allowConcurrentTx (true, false or empty: the default)</span>
      </div>
      <fieldset className="row id-tag-import-mode">
        <legend>Tags that exist already</legend>
        <label>
          <input type="radio" name="id-tag-import-mode" value="add" checked={mode === 'add'} onChange={() => setMode('add')} /> Only add new tags
        </label>
        <label>
          <input type="radio" name="id-tag-import-mode" value="update" checked={mode === 'update'} onChange={() => setMode('update')} /> Update
          existing tags
        </label>
      </fieldset>
      {importFile.error ? (
        <div className="error-box" role="alert">
          Import failed: {importFile.error}
        </div>
      ) : null}
      {result ? (
        <div
          role="status"
          aria-label="Import result"
          className={`call-answer ${result.errors.length || result.kept.length ? 'tone-warn' : 'tone-ok'}`}
        >
          <strong>{importSummary(result)}</strong>
          {result.kept.length ? (
            <p>
              {result.kept.length === 1 ? 'This tag exists' : 'These tags exist'} with other values and {result.kept.length === 1 ? 'was' : 'were'}{' '}
              left as {result.kept.length === 1 ? 'it is' : 'they are'} (import again with “Update existing tags” to change them):{' '}
              {result.kept.map((k) => `${k.idTag} (line ${k.line})`).join(', ')}
            </p>
          ) : null}
          {result.errors.length ? (
            <ul aria-label="Lines not imported">
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
