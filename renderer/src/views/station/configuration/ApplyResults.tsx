import type { BaselineApplyResult } from '../../../../../shared/api/types.js';
import { href } from '../../../app/router.js';
import { TableScroll } from '../../../components/Page.js';
import { keyResultText, keysNeedingReset } from './baseline-drift.js';

/**
 * What applying the baseline did, key by key: the station's ChangeConfiguration answer, or why nothing was sent or
 * no answer came. Keys answered RebootRequired take effect only after a reset (OCPP 1.6 §5.4), so the way to Reset
 * is right there.
 */
export function ApplyResults({ chargePointId, result }: { chargePointId: string; result: BaselineApplyResult }) {
  const needReset = keysNeedingReset(result.results);
  return (
    <div className="apply-results" role="region" aria-label="Apply results">
      <h3>Applied baseline {result.baseline}</h3>
      {result.results.length === 0 ? (
        <p>Nothing to change: the station was already on its baseline.</p>
      ) : (
        <TableScroll label="ChangeConfiguration results table">
          <table aria-label="ChangeConfiguration results">
            <thead>
              <tr>
                <th>Key</th>
                <th>Value sent</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => {
                const { text, tone } = keyResultText(r);
                return (
                  <tr key={r.key} aria-label={r.key}>
                    <td className="mono">{r.key}</td>
                    <td>{r.status === 'skipped' ? <span className="muted">—</span> : <span className="mono">{r.value}</span>}</td>
                    <td>
                      <span className={`badge ${tone}`}>{text}</span>
                      {r.message ? <span className="muted"> {r.message}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {needReset.length ? (
        <div className="reset-needed" role="status" aria-label="Reset needed">
          <strong>The station must be reset for these to take effect:</strong> {needReset.join(', ')}.{' '}
          <a href={`${href('stations', chargePointId, 'operations')}?operation=Reset`}>Reset the station</a>
        </div>
      ) : null}
      <p className="muted">
        Read again afterwards:{' '}
        {result.drift.offBaseline === 0
          ? 'on baseline.'
          : `${result.drift.offBaseline} baseline ${result.drift.offBaseline === 1 ? 'key is' : 'keys are'} still off (above).`}
      </p>
    </div>
  );
}
