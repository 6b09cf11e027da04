import { Suspense, useEffect } from 'react';
import { useConnection } from '../store/connection.js';
import { followStations, useStations } from '../store/stations.js';
import { useRoute } from './router.js';
import { TokenPrompt } from './TokenPrompt.js';
import { Toasts } from './Toasts.js';
import { VIEWS } from './views.js';

const STREAM_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', unauthorized: 'Signed out' } as const;

function StreamIndicator() {
  const stream = useConnection((s) => s.stream);
  const kind = useConnection((s) => s.kind);
  return (
    <div className={`stream stream-${stream}`} role="status" aria-label="Live updates" title={kind === 'ipc' ? 'Desktop (IPC)' : 'Browser (HTTP)'}>
      <span className="dot" aria-hidden="true" /> {STREAM_TEXT[stream]}
    </div>
  );
}

function Navigation({ current }: { current: string }) {
  const stations = useStations((s) => s.byId);
  const alerts = Object.values(stations).filter(
    (cp) => cp.registrationStatus === 'Pending' || cp.connectors.some((c) => c.status === 'Faulted'),
  ).length;
  return (
    <nav className="sidebar" aria-label="Views">
      <div className="brand">OCPP Console</div>
      <ul>
        {VIEWS.map((v) => (
          <li key={v.view}>
            <a href={`#/${v.view}`} aria-current={current === v.view ? 'page' : undefined}>
              {v.label}
              {v.view === '' && alerts > 0 ? (
                <span className="count tone-bad" aria-label={`${alerts} alerts`}>
                  {alerts}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      <StreamIndicator />
    </nav>
  );
}

export function App() {
  const transport = useConnection((s) => s.transport);
  const stream = useConnection((s) => s.stream);
  const connect = useConnection((s) => s.connect);
  const route = useRoute();

  useEffect(() => connect(), [connect]);
  useEffect(() => (transport ? followStations() : undefined), [transport]);

  if (!transport || stream === 'unauthorized') return <TokenPrompt />;
  const entry = VIEWS.find((v) => v.view === route.view);
  const View = entry?.component;
  return (
    <div className="shell">
      <Navigation current={entry?.view ?? ''} />
      <main className="content" id="content">
        <Suspense fallback={<div className="muted">Loading…</div>}>
          {View ? <View key={entry!.view} /> : <p role="alert">No such view: {route.view}</p>}
        </Suspense>
      </main>
      <Toasts />
    </div>
  );
}
