import * as m0001 from './0001-initial.js';

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** Applied in this order; append only. */
export const MIGRATIONS: readonly Migration[] = [m0001];
