import type Database from 'better-sqlite3';
import { unpackText } from './frame-codec/index.js';

/**
 * SQL functions the schema relies on, registered on every connection that applies the migrations (database.ts):
 * - `meter_samples(sampled_values)`: a meter reading's sampled values as JSON text, whether stored as text (before
 *   migration 0012) or compressed (frame-codec `packText`). The `meter_values` view reads through it.
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.function('meter_samples', { deterministic: true }, (value: unknown): string | null => {
    if (typeof value === 'string' || value === null) return value;
    return unpackText(value as Buffer);
  });
}
