/**
 * The form's working copy of a request ("draft"): the text typed in each field, shaped like the schema. Turned into
 * the OCPP payload only when sent, so any value can be typed (a wrong one is shown next to its field, never lost).
 */
import type { JsonSchema } from './schema.js';
import { isoToLocalInput as toLocalInput, localInputToIso as toIso } from '../../../components/local-datetime.js';

export type Draft = string | Draft[] | { [key: string]: Draft } | undefined;
export type DraftObject = { [key: string]: Draft };

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `datetime-local` input text (local time, no zone) → ISO 8601 UTC; unparseable text is kept for the checker to flag. */
export function localInputToIso(text: string): string {
  const iso = toIso(text);
  return iso === undefined ? text : iso.replace(/\.000Z$/, 'Z');
}

/** ISO 8601 (any zone) → `datetime-local` input text in the operator's time zone, to the second. */
export function isoToLocalInput(iso: string): string {
  return toLocalInput(iso) || iso;
}

/** Is this an array of strings (shown as one value per line)? */
export function isStringList(schema: JsonSchema): boolean {
  return schema.type === 'array' && schema.items?.type === 'string' && !schema.items.enum;
}

/** Has anything been typed in this part of the draft? */
export function hasContent(draft: Draft): boolean {
  if (typeof draft === 'string') return draft.trim() !== '';
  if (Array.isArray(draft)) return draft.length > 0;
  return !!draft && Object.values(draft).some(hasContent);
}

/** The payload a draft stands for. Empty fields are left out; text that is not a number stays text (the checker says so). */
export function payloadFromDraft(schema: JsonSchema, draft: Draft, required = true): unknown {
  switch (schema.type) {
    case 'object': {
      // An optional object with nothing typed in is left out entirely (e.g. RemoteStart's chargingProfile), even
      // though its required children would build as empty objects or lists.
      if (!required && !hasContent(draft)) return undefined;
      const source = draft && typeof draft === 'object' && !Array.isArray(draft) ? draft : {};
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        const value = payloadFromDraft(child, source[key], schema.required?.includes(key) ?? false);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array': {
      if (isStringList(schema)) {
        const lines =
          typeof draft === 'string'
            ? draft
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
            : [];
        return lines.length ? lines : undefined;
      }
      const items = Array.isArray(draft) ? draft : [];
      if (items.length === 0) return required ? [] : undefined;
      return items.map((item) => payloadFromDraft(schema.items ?? {}, item, true) ?? {});
    }
    case 'integer':
    case 'number': {
      const text = typeof draft === 'string' ? draft.trim() : '';
      if (!text) return undefined;
      // "1.5" for an integer becomes 1.5 and is flagged "must be a whole number"; "abc" stays text and is flagged too.
      return INTEGER_TEXT.test(text) || NUMBER_TEXT.test(text) ? Number(text) : text;
    }
    case 'boolean':
      return draft === 'true' ? true : draft === 'false' ? false : undefined;
    default: {
      const text = typeof draft === 'string' ? draft : '';
      if (text === '') return undefined;
      return schema.format === 'date-time' ? localInputToIso(text) : text;
    }
  }
}

/** The draft showing a payload (defaults, a re-sent operation, the raw JSON switched back to the form). */
export function draftFromPayload(schema: JsonSchema, value: unknown): Draft {
  if (value === undefined || value === null) return undefined;
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: DraftObject = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        const draft = draftFromPayload(child, (value as Record<string, unknown>)[key]);
        if (draft !== undefined) out[key] = draft;
      }
      return out;
    }
    case 'array':
      if (!Array.isArray(value)) return undefined;
      if (isStringList(schema)) return value.map(String).join('\n');
      return value.map((item) => draftFromPayload(schema.items ?? {}, item) ?? {});
    default:
      if (schema.format === 'date-time' && typeof value === 'string') return isoToLocalInput(value);
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Fields of the payload the schema does not know: the form cannot show them, so switching to it would drop them. */
export function unknownFields(schema: JsonSchema, value: unknown, path = ''): string[] {
  if (schema.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties?.[key];
    if (!childSchema) out.push(`${path}/${key}`);
    else out.push(...unknownFields(childSchema, child, `${path}/${key}`));
  }
  return out;
}

/** Set one value deep in a draft (immutably). */
export function setDraftAt(draft: Draft, path: readonly (string | number)[], value: Draft): Draft {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(draft) ? [...draft] : [];
    list[head] = setDraftAt(list[head], rest, value);
    return list;
  }
  const object = draft && typeof draft === 'object' && !Array.isArray(draft) ? { ...draft } : {};
  object[head!] = setDraftAt(object[head!], rest, value);
  return object;
}
