import type { Db } from '../database.js';

type StoredIdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';

export interface IdTagRow {
  id_tag: string;
  status: StoredIdTagStatus;
  expiry_date: string | null;
  parent_id_tag: string | null;
  description: string;
  /** 1: may charge at several connectors at once (shared fleet card); 0: one at a time; null: the default setting. */
  allow_concurrent_tx: 0 | 1 | null;
  created_at: string;
  updated_at: string;
}

export interface IdTagInput {
  idTag: string;
  status: StoredIdTagStatus;
  expiryDate?: string | null;
  parentIdTag?: string | null;
  description?: string;
  /** null: the `allowConcurrentTxByDefault` setting decides; absent: unchanged (a new tag: null). */
  allowConcurrentTx?: boolean | null;
}

export class IdTagRepository {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly listStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    // COLLATE NOCASE on the column makes every lookup case-insensitive (idTag is a CiString20, OCPP 1.6 §7.28).
    this.getStmt = db.prepare<[string], IdTagRow>('SELECT * FROM id_tags WHERE id_tag = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag, description, allow_concurrent_tx, created_at, updated_at)
       VALUES (@idTag, @status, @expiryDate, @parentIdTag, @description, @allowConcurrentTx, @now, @now)
       ON CONFLICT (id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date,
         parent_id_tag = excluded.parent_id_tag, description = excluded.description,
         allow_concurrent_tx = CASE WHEN @keepConcurrent THEN allow_concurrent_tx ELSE excluded.allow_concurrent_tx END,
         updated_at = excluded.updated_at`,
    );
    this.listStmt = db.prepare<[], IdTagRow>('SELECT * FROM id_tags ORDER BY id_tag');
    this.deleteStmt = db.prepare('DELETE FROM id_tags WHERE id_tag = ?');
  }

  get(idTag: string): IdTagRow | undefined {
    return this.getStmt.get(idTag);
  }

  list(): IdTagRow[] {
    return this.listStmt.all();
  }

  upsert(input: IdTagInput, now: string): IdTagRow {
    this.upsertStmt.run({
      idTag: input.idTag,
      status: input.status,
      expiryDate: input.expiryDate ?? null,
      parentIdTag: input.parentIdTag ?? null,
      description: input.description ?? '',
      allowConcurrentTx: input.allowConcurrentTx === undefined || input.allowConcurrentTx === null ? null : input.allowConcurrentTx ? 1 : 0,
      // Records that do not carry the setting (a CSV line, an older client) leave it as it is.
      keepConcurrent: input.allowConcurrentTx === undefined ? 1 : 0,
      now,
    });
    return this.get(input.idTag)!;
  }

  delete(idTag: string): boolean {
    return this.deleteStmt.run(idTag).changes > 0;
  }
}
