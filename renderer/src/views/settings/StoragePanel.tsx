import type { StorageDto } from '../../../../shared/api/storage.js';
import { ErrorBox } from '../../components/Page.js';
import { Age, Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';

const MIB = 1_048_576;

export function bytesText(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${(bytes / (1024 * MIB)).toFixed(1)} GiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–');

/** When the budget will be reached at the growth seen in this run, in words; null when it cannot be said. */
function reachedIn(s: StorageDto): string | null {
  if (s.budgetBytes <= 0 || s.growthBytesPerDay === null) return null;
  if (s.growthBytesPerDay <= 0) return `not growing in this run (${bytesText(Math.abs(s.growthBytesPerDay))} a day freed)`;
  const days = (s.budgetBytes - s.usedBytes) / s.growthBytesPerDay;
  const growth = `growing ${bytesText(s.growthBytesPerDay)} a day`;
  return days <= 0
    ? `${growth}: at the budget now`
    : `${growth}: the budget is reached in about ${days < 2 ? `${Math.round(days * 24)} hours` : `${Math.round(days)} days`}`;
}

/**
 * What takes the data folder's space, the disk budget and what it prunes when (README "Disk budget"). The budget
 * and the meter-detail permission are the runtime settings above; the backups' own sizes are in the Backups panel.
 */
export function StoragePanel() {
  const api = useApi();
  const storage = useLiveQuery<StorageDto>('settings.storage', () => api.storage(), { events: eventsOf(['settings.changed']), pollMs: 60_000 });
  const s = storage.data;
  const b = s?.breakdown;
  const growth = s ? reachedIn(s) : null;
  return (
    <section className="panel" aria-labelledby="settings-storage">
      <h2 id="settings-storage">Storage</h2>
      <ErrorBox error={storage.error} />
      {s && b ? (
        <>
          {s.alerts.map((a) => (
            <p key={a.key} className={`call-answer tone-${a.level === 'critical' ? 'bad' : 'warn'}`} role="status">
              {a.text} (since <Age value={a.since} />)
            </p>
          ))}
          <p>
            Data folder <span className="mono">{s.dataDir}</span>:{' '}
            <strong>
              {bytesText(s.usedBytes)}
              {s.budgetBytes > 0 ? ` of its ${bytesText(s.budgetBytes)} budget (${pct(s.usedBytes, s.budgetBytes)})` : ' (no budget)'}
            </strong>
            {s.disk ? (
              <>
                {' '}
                · {bytesText(s.disk.freeBytes)} free of {bytesText(s.disk.totalBytes)} on its disk
              </>
            ) : null}
            {growth ? <> · {growth}</> : null}
          </p>
          <table aria-label="What takes the space">
            <thead>
              <tr>
                <th>What</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Database (csms.sqlite)</td>
                <td>
                  {bytesText(b.databaseBytes)}
                  {b.reusableBytes > 0 ? `, of which ${bytesText(b.reusableBytes)} free for new rows (not counted)` : ''}
                </td>
              </tr>
              <tr>
                <td>Write-ahead log (WAL)</td>
                <td>{bytesText(b.walBytes)}</td>
              </tr>
              <tr>
                <td>Backups ({b.backupCount})</td>
                <td>{bytesText(b.backupsBytes)}</td>
              </tr>
              <tr>
                <td>Firmware and uploaded files</td>
                <td>{bytesText(b.uploadedFilesBytes)}</td>
              </tr>
              <tr>
                <td>Other (certificates, databases set aside by a restore)</td>
                <td>{bytesText(b.otherBytes)}</td>
              </tr>
            </tbody>
          </table>
          <h3>What is pruned, and when</h3>
          {s.budgetBytes > 0 ? (
            <ol>
              <li>
                Above {bytesText(s.budgetBytes)}: the oldest message-log rows, down to {bytesText(s.pruneDownToBytes)}. Now{' '}
                {s.pruning.messageLogRows.toLocaleString()} rows may go
                {s.pruning.oldestMessageLogAt ? (
                  <>
                    , the oldest from <Time value={s.pruning.oldestMessageLogAt} />
                  </>
                ) : null}
                ; {s.pruning.messageLogProtectedRows.toLocaleString()} are kept for open transactions. A warning shows from{' '}
                {bytesText(s.alertAboveBytes)}.
              </li>
              <li>
                {s.pruning.meterDetailAfterMonths > 0 ? (
                  <>
                    If that is not enough: the meter readings of transactions that ended more than {s.pruning.meterDetailAfterMonths} months ago
                    (before <Time value={s.pruning.meterDetailCutoff} />; now {s.pruning.meterDetailTransactions.toLocaleString()} transactions,{' '}
                    {s.pruning.meterDetailReadings.toLocaleString()} readings). Their totals stay.
                  </>
                ) : (
                  <>Meter readings are never pruned: set “Prune meter detail after (months)” to allow it for old transactions.</>
                )}
              </li>
              <li>Never: transactions, open sessions, stations, id tags, settings, backups (“Backups kept” decides how many stay).</li>
            </ol>
          ) : (
            <p className="muted">No budget: nothing is pruned for space (the message-log retention still applies).</p>
          )}
          <p className="muted">
            Checked <Age value={s.checkedAt} />.{' '}
            {s.lastPrune ? (
              <>
                Last pruned <Time value={s.lastPrune.at} />: {s.lastPrune.messageLogRows.toLocaleString()} message-log rows, the readings of{' '}
                {s.lastPrune.transactions.toLocaleString()} transactions{s.lastPrune.error ? ` (stopped: ${s.lastPrune.error})` : ''}.
              </>
            ) : (
              'Nothing pruned since the start.'
            )}
          </p>
        </>
      ) : storage.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
