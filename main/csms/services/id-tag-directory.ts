import type { IdTagImportMode } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { DatabaseReader } from '../storage/reader/database-reader.js';
import type { IdTagPageQuery } from '../storage/reader/id-tag-list.js';
import type { IdTagInput, IdTagRow } from '../storage/repositories/id-tags.js';
import type { Repositories } from '../storage/repositories/index.js';

export type { IdTagInput, IdTagRow };

/** What an import did with its lines (the caller adds the lines it refused). */
export interface IdTagImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Lines naming a tag that exists already, left as stored (mode `add`). */
  kept: { line: number; idTag: string }[];
}

/** True when the stored tag already holds what `input` says (an import line that changes nothing). */
function holdsAlready(row: IdTagRow, input: IdTagInput): boolean {
  return (
    row.status === input.status &&
    (row.expiry_date === null ? null : new Date(row.expiry_date).toISOString()) === (input.expiryDate ?? null) &&
    (row.parent_id_tag ?? '').toLowerCase() === (input.parentIdTag ?? '').toLowerCase() &&
    row.description === (input.description ?? '') &&
    (input.allowConcurrentTx === undefined || row.allow_concurrent_tx === (input.allowConcurrentTx === null ? null : input.allowConcurrentTx ? 1 : 0))
  );
}

/**
 * The id tags the central system authorizes (OCPP 1.6 §3.5): every operator change goes through here and is
 * announced as `idTag.changed` after it committed. Tags are CiString: compared case-insensitively.
 */
export class IdTagDirectory {
  constructor(
    private readonly repos: Pick<Repositories, 'idTags'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
    /** Pages of the list are chosen off the answering thread (storage/reader/database-reader.ts). */
    private readonly reader: DatabaseReader,
  ) {}

  get(idTag: string): IdTagRow | undefined {
    return this.repos.idTags.get(idTag);
  }

  /** A page of `GET /api/id-tags` as UTF-8 JSON (storage/reader/id-tag-list.ts), built by the reader worker. */
  pageJson(q: IdTagPageQuery): Promise<Uint8Array> {
    return this.reader.run('idTagPage', q);
  }

  /** `GET /api/id-tags.csv` as UTF-8 text (storage/reader/id-tag-list.ts), read and written by the reader worker. */
  csv(): Promise<Uint8Array> {
    return this.reader.run('idTagsCsv', undefined);
  }

  list(): IdTagRow[] {
    return this.repos.idTags.list();
  }

  /** Store a new tag; an existing one (compared case-insensitively) is left alone and its stored spelling returned. */
  async create(input: IdTagInput): Promise<{ created: IdTagRow } | { existing: string }> {
    const now = this.clock.now().toISOString();
    const existing = await this.groupCommit.run(() => {
      const found = this.repos.idTags.get(input.idTag);
      if (found) return found.id_tag;
      this.repos.idTags.upsert(input, now);
      return null;
    });
    if (existing !== null) return { existing };
    this.events.emit('idTag.changed', { idTag: input.idTag });
    return { created: this.stored(input.idTag) };
  }

  /** Create or replace a tag. */
  async upsert(input: IdTagInput): Promise<{ row: IdTagRow; existed: boolean }> {
    const now = this.clock.now().toISOString();
    const existed = await this.groupCommit.run(() => {
      const found = this.repos.idTags.get(input.idTag) !== undefined;
      this.repos.idTags.upsert(input, now);
      return found;
    });
    this.events.emit('idTag.changed', { idTag: input.idTag });
    return { row: this.stored(input.idTag), existed };
  }

  /** Several tags in one commit; `add` keeps the existing ones, `update` changes them too. */
  async import(lines: readonly { line: number; input: IdTagInput }[], mode: IdTagImportMode): Promise<IdTagImportOutcome> {
    const outcome: IdTagImportOutcome = { created: 0, updated: 0, unchanged: 0, kept: [] };
    const now = this.clock.now().toISOString();
    const written: string[] = [];
    await this.groupCommit.run(() => {
      for (const { line, input } of lines) {
        const existing = this.repos.idTags.get(input.idTag);
        if (existing && holdsAlready(existing, input)) outcome.unchanged++;
        else if (existing && mode === 'add') outcome.kept.push({ line, idTag: existing.id_tag });
        else {
          this.repos.idTags.upsert(input, now);
          written.push(input.idTag);
          if (existing) outcome.updated++;
          else outcome.created++;
        }
      }
    });
    for (const idTag of written) this.events.emit('idTag.changed', { idTag });
    return outcome;
  }

  /** False when there was no such tag. */
  async delete(idTag: string): Promise<boolean> {
    const deleted = await this.groupCommit.run(() => this.repos.idTags.delete(idTag));
    if (deleted) this.events.emit('idTag.changed', { idTag });
    return deleted;
  }

  private stored(idTag: string): IdTagRow {
    const row = this.repos.idTags.get(idTag);
    if (!row) throw new Error(`id tag ${idTag} was not stored`);
    return row;
  }
}
