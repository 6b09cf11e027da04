/**
 * Checks a JSON value against a TypeBox schema and names the path of every bad field (`steps[2].status: must be
 * one of …`). TypeBox's own error list says little for a union of steps, so a union whose members are objects told
 * apart by one constant field (`do`, `expect`) is checked against the member that field names, and its problems
 * are that member's.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export interface PathProblem {
  /** `stations[0].identity`; '' for the document itself. */
  path: string;
  message: string;
}

interface Node {
  type?: string;
  anyOf?: Node[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Node;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  errorMessage?: string;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b`, `a["odd key"]`, `a[3]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** The field that tells the members apart, and each member by its value; null when the union is not of that kind. */
function discriminator(members: Node[]): { field: string; byValue: Map<string, Node> } | null {
  const first = members[0]?.properties;
  if (!first) return null;
  for (const [field, node] of Object.entries(first)) {
    if (typeof node.const !== 'string') continue;
    const byValue = new Map<string, Node>();
    for (const m of members) {
      const value = m.properties?.[field]?.const;
      if (typeof value !== 'string') break;
      byValue.set(value, m);
    }
    if (byValue.size === members.length) return { field, byValue };
  }
  return null;
}

function rangeWords(node: Node): string {
  if (node.minimum !== undefined && node.maximum !== undefined) return ` from ${node.minimum} to ${node.maximum}`;
  if (node.minimum !== undefined) return ` of at least ${node.minimum}`;
  if (node.maximum !== undefined) return ` of at most ${node.maximum}`;
  return '';
}

function leafWords(node: Node, value: unknown): string {
  if (node.errorMessage) return node.errorMessage;
  if (node.enum) return `must be one of ${node.enum.join(', ')}`;
  if (node.const !== undefined) return `must be ${JSON.stringify(node.const)}`;
  switch (node.type) {
    case 'integer':
      return `must be a whole number${rangeWords(node)}`;
    case 'number':
      return `must be a number${rangeWords(node)}`;
    case 'boolean':
      return 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (node.minLength !== undefined && value.length < node.minLength)
        return node.minLength === 1 ? 'must not be empty' : `must be at least ${node.minLength} characters`;
      if (node.maxLength !== undefined && value.length > node.maxLength) return `must be at most ${node.maxLength} characters`;
      return 'is not valid';
    default:
      return 'is not valid';
  }
}

function walk(node: Node, value: unknown, path: string, out: PathProblem[]): void {
  if (node.anyOf) {
    const union = discriminator(node.anyOf);
    if (!union) {
      if (!Value.Check(node as TSchema, value)) out.push({ path, message: 'is not valid' });
      return;
    }
    if (!isJsonObject(value)) return void out.push({ path, message: 'must be a JSON object' });
    const tag = value[union.field];
    const member = typeof tag === 'string' ? union.byValue.get(tag) : undefined;
    if (!member) {
      const message = tag === undefined ? 'is required' : `must be one of ${[...union.byValue.keys()].join(', ')}`;
      return void out.push({ path: childPath(path, union.field), message });
    }
    return walk(member, value, path, out);
  }
  if (node.type === 'object') {
    if (!isJsonObject(value)) return void out.push({ path, message: 'must be a JSON object' });
    const properties = node.properties ?? {};
    const entryNode = node.patternProperties ? Object.values(node.patternProperties)[0] : undefined;
    for (const [key, item] of Object.entries(value)) {
      const sub = Object.hasOwn(properties, key) ? properties[key] : entryNode;
      if (sub) walk(sub, item, childPath(path, key), out);
      else if (node.additionalProperties === false) out.push({ path: childPath(path, key), message: 'is not a known field' });
    }
    for (const key of node.required ?? []) if (value[key] === undefined) out.push({ path: childPath(path, key), message: 'is required' });
    return;
  }
  if (node.type === 'array') {
    if (!Array.isArray(value)) return void out.push({ path, message: 'must be a list' });
    if (node.minItems !== undefined && value.length < node.minItems)
      out.push({ path, message: node.minItems === 1 ? 'must not be empty' : `must have at least ${node.minItems} items` });
    if (node.maxItems !== undefined && value.length > node.maxItems) out.push({ path, message: `must have at most ${node.maxItems} items` });
    if (node.items) value.forEach((item, i) => walk(node.items!, item, childPath(path, i), out));
    return;
  }
  // A string enum (shared/ocpp StringEnum) is a TypeBox Unsafe type, which Value.Check does not know: checked here.
  const fits = node.enum ? node.enum.includes(value) : Value.Check(node as TSchema, value);
  if (!fits) out.push({ path, message: leafWords(node, value) });
}

/** Every problem of `value` against `schema`, each with the path of its field. */
export function schemaProblems(schema: TSchema, value: unknown): PathProblem[] {
  const out: PathProblem[] = [];
  walk(schema as Node, value, '', out);
  return out;
}
