import type { Db } from '../database.js';
import { LoadedAtFirstUse, perConnection } from '../write-caches.js';
import { foldIdTag } from './nocase.js';

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

/**
 * Every stored id tag held in memory, so an Authorize or a StartTransaction is decided without reading SQLite, the
 * unknown tags included (docs/architecture.md, "Hot state"). Loaded whole at first use (a depot's cards: thousands,
 * a few hundred bytes each), kept in step by the repository's `upsert` and `delete` (the only statements that write
 * `id_tags`), and loaded again after writes were undone (write-caches.ts). Keys are folded like the column's NOCASE
 * collation, so memory finds exactly the tags SQL finds. Rows are frozen: no caller can change memory.
 */
export class KnownIdTags extends LoadedAtFirstUse {
  private rows = new Map<string, IdTagRow>();
  private readonly loadStmt;

  private constructor(db: Db) {
    super(db);
    this.loadStmt = db.prepare<[], IdTagRow>('SELECT * FROM id_tags');
  }

  /** The one set of this connection, shared by every IdTagRepository built on it. */
  static readonly of = perConnection((db) => new KnownIdTags(db));

  get(idTag: string): IdTagRow | undefined {
    this.ensureLoaded();
    return this.rows.get(foldIdTag(idTag));
  }

  /** The row as SQLite now holds it (read back after its statement ran), or undefined when it is gone. */
  written(idTag: string, row: IdTagRow | undefined): void {
    if (!this.holdsRows) return; // the next use loads it with the rest
    if (row) this.rows.set(foldIdTag(row.id_tag), Object.freeze(row));
    else this.rows.delete(foldIdTag(idTag));
  }

  protected load(): void {
    this.rows = new Map();
    for (const row of this.loadStmt.all()) this.rows.set(foldIdTag(row.id_tag), Object.freeze(row));
  }
}

export class IdTagRepository {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly listStmt;
  private readonly deleteStmt;
  private readonly known: KnownIdTags;

  constructor(db: Db) {
    this.known = KnownIdTags.of(db);
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

  /** From memory (KnownIdTags): read for every Authorize and StartTransaction. */
  get(idTag: string): IdTagRow | undefined {
    return this.known.get(idTag);
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
    const row = this.getStmt.get(input.idTag)!;
    this.known.written(input.idTag, row);
    return row;
  }

  delete(idTag: string): boolean {
    const deleted = this.deleteStmt.run(idTag).changes > 0;
    this.known.written(idTag, undefined);
    return deleted;
  }
}
