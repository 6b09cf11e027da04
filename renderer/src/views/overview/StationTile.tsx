import { memo, useSyncExternalStore } from 'react';
import type { ChargePointDto, ConnectorDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { StatusBadge, toneOf } from '../../components/StatusBadge.js';
import { Age } from '../../components/Time.js';
import { useClock } from '../../store/clock.js';
import { isSilent } from './alerts.js';
import { lastHeardIso, useHeard } from './heard.js';

function ConnectorChip({ connector }: { connector: ConnectorDto }) {
  const error = connector.errorCode && connector.errorCode !== 'NoError' ? connector.errorCode : null;
  const name = connector.connectorId === 0 ? 'Station (connector 0)' : `Connector ${connector.connectorId}`;
  return (
    <li className={`connector-chip chip-${toneOf(connector.status)}`} aria-label={`${name}: ${connector.status}${error ? `, ${error}` : ''}`}>
      <span className="connector-no">{connector.connectorId === 0 ? 'CP' : `#${connector.connectorId}`}</span>
      <StatusBadge status={connector.status} />
      {error ? <span className="connector-error">{error}</span> : null}
      {connector.vendorErrorCode ? <span className="muted">{connector.vendorErrorCode}</span> : null}
      {connector.info ? <span className="muted connector-info">{connector.info}</span> : null}
    </li>
  );
}

function CompactConnector({ connector }: { connector: ConnectorDto }) {
  const error = connector.errorCode && connector.errorCode !== 'NoError' ? connector.errorCode : null;
  const name = connector.connectorId === 0 ? 'Station (connector 0)' : `Connector ${connector.connectorId}`;
  return (
    <li
      className={`badge tone-${toneOf(connector.status)}`}
      aria-label={`${name}: ${connector.status}${error ? `, ${error}` : ''}`}
      title={`${name}: ${connector.status}${error ? `, ${error}` : ''}`}
    >
      {connector.connectorId === 0 ? 'CP' : connector.connectorId} {connector.status}
    </li>
  );
}

/** Either store changing may move a station across the silence threshold. Module-level: subscribed once per tile. */
function subscribeHeardAndClock(onChange: () => void): () => void {
  const stopHeard = useHeard.subscribe(onChange);
  const stopClock = useClock.subscribe(onChange);
  return () => {
    stopHeard();
    stopClock();
  };
}

/**
 * Whether the station is silent, as a boolean snapshot of both stores: the tile re-renders when it becomes silent or
 * is heard again, not on every frame the station sends (a thousand stations send about a thousand a second).
 */
function useSilent(station: ChargePointDto, staleMs: number): boolean {
  return useSyncExternalStore(subscribeHeardAndClock, () =>
    isSilent(station, useHeard.getState().lastInMs[station.id], useClock.getState().nowMs, staleMs),
  );
}

/** "last heard … ago": the only part of a tile that follows every frame, so only it re-renders for them. */
function LastHeard({ station }: { station: ChargePointDto }) {
  const streamMs = useHeard((s) => s.lastInMs[station.id]);
  return <Age value={lastHeardIso(station.lastSeenAt, streamMs)} />;
}

/**
 * One station at a glance: online state with the age of the last frame, registration, every connector's status
 * (OCPP 1.6 §7.7) with its error code. Re-renders only when its station changes or it crosses the silence threshold;
 * its "last heard" text updates on its own.
 */
export const StationTile = memo(function StationTile({
  station,
  staleMs,
  compact = false,
}: {
  station: ChargePointDto;
  staleMs: number;
  compact?: boolean;
}) {
  const silent = useSilent(station, staleMs);
  const faulted = station.connectors.some((c) => c.status === 'Faulted');
  const state = !station.connected ? 'Offline' : silent ? 'Silent' : 'Online';
  const tone = faulted ? 'bad' : state === 'Online' ? 'ok' : state === 'Silent' ? 'warn' : 'muted';
  // Connector 0 is the station itself (§4.9); show it only when it has something to say.
  const connectors = station.connectors.filter((c) => c.connectorId !== 0 || c.status !== 'Available' || c.errorCode !== 'NoError');
  if (compact) {
    // A large depot on one screen: identity, state, one badge per connector; details on hover and on the station page.
    return (
      <article className={`station-tile station-tile-compact tile-${tone}`} aria-label={`Station ${station.id}`}>
        <header className="tile-header">
          <a className="tile-title" href={href('stations', station.id)}>
            {station.id}
          </a>
          <span className={`badge tone-${state === 'Online' ? 'ok' : state === 'Silent' ? 'warn' : 'bad'}`}>{state}</span>
        </header>
        <ul className="connector-list connector-list-compact" aria-label={`Connectors of ${station.id}`}>
          {connectors.map((c) => (
            <CompactConnector key={c.connectorId} connector={c} />
          ))}
        </ul>
      </article>
    );
  }
  return (
    <article className={`station-tile tile-${tone}`} aria-label={`Station ${station.id}`}>
      <header className="tile-header">
        <a className="tile-title" href={href('stations', station.id)}>
          {station.id}
        </a>
        <span className={`badge tone-${state === 'Online' ? 'ok' : state === 'Silent' ? 'warn' : 'bad'}`}>{state}</span>
        {station.registrationStatus !== 'Accepted' ? <StatusBadge status={station.registrationStatus} /> : null}
      </header>
      {station.description ? <div className="muted tile-description">{station.description}</div> : null}
      <div className="muted tile-seen">
        last heard <LastHeard station={station} />
      </div>
      {connectors.length === 0 ? (
        <p className="muted">No connector reported yet.</p>
      ) : (
        <ul className="connector-list" aria-label={`Connectors of ${station.id}`}>
          {connectors.map((c) => (
            <ConnectorChip key={c.connectorId} connector={c} />
          ))}
        </ul>
      )}
    </article>
  );
});
