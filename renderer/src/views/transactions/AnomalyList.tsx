import type { AnomalyDto, AnomalyKind } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { JsonView } from '../../components/JsonView.js';
import { Time } from '../../components/Time.js';

/** The kinds of anomaly in the operator's words (docs/api.md "Anomalies"). */
export const ANOMALY_LABELS: Record<AnomalyKind, string> = {
  'stop-conflict': 'Second, different stop',
  'stop-unknown-transaction': 'Stop for an unknown transaction',
  'meter-after-stop': 'Meter values after the stop',
  'unknown-connector': 'Start on a connector it does not have',
};

/**
 * What a station reported that conflicts with what is stored: kept, with its payload as received, so the operator
 * can decide which report is right (the first stop stays the stored one).
 */
export function AnomalyList({ anomalies, showTransaction }: { anomalies: AnomalyDto[]; showTransaction?: boolean }) {
  return (
    <table aria-label="Anomalies">
      <thead>
        <tr>
          <th>Received</th>
          <th>What</th>
          {showTransaction ? <th>Transaction</th> : null}
          <th>Detail</th>
          <th>Report</th>
        </tr>
      </thead>
      <tbody>
        {anomalies.map((anomaly) => (
          <tr key={anomaly.id}>
            <td>
              <Time value={anomaly.receivedAt} />
            </td>
            <td>
              <span className="badge tone-warn">{ANOMALY_LABELS[anomaly.kind] ?? anomaly.kind}</span>
            </td>
            {showTransaction ? (
              <td className="num">
                {anomaly.transactionId !== null ? <a href={href('transactions', anomaly.transactionId)}>{anomaly.transactionId}</a> : '—'}
              </td>
            ) : null}
            <td>{anomaly.detail}</td>
            <td>
              <details>
                <summary>{anomaly.action}</summary>
                <JsonView value={anomaly.payload} label={`${anomaly.action} payload`} />
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
