/**
 * (a) The project's central system as shipped (the dist/ build): handshake pipeline, ajv validation, SQLite with synchronous=FULL and
 * group commit, the message log. Only the registration policy is changed (accept unknown identities), so the
 * generator's stations need no pre-registration. A data folder of its own on the real disk (fsync matters).
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../child-process.js';
import { benchConfig, serveServerChild } from './runtime.js';

// The build that ships (tsc's output in dist/, which the benchmark builds first), not the sources through tsx: tsx
// keeps every function's name with a helper call that gives each closure a property store of its own, about 1.5 KB
// more heap per connected station and work on every closure created.
const shipped = (path: string) => pathToFileURL(join(REPO_ROOT, 'dist', path)).href;
const { CentralSystem } = (await import(shipped('main/csms/central-system.js'))) as typeof import('../../../main/csms/central-system.js');
const { databaseFile } = (await import(shipped('main/csms/config/app-paths.js'))) as typeof import('../../../main/csms/config/app-paths.js');

interface CsmsBenchConfig {
  syncMode?: 'FULL' | 'NORMAL';
  /** Register this many Accepted idTags (`<idTagPrefix><i>`) before the run, for Authorize/StartTransaction. */
  seedIdTags?: number;
  idTagPrefix?: string;
  /** Created (and removed) by the orchestrator; a fresh temporary folder if absent. */
  dataDir?: string;
}

const config = benchConfig<CsmsBenchConfig>();
const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'csms-bench-'));
const dbFile = databaseFile(dataDir);
const quietLogger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error('[csms child]', ...args) };

const csms = await CentralSystem.start({
  startup: { dataDir, ocppHost: '127.0.0.1', ocppPort: 0, apiHost: '127.0.0.1', apiPort: 0, syncMode: config.syncMode ?? 'FULL' },
  overrides: { registrationPolicy: 'accept' },
  logger: quietLogger,
});

const seeds: Promise<unknown>[] = [];
for (let i = 0; i < (config.seedIdTags ?? 0); i++)
  seeds.push(csms.services.idTags.upsert({ idTag: `${config.idTagPrefix ?? 'TAG'}${i}`, status: 'Accepted' }));
await Promise.all(seeds);

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Commit what is pending and copy the whole WAL back into the database, then empty the WAL file (TRUNCATE): the
 * bytes a message costs on disk are then the database file alone, not whatever the WAL happened to hold. The
 * checkpoint worker's own passes may hold the checkpoint lock for a moment, so a busy answer is retried.
 */
async function checkpointTruncate(): Promise<{ sqliteBytes: number; walBytes: number }> {
  csms.groupCommit.flush();
  for (let attempt = 0; attempt < 50; attempt++) {
    const [result] = csms.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { sqliteBytes: fileSize(dbFile), walBytes: fileSize(`${dbFile}-wal`) };
}

serveServerChild({
  port: csms.ocppAddress.port,
  commands: { checkpoint: () => checkpointTruncate() },
  connections: () => csms.connectedIds().length,
  extra: () => {
    const pageSize = csms.db.pragma('page_size', { simple: true }) as number;
    const pageCount = csms.db.pragma('page_count', { simple: true }) as number;
    return {
      dataDir,
      dbFile,
      sqliteBytes: fileSize(dbFile),
      walBytes: fileSize(`${dbFile}-wal`),
      /** The database's logical size (committed pages, WAL included), unaffected by WAL file reuse. */
      pageBytes: pageSize * pageCount,
      groupCommit: { ...csms.groupCommit.stats },
      packer: csms.packerStats,
    };
  },
});
