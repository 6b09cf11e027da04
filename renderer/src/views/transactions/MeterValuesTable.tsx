import { useState } from 'react';
import type { MeterValueDto } from '../../../../shared/api/types.js';
import { Time } from '../../components/Time.js';
import { measurandOf } from './meter-series.js';

const SHOWN = 200;

/** The readings as stored, newest first (every field: technicians compare them with the station's own log). */
export function MeterValuesTable({ values, label }: { values: readonly MeterValueDto[]; label: string }) {
  const [all, setAll] = useState(false);
  const rows = [...values].reverse();
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <>
      <table aria-label={label}>
        <thead>
          <tr>
            <th>Time</th>
            <th className="num">Connector</th>
            <th>Measurand</th>
            <th>Phase</th>
            <th className="num">Value</th>
            <th>Unit</th>
            <th>Context</th>
            <th>Location</th>
            <th>Received</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.id}>
              <td>
                <Time value={m.timestamp} />
              </td>
              <td className="num">{m.connectorId}</td>
              <td>{measurandOf(m)}</td>
              <td>{m.phase ?? ''}</td>
              <td className="num mono">{m.value}</td>
              <td>{m.unit ?? ''}</td>
              <td>{m.context ?? ''}</td>
              <td>{m.location ?? ''}</td>
              <td>
                <Time value={m.receivedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && !all ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all {rows.length} readings
        </button>
      ) : null}
    </>
  );
}
