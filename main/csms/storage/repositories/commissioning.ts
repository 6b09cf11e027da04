import type { CommissioningRunDto, CommissioningTemplateDto } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';

/** Commissioning runs as their reports, and saved templates (migration 0017). */
export class CommissioningRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly previousStmt;
  private readonly templatesStmt;
  private readonly templateStmt;
  private readonly putTemplateStmt;
  private readonly deleteTemplateStmt;
  private readonly abandonStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<{ chargePointId: string; status: string; startedAt: string; report: string }>(
      'INSERT INTO commissioning_runs (charge_point_id, status, started_at, report) VALUES (@chargePointId, @status, @startedAt, @report)',
    );
    this.updateStmt = db.prepare<{ id: number; status: string; finishedAt: string | null; report: string }>(
      'UPDATE commissioning_runs SET status = @status, finished_at = @finishedAt, report = @report WHERE id = @id',
    );
    this.getStmt = db.prepare<[number], { report: string }>('SELECT report FROM commissioning_runs WHERE id = ?');
    this.listStmt = db.prepare<[string, number], { report: string }>(
      'SELECT report FROM commissioning_runs WHERE charge_point_id = ? ORDER BY id DESC LIMIT ?',
    );
    this.previousStmt = db.prepare<[string, number], { report: string }>(
      `SELECT report FROM commissioning_runs WHERE charge_point_id = ? AND id < ? AND status IN ('passed', 'failed') ORDER BY id DESC LIMIT 1`,
    );
    this.templatesStmt = db.prepare<[], { name: string; description: string | null; checks: string }>(
      'SELECT * FROM commissioning_templates ORDER BY name',
    );
    this.templateStmt = db.prepare<[string], { name: string; description: string | null; checks: string }>(
      'SELECT * FROM commissioning_templates WHERE name = ?',
    );
    this.putTemplateStmt = db.prepare<{ name: string; description: string | null; checks: string }>(
      `INSERT INTO commissioning_templates (name, description, checks) VALUES (@name, @description, @checks)
       ON CONFLICT (name) DO UPDATE SET description = excluded.description, checks = excluded.checks`,
    );
    this.deleteTemplateStmt = db.prepare<[string]>('DELETE FROM commissioning_templates WHERE name = ?');
    // A run cut short by a stop of the central system cannot finish: it is marked so at the next start.
    this.abandonStmt = db.prepare(
      `UPDATE commissioning_runs SET status = 'stopped', finished_at = @at, report = json_set(report, '$.status', 'stopped', '$.finishedAt', @at)
       WHERE status = 'running'`,
    );
  }

  /** Store a new run; returns its id. */
  insert(run: Omit<CommissioningRunDto, 'id'>): number {
    return Number(
      this.insertStmt.run({ chargePointId: run.chargePointId, status: run.status, startedAt: run.startedAt, report: JSON.stringify(run) })
        .lastInsertRowid,
    );
  }

  update(run: CommissioningRunDto): void {
    this.updateStmt.run({ id: run.id, status: run.status, finishedAt: run.finishedAt, report: JSON.stringify(run) });
  }

  get(id: number): CommissioningRunDto | undefined {
    const row = this.getStmt.get(id);
    return row && (JSON.parse(row.report) as CommissioningRunDto);
  }

  /** The station's runs, newest first. */
  list(chargePointId: string, limit: number): CommissioningRunDto[] {
    return this.listStmt.all(chargePointId, limit).map((r) => JSON.parse(r.report) as CommissioningRunDto);
  }

  /** The station's last finished run before run `beforeId`. */
  previous(chargePointId: string, beforeId: number): CommissioningRunDto | undefined {
    const row = this.previousStmt.get(chargePointId, beforeId);
    return row && (JSON.parse(row.report) as CommissioningRunDto);
  }

  abandonRunning(at: string): number {
    return this.abandonStmt.run({ at }).changes;
  }

  templates(): Omit<CommissioningTemplateDto, 'builtIn'>[] {
    return this.templatesStmt.all().map(toTemplate);
  }

  template(name: string): Omit<CommissioningTemplateDto, 'builtIn'> | undefined {
    const row = this.templateStmt.get(name);
    return row && toTemplate(row);
  }

  putTemplate(template: Omit<CommissioningTemplateDto, 'builtIn'>): void {
    this.putTemplateStmt.run({ name: template.name, description: template.description ?? null, checks: JSON.stringify(template.checks) });
  }

  deleteTemplate(name: string): boolean {
    return this.deleteTemplateStmt.run(name).changes === 1;
  }
}

function toTemplate(row: { name: string; description: string | null; checks: string }): Omit<CommissioningTemplateDto, 'builtIn'> {
  return {
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    checks: JSON.parse(row.checks) as CommissioningTemplateDto['checks'],
  };
}
