import type Database from 'better-sqlite3';
import { packedKeyId, unpackText } from './frame-codec/index.js';

/**
 * SQL functions the schema relies on, registered on every connection that applies the migrations (database.ts):
 * - `meter_samples(sampled_values, key_values)`: a meter reading's sampled values as JSON text, whether stored as
 *   text (before migration 0012) or compressed (frame-codec `packText`, or `packTextAgainst` the first reading of
 *   its transaction, whose `sampled_values` is `key_values`). The `meter_values` view reads through it.
 * - `meter_samples_key(sampled_values)`: the id of that first reading, NULL when there is none.
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.function('meter_samples', { deterministic: true }, (value: unknown, key: unknown): string | null => {
    if (typeof value === 'string' || value === null) return value;
    const keyText = key === null || key === undefined ? null : typeof key === 'string' ? key : unpackText(key as Buffer);
    return unpackText(value as Buffer, keyText);
  });
  db.function('meter_samples_key', { deterministic: true }, (value: unknown): number | null => (Buffer.isBuffer(value) ? packedKeyId(value) : null));
}
