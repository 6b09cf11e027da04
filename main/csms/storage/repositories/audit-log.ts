import type { Db } from '../database.js';
import { cappedCount, cappedCountSql } from './list-paging.js';

export interface AuditRow {
  id: number;
  at: string;
  client: 'console-window' | 'console-browser' | 'script';
  client_name: string | null;
  remote_address: string | null;
  method: string;
  path: string;
  action: string;
  charge_point_id: string | null;
  request: string | null;
  status: number;
  response: string | null;
  duration_ms: number;
}

export type AuditInput = Omit<AuditRow, 'id'>;

export interface AuditFilter {
  limit: number;
  before?: number;
  client?: AuditRow['client'];
  chargePointId?: string;
}

/** The operator actions (migration 0010), newest first. */
export class AuditLogRepository {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, client, client_name, remote_address, method, path, action, charge_point_id, request, status, response, duration_ms)
       VALUES (@at, @client, @client_name, @remote_address, @method, @path, @action, @charge_point_id, @request, @status, @response, @duration_ms)`,
    );
  }

  insert(entry: AuditInput): number {
    return Number(this.insertStmt.run(entry).lastInsertRowid);
  }

  /** Newest first; the matches counted up to TOTAL_COUNT_CAP (list-paging.ts). */
  list(filter: AuditFilter): { items: AuditRow[]; total: number; totalCapped: boolean } {
    const { whereSql, params } = matching(filter);
    const { total, capped } = cappedCount((this.db.prepare(cappedCountSql('audit_log', whereSql)).get(params) as { n: number }).n);
    return { items: this.rows(filter), total, totalCapped: capped };
  }

  /** Newest first, below `before`: a page without its count (the export's chunks). */
  rows(filter: AuditFilter): AuditRow[] {
    const { whereSql, params } = matching(filter);
    const pageWhere = filter.before === undefined ? whereSql : `${whereSql ? `${whereSql} AND` : 'WHERE'} id < @before`;
    if (filter.before !== undefined) params.before = filter.before;
    return this.db
      .prepare(`SELECT * FROM audit_log ${pageWhere} ORDER BY id DESC LIMIT @limit`)
      .all({ ...params, limit: filter.limit }) as AuditRow[];
  }
}

function matching(filter: AuditFilter): { whereSql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.client) {
    where.push('client = @client');
    params.client = filter.client;
  }
  if (filter.chargePointId) {
    where.push('charge_point_id = @chargePointId');
    params.chargePointId = filter.chargePointId;
  }
  return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}
