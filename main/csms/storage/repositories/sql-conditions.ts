/**
 * The WHERE clause of a filtered query, built from optional filters: each filter that is given adds its condition
 * and its named parameter. One builder for every repository's list and count queries.
 */
export class SqlConditions {
  private readonly clauses: string[] = [];
  readonly params: Record<string, unknown> = {};

  /** Adds `clause`, which names `@name`, when `value` is given (not undefined). */
  match(name: string, value: unknown, clause: string): this {
    if (value === undefined) return this;
    this.clauses.push(clause);
    this.params[name] = value;
    return this;
  }

  /** Adds a condition without a parameter, when `applies`. */
  when(applies: boolean | undefined, clause: string): this {
    if (applies) this.clauses.push(clause);
    return this;
  }

  /** `WHERE a AND b`, or nothing without conditions. */
  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
