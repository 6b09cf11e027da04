/**
 * What site power sharing stores (migration 0015, storage/repositories/site-power.ts): the limits sent survive a
 * reopen, events page newest first, an open alert is listed until closed, and pruning keeps the newest events and
 * every open alert.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../main/csms/storage/database.js';
import { SitePowerRepository } from '../../main/csms/storage/repositories/site-power.js';

const event = (i: number, openKey?: string) => ({
  siteId: 'S',
  at: new Date(Date.UTC(2026, 11, 5, 12, 0, i)).toISOString(),
  kind: 'allocation' as const,
  severity: 'info' as const,
  chargePointId: null,
  connectorId: null,
  message: `event ${i}`,
  ...(openKey ? { openKey } : {}),
});

test('sent limits survive a reopen; events page by before; pruning keeps the newest and the open alerts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'site-power-'));
  try {
    const file = join(dir, 'csms.db');
    let db = openDatabase({ file, syncMode: 'NORMAL' });
    let repo = new SitePowerRepository(db);
    const sent = {
      transactionId: 7,
      chargePointId: 'CP-1',
      connectorId: 1,
      limitA: 9,
      previousLimitA: 16,
      acknowledged: false,
      seq: 2,
      sentAt: '2026-12-05T12:00:00.000Z',
      outcome: 'pending' as const,
      refused: false,
    };
    repo.saveSentLimit(sent);
    repo.saveDefaultProfile({ chargePointId: 'CP-1', limitA: 0, sentAt: sent.sentAt, outcome: 'accepted' });
    const alertId = repo.addEvent(event(0, 'refused:7'));
    for (let i = 1; i <= 10; i++) repo.addEvent(event(i));
    db.close();

    db = openDatabase({ file, syncMode: 'NORMAL' });
    repo = new SitePowerRepository(db);
    assert.deepEqual(repo.sentLimits(), [sent]);
    assert.deepEqual(repo.defaultProfiles(), [{ chargePointId: 'CP-1', limitA: 0, sentAt: sent.sentAt, outcome: 'accepted' }]);
    assert.deepEqual(repo.openAlertKeys(), [{ siteId: 'S', openKey: 'refused:7' }]);
    const page = repo.events('S', { limit: 3 });
    assert.deepEqual(
      page.map((e) => e.message),
      ['event 10', 'event 9', 'event 8'],
    );
    assert.deepEqual(
      repo.events('S', { limit: 2, before: page.at(-1)!.id }).map((e) => e.message),
      ['event 7', 'event 6'],
    );

    assert.equal(repo.pruneEvents('S', 4), 6);
    assert.deepEqual(
      repo.events('S', { limit: 100 }).map((e) => e.message),
      ['event 10', 'event 9', 'event 8', 'event 7', 'event 0'],
      'the open alert stays',
    );
    assert.equal(repo.closeAlert('S', 'refused:7'), true);
    assert.deepEqual(repo.openAlerts('S'), []);
    assert.equal(repo.pruneEvents('S', 4), 1);
    assert.equal(repo.eventCount('S'), 4);
    assert.equal(typeof alertId, 'number');
    repo.forgetSentLimit(7);
    assert.deepEqual(repo.sentLimits(), []);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
