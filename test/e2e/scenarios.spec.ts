import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from './support/axe.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/**
 * Scenarios and replays run from the console (docs/scenarios.md), against the headless server over real sockets:
 * a scenario file loaded and passed, then edited to expect a wrong answer and failed with expected against actual;
 * a message-log export with a planted difference replayed and the difference flagged.
 */

const dir = mkdtempSync(join(tmpdir(), 'scenarios-e2e-'));

const scenario = {
  name: 'boot and authorize',
  stations: [{ identity: 'SCN-E2E-1' }],
  steps: [{ do: 'boot' }, { do: 'call', action: 'Authorize', payload: { idTag: 'TAG-SCN' }, label: 'authorize' }],
  expectations: [
    { expect: 'answer', action: 'BootNotification', fields: { status: 'Accepted' } },
    { expect: 'answer', action: 'Authorize', fields: { 'idTagInfo.status': 'Accepted' } },
  ],
};

test('a scenario file with expectations passes; edited to expect a wrong answer, it fails showing expected and actual', async ({
  consolePage: page,
  server,
}) => {
  await server.api.putIdTag('TAG-SCN', { status: 'Accepted' });
  const file = join(dir, 'boot-and-authorize.json');
  writeFileSync(file, JSON.stringify(scenario, null, 2));

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Scenarios & replay' }).click();
  await expect(page.getByRole('heading', { name: 'Scenarios & replay', level: 1 })).toBeVisible();
  const text = page.getByLabel('Scenario JSON');

  // Text that is not JSON is explained where it was typed, with its place, and left as it is.
  await text.fill('{ "name": "broken", }');
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toContainText(/line 1, column|line 1 column/);
  await expect(text).toHaveValue('{ "name": "broken", }');

  await page.getByLabel('Scenario file').setInputFiles(file);
  await expect(page.getByText('Loaded boot-and-authorize.json: it replaced the text that was here.')).toBeVisible();
  await expect(text).toHaveValue(JSON.stringify(scenario, null, 2));
  await page.getByRole('button', { name: 'Run scenario' }).click();

  const result = page.getByRole('status', { name: 'Scenario result' });
  await expect(result).toContainText('Passed', { timeout: 20_000 });
  await expect(result).toContainText('2 of 2 steps, 2 of 2 expectations passed');
  const steps = page.getByRole('table', { name: 'Scenario steps' });
  await expect(steps.getByRole('row')).toHaveCount(3);
  await expect(steps.getByRole('row').filter({ hasText: 'authorize' })).toContainText('ok');
  const expectations = page.getByRole('table', { name: 'Scenario expectations' });
  await expect(expectations.getByRole('row', { name: 'Expectation 1' })).toContainText('passed');

  // The same file with a wrong expected answer: it fails, and says what was expected and what came.
  await text.fill(JSON.stringify(scenario, null, 2).replace('"idTagInfo.status": "Accepted"', '"idTagInfo.status": "Blocked"'));
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(result).toContainText('Failed', { timeout: 20_000 });
  await expect(result).toContainText('1 of 2 expectations passed');
  const wrong = expectations.getByRole('row', { name: 'Expectation 1' });
  await expect(wrong).toContainText('failed');
  const checks = wrong.getByRole('table', { name: 'Expected and actual' });
  await expect(checks.getByRole('row').nth(1)).toHaveText(/idTagInfo\.status\s*"Blocked"\s*"Accepted"\s*differs/);
  await expect(expectations.getByRole('row', { name: 'Expectation 0' })).toContainText('passed');
  await keepScreenshot(page, 'scenario-failed');
  expect(await axeViolations(page)).toEqual([]);

  // A scenario the server refuses names the path of each bad field next to the text.
  await text.fill(JSON.stringify({ ...scenario, steps: [{ do: 'status', connectorId: 1, status: 'Sleeping' }] }));
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await expect(page.getByRole('list', { name: 'Scenario problems' })).toContainText('steps[0].status: must be one of Available');

  // Both runs are listed, and lead back to their reports.
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('row')).toHaveCount(3);
  await runs.getByRole('row').nth(2).getByRole('link', { name: 'Scenario “boot and authorize”' }).click();
  await expect(result).toContainText('Passed');
});

test('a running scenario shows its steps as they end, then its verdict', async ({ consolePage: page }) => {
  const slow = {
    name: 'slow',
    stations: [{ identity: 'SCN-E2E-SLOW' }],
    steps: [{ do: 'boot' }, { do: 'wait', seconds: 3 }, { do: 'meterValues', connectorId: 1 }],
  };
  await page.evaluate(() => (location.hash = '#/scenarios'));
  await page.getByLabel('Scenario JSON').fill(JSON.stringify(slow));
  await page.getByRole('button', { name: 'Run scenario' }).click();
  const result = page.getByRole('status', { name: 'Scenario result' });
  await expect(result).toContainText('Running');
  const steps = page.getByRole('table', { name: 'Scenario steps' });
  // The boot has ended while the wait runs: shown before the run ends.
  await expect(steps.getByRole('row').filter({ hasText: 'BootNotification Accepted' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Scenario progress' })).toHaveAttribute('aria-valuenow', '1');
  await expect(result).toContainText('Running');
  await expect(result).toContainText('Passed', { timeout: 20_000 });
  await expect(result).toContainText('3 of 3 steps');
  await expect(page.getByText('This scenario has no expectations')).toBeVisible();
});

test("a replayed export with a planted difference is flagged; the Message log replays a station's log as it is", async ({
  consolePage: page,
  server,
  stations,
}) => {
  await server.api.putIdTag('TAG-REPLAY', { status: 'Accepted' });
  const cp = await stations.booted('REC-E2E-1');
  await cp.authorize('TAG-REPLAY');
  await cp.close();
  const original = await server.api.exportMessageLogNdjson({ chargePointId: 'REC-E2E-1' });
  // The recorded Authorize.conf said Blocked: this central system answers Accepted, which the replay must flag.
  const lines = original.trimEnd().split('\n');
  const planted = lines.map((line) => (line.includes('idTagInfo') ? line.replace('Accepted', 'Blocked') : line));
  expect(planted.filter((line, i) => line !== lines[i])).toHaveLength(1);
  const file = join(dir, 'rec-e2e-1.ndjson');
  writeFileSync(file, planted.join('\n') + '\n');

  await page.evaluate(() => (location.hash = '#/scenarios'));
  await page.getByLabel('Export file (NDJSON)').setInputFiles(file);
  await expect(page.getByRole('status', { name: 'Export' })).toContainText(`rec-e2e-1.ndjson: ${lines.length} frames of REC-E2E-1`);
  await page.getByRole('radio', { name: /As fast as possible/ }).check();
  // Another identity: the replay's own traffic stays out of REC-E2E-1's log, which is replayed below.
  await page.getByLabel('Connect as identity').fill('REC-E2E-1-R');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();

  const result = page.getByRole('status', { name: 'Replay result' });
  await expect(result).toContainText('Different', { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Replay as REC-E2E-1-R' })).toBeVisible();
  // The boot and its status notifications are as recorded; only the Authorize differs.
  await expect(result.getByLabel('Replay counts')).toHaveText(/[1-9]\d* same · 1 different · 0 unanswered/);
  const frames = page.getByRole('table', { name: 'Replayed frames' });
  const authorize = frames.getByRole('row', { name: /^Frame \d+ Authorize$/ });
  await expect(authorize).toContainText('different');
  await expect(authorize.getByLabel('Recorded answer')).toContainText('"Blocked"');
  await expect(authorize.getByLabel('Answer on replay')).toContainText('"Accepted"');
  await expect(authorize.getByRole('list', { name: 'Differences' })).toContainText('idTagInfo.status: recorded "Blocked", now "Accepted"');
  await expect(frames.getByRole('row', { name: 'Frame 0 BootNotification' })).toContainText('same');
  await keepScreenshot(page, 'replay-different');
  expect(await axeViolations(page)).toEqual([]);

  // From the Message log: the station's whole log, unchanged, replays identically.
  await page.evaluate(() => (location.hash = '#/message-log?chargePointId=REC-E2E-1'));
  await page.getByRole('link', { name: "Replay this station's log" }).click();
  await expect(page.getByRole('status', { name: 'Export' })).toContainText('the message log of REC-E2E-1');
  await page.getByRole('radio', { name: /As fast as possible/ }).check();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(result).toContainText('Identical', { timeout: 20_000 });
  await expect(result.getByLabel('Replay counts')).toHaveText(/0 different · 0 unanswered/);
});
