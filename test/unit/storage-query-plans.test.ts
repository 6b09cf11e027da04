/**
 * Every list and search of the repositories outside the message log keeps answering fast on years of data
 * (README "Performance", large database): SQLite's EXPLAIN QUERY PLAN of each statement they run must not read a
 * whole large table (a SCAN, with or without an index: a whole-table COUNT is one too), and no paged list (LIMIT)
 * of any table may sort its matches in a temporary B-tree. The statements are the real ones: the repositories are built
 * over a migrated database whose `prepare` records every SQL text, then each list is called with each filter.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { TransactionQueries } from '../../main/csms/storage/repositories/transaction-queries.js';
import { EnergyReportQueries } from '../../main/csms/storage/repositories/energy-report.js';

/**
 * Tables that grow with the traffic for years (the large database of the benchmark holds 100,000 to 6,000,000 rows
 * in each), and the ones that grow with every operator action or reservation. Not listed: tables bounded by the
 * number of stations, tags or profiles, and the rare station reports (security events, refused handshakes, file
 * transfers), a few a day: a page of those reads at most some thousands of rows.
 */
const LARGE_TABLES = ['transactions', 'meter_readings', 'status_changes', 'anomalies', 'audit_log', 'connection_events', 'reservations'];

/**
 * Partial indexes whose rows are bounded by the size of the depot, not by its history: the transactions without a
 * stop (a few per connector). Reading all of such an index is fine.
 */
const BOUNDED_PARTIAL_INDEXES = ['transactions_open', 'transactions_tag_open'];

/**
 * Conditions that nearly every row meets, so a newest-first walk of the primary key fills its page at once: the
 * transactions that are not open sessions (all but a few per connector).
 */
const DENSE_CONDITIONS = ["NOT (stop_received_at IS NULL AND start_status = 'Accepted')"];

/** The message log has its own layout and its own owner (repositories/message-log.ts); its plans are not judged here. */
const isMessageLogStatement = (sql: string) => /\bmessage_log\b/.test(sql);

function recordingDatabase(): { db: Db; statements: Set<string> } {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  const statements = new Set<string>();
  const prepare = db.prepare.bind(db);
  const recording: Db['prepare'] = (sql: string) => {
    statements.add(sql);
    return prepare(sql);
  };
  db.prepare = recording;
  return { db, statements };
}

/** Plan lines of one statement, with the parameters it names bound to NULL (EXPLAIN does not run it). */
function plan(db: Db, sql: string): string[] {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
  const positional = (sql.match(/\?/g) ?? []).length;
  const rows = (named.length ? stmt.all(Object.fromEntries(named.map((n) => [n, null]))) : stmt.all(...Array<null>(positional).fill(null))) as {
    detail: string;
  }[];
  return rows.map((r) => r.detail);
}

/**
 * What is wrong with a statement's plan: a SCAN of a large table, or a temporary B-tree ordering a paged list.
 * A SCAN is allowed where reading everything is the point or stops early by itself: a statement without a WHERE
 * clause that is an export (every row, no COUNT) or stops after its LIMIT (a newest-first page, a capped count); a
 * bounded partial index; a condition nearly every row meets.
 */
function planProblems(sql: string, lines: string[]): string[] {
  const compact = sql.replace(/\s+/g, ' ');
  const paged = /\bLIMIT\b/i.test(compact);
  const unfiltered = !/\bWHERE\b/i.test(compact) && (paged || !/\bCOUNT\(/i.test(compact));
  const dense = DENSE_CONDITIONS.some((condition) => compact.includes(condition));
  const problems: string[] = [];
  for (const line of lines) {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(line);
    const allowed = unfiltered || dense || (scan?.[2] !== undefined && BOUNDED_PARTIAL_INDEXES.includes(scan[2]));
    if (scan && LARGE_TABLES.includes(scan[1]!) && !allowed) problems.push(line);
    if (paged && /USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(line)) problems.push(line);
  }
  return problems;
}

/** Every list and search of the repositories, with each filter the API passes (alone and combined). */
function runEveryList(db: Db): void {
  const repos = createRepositories(db);
  const queries = new TransactionQueries(db);
  const month = { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' };
  const transactionFilters = [
    {},
    { chargePointId: 'CP' },
    { idTag: 'TAG' },
    { active: true },
    { active: false },
    month,
    { from: month.from },
    { chargePointId: 'CP', ...month },
    { chargePointId: 'CP', active: false },
    { chargePointId: 'CP', active: true },
    { idTag: 'TAG', ...month },
    { idTag: 'TAG', chargePointId: 'CP' },
    { active: false, ...month },
  ];
  for (const filter of transactionFilters) {
    queries.list(filter);
    queries.list({ ...filter, beforeId: 1000 });
    queries.count(filter);
    queries.listAfter(filter, 1000, 1000);
  }
  // Energy reports read one window of the start-time index, with or without a station.
  const energy = new EnergyReportQueries(db);
  for (const chargePointId of [undefined, 'CP']) energy.report({ groupBy: 'connector', period: 'day', ...month, chargePointId, timeZone: 'UTC' });
  const tx = { charge_point_id: 'CP', connector_id: 1, start_received_at: month.from, stop_received_at: month.to };
  repos.meterValues.forTransaction(1);
  repos.meterValues.unassignedDuring(tx, 5000);
  repos.meterValues.unassignedDuring({ ...tx, stop_received_at: null }, 5000);
  for (const q of [{}, { chargePointId: 'CP' }, { transactionId: 1 }, { since: month.from }, { chargePointId: 'CP', since: month.from }]) {
    repos.anomalies.list(q);
    repos.anomalies.list({ ...q, beforeId: 10 });
    repos.anomalies.count(q);
  }
  for (const q of [{}, { client: 'script' as const }, { chargePointId: 'CP' }, { client: 'script' as const, chargePointId: 'CP' }]) {
    repos.auditLog.list({ limit: 100, ...q });
    repos.auditLog.list({ limit: 100, before: 10, ...q });
  }
  for (const q of [
    {},
    { chargePointId: 'CP' },
    { status: 'Active' as const },
    { status: ['Active', 'Requested'] as const },
    { chargePointId: 'CP', status: 'Used' as const },
  ])
    repos.reservationBook.list(q);
  repos.reservationBook.active();
  repos.connectionEvents.eventsFor('CP', 100);
  repos.connectionEvents.recentRefused(100);
  repos.stationReports.securityEvents('CP', 50);
  for (const q of [{}, { source: 'csms' as const }, { since: month.from }, { source: 'station' as const, since: month.from }])
    repos.stationReports.recentSecurityEvents(q);
  repos.stationReports.fileStatusHistory('CP', 'firmware', 50);
  repos.fileJobs.list('CP', 50);
  repos.localLists.listStored();
  repos.profileLibrary.list();
  repos.sites.list();
  repos.sites.get('SITE');
  repos.sites.takenElsewhere('SITE', ['CP']);
  repos.idTags.list();
  repos.chargePoints.list();
  repos.connectors.list('CP');
}

describe('query plans of the lists on a large database', () => {
  test('no list or search scans a large table or sorts a paged list in a temporary B-tree', () => {
    const { db, statements } = recordingDatabase();
    try {
      runEveryList(db);
      const checked = [...statements].filter((sql) => /^\s*(SELECT|WITH|UPDATE|DELETE)/i.test(sql) && !isMessageLogStatement(sql));
      assert.ok(checked.length > 40, `expected the repositories' statements, recorded ${checked.length}`);
      const failures = checked.flatMap((sql) => {
        const problems = planProblems(sql, plan(db, sql));
        return problems.length ? [`${sql.replace(/\s+/g, ' ').trim()}\n    → ${problems.join('\n    → ')}`] : [];
      });
      assert.deepEqual(failures, [], `plans that read a whole large table or sort a page:\n${failures.join('\n')}`);
    } finally {
      db.close();
    }
  });

  test('an energy report reads only its window of the start-time index, also for one station', () => {
    const { db, statements } = recordingDatabase();
    try {
      const energy = new EnergyReportQueries(db);
      energy.report({
        groupBy: 'station',
        period: 'month',
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-02-01T00:00:00.000Z',
        chargePointId: 'CP',
        timeZone: 'UTC',
      });
      const reports = [...statements].filter((sql) => /\bFROM transactions t\b/.test(sql));
      assert.equal(reports.length, 2, 'the report with and without a station');
      for (const sql of reports) {
        const lines = plan(db, sql);
        // Not the station's index: it holds all the station's years, and its rows would then be sorted by start.
        assert.ok(
          lines.some((l) => /^SEARCH t USING INDEX transactions_started \(start_received_at>\? AND start_received_at<\?\)/.test(l)),
          lines.join('; '),
        );
        assert.ok(!lines.some((l) => /TEMP B-TREE/.test(l)), lines.join('; '));
      }
    } finally {
      db.close();
    }
  });

  test('the check itself catches a full scan and a sorted page', () => {
    const { db } = recordingDatabase();
    try {
      const scan = "SELECT * FROM transactions WHERE stop_reason = 'Local' ORDER BY id DESC LIMIT 10";
      assert.ok(planProblems(scan, plan(db, scan)).some((p) => p.startsWith('SCAN transactions')));
      const sorted = 'SELECT * FROM transactions WHERE start_received_at >= @from ORDER BY stop_reason LIMIT 10';
      assert.ok(planProblems(sorted, plan(db, sorted)).some((p) => p.includes('TEMP B-TREE')));
      const wholeCount = 'SELECT COUNT(*) AS n FROM transactions';
      assert.ok(planProblems(wholeCount, plan(db, wholeCount)).some((p) => p.startsWith('SCAN transactions')));
      const firstPage = 'SELECT * FROM transactions ORDER BY id DESC LIMIT 100';
      assert.deepEqual(planProblems(firstPage, plan(db, firstPage)), []);
    } finally {
      db.close();
    }
  });
});
