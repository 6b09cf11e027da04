import type { GroupCommit } from '../storage/group-commit.js';
import type { AuditFilter, AuditInput, AuditRow } from '../storage/repositories/audit-log.js';
import type { Repositories } from '../storage/repositories/index.js';

export type { AuditInput, AuditRow };

/** What operators changed through the operator API, by which client (docs/api.md "Audit trail"): written, never edited. */
export class AuditTrail {
  constructor(
    private readonly repos: Pick<Repositories, 'auditLog'>,
    private readonly groupCommit: GroupCommit,
  ) {}

  /** In the current batch: the entry is written once the request it describes has been answered. */
  record(entry: AuditInput): void {
    this.groupCommit.runDetached(() => {
      this.repos.auditLog.insert(entry);
    });
  }

  /** Newest first. */
  list(filter: AuditFilter): { items: AuditRow[]; total: number; totalCapped: boolean } {
    return this.repos.auditLog.list(filter);
  }
}
