import { useState } from 'react';
import type { BaselineApplyResult, ChargePointDto, ConfigurationDrift } from '../../../../../shared/api/types.js';
import { href } from '../../../app/router.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { ErrorBox, TableScroll } from '../../../components/Page.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { ApplyResults } from './ApplyResults.js';
import { DRIFT_STATE_TEXT, DRIFT_STATE_TONE, keysApplyWillChange, keysApplyWillSkip } from './baseline-drift.js';

function Value({ value }: { value: string | null }) {
  if (value === null) return <span className="muted">no value</span>;
  if (value === '') return <span className="muted">empty</span>;
  return <span className="mono">{value}</span>;
}

/** Which baseline the station follows and through what (docs/api.md "Configuration baselines"). */
function Following({ drift }: { drift: ConfigurationDrift }) {
  return (
    <>
      Follows baseline <a href={href('baselines', drift.baseline!)}>{drift.baseline}</a>
      {drift.via === 'site' && drift.siteId ? (
        <>
          {' '}
          through its site <a href={href('sites', drift.siteId)}>{drift.siteId}</a>
        </>
      ) : (
        ' (assigned to this station)'
      )}
      .
    </>
  );
}

/**
 * The station against its configuration baseline, as its last GetConfiguration shows it: each key that differs
 * (expected, actual, read-only or unknown to the station), live as the configuration, the baselines or the sites
 * change; and Apply, which brings the station to its baseline with ChangeConfiguration per key (OCPP 1.6 §5.4) after
 * the operator saw which keys it will change.
 */
export function BaselineDrift({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const id = station.id;
  const drift = useLiveQuery<ConfigurationDrift>(`station:${id}:configuration-drift`, () => api.configurationDrift(id), {
    events: eventsOf(['configuration.changed', 'baseline.changed', 'site.changed'], id),
    throttleMs: 300,
  });
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<BaselineApplyResult | null>(null);

  const apply = useAsyncAction(async () => {
    setConfirming(false);
    setResult(null);
    setResult(await api.applyConfigurationBaseline(id));
    drift.refresh();
  });

  const data = drift.data;
  const off = data ? data.entries.filter((e) => e.state !== 'matches') : [];
  const willChange = data ? keysApplyWillChange(data.entries) : [];
  const willSkip = data ? keysApplyWillSkip(data.entries) : [];

  return (
    <section className="panel baseline-drift" aria-labelledby="baseline-drift-title">
      <h2 id="baseline-drift-title">Baseline</h2>
      <ErrorBox error={drift.error} />
      {data === undefined ? (
        drift.error ? null : (
          <p className="muted">Loading…</p>
        )
      ) : data.baseline === null ? (
        <p aria-label="Baseline followed">
          Follows no configuration baseline. <a href={href('baselines')}>Assign one in Baselines</a> (to this station or to its site).
        </p>
      ) : (
        <>
          <p aria-label="Baseline followed">
            <Following drift={data} />{' '}
            {data.snapshotTakenAt ? (
              <>
                Configuration last read <Time value={data.snapshotTakenAt} />.
              </>
            ) : (
              <>Configuration never read: read it with “Refresh (GetConfiguration)” below.</>
            )}
          </p>
          <p className="baseline-drift-summary" aria-label="Drift summary">
            {data.snapshotTakenAt === null
              ? `${data.entries.length} baseline ${data.entries.length === 1 ? 'key' : 'keys'}, not compared yet.`
              : off.length === 0
                ? `On baseline: all ${data.entries.length} ${data.entries.length === 1 ? 'key matches' : 'keys match'}.`
                : `${off.length} of ${data.entries.length} baseline ${data.entries.length === 1 ? 'key is' : 'keys are'} off.`}
          </p>
          {off.length && data.snapshotTakenAt !== null ? (
            <TableScroll label="Baseline drift table">
              <table aria-label="Baseline drift" className="drift-table">
                <thead>
                  <tr>
                    <th>Key</th>
                    <th>Expected</th>
                    <th>Actual</th>
                    <th>State</th>
                  </tr>
                </thead>
                <tbody>
                  {off.map((e) => (
                    <tr key={e.key} aria-label={e.key}>
                      <td className="mono">{e.key}</td>
                      <td>
                        <Value value={e.expected} />
                      </td>
                      <td>
                        {e.state === 'unknown-key' || e.state === 'not-reported' ? <span className="muted">—</span> : <Value value={e.actual} />}
                      </td>
                      <td>
                        <span className="row">
                          <span className={`badge ${DRIFT_STATE_TONE[e.state]}`}>{DRIFT_STATE_TEXT[e.state]}</span>
                          {e.rebootRequired ? <span className="badge tone-warn">reboot required</span> : null}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={apply.pending || confirming || !station.connected || data.entries.length === 0}
              onClick={() => setConfirming(true)}
            >
              {apply.pending ? 'Applying…' : 'Apply baseline'}
            </button>
            {!station.connected ? <span className="muted">The station is offline: it can be brought to its baseline once it connects.</span> : null}
          </div>
          {confirming ? (
            <div className="confirm-box" role="group" aria-label="Confirm apply baseline">
              {data.snapshotTakenAt === null ? (
                <p>The configuration was never read: the station is read first, then every key that differs is changed.</p>
              ) : willChange.length ? (
                <>
                  <p>
                    Sends ChangeConfiguration for {willChange.length === 1 ? 'this key' : `these ${willChange.length} keys`}, one after another (the
                    station is read again first, so a key it changed since may be added or left out):
                  </p>
                  <ul aria-label="Keys to change">
                    {willChange.map((e) => (
                      <li key={e.key}>
                        <span className="mono">{e.key}</span> → <Value value={e.expected} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>No key differs as last read: the station is read again and only what differs then is changed.</p>
              )}
              {willSkip.length ? (
                <p className="muted">Not sent (read-only or unknown to the station): {willSkip.map((e) => e.key).join(', ')}.</p>
              ) : null}
              <div className="row">
                <button type="button" className="primary" autoFocus onClick={apply.run}>
                  Confirm apply
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          <ErrorBox error={apply.error} />
        </>
      )}
      {result ? <ApplyResults chargePointId={id} result={result} /> : null}
    </section>
  );
}
