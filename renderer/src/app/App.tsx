import { Suspense, useEffect, useState } from 'react';
import { followTokenLinks, useConnection } from '../store/connection.js';
import { followStations } from '../store/stations.js';
import { followHeard } from '../views/overview/heard.js';
import { followRecentReports } from '../views/overview/recent-reports.js';
import { useSystemAlerts } from '../views/overview/SystemAlerts.js';
import { useAlerts } from '../views/overview/use-alerts.js';
import { useRoute } from './router.js';
import { TokenPrompt } from './TokenPrompt.js';
import { Toasts } from './Toasts.js';
import { VIEWS } from './views.js';
// Console-wide: a refused station certificate request is announced wherever the operator is.
import '../views/station/details/security-alerts.js';

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
  // On a narrow window (or at a large zoom) the list folds behind a Menu button instead of taking the side.
  const [open, setOpen] = useState(false);
  // The Overview's alerts counted: the stations' list and the storage alerts, from the same hooks the Overview lists
  // them with, so the badge never disagrees with what the Overview shows.
  const alerts = useAlerts().length + useSystemAlerts().length;
  return (
    <nav className={`sidebar${open ? ' nav-open' : ''}`} aria-label="Views">
      <div className="brand-row">
        <div className="brand">OCPP Console</div>
        <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="nav-list" onClick={() => setOpen(!open)}>
          Menu
        </button>
      </div>
      <ul id="nav-list">
        {VIEWS.map((v) => (
          <li key={v.view}>
            <a href={`#/${v.view}`} aria-current={current === v.view ? 'page' : undefined} onClick={() => setOpen(false)}>
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

/**
 * First stop of the keyboard: straight to the view, past the navigation (WCAG 2.2 SC 2.4.1). Routes live in the
 * hash, so the link moves focus itself instead of letting the browser change the hash to "#content".
 */
function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#content"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('content')?.focus();
      }}
    >
      Skip to content
    </a>
  );
}

export function App() {
  const transport = useConnection((s) => s.transport);
  const stream = useConnection((s) => s.stream);
  const connect = useConnection((s) => s.connect);
  const route = useRoute();

  useEffect(() => connect(), [connect]);
  useEffect(() => followTokenLinks(), []);
  useEffect(() => followHeard(), []);
  useEffect(() => (transport ? followStations() : undefined), [transport]);
  useEffect(() => (transport ? followRecentReports() : undefined), [transport]);

  if (!transport || stream === 'unauthorized') return <TokenPrompt />;
  const entry = VIEWS.find((v) => v.view === route.view);
  const View = entry?.component;
  return (
    <div className="shell">
      <SkipLink />
      <Navigation current={entry?.view ?? ''} />
      <main className="content" id="content" tabIndex={-1}>
        <Suspense fallback={<div className="muted">Loading…</div>}>
          {View ? <View key={entry.view} /> : <p role="alert">No such view: {route.view}</p>}
        </Suspense>
      </main>
      <Toasts />
    </div>
  );
}
