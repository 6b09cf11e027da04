import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-operations.js';
import * as m0003 from './0003-profile-library.js';
import * as m0004 from './0004-transaction-connector-index.js';
import * as m0005 from './0005-meter-readings.js';
import * as m0006 from './0006-message-log-prune-by-id.js';
import * as m0007 from './0007-transaction-anomalies.js';
import * as m0008 from './0008-transfer-credentials-and-certificate-identity.js';
import * as m0009 from './0009-station-heartbeat-and-close.js';
import * as m0010 from './0010-audit-log.js';
import * as m0011 from './0011-message-log-exchanges.js';
import * as m0012 from './0012-meter-readings-compressed.js';
import * as m0013 from './0013-list-indexes.js';
import * as m0014 from './0014-sites.js';
import * as m0015 from './0015-site-power.js';
import * as m0016 from './0016-configuration-baselines.js';
import * as m0017 from './0017-commissioning.js';
import * as m0018 from './0018-station-keys.js';
import * as m0019 from './0019-local-list-summary-columns.js';
import type Database from 'better-sqlite3';

export interface Migration {
  readonly name: string;
  readonly sql: string;
  /**
   * A step SQL cannot do (e.g. compressing rows), run after `sql` in the same transaction. Only `sql` is hashed:
   * a change here must keep the outcome the same.
   */
  readonly run?: (db: Database.Database) => void;
}

/** Applied in this order; append only. */
export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
];
