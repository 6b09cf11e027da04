/**
 * The reader worker (storage/reader/): the operator's long-list reads run on a read-only connection of their own,
 * answer what the main connection would, see only committed writes, and fall back to the main connection where a
 * worker cannot serve.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase, type Db } from '../../main/csms/storage/database.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import { DatabaseReader } from '../../main/csms/storage/reader/database-reader.js';
import { messageLogEntryDto } from '../../main/csms/storage/reader/message-log-entries.js';
import { createReadQueries, type ExportChunk } from '../../main/csms/storage/reader/read-queries.js';
import { createRepositories, type Repositories } from '../../main/csms/storage/repositories/index.js';

const opened: Array<{ db: Db; reader: DatabaseReader }> = [];
after(async () => {
  for (const { db, reader } of opened) {
    await reader.close();
    db.close();
  }
});

function quietLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => warnings.push(message) } };
}

function setUp(file = join(mkdtempSync(join(tmpdir(), 'csms-reader-')), 'csms.sqlite')) {
  const db = openDatabase({ file, syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  const { warnings, logger } = quietLogger();
  const reader = new DatabaseReader(file, createReadQueries(db), logger);
  opened.push({ db, reader });
  return { db, repos, reader, warnings, inline: createReadQueries(db) };
}

function addTransactions(repos: Repositories, chargePointId: string, count: number): void {
  for (let i = 0; i < count; i++)
    repos.transactions.insert({
      chargePointId,
      connectorId: 1,
      idTag: `TAG-${i % 3}`,
      startStatus: 'Accepted',
      reservationId: null,
      meterStartWh: i,
      startedCpAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      receivedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      startNote: null,
    });
}

function addMessages(repos: Repositories, count: number): void {
  for (let i = 0; i < count; i++)
    repos.messageLog.insert({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      chargePointId: 'CP-R',
      action: 'Heartbeat',
      outbound: false,
      first: { messageType: 2, errorCode: null, frame: JSON.stringify([2, `hb-${i}`, 'Heartbeat', {}]) },
      answer: { messageType: 3, errorCode: null, frame: JSON.stringify([3, `hb-${i}`, { currentTime: '2026-01-01T00:00:00.000Z' }]), at: new Date() },
    });
}

test('pages read by the worker are the pages the main connection reads', async () => {
  const { db, repos, reader, inline, warnings } = setUp();
  db.transaction(() => {
    addTransactions(repos, 'CP-R', 30);
    addMessages(repos, 25);
    repos.anomalies.record({
      chargePointId: 'CP-R',
      transactionId: 3,
      connectorId: 1,
      kind: 'stop-conflict',
      detail: 'a second stop',
      action: 'StopTransaction',
      payload: { transactionId: 3 },
      receivedAt: '2026-01-01T01:00:00.000Z',
    });
    repos.auditLog.insert({
      at: '2026-01-01T01:00:00.000Z',
      client: 'script',
      client_name: 'test',
      remote_address: '127.0.0.1',
      method: 'POST',
      path: '/api/charge-points/CP-R/calls/Reset',
      action: 'Reset',
      charge_point_id: 'CP-R',
      request: '{"type":"Soft"}',
      status: 200,
      response: '{"status":"Accepted"}',
      duration_ms: 12,
    });
    repos.localLists.update(
      'CP-R',
      { entries: [{ idTag: 'TAG-0', idTagInfo: { status: 'Accepted' } }], confirmedVersion: 1 },
      '2026-01-01T01:00:00.000Z',
    );
  })();
  const q = { chargePointId: 'CP-R', limit: 10, beforeId: 25 };
  assert.deepEqual(await reader.run('transactionPage', q), inline.transactionPage(q));
  assert.deepEqual(await reader.run('messageLogPageJson', { text: 'hb-1', limit: 5 }), inline.messageLogPageJson({ text: 'hb-1', limit: 5 }));
  const chunk = await reader.run('transactionChunk', { chargePointId: 'CP-R', afterId: 20, limit: 100 });
  assert.deepEqual(
    chunk.rows.map((r) => r.id),
    Array.from({ length: 10 }, (_, i) => 21 + i),
  );
  assert.equal(chunk.resume, null, 'a short chunk is the last');
  assert.deepEqual(await reader.run('anomalyPage', { limit: 10 }), inline.anomalyPage({ limit: 10 }));
  assert.deepEqual(await reader.run('auditPage', { limit: 10 }), inline.auditPage({ limit: 10 }));
  const localLists = await reader.run('localLists', undefined);
  assert.ok(localLists instanceof Uint8Array, 'the lists come back as bytes');
  assert.deepEqual(localLists, inline.localLists());
  assert.equal(inline.anomalyPage({}).items.length, 1, 'the pages compared are not empty');
  assert.equal(inline.auditPage({ limit: 10 }).items.length, 1);
  assert.equal((JSON.parse(new TextDecoder().decode(inline.localLists())) as { items: unknown[] }).items.length, 1);
  assert.deepEqual(reader.stats, { worker: 6, inline: 0 });
  assert.deepEqual(warnings, []);
});

test('message-log pages and export chunks come back as bytes, shaped as the API shows them', async () => {
  const { repos, reader } = setUp();
  addMessages(repos, 25);
  // A lenient station's CALL that broke its schema (no errorCode): its violations are derived when it is read.
  const broken = [2, 'sn-1', 'StatusNotification', { connectorId: 1, status: 'Available' }];
  repos.messageLog.insert({
    at: new Date(Date.UTC(2026, 0, 1, 0, 1)),
    chargePointId: 'CP-R',
    action: 'StatusNotification',
    outbound: false,
    first: { messageType: 2, errorCode: 'lenient:OccurenceConstraintViolation', frame: JSON.stringify(broken) },
    answer: { messageType: 3, errorCode: null, frame: JSON.stringify([3, 'sn-1', {}]), at: new Date() },
  });
  const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

  const newest = await reader.run('messageLogPageJson', { limit: 10 });
  assert.ok(newest instanceof Uint8Array);
  const rows = repos.messageLog.page({ limit: 10 });
  assert.deepEqual(decode(newest), { items: rows.items.map(messageLogEntryDto), nextBeforeId: rows.resume });
  assert.equal(typeof rows.resume, 'number', 'a full page says where the next starts');
  const entries = (decode(newest) as { items: Array<{ messageId: string; messageType: number; violations?: unknown[] }> }).items;
  const marked = entries.find((e) => e.messageId === 'sn-1' && e.messageType === 2);
  assert.ok(marked?.violations && marked.violations.length > 0, 'the marked CALL carries its violations');

  const following = decode(await reader.run('messageLogPageJson', { afterId: 40, limit: 5 })) as {
    items: Array<{ id: number }>;
    nextBeforeId: unknown;
  };
  assert.deepEqual(
    following.items.map((e) => e.id),
    [41, 42, 43, 44, 45],
  );
  assert.equal(following.nextBeforeId, null, 'an oldest-first page has no older page');

  const lines: string[] = [];
  let afterId: number | null = 0;
  let chunks = 0;
  while (afterId !== null) {
    const chunk: ExportChunk = await reader.run('messageLogExportChunk', { afterId, limit: 20 });
    assert.ok(chunk.bytes instanceof Uint8Array);
    const text = new TextDecoder().decode(chunk.bytes);
    assert.ok(text === '' || text.endsWith('\n'), 'every line is ended');
    lines.push(...text.split('\n').filter(Boolean));
    afterId = chunk.resume;
    chunks++;
  }
  const all = repos.messageLog.page({ afterId: 0, limit: 1000 }).items;
  assert.equal(all.length, 52, 'two frames per exchange');
  assert.deepEqual(
    lines.map((line) => JSON.parse(line) as unknown),
    all.map(messageLogEntryDto),
  );
  assert.equal(chunks, 3, 'chunks of 20 rows');
});

test('the id-tag CSV and the audit export are written by the worker, as the main connection would', async () => {
  const { repos, reader, inline } = setUp();
  const now = '2026-01-01T00:00:00.000Z';
  repos.idTags.upsert({ idTag: 'FLEET', status: 'Accepted', description: 'shared, "fleet"\ncard', allowConcurrentTx: true }, now);
  repos.idTags.upsert({ idTag: 'SINGLE', status: 'Blocked', parentIdTag: 'FLEET', allowConcurrentTx: false }, now);
  repos.idTags.upsert({ idTag: 'PLAIN', status: 'Accepted', expiryDate: '2031-05-01T12:00:00.000Z' }, now);
  const csv = new TextDecoder().decode(await reader.run('idTagsCsv', undefined));
  assert.equal(
    csv,
    'idTag,status,expiryDate,parentIdTag,description,allowConcurrentTx\r\n' +
      'FLEET,Accepted,,,"shared, ""fleet""\ncard",true\r\n' +
      'PLAIN,Accepted,2031-05-01T12:00:00.000Z,,,\r\n' +
      'SINGLE,Blocked,,FLEET,,false\r\n',
  );
  assert.deepEqual(await reader.run('idTagsCsv', undefined), inline.idTagsCsv());

  for (let i = 0; i < 5; i++)
    repos.auditLog.insert({
      at: now,
      client: 'script',
      client_name: null,
      remote_address: null,
      method: 'POST',
      path: '/api/id-tags',
      action: 'id tag create',
      charge_point_id: null,
      request: `{"n":${i}}`,
      status: 201,
      response: null,
      duration_ms: 1,
    });
  const first = await reader.run('auditExportChunk', { limit: 2 });
  const lines = new TextDecoder().decode(first.bytes).split('\n');
  assert.deepEqual(
    lines.slice(0, -1).map((line) => (JSON.parse(line) as { id: number }).id),
    [5, 4],
  );
  assert.equal(lines.at(-1), '', 'every line is ended');
  assert.equal(first.resume, 4, 'the next chunk starts below the last entry');
  const last = await reader.run('auditExportChunk', { limit: 2, before: 2 });
  assert.equal(last.resume, null, 'a short chunk is the last');
  assert.deepEqual(
    new TextDecoder()
      .decode(last.bytes)
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id: number }).id),
    [1],
  );
});

test('the worker reads on a connection of its own: what is not committed yet, it does not see', async () => {
  const { db, repos, reader, inline } = setUp();
  addTransactions(repos, 'CP-C', 2);
  assert.equal((await reader.run('transactionPage', { chargePointId: 'CP-C' })).rows.length, 2);
  db.exec('BEGIN');
  addTransactions(repos, 'CP-C', 3);
  assert.equal(inline.transactionPage({ chargePointId: 'CP-C' }).rows.length, 5, 'the main connection sees its open transaction');
  assert.equal((await reader.run('transactionPage', { chargePointId: 'CP-C' })).rows.length, 2, 'the worker only sees what is committed');
  db.exec('COMMIT');
  assert.equal((await reader.run('transactionPage', { chargePointId: 'CP-C' })).count.total, 5);
  assert.equal(reader.stats.inline, 0);
});

test('with the batch hook, a read asked for after a write in the open batch sees that write', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'csms-reader-')), 'csms.sqlite');
  const db = openDatabase({ file, syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  const groupCommit = new GroupCommit(db);
  const reader = new DatabaseReader(file, createReadQueries(db), quietLogger().logger, () => groupCommit.whenCommitted());
  opened.push({ db, reader });
  assert.equal((await reader.run('transactionPage', { chargePointId: 'CP-W' })).rows.length, 0); // the worker is up
  // Work promised to the batch holds its COMMIT back a few ms (the pack worker's rows), as under load.
  let release: (work: () => void) => void = () => {};
  const promised = groupCommit.runWhenReady(new Promise<() => void>((resolve) => (release = resolve)));
  const written = groupCommit.run(() => addTransactions(repos, 'CP-W', 1));
  const page = await reader.run('transactionPage', { chargePointId: 'CP-W' });
  assert.equal(page.rows.length, 1, 'the write made before the read was asked');
  await written;
  release(() => {});
  await promised;
  assert.equal(reader.stats.inline, 0);
});

test('a read that fails in the worker rejects with its error, and the worker goes on serving', async () => {
  const { db, repos, reader } = setUp();
  addMessages(repos, 3);
  const entries = async () => (JSON.parse(new TextDecoder().decode(await reader.run('messageLogPageJson', {}))) as { items: unknown[] }).items;
  assert.equal((await entries()).length, 6, 'a CALL and its answer are two rows');
  db.exec('ALTER TABLE anomalies RENAME TO anomalies_elsewhere');
  addTransactions(repos, 'CP-E', 1);
  await assert.rejects(reader.run('transactionPage', {}), /anomalies/);
  assert.equal((await entries()).length, 6);
});

test('without a file (a database in memory) the reads run on the main connection', async () => {
  const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
  const repos = createRepositories(db);
  addTransactions(repos, 'CP-M', 4);
  const { logger, warnings } = quietLogger();
  const reader = new DatabaseReader(':memory:', createReadQueries(db), logger);
  opened.push({ db, reader });
  assert.equal((await reader.run('transactionPage', {})).rows.length, 4);
  assert.deepEqual(reader.stats, { worker: 0, inline: 1 });
  assert.deepEqual(warnings, [], 'nothing to warn about: there is no file for a worker');
});

test('a worker that cannot open the file is reported once, and the reads fall back to the main connection', async () => {
  const { repos, db } = setUp();
  addTransactions(repos, 'CP-F', 3);
  const { logger, warnings } = quietLogger();
  const missing = join(mkdtempSync(join(tmpdir(), 'csms-reader-')), 'not-there.sqlite');
  const reader = new DatabaseReader(missing, createReadQueries(db), logger);
  opened.push({ db: openDatabase({ file: ':memory:', syncMode: 'NORMAL' }), reader });
  const [first, second] = await Promise.all([reader.run('transactionPage', {}), reader.run('transactionPage', { limit: 1 })]);
  assert.equal(first.rows.length, 3);
  assert.equal(second.rows.length, 1);
  assert.equal((await reader.run('transactionPage', {})).count.total, 3);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /reader worker could not start/);
  assert.deepEqual(reader.stats, { worker: 0, inline: 3 });
});

test('after close, reads still answer, on the main connection', async () => {
  const { repos, reader } = setUp();
  addTransactions(repos, 'CP-X', 2);
  assert.equal((await reader.run('transactionPage', {})).rows.length, 2);
  await reader.close();
  assert.equal((await reader.run('transactionPage', {})).rows.length, 2);
  assert.deepEqual(reader.stats, { worker: 1, inline: 1 });
});
