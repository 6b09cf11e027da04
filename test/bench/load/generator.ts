/**
 * Load-generator child process: one fleet, driven by the orchestrator over IPC (connect, run, totals, close).
 * Measurement-window marks are sent as events so the orchestrator can read the server's CPU at the same moments.
 */
import { emitEvent, serveIpc } from '../ipc.js';
import { Fleet, type ConnectOptions, type RunOptions } from './fleet.js';

const fleet = new Fleet((name) => emitEvent('mark', { name }));

serveIpc({
  connect: (options: ConnectOptions) => fleet.connect(options),
  run: (options: RunOptions) => fleet.run(options),
  totals: () => fleet.totals,
  close: () => fleet.close(),
});
emitEvent('ready', { pid: process.pid });
