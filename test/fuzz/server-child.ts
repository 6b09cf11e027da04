/**
 * The central system as a child process for `npm run fuzz` and `npm run soak`: its memory and open file
 * descriptors are measured alone, and a crash shows as the child's exit. Configured through BENCH_CONFIG.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralSystem } from '../../main/csms/central-system.js';
import type { RuntimeSettings } from '../../main/csms/config/settings.js';
import type { ServerLimits } from '../../main/csms/server/limits.js';
import { benchConfig, serveServerChild } from '../bench/servers/runtime.js';

interface ChildConfig {
  limits?: Partial<ServerLimits>;
  overrides?: Partial<RuntimeSettings>;
  syncMode?: 'FULL' | 'NORMAL';
}

const config = benchConfig<ChildConfig>();
const dataDir = mkdtempSync(join(tmpdir(), 'csms-fuzz-'));
const csms = await CentralSystem.start({
  startup: {
    dataDir,
    ocppHost: '127.0.0.1',
    ocppPort: 0,
    apiHost: '127.0.0.1',
    apiPort: 0,
    syncMode: config.syncMode ?? 'NORMAL',
    limits: config.limits,
  },
  overrides: { pingIntervalSec: 0, ...config.overrides },
  logger: { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error('[csms child]', ...args) },
});
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

serveServerChild({
  port: csms.ocppAddress.port,
  connections: () => csms.connectedIds().length,
  extra: () => ({ fds: readdirSync('/proc/self/fd').length, maxFrameBytes: csms.limits.maxFrameBytes }),
  commands: {
    async register(stations: Array<{ id: string; status: 'Accepted' | 'Rejected' }>) {
      for (const s of stations) await csms.services.stations.upsert({ id: s.id, registrationStatus: s.status });
    },
    async stop() {
      await csms.stop();
      setImmediate(() => process.exit(0));
    },
  },
});
