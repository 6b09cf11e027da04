import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { CommissioningRunDto } from '../../shared/api/types.js';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/**
 * The station's Commissioning tab against the headless server and a simulated station on real sockets (docs/api.md
 * "Commissioning"): a run started from the tab is watched to its end with the checks' real results and evidence, a
 * second run says what changed, the report opens and downloads, templates are saved, edited and deleted; the
 * printable report page itself renders in Chromium under its own policy.
 */

const checkCard = (page: Page, title: string) => page.getByRole('list', { name: 'Checks' }).getByRole('listitem', { name: title, exact: true });

test.describe('commissioning', () => {
  test.setTimeout(120_000);

  test('a run started from the tab ends with real results and evidence; the next run says what changed; the report opens', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const cp = await stations.booted('CP-COM-1', { vendor: 'Acme Energy', model: 'Wall-11', serialNumber: 'SN-COM-1', firmwareVersion: '2.0.1' });
    // The first run finds the connectors silent: the station refuses TriggerMessage (OCPP 1.6 §5.17).
    cp.answer('TriggerMessage', { status: 'Rejected' });
    await page.evaluate(() => (location.hash = '#/stations/CP-COM-1/commissioning'));
    await expect(page.getByRole('tab', { name: 'Commissioning' })).toHaveAttribute('aria-selected', 'true');

    const form = page.getByRole('form', { name: 'Start a commissioning run' });
    await form.getByLabel('Template').selectOption('quick');
    await expect(form).toContainText(
      'Checks: Connection, BootNotification, Heartbeat interval, Status of every connector, Clock, Configuration and baseline, Local authorization list.',
    );
    await form.getByLabel('Run by').fill('Ada (field tech)');
    await form.getByRole('button', { name: 'Start run' }).click();

    const run = page.getByRole('region', { name: 'Run #1' });
    await expect(run.getByLabel('Run status')).toHaveText('Failed', { timeout: 45_000 });
    await expect(checkCard(page, 'BootNotification')).toContainText('Passed');
    await expect(checkCard(page, 'BootNotification')).toContainText('Acme Energy Wall-11, serial SN-COM-1, firmware 2.0.1.');
    await expect(checkCard(page, 'BootNotification').getByRole('definition').first()).toHaveText('Acme Energy');
    const status = checkCard(page, 'Status of every connector');
    await expect(status).toContainText('Failed');
    await expect(status).toContainText('answered Rejected');
    // The evidence: the call and the station's answer, folded until asked for.
    await status.getByText(/Evidence: 1 call/).click();
    await expect(status.getByLabel('TriggerMessage request')).toContainText('"requestedMessage": "StatusNotification"');
    await expect(status.getByLabel('TriggerMessage answer')).toContainText('"status": "Rejected"');
    await expect(run.getByLabel('Run facts')).toContainText('Template quick');
    await expect(run.getByLabel('Run facts')).toContainText('Ada (field tech)');
    const stored = await server.api.getCommissioningRun('CP-COM-1', 1);
    expect(stored.status).toBe('failed');
    expect(stored.operator).toBe('Ada (field tech)');

    // The station is fixed: the second run passes, and the changed check says so.
    cp.answer('TriggerMessage', undefined);
    await form.getByRole('button', { name: 'Start run' }).click();
    const second = page.getByRole('region', { name: 'Run #2' });
    await expect(second.getByLabel('Run status')).toHaveText('Passed', { timeout: 45_000 });
    await expect(checkCard(page, 'Status of every connector')).toContainText('Changed since run #1: was Failed, now Passed.');
    await expect(checkCard(page, 'BootNotification')).not.toContainText('Changed since');
    await expect(second.getByLabel('Run summary')).toContainText('Compared with run #1: 1 check changed.');

    // History: newest first; an earlier run can be shown again.
    const history = page.getByRole('table', { name: 'Commissioning runs' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('row').nth(1)).toHaveAccessibleName('Run 2');
    await expect(history.getByRole('row', { name: 'Run 1' })).toContainText('Failed');
    await history.getByRole('button', { name: 'Show run 1' }).click();
    await expect(page.getByRole('region', { name: 'Run #1' }).getByLabel('Run status')).toHaveText('Failed');

    // The report: the server's printable page, shown in the console.
    const shown = page.getByRole('region', { name: 'Run #1' });
    await shown.getByRole('button', { name: 'Open report' }).click();
    const report = shown.getByRole('article', { name: 'Commissioning report CP-COM-1 #1' });
    await expect(report.getByRole('heading', { name: 'Commissioning report: CP-COM-1' })).toBeVisible();
    await expect(report).toContainText('Acme Energy Wall-11');
    await expect(report).toContainText('Ada (field tech)');
    await expect(report).toContainText('TriggerMessage');
    await keepScreenshot(page, 'commissioning');

    // The JSON file is the run as the API gives it.
    const downloading = page.waitForEvent('download');
    await shown.getByRole('button', { name: 'Download JSON' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('commissioning-CP-COM-1-1.json');
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as CommissioningRunDto;
    expect(saved).toEqual(await server.api.getCommissioningRun('CP-COM-1', 1));

    // In a browser, Save as PDF prints the report shown (the print dialog saves PDF); count the print requests.
    await page.evaluate(() => {
      const w = window as unknown as { printed: boolean[] };
      w.printed = [];
      // What is printed: only the report (the print stylesheet hides the rest while the body has this class).
      window.print = () => w.printed.push(document.body.classList.contains('printing-commissioning-report'));
    });
    await shown.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: boolean[] }).printed)).toEqual([true]);

    // A station that is not connected cannot be commissioned: the form says why.
    await cp.close();
    await expect(form.getByRole('button', { name: 'Start run' })).toBeDisabled();
    await expect(form).toContainText('The station is not connected');
  });

  test('a check that needs the technician stands out with its instruction; Run again repeats it and the checks after it', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const cp = await stations.booted('CP-COM-3', { autoMeterValues: false });
    await server.api.putCommissioningTemplate('session', { checks: ['connection', 'remote-start', 'meter-values', 'remote-stop'] });
    // The station accepts the remote start but no vehicle is plugged in: no transaction starts (30 s wait).
    cp.answerOnce('RemoteStartTransaction', { status: 'Accepted' });
    await page.evaluate(() => (location.hash = '#/stations/CP-COM-3/commissioning'));
    const form = page.getByRole('form', { name: 'Start a commissioning run' });
    await form.getByLabel('Template').selectOption('session');
    await form.getByRole('button', { name: 'Start run' }).click();
    // While it runs, a second run is refused with the reason.
    await expect(form.getByRole('button', { name: 'Start run' })).toBeDisabled();
    await expect(form).toContainText('Run #1 is still running: one run at a time.');

    const first = page.getByRole('region', { name: 'Run #1' });
    await expect(first.getByLabel('Run status')).toHaveText('Failed', { timeout: 60_000 });
    const start = checkCard(page, 'Remote start');
    await expect(start).toContainText('Needs the technician');
    await expect(start.getByRole('note', { name: 'Instruction' })).toHaveText(
      'Accepted, but no transaction started within 30 s: plug in a vehicle on connector 1 and run again.',
    );
    await expect(checkCard(page, 'Meter values')).toContainText('Skipped');
    await expect(start).toContainText('A new run of Remote start, Meter values, Remote stop, same connector and test tag.');

    // The vehicle is there now: Run again starts run #2 of the check and the ones that could not run.
    await start.getByRole('button', { name: 'Run again: Remote start' }).click();
    const second = page.getByRole('region', { name: 'Run #2' });
    await expect(second.getByLabel('Run status')).toHaveText('Passed', { timeout: 45_000 });
    await expect(checkCard(page, 'Remote start')).toContainText(/Transaction \d+ started on connector 1 for COMMISSION-TEST/);
    await expect(checkCard(page, 'Remote start')).toContainText('Changed since run #1: was Needs the technician, now Passed.');
    await expect(checkCard(page, 'Remote stop')).toContainText('Passed');
    const run = await server.api.getCommissioningRun('CP-COM-3', 2);
    expect(run.checks.map((c) => c.id)).toEqual(['remote-start', 'meter-values', 'remote-stop']);
    expect(run.template).toBeNull();
  });

  test('templates: saved from a copy of a built-in one, edited, refused with the reason, deleted', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    await stations.booted('CP-COM-2');
    await page.evaluate(() => (location.hash = '#/stations/CP-COM-2/commissioning'));
    const templates = page.getByRole('table', { name: 'Commissioning templates' });
    await expect(templates.getByRole('row', { name: 'Template quick' })).toContainText('quick (built in)');
    // Built-in templates can be copied, not edited or deleted.
    await expect(templates.getByRole('button', { name: 'Edit quick' })).toHaveCount(0);
    await expect(templates.getByRole('button', { name: 'Delete quick' })).toHaveCount(0);
    await templates.getByRole('button', { name: 'Copy quick' }).click();

    const editor = page.getByRole('form', { name: 'New template' });
    await expect(editor.getByLabel('Name')).toHaveValue('quick-copy');
    await editor.getByLabel('Name').fill('depot-ac');
    await editor.getByLabel('Description').fill('Depot AC posts, no local list');
    await editor.getByRole('checkbox', { name: /^Local authorization list/ }).uncheck();
    await editor.getByRole('checkbox', { name: /^Unlock connector/ }).check();
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect(editor).toHaveCount(0);
    const saved = templates.getByRole('row', { name: 'Template depot-ac' });
    await expect(saved).toContainText(
      'Connection, BootNotification, Heartbeat interval, Status of every connector, Clock, Configuration and baseline, Unlock connector',
    );
    const onServer = (await server.api.listCommissioningTemplates()).items.find((t) => t.name === 'depot-ac');
    expect(onServer).toEqual({
      name: 'depot-ac',
      description: 'Depot AC posts, no local list',
      checks: ['connection', 'boot', 'heartbeat', 'connector-status', 'clock', 'configuration', 'unlock'],
      builtIn: false,
    });

    // The start form offers it, with its checks.
    const form = page.getByRole('form', { name: 'Start a commissioning run' });
    await form.getByLabel('Template').selectOption('depot-ac');
    await expect(form).toContainText('Depot AC posts, no local list. Checks: Connection');

    // Edit: a description too long for the server is refused at its field, and what was typed stays.
    await saved.getByRole('button', { name: 'Edit depot-ac' }).click();
    const edit = page.getByRole('form', { name: 'Edit template depot-ac' });
    const tooLong = 'x'.repeat(201);
    await edit.getByLabel('Description').fill(tooLong);
    await edit.getByRole('button', { name: 'Save template' }).click();
    await expect(edit.locator('.field-error')).toContainText(/200/);
    await expect(edit.getByLabel('Description')).toHaveValue(tooLong);
    await edit.getByLabel('Description').fill('Depot AC posts');
    await edit.getByRole('checkbox', { name: /^Unlock connector/ }).uncheck();
    await edit.getByRole('button', { name: 'Save template' }).click();
    await expect(edit).toHaveCount(0);
    await expect(saved).toContainText('Depot AC posts');
    await expect(saved).not.toContainText('Unlock connector');
    expect((await server.api.listCommissioningTemplates()).items.find((t) => t.name === 'depot-ac')?.checks).not.toContain('unlock');

    // A built-in name is refused next to the name.
    await page.getByRole('button', { name: 'New template' }).click();
    const fresh = page.getByRole('form', { name: 'New template' });
    await fresh.getByLabel('Name').fill('full');
    await fresh.getByRole('checkbox', { name: /^Clock/ }).check();
    await fresh.getByRole('button', { name: 'Save template' }).click();
    await expect(fresh.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(fresh).toContainText('full is a built-in template');
    await fresh.getByRole('button', { name: 'Cancel' }).click();

    // Delete takes two clicks.
    await saved.getByRole('button', { name: 'Delete depot-ac' }).click();
    await saved.getByRole('button', { name: 'Confirm delete depot-ac' }).click();
    await expect(templates.getByRole('row', { name: 'Template depot-ac' })).toHaveCount(0);
    expect((await server.api.listCommissioningTemplates()).items.map((t) => t.name)).toEqual(['full', 'ac-wallbox', 'quick']);
  });
  test('the printable report page renders in Chromium with its own styles, the evidence, and nothing refused by its policy', async ({
    page,
    server,
    stations,
  }) => {
    const cp = await stations.booted('CP-COM-R', { vendor: 'Acme <Energy>', model: 'Wall-22', serialNumber: 'SN-R', firmwareVersion: '3.1' });
    cp.answer('TriggerMessage', { status: 'Rejected' });
    const started = await server.api.startCommissioningRun('CP-COM-R', { template: 'quick', operator: 'Ada' });
    await expect.poll(async () => (await server.api.getCommissioningRun('CP-COM-R', started.id)).status, { timeout: 60_000 }).not.toBe('running');

    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // The API takes its token in a header only (docs/api.md "Authentication"), as a QA script would send it.
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${server.token}` });
    const response = await page.goto(`${server.apiUrl}/api/charge-points/CP-COM-R/commissioning-runs/${started.id}/report.html`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");

    await expect(page).toHaveTitle(`Commissioning report CP-COM-R #${started.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commissioning report: CP-COM-R');
    // What the station sent is shown as text, never as markup.
    await expect(page.getByRole('definition').first()).toHaveText('Acme <Energy> Wall-22');
    await expect(page.locator('dt:text-is("Run by") + dd')).toHaveText('Ada');
    const statusCheck = page.locator('section.check', { has: page.getByRole('heading', { name: 'Status of every connector' }) });
    await expect(statusCheck).toHaveClass(/failed/);
    // The page's own stylesheet applies under its policy: a failed check has its red left border.
    expect(await statusCheck.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(180, 35, 24)');
    expect(await statusCheck.evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('6px');
    // Its evidence: the TriggerMessage and the station's refusal.
    await statusCheck.locator('summary').first().click();
    await expect(statusCheck).toContainText('"requestedMessage": "StatusNotification"');
    await expect(statusCheck).toContainText('"status": "Rejected"');
    await expect(page.getByRole('table')).toContainText('HeartbeatInterval');
    expect(problems).toEqual([]);
  });
});
