import type { GroupCommit } from '../storage/group-commit.js';
import type { AuditFilter, AuditInput, AuditRow } from '../storage/repositories/audit-log.js';
import type { Repositories } from '../storage/repositories/index.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';
import type { AuditPageRows, ExportChunk } from '../storage/reader/read-queries.js';

export type { AuditInput, AuditRow };

/** What operators changed through the operator API, by which client (docs/api.md "Audit trail"): written, never edited. */
export class AuditTrail {
  constructor(
    private readonly repos: Pick<Repositories, 'auditLog'>,
    private readonly groupCommit: GroupCommit,
    /** Pages are read off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
  ) {}

  /** In the current batch: the entry is written once the request it describes has been answered. */
  record(entry: AuditInput): void {
    this.groupCommit.runDetached(() => {
      this.repos.auditLog.insert(entry);
    });
  }

  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditPageRows> {
    return this.reader.run('auditPage', filter);
  }

  /** A chunk of the NDJSON export (storage/reader/audit-entries.ts), newest first, written by the reader worker. */
  exportChunk(filter: AuditFilter): Promise<ExportChunk> {
    return this.reader.run('auditExportChunk', filter);
  }
}
