/**
 * Backups and restore (README "Backups and restore"). Restoring needs the database closed, so the API stages it and the central system
 * applies it at its next start (storage/restore.ts): swapping the file under a running central system would leave
 * the API, the file services and open station sessions holding the old connection and cached state. The answer says
 * to restart; GET /api/backups shows the staged restore until then, and DELETE /api/backups/pending-restore cancels it.
 */
import { createReadStream, statSync } from 'node:fs';
import type { BackupDto, BackupListDto, BackupRestoreDto } from '../../../shared/api/types.js';
import { DataFolderError, type BackupFile } from '../../csms/services/data-folder.js';
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
  const found = ctx.dataFolder.findBackup(name);
  if (!found) throw notFound(`Backup ${name}`);
  return found;
}

function storageFailure(err: unknown): never {
  if (err instanceof DataFolderError) throw new ApiHttpError(500, 'API_ERR_INTERNAL', err.message, { storageError: err.kind });
  throw err;
}

export function backupRoutes(router: Router): void {
  router.get('/api/backups', ({ ctx }): BackupListDto => {
    const settings = ctx.settings.current();
    const status = ctx.dataFolder.backupStatus();
    return {
      backups: ctx.dataFolder.listBackups().map(toDto),
      directory: ctx.dataFolder.backupDir,
      currentSchemaVersion: ctx.dataFolder.schemaVersion(),
      intervalHours: settings.backupIntervalHours,
      keepCount: settings.backupKeepCount,
      running: status.running,
      nextAutomaticAt: status.nextAutomaticAt,
      lastError: status.lastError,
      lastErrorAt: status.lastErrorAt,
      pendingRestore: ctx.dataFolder.pendingRestore(),
    };
  });

  router.post('/api/backups', async ({ ctx }) => {
    const made = await ctx.dataFolder.createBackup().catch(storageFailure);
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
    const outcome = await ctx.dataFolder.stageRestore(backup).catch(storageFailure);
    if ('problems' in outcome)
      throw new ApiHttpError(422, 'API_ERR_VALIDATION', `Backup ${backup.name} cannot be restored: ${outcome.problems.join('; ')}`, {
        fields: { name: outcome.problems.join('; ') },
      });
    const pending = outcome.staged;
    const body: BackupRestoreDto = {
      staged: true,
      backup: backup.name,
      requestedAt: pending.requestedAt,
      message: `Restart the central system to restore ${backup.name}. At start the current database is moved to the set-aside folder (kept, not deleted) and the backup takes its place.`,
    };
    return reply(202, body);
  });

  router.delete('/api/backups/pending-restore', ({ ctx }) => {
    if (!ctx.dataFolder.cancelRestore()) throw notFound('Pending restore');
    return reply(204);
  });
}
