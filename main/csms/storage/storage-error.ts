/** Typed storage failures, so callers can tell the operator what is wrong instead of "SQLITE_xxx". */
export class StorageError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'read-only' | 'full' | 'busy' | 'in-use' | 'migration-mismatch' | 'restore-failed' | 'other',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export function classifySqliteError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new StorageError('corrupt', `Database is corrupt: ${message}`, { cause: err });
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new StorageError('read-only', `Database cannot be written: ${message}`, { cause: err });
  if (code === 'SQLITE_FULL') return new StorageError('full', `Disk is full: ${message}`, { cause: err });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StorageError('busy', `Database is locked: ${message}`, { cause: err });
  return new StorageError('other', message, { cause: err });
}

/** Node file-system errors (EACCES, EROFS, ENOSPC) get the same kinds as SQLite's. */
export function classifyFsOrSqliteError(err: unknown): StorageError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new StorageError('read-only', (err as Error).message, { cause: err });
  if (code === 'ENOSPC') return new StorageError('full', (err as Error).message, { cause: err });
  return classifySqliteError(err);
}
