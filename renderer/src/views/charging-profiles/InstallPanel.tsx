import { useState } from 'react';
import type { CallResponse, ProfileInstallResponse } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { ProblemList } from './ProblemList.js';
import { StationConnectorPicker } from './StationConnectorPicker.js';

interface InstalledRow {
  connectorId: number;
  profile: {
    chargingProfileId: number;
    stackLevel: number;
    chargingProfilePurpose: string;
    chargingProfileKind: string;
    chargingSchedule: { chargingRateUnit: string };
  };
}

/**
 * SetChargingProfile with a saved library profile on a station's connector, the station's answer, the profiles it
 * holds (as it accepted them), and ClearChargingProfile (§6.13) for one of them.
 */
export function InstallPanel({
  name,
  target,
  onTarget,
  dirty,
}: {
  name: string | null;
  target: { chargePointId: string; connectorId: string };
  onTarget: (t: { chargePointId: string; connectorId: string }) => void;
  dirty: boolean;
}) {
  const api = useApi();
  const connected = useStations((s) => (target.chargePointId ? s.byId[target.chargePointId]?.connected : false));
  const [transactionId, setTransactionId] = useState('');
  const [answer, setAnswer] = useState<ProfileInstallResponse | CallResponse | null>(null);
  const installed = useLiveQuery(
    `installed-profiles:${target.chargePointId}`,
    () => api.listOperationsState(`charge-points/${encodeURIComponent(target.chargePointId)}/charging-profiles`),
    { events: eventsOf(['chargingProfiles.changed'], target.chargePointId), enabled: Boolean(target.chargePointId), throttleMs: 1000 },
  );
  const txError = transactionId.trim() && !/^\d+$/.test(transactionId.trim()) ? 'A transaction id is a whole number.' : null;

  const sending = useAsyncAction(async (what: () => Promise<ProfileInstallResponse | CallResponse>) => {
    setAnswer(null);
    setAnswer(await what());
  });
  const run = sending.run;
  const busy = sending.pending;
  const install = () =>
    run(() =>
      api.installLibraryProfile(target.chargePointId, {
        name: name!,
        connectorId: Number(target.connectorId),
        ...(transactionId.trim() ? { transactionId: Number(transactionId) } : {}),
      }),
    );
  const clear = (id: number) => run(() => api.call(target.chargePointId, 'ClearChargingProfile', { id }));
  const rows = (installed.data?.items ?? []) as unknown as InstalledRow[];

  return (
    <div className="install-panel">
      <div className="form-grid">
        <StationConnectorPicker chargePointId={target.chargePointId} connectorId={target.connectorId} onChange={onTarget} />
        <Field label="Running transaction id (TxProfile)" error={txError} hint="Optional: put into the profile as sent">
          {(p) => <input {...p} inputMode="numeric" value={transactionId} onChange={(e) => setTransactionId(e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={install} disabled={!name || !target.chargePointId || busy || Boolean(txError)}>
          {busy ? 'Sending…' : name ? `Install “${name}”` : 'Install'}
        </button>
        {!name ? (
          <span className="muted">Save the profile to the library first.</span>
        ) : dirty ? (
          <span className="field-advice">Unsaved edits: the saved version is sent.</span>
        ) : null}
        {target.chargePointId && !connected ? <span className="badge tone-bad">Offline</span> : null}
      </div>
      <CallAnswer response={answer} error={sending.error} />
      {answer && 'problems' in answer ? <ProblemList problems={answer.problems} label="Advice on the profile as sent" /> : null}
      {target.chargePointId ? (
        <>
          <h3>Profiles held by {target.chargePointId}</h3>
          {rows.length === 0 ? (
            <p className="muted">{installed.loading && !installed.data ? 'Loading…' : 'None accepted so far.'}</p>
          ) : (
            <table aria-label="Installed profiles">
              <thead>
                <tr>
                  <th className="num">Connector</th>
                  <th className="num">Profile id</th>
                  <th>Purpose</th>
                  <th>Kind</th>
                  <th className="num">Stack level</th>
                  <th>Unit</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.connectorId}-${r.profile.chargingProfileId}`}>
                    <td className="num">{r.connectorId}</td>
                    <td className="num">{r.profile.chargingProfileId}</td>
                    <td>{r.profile.chargingProfilePurpose}</td>
                    <td>{r.profile.chargingProfileKind}</td>
                    <td className="num">{r.profile.stackLevel}</td>
                    <td>{r.profile.chargingSchedule.chargingRateUnit}</td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        disabled={busy}
                        onClick={() => clear(r.profile.chargingProfileId)}
                        aria-label={`Clear profile ${r.profile.chargingProfileId}`}
                      >
                        Clear
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </div>
  );
}
