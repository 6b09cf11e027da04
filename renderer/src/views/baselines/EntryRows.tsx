import { TableScroll } from '../../components/Page.js';
import { newRow, type BaselineFormErrors, type EntryRow } from './baseline-form.js';

/**
 * The baseline's keys and values, one row each, in the order the drift and Apply use. Inputs keep exactly what was
 * typed (the value is what ChangeConfiguration sends); a problem is shown under its input and names it.
 */
export function EntryRows({ rows, errors, onChange }: { rows: EntryRow[]; errors: BaselineFormErrors; onChange: (rows: EntryRow[]) => void }) {
  const set = (rowId: number, patch: Partial<EntryRow>) => onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  const input = (row: EntryRow, i: number, part: 'key' | 'value') => {
    const error = errors[`entries.${i}.${part}`];
    const id = `baseline-entry-${row.rowId}-${part}`;
    return (
      <td>
        <input
          id={id}
          className="mono"
          aria-label={`Row ${i + 1} ${part}`}
          autoComplete="off"
          spellCheck={false}
          placeholder={part === 'key' ? 'e.g. MeterValueSampleInterval' : 'e.g. 60'}
          value={row[part]}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(row.rowId, { [part]: e.target.value })}
        />
        {error ? (
          <div id={`${id}-error`} className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </td>
    );
  };
  return (
    <div className="baseline-entries">
      <TableScroll label="Baseline keys table">
        <table aria-label="Baseline keys">
          <thead>
            <tr>
              <th>#</th>
              <th>Key</th>
              <th>Value</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.rowId}>
                <td>{i + 1}</td>
                {input(row, i, 'key')}
                {input(row, i, 'value')}
                <td>
                  <button type="button" onClick={() => onChange(rows.filter((r) => r.rowId !== row.rowId))} aria-label={`Remove row ${i + 1}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.length === 0 ? <p className="muted">No key yet.</p> : null}
      {errors.entries ? (
        <div className="field-error" role="alert">
          {errors.entries}
        </div>
      ) : null}
      <button type="button" onClick={() => onChange([...rows, newRow()])}>
        Add key
      </button>
    </div>
  );
}
