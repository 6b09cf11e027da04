/**
 * A central system on a free port with its own temporary data folder and the given bad-input limits, for the
 * limits tests and the fuzzer (the shared test harness does not take startup limits).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralSystem } from '../../main/csms/central-system.js';
import type { RuntimeSettings } from '../../main/csms/config/settings.js';
import type { ServerLimits } from '../../main/csms/server/limits.js';

export interface LimitedCsms {
  csms: CentralSystem;
  dataDir: string;
  port: number;
  url(identity: string): string;
  close(): Promise<void>;
}

const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

export async function startLimitedCsms(
  options: { limits?: Partial<ServerLimits>; overrides?: Partial<RuntimeSettings>; syncMode?: 'FULL' | 'NORMAL' } = {},
): Promise<LimitedCsms> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-limits-'));
  const csms = await CentralSystem.start({
    startup: {
      dataDir,
      ocppHost: '127.0.0.1',
      ocppPort: 0,
      apiHost: '127.0.0.1',
      apiPort: 0,
      syncMode: options.syncMode ?? 'NORMAL',
      limits: options.limits,
    },
    overrides: { pingIntervalSec: 0, ...options.overrides },
    logger: quietLogger,
  });
  const port = csms.ocppAddress.port;
  return {
    csms,
    dataDir,
    port,
    url: (identity) => `ws://127.0.0.1:${port}/ocpp/${encodeURIComponent(identity)}`,
    close: async () => {
      await csms.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
