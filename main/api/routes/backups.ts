/**
 * Backups and restore (issue 6). Restoring needs the database closed, so the API stages it and the central system
 * applies it at its next start (storage/restore.ts): swapping the file under a running central system would leave
 * the API, the file services and open station sessions holding the old connection and cached state. The answer says
 * to restart; GET /api/backups shows the staged restore until then, and DELETE /api/backups/pending-restore cancels it.
 */
import { createReadStream, statSync } from 'node:fs';
import type { BackupDto, BackupListDto, BackupRestoreDto } from '../../../shared/api/types.js';
import type { BackupFile } from '../../csms/storage/backup-files.js';
import { startWorkerJob } from '../../csms/storage/backup-worker.js';
import { appliedMigrationCount, StorageError } from '../../csms/storage/database.js';
import { cancelPendingRestore, readPendingRestore, restoreProblems, stageRestore } from '../../csms/storage/restore.js';
import type { ApiContext } from '../context.js';
import { ApiHttpError, notFound } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';

const toDto = (b: BackupFile): BackupDto => ({
  name: b.name,
  sizeBytes: b.sizeBytes,
  createdAt: b.createdAt,
  reason: b.reason,
  schemaVersion: b.schemaVersion,
});

function findBackup(ctx: ApiContext, name: string): BackupFile {
  // Only names the list shows: a path or `..` never reaches the file system.
  const found = ctx.csms.backups.list().find((b) => b.name === name);
  if (!found) throw notFound(`Backup ${name}`);
  return found;
}

function storageFailure(err: unknown): never {
  if (err instanceof StorageError) throw new ApiHttpError(500, 'API_ERR_INTERNAL', err.message, { storageError: err.kind });
  throw err;
}

export function backupRoutes(router: Router): void {
  router.get('/api/backups', ({ ctx }): BackupListDto => {
    const settings = ctx.csms.settings();
    const status = ctx.csms.backups.status();
    return {
      backups: ctx.csms.backups.list().map(toDto),
      directory: ctx.csms.backups.dir,
      currentSchemaVersion: appliedMigrationCount(ctx.csms.db),
      intervalHours: settings.backupIntervalHours,
      keepCount: settings.backupKeepCount,
      running: status.running,
      nextAutomaticAt: status.nextAutomaticAt,
      lastError: status.lastError,
      lastErrorAt: status.lastErrorAt,
      pendingRestore: readPendingRestore(ctx.csms.startup.dataDir),
    };
  });

  router.post('/api/backups', async ({ ctx }) => {
    const made = await ctx.csms.backups.create('manual').catch(storageFailure);
    return reply(201, toDto(made));
  });

  router.get('/api/backups/:name', ({ req, res, params, ctx }) => {
    const backup = findBackup(ctx, params.name!);
    res.writeHead(200, {
      'content-type': 'application/vnd.sqlite3',
      'content-length': statSync(backup.path).size,
      'content-disposition': `attachment; filename="${backup.name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(backup.path)
        .on('error', () => res.destroy())
        .pipe(res);
    return HANDLED;
  });

  router.post('/api/backups/:name/restore', async ({ params, ctx }) => {
    const backup = findBackup(ctx, params.name!);
    // Checked now (in a worker: quick_check reads the whole file) so the operator hears about a bad backup before
    // restarting; it is checked again when applied.
    const check = await startWorkerJob(null, backup.path).result.catch(storageFailure);
    const problems = restoreProblems(check);
    if (problems.length > 0)
      throw new ApiHttpError(422, 'API_ERR_VALIDATION', `Backup ${backup.name} cannot be restored: ${problems.join('; ')}`, {
        fields: { name: problems.join('; ') },
      });
    const pending = stageRestore(ctx.csms.startup.dataDir, backup.name);
    const body: BackupRestoreDto = {
      staged: true,
      backup: backup.name,
      requestedAt: pending.requestedAt,
      message: `Restart the central system to restore ${backup.name}. At start the current database is moved to the set-aside folder (kept, not deleted) and the backup takes its place.`,
    };
    return reply(202, body);
  });

  router.delete('/api/backups/pending-restore', ({ ctx }) => {
    if (!cancelPendingRestore(ctx.csms.startup.dataDir)) throw notFound('Pending restore');
    return reply(204);
  });
}
