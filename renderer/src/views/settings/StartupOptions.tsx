import type { StartupInfoDto } from '../../../../shared/api/types.js';
import { ErrorBox } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { CopyButton } from '../doctor/CopyButton.js';

// Every option but `flags`, which names the flag of each (shown in the last column).
const ROWS: { key: Exclude<keyof StartupInfoDto, 'flags'>; label: string }[] = [
  { key: 'ocppHost', label: 'OCPP bind address' },
  { key: 'ocppPort', label: 'OCPP port (ws)' },
  { key: 'ocppTlsPort', label: 'OCPP TLS port (wss)' },
  { key: 'apiHost', label: 'Operator API bind address' },
  { key: 'apiPort', label: 'Operator API port' },
  { key: 'fileHttpPort', label: 'File server port (firmware, diagnostics)' },
  { key: 'ftpPort', label: 'FTP port (diagnostics uploads)' },
  { key: 'advertisedHost', label: 'Host in file URLs given to chargers' },
  { key: 'syncMode', label: 'Database durability' },
  { key: 'dataDir', label: 'Data folder' },
  { key: 'databaseFile', label: 'Database file' },
];

/** Options fixed at start (flags / environment): shown read-only with the flag that changes them after a restart. */
export function StartupOptions() {
  const api = useApi();
  const info = useLiveQuery<StartupInfoDto>('settings.startup', () => api.startupInfo());
  return (
    <section className="panel" aria-labelledby="settings-startup">
      <h2 id="settings-startup">Startup options</h2>
      <p className="muted">Read only here: set them with the flag shown (or its environment variable, README “Settings”) and restart.</p>
      <ErrorBox error={info.error} />
      {info.data ? (
        <table aria-labelledby="settings-startup">
          <tbody>
            {ROWS.map(({ key, label }) => {
              const value = info.data![key];
              const text = value === null || value === undefined ? 'off' : String(value);
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td className="mono">
                    {text}
                    {key === 'dataDir' || key === 'databaseFile' ? <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} /> : null}
                  </td>
                  <td className="muted">
                    set with <code>{info.data!.flags[key] ?? '—'}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : info.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
