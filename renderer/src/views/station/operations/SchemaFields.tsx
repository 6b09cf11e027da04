import type { ReactNode } from 'react';
import { Field } from '../../../components/Field.js';
import { isStringList, localInputToIso, type Draft, type DraftObject } from './draft.js';
import type { JsonSchema } from './schema.js';

export interface SchemaFieldsContext {
  /** Problems by JSON Pointer (from the local check or the server's 422). */
  issues: Record<string, string>;
  /** JSON Pointer → what the API puts there when left empty. */
  serverDefaults: Record<string, string>;
  /** Names of stored firmware files, offered for `firmwareFile`. */
  firmwareFiles: readonly string[];
  onChange: (path: (string | number)[], value: Draft) => void;
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${p}`).join('');
}

function label(name: string, required: boolean): string {
  return required ? name : `${name} (optional)`;
}

/** The fields of an object schema, one per property, nested objects and lists as fieldsets. */
/** A group's legend and, when the group as a whole is wrong, its error. */
function FieldsetHead({ name, required, error }: { name: string; required: boolean; error: string | null }) {
  return (
    <>
      <legend>{label(name, required)}</legend>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}

export function SchemaFields({
  schema,
  draft,
  path,
  ctx,
}: {
  schema: JsonSchema;
  draft: Draft;
  path: (string | number)[];
  ctx: SchemaFieldsContext;
}) {
  const values: DraftObject = draft && typeof draft === 'object' && !Array.isArray(draft) ? draft : {};
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return <p className="muted">This message has no fields.</p>;
  return (
    <div className="op-fields">
      {entries.map(([name, child]) => (
        <SchemaField
          key={name}
          name={name}
          schema={child}
          required={schema.required?.includes(name) ?? false}
          draft={values[name]}
          path={[...path, name]}
          ctx={ctx}
        />
      ))}
    </div>
  );
}

function SchemaField({
  name,
  schema,
  required,
  draft,
  path,
  ctx,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  draft: Draft;
  path: (string | number)[];
  ctx: SchemaFieldsContext;
}) {
  const at = pointer(path);
  const error = ctx.issues[at] ?? null;
  const set = (value: Draft) => ctx.onChange(path, value);
  const text = typeof draft === 'string' ? draft : '';
  const serverDefault = ctx.serverDefaults[at];
  const hintParts: ReactNode[] = [];
  if (serverDefault) hintParts.push(`Leave empty: the central system sends ${serverDefault}.`);
  if (schema.maxLength !== undefined && schema.type === 'string' && !schema.enum) hintParts.push(`Up to ${schema.maxLength} characters.`);

  if (schema.type === 'object') {
    return (
      <fieldset className="op-fieldset">
        <FieldsetHead name={name} required={required} error={error} />
        {!required ? <p className="field-hint">Left out when all its fields are empty.</p> : null}
        <SchemaFields schema={schema} draft={draft} path={path} ctx={ctx} />
      </fieldset>
    );
  }

  if (schema.type === 'array' && !isStringList(schema)) {
    const items = Array.isArray(draft) ? draft : [];
    return (
      <fieldset className="op-fieldset">
        <FieldsetHead name={name} required={required} error={error} />
        {items.map((item, i) => (
          <fieldset key={i} className="op-fieldset op-item">
            <legend>
              {name} #{i + 1}{' '}
              <button type="button" onClick={() => set(items.filter((_, j) => j !== i))} aria-label={`Remove ${name} #${i + 1}`}>
                Remove
              </button>
            </legend>
            {schema.items?.type === 'object' ? (
              <SchemaFields schema={schema.items} draft={item} path={[...path, i]} ctx={ctx} />
            ) : (
              <SchemaField name={`${name}[${i}]`} schema={schema.items ?? {}} required draft={item} path={[...path, i]} ctx={ctx} />
            )}
          </fieldset>
        ))}
        <button type="button" onClick={() => set([...items, {}])}>
          Add {name}
        </button>
      </fieldset>
    );
  }

  if (isStringList(schema)) {
    return (
      <Field label={label(name, required)} error={error} hint="One value per line.">
        {(props) => <textarea {...props} rows={3} value={text} onChange={(e) => set(e.target.value)} />}
      </Field>
    );
  }

  if (schema.enum || schema.type === 'boolean') {
    const options = schema.enum ?? ['true', 'false'];
    const unknownValue = text && !options.includes(text);
    return (
      <Field label={label(name, required)} error={error}>
        {(props) => (
          <select {...props} value={text} onChange={(e) => set(e.target.value)}>
            <option value="">{required ? '— choose —' : '— not set —'}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {unknownValue ? <option value={text}>{text} (not in the schema)</option> : null}
          </select>
        )}
      </Field>
    );
  }

  if (schema.format === 'date-time') {
    const iso = text ? localInputToIso(text) : '';
    return (
      <Field
        label={label(name, required)}
        error={error}
        hint={
          hintParts.length || iso ? (
            <>
              {iso ? `Sent as ${iso} (UTC). ` : 'Local time. '}
              {hintParts}
            </>
          ) : undefined
        }
      >
        {(props) => <input {...props} type="datetime-local" step={1} value={text} onChange={(e) => set(e.target.value)} />}
      </Field>
    );
  }

  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <Field
        label={label(name, required)}
        error={error}
        hint={hintParts.length ? hintParts : schema.multipleOf ? `A multiple of ${schema.multipleOf}.` : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
            value={text}
            onChange={(e) => set(e.target.value)}
          />
        )}
      </Field>
    );
  }

  if (name === 'firmwareFile') {
    const listId = `${pointer(path).replace(/\W/g, '-')}-files`;
    return (
      <Field
        label={label(name, required)}
        error={error}
        hint={
          ctx.firmwareFiles.length
            ? 'A firmware file stored on the built-in file server; the central system sends its URL as the location.'
            : 'No firmware file stored yet: add one under Firmware & diagnostics, or give a location.'
        }
      >
        {(props) => (
          <>
            <input {...props} type="text" list={listId} value={text} onChange={(e) => set(e.target.value)} />
            <datalist id={listId}>
              {ctx.firmwareFiles.map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          </>
        )}
      </Field>
    );
  }

  const long = (schema.maxLength ?? 0) > 500;
  return (
    <Field label={label(name, required)} error={error} hint={hintParts.length ? hintParts : undefined}>
      {(props) =>
        long ? (
          <textarea {...props} rows={4} value={text} onChange={(e) => set(e.target.value)} />
        ) : (
          <input {...props} type="text" value={text} onChange={(e) => set(e.target.value)} />
        )
      }
    </Field>
  );
}
