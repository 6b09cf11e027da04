import type { LimitUnit, PeriodRow, SiteFormErrors } from './site-form.js';

/**
 * Time-of-day limits: from, to (exclusive; 24:00 = the end of the day; an end before the start wraps midnight) and
 * the limit then, in A per phase or W (0 = no charging). Where periods overlap the lowest limit wins
 * (docs/api.md "Sites").
 */
export function SchedulePeriods({
  rows,
  defaultUnit,
  errors,
  onChange,
}: {
  rows: PeriodRow[];
  defaultUnit: LimitUnit;
  errors: SiteFormErrors;
  onChange: (rows: PeriodRow[]) => void;
}) {
  const set = (i: number, patch: Partial<PeriodRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const input = (i: number, key: 'from' | 'to' | 'limit', label: string, placeholder: string) => {
    const error = errors[`schedule.${i}.${key}`];
    const id = `site-period-${i}-${key}`;
    return (
      <td>
        <input
          id={id}
          aria-label={label}
          inputMode={key === 'limit' ? 'decimal' : 'numeric'}
          placeholder={placeholder}
          value={rows[i]![key]}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => set(i, { [key]: e.target.value })}
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
    <div className="site-schedule">
      <p className="field-hint">
        Times of the site’s day as HH:MM, the end not included: 24:00 is midnight at the end, and an end before the start wraps past midnight. Where
        periods overlap the lowest limit wins; a limit of 0 means no charging then.
      </p>
      {rows.length === 0 ? <p className="muted">No time-of-day limits: the base limit applies all day.</p> : null}
      {rows.length ? (
        <table aria-label="Schedule periods">
          <thead>
            <tr>
              <th>#</th>
              <th>From</th>
              <th>To</th>
              <th>Limit</th>
              <th>Unit</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                {input(i, 'from', `Period ${i + 1} from`, 'HH:MM')}
                {input(i, 'to', `Period ${i + 1} to`, 'HH:MM')}
                {input(i, 'limit', `Period ${i + 1} limit`, '0 = no charging')}
                <td>
                  <select aria-label={`Period ${i + 1} unit`} value={row.unit} onChange={(e) => set(i, { unit: e.target.value as LimitUnit })}>
                    <option value="A">A per phase</option>
                    <option value="W">W</option>
                  </select>
                </td>
                <td>
                  <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove period ${i + 1}`}>
                    Remove
                  </button>
                  {errors[`schedule.${i}`] ? <div className="field-error">{errors[`schedule.${i}`]}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {errors.schedule ? <div className="field-error">{errors.schedule}</div> : null}
      <button type="button" onClick={() => onChange([...rows, { from: '', to: '', limit: '', unit: rows.at(-1)?.unit ?? defaultUnit }])}>
        Add period
      </button>
    </div>
  );
}
