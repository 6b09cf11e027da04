import { useState } from 'react';
import type { CallResponse, IdTagDto } from '../../../../shared/api/types.js';
import { diffLists, diffSize, entryForTag, nextListVersion } from '../../../../shared/local-lists/diff.js';
import { href } from '../../app/router.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { useAsyncAction } from '../../components/async-action.js';
import { errorMessage } from '../../components/error-message.js';
import { ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { useStations } from '../../store/stations.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';

type Outcome = { title: string; response?: CallResponse | null; error?: string | null };

/**
 * One station's local authorization list (OCPP 1.6 §3.5): what it should hold versus what it confirmed, and the
 * operations: the sync route (nothing when up to date, else Differential or Full as needed), a forced Full or Differential SendLocalList (§5.15)
 * and GetLocalListVersion (§5.11). Each shows the station's answer.
 */
export function StationLocalList({ chargePointId, tags }: { chargePointId: string; tags: IdTagDto[] }) {
  const api = useApi();
  const station = useStations((s) => s.byId[chargePointId]);
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const list = useLiveQuery(`local-list:${chargePointId}`, () => api.getLocalList(chargePointId), {
    events: eventsOf(['localList.changed'], chargePointId),
    throttleMs: 300,
  });
  const state = list.data ?? undefined;
  const desired = tags.map(entryForTag);
  const held = state?.entries ?? null;
  const diff = diffLists(held, desired);
  const connected = Boolean(station?.connected);

  const operation = useAsyncAction(async (name: string, work: () => Promise<Outcome>) => {
    setRunning(name);
    setOutcome(null);
    try {
      setOutcome(await work());
    } catch (err) {
      setOutcome({ title: name, error: errorMessage(err) });
    }
  });
  const run = operation.run;
  const busy = operation.pending ? running : null;
  const send = (updateType: 'Full' | 'Differential') =>
    run(`Send ${updateType}`, async () => {
      const listVersion = nextListVersion(state);
      const localAuthorizationList = updateType === 'Full' ? desired : [...diff!.added, ...diff!.changed, ...diff!.removed];
      const response = await api.call(chargePointId, 'SendLocalList', { listVersion, updateType, localAuthorizationList });
      return { title: `${updateType} update, version ${listVersion}, ${localAuthorizationList.length} entries`, response };
    });

  return (
    <section className="panel" aria-label={`Local list of ${chargePointId}`}>
      <h2>
        <a href={href('stations', chargePointId)}>{chargePointId}</a> {connected ? null : <span className="badge tone-bad">offline</span>}
      </h2>
      <ErrorBox error={list.error} />
      <dl className="ll-facts">
        <dt>Confirmed version</dt>
        <dd aria-label="Confirmed version">{state?.confirmedVersion ?? 'unknown'}</dd>
        <dt>Held entries</dt>
        <dd>{held ? held.length : 'unknown (the next update must be Full)'}</dd>
        <dt>Should hold</dt>
        <dd>{desired.length} entries (every id tag)</dd>
        <dt>Difference</dt>
        <dd aria-label="Difference">
          {diff
            ? diffSize(diff)
              ? `${diff.added.length} to add, ${diff.changed.length} to change, ${diff.removed.length} to remove`
              : 'in sync'
            : 'unknown'}
        </dd>
        <dt>Reported version</dt>
        <dd>
          {state?.reportedVersion === null || state?.reportedVersion === undefined
            ? 'never asked'
            : state.reportedVersion === -1
              ? '-1 (not supported)'
              : state.reportedVersion}{' '}
          {state?.reportedAt ? <Time value={state.reportedAt} /> : null}
        </dd>
        <dt>Last update</dt>
        <dd>
          {state?.lastUpdateType ? `${state.lastUpdateType}: ${state.lastStatus ?? '—'}` : 'none'} {state ? <Time value={state.updatedAt} /> : null}
        </dd>
      </dl>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!connected || busy !== null}
          onClick={() =>
            run('Sync', async () => {
              const r = await api.syncLocalList(chargePointId);
              if (r.upToDate)
                return { title: `Up to date: the station confirmed version ${r.listVersion}, which holds this list. Nothing was sent.` };
              return { title: `Sync sent a ${r.updateType} update, version ${r.listVersion}, ${r.entryCount} entries`, response: r.outcome };
            })
          }
        >
          {busy === 'Sync' ? 'Syncing…' : 'Sync (nothing, Differential or Full, as needed)'}
        </button>
        <button type="button" disabled={!connected || busy !== null} onClick={() => send('Full')}>
          Send Full
        </button>
        <button
          type="button"
          disabled={!connected || busy !== null || !diff || diffSize(diff) === 0}
          title={!diff ? 'What the station holds is unknown: send Full first' : diff && diffSize(diff) === 0 ? 'Nothing to change' : undefined}
          onClick={() => send('Differential')}
        >
          Send Differential
        </button>
        <button
          type="button"
          disabled={!connected || busy !== null}
          onClick={() =>
            run('Get version', async () => ({
              title: 'GetLocalListVersion',
              response: await api.call(chargePointId, 'GetLocalListVersion', {}),
            }))
          }
        >
          Get version
        </button>
      </div>
      {outcome ? (
        <div className="ll-outcome">
          <div className="muted">{outcome.title}</div>
          <CallAnswer response={outcome.response} error={outcome.error} />
        </div>
      ) : null}
      {diff && diffSize(diff) ? (
        <details className="ll-diff">
          <summary>Changes a Differential update would send ({diffSize(diff)})</summary>
          <ul>
            {diff.added.map((e) => (
              <li key={`a-${e.idTag}`}>
                add {e.idTag} ({e.idTagInfo?.status})
              </li>
            ))}
            {diff.changed.map((e) => (
              <li key={`c-${e.idTag}`}>
                change {e.idTag} → {e.idTagInfo?.status}
              </li>
            ))}
            {diff.removed.map((e) => (
              <li key={`r-${e.idTag}`}>remove {e.idTag}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
