import { useState } from 'react';
import type { BackupListDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { downloadFile } from '../../components/download.js';
import { errorMessage } from '../../components/error-message.js';
import { ErrorBox } from '../../components/Page.js';
import { Age, Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** Backups of the database (docs/api.md "Backups"): make one now, download, stage a restore for the next start. */
export function BackupsPanel() {
  const api = useApi();
  const list = useLiveQuery<BackupListDto>('settings.backups', () => api.listBackups(), { events: eventsOf(['settings.changed']), pollMs: 30_000 });
  // Which action runs (one at a time): the Back up button names its own progress.
  const [running, setRunning] = useState<string | null>(null);
  const action = useAsyncAction(async (what: string, fn: () => Promise<unknown>, done: string) => {
    setRunning(what);
    try {
      await fn();
      toast.success(done);
      list.refresh();
    } catch (err) {
      toast.error(`${what} failed: ${errorMessage(err)}`);
    } finally {
      setRunning(null);
    }
  });
  const busy = action.pending ? running : null;
  const run = action.run;
  const data = list.data;
  return (
    <section className="panel" aria-labelledby="settings-backups">
      <h2 id="settings-backups">Backups</h2>
      <ErrorBox error={list.error} />
      {data ? (
        <>
          <p className="muted">
            In <span className="mono">{data.directory}</span> ·{' '}
            {data.intervalHours > 0 ? (
              <>
                every {data.intervalHours} h, next <Age value={data.nextAutomaticAt} fallback="—" />
              </>
            ) : (
              'automatic backups off'
            )}{' '}
            · keep {data.keepCount}
          </p>
          {data.lastError ? <ErrorBox error={`Last backup failed (${data.lastErrorAt ?? ''}): ${data.lastError}`} /> : null}
          {data.pendingRestore ? (
            <div className="call-answer tone-warn" role="status">
              Restore of <strong>{data.pendingRestore.backup}</strong> staged <Time value={data.pendingRestore.requestedAt} />: applied at the next
              start.{' '}
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => run('Cancel restore', () => api.cancelPendingRestore(), 'Restore cancelled')}
              >
                Cancel restore
              </button>
            </div>
          ) : null}
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy !== null || data.running}
              onClick={() => run('Backup', () => api.createBackup(), 'Backup made and verified')}
            >
              {busy === 'Backup' || data.running ? 'Backing up…' : 'Back up now'}
            </button>
          </div>
          {data.backups.length === 0 ? (
            <p className="muted">No backup yet.</p>
          ) : (
            <table aria-label="Backups">
              <thead>
                <tr>
                  <th>Made</th>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Size</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.backups.map((b) => (
                  <tr key={b.name}>
                    <td>
                      <Time value={b.createdAt} />
                    </td>
                    <td className="mono">{b.name}</td>
                    <td>{b.reason}</td>
                    <td>{size(b.sizeBytes)}</td>
                    <td className="row">
                      <button
                        type="button"
                        aria-label={`Download ${b.name}`}
                        disabled={busy !== null}
                        onClick={() =>
                          run(
                            'Download',
                            async () => downloadFile(b.name, await api.downloadBackup(b.name), 'application/octet-stream'),
                            `${b.name} downloaded`,
                          )
                        }
                      >
                        Download
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Restore ${b.name}`}
                        disabled={busy !== null}
                        onClick={() => {
                          if (window.confirm(`Restore ${b.name} at the next start? The current database is kept aside.`))
                            run('Restore', () => api.restoreBackup(b.name), `Restore of ${b.name} staged: restart to apply it`);
                        }}
                      >
                        Restore…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : list.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
