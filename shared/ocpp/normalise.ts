/**
 * Lenient reading of a station's payload: the format slips real chargers make are put right against the message's
 * schema, so what is stored is what the station meant. Used only for stations in lenient mode, only on payloads
 * that broke their schema; the frame as received stays in the message log.
 *
 * - enumerations in another case (`"available"` → `"Available"`): OCPP 1.6 enumerations are case-sensitive, but
 *   firmwares that send them lowercase mean the same value;
 * - dateTime without a time zone (`"2026-03-01T08:00:00"`) read as UTC, as OCPP 1.6 §3.14 says every time is: left
 *   as it is, it would be read in this PC's local time;
 * - numbers sent as strings (`"connectorId": "1"`) and strings sent as numbers (`"value": 1234`), when the text is
 *   exactly a number (nothing is rounded or cut);
 * - booleans sent as the strings `"true"` / `"false"`.
 */
import type { TSchema } from '@sinclair/typebox';

export interface Normalisation {
  /** JSON Pointer of the field. */
  path: string;
  from: unknown;
  to: unknown;
}

export interface NormalisedPayload<T = unknown> {
  value: T;
  changes: Normalisation[];
}

interface SchemaNode {
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
/** A date and a time with seconds (and optional fraction), with no offset and no Z. */
const ZONELESS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(\.\d+)?)$/;

/** The payload with every correctable slip put right (a new value; the input is not changed), and what changed. */
export function normalisePayload<T>(schema: TSchema, value: T): NormalisedPayload<T> {
  const changes: Normalisation[] = [];
  const result = walk(schema as SchemaNode, value, '', changes) as T;
  return { value: result, changes };
}

function walk(schema: SchemaNode, value: unknown, path: string, changes: Normalisation[]): unknown {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !schema.properties) return value;
      let copy: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const fieldSchema = schema.properties[key];
        if (!fieldSchema) continue;
        const next = walk(fieldSchema, field, `${path}/${key}`, changes);
        if (next !== field) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
      }
      return copy ?? value;
    }
    case 'array': {
      const items = schema.items;
      if (!Array.isArray(value) || !items) return value;
      const list: readonly unknown[] = value;
      let copy: unknown[] | null = null;
      list.forEach((item, i) => {
        const next = walk(items, item, `${path}/${i}`, changes);
        if (next !== item) (copy ??= [...list])[i] = next;
      });
      return copy ?? value;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'string' || !NUMBER_TEXT.test(value)) return value;
      const number = Number(value);
      if (!Number.isFinite(number) || (schema.type === 'integer' && !Number.isSafeInteger(number))) return value;
      return changed(changes, path, value, number);
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? changed(changes, path, value, value === 'true') : value;
    case 'string':
      return normaliseString(schema, value, path, changes);
    default:
      return value;
  }
}

function normaliseString(schema: SchemaNode, value: unknown, path: string, changes: Normalisation[]): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return changed(changes, path, value, String(value));
  if (typeof value !== 'string') return value;
  if (schema.enum && !schema.enum.includes(value)) {
    const lower = value.toLowerCase();
    const match = schema.enum.find((option) => typeof option === 'string' && option.toLowerCase() === lower);
    return match === undefined ? value : changed(changes, path, value, match);
  }
  if (schema.format === 'date-time') {
    const zoneless = ZONELESS_DATE_TIME.exec(value);
    if (zoneless) return changed(changes, path, value, `${zoneless[1]}T${zoneless[2]}Z`);
  }
  return value;
}

function changed(changes: Normalisation[], path: string, from: unknown, to: unknown): unknown {
  changes.push({ path, from, to });
  return to;
}
