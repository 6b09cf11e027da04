import type { PeriodRow } from './profile-form.js';
import type { FormErrors } from './profile-form.js';
import type { ProfileProblemDto } from '../../../../shared/api/types.js';

/**
 * The schedule's periods (OCPP 1.6 §7.9 ChargingSchedulePeriod) as an editable table: each row holds its limit
 * from its start (seconds from the schedule's start) until the next row's start.
 */
export function PeriodsTable({
  rows,
  unit,
  errors,
  problems,
  onChange,
}: {
  rows: PeriodRow[];
  unit: string;
  errors: FormErrors;
  problems: Record<string, ProfileProblemDto[]>;
  onChange: (rows: PeriodRow[]) => void;
}) {
  const set = (i: number, patch: Partial<PeriodRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    const nextStart = last && Number.isFinite(Number(last.startPeriodSec)) ? Number(last.startPeriodSec) + 3600 : 0;
    onChange([...rows, { startPeriodSec: String(nextStart), limit: last?.limit ?? '', numberPhases: last?.numberPhases ?? '' }]);
  };
  const cell = (i: number, key: 'startPeriod' | 'limit' | 'numberPhases') => {
    const error = errors[`periods.${i}.${key}`];
    const advice = problems[`periods.${i}.${key}`] ?? [];
    return { error, advice, id: `period-${i}-${key}` };
  };
  return (
    <div className="periods">
      <table aria-label="Periods">
        <thead>
          <tr>
            <th>#</th>
            <th>Start (s from schedule start)</th>
            <th>Limit ({unit})</th>
            <th>Phases (optional)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const start = cell(i, 'startPeriod');
            const limit = cell(i, 'limit');
            const phases = cell(i, 'numberPhases');
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                {[
                  [start, 'startPeriodSec', `Period ${i + 1} start (s)`],
                  [limit, 'limit', `Period ${i + 1} limit (${unit})`],
                  [phases, 'numberPhases', `Period ${i + 1} phases`],
                ].map(([c, key, label]) => {
                  const info = c as ReturnType<typeof cell>;
                  const k = key as keyof PeriodRow;
                  const messages = [info.error, ...info.advice.map((p) => p.message)].filter(Boolean);
                  return (
                    <td key={k}>
                      <input
                        aria-label={label as string}
                        inputMode="decimal"
                        value={row[k]}
                        aria-invalid={Boolean(info.error)}
                        aria-describedby={messages.length ? `${info.id}-msg` : undefined}
                        onChange={(e) => set(i, { [k]: e.target.value })}
                      />
                      {messages.length ? (
                        <div id={`${info.id}-msg`} className={info.error ? 'field-error' : 'field-advice'} role={info.error ? 'alert' : undefined}>
                          {messages.join(' ')}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                    disabled={rows.length <= 1}
                    aria-label={`Remove period ${i + 1}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.periods ? <div className="field-error">{errors.periods}</div> : null}
      <button type="button" onClick={add}>
        Add period
      </button>
    </div>
  );
}
