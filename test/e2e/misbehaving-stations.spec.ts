import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** What the operator sees of a station that sends what it should not, or is asked for what it may not do yet. */

const SLOPPY_STATUS = '{"connectorId":"1","errorCode":"noError","status":"charging","timestamp":"2026-03-01T08:00:00"}';

test('the Connection doctor offers "switch this station to lenient" for a station refused for its format, and then its messages are stored', async ({
  consolePage: page,
  server,
  stations,
}) => {
  const cp = await stations.booted('SLOPPY-E2E');
  cp.sendRaw(`[2,"sloppy-1","StatusNotification",${SLOPPY_STATUS}]`);

  await page.goto(`${server.apiUrl}/#/doctor`);
  const refused = page.getByRole('table', { name: /Messages refused for their format/ });
  const row = refused.getByRole('row', { name: 'Format refusals of SLOPPY-E2E' });
  await expect(row).toContainText('StatusNotification');
  await expect(row).toContainText('TypeConstraintViolation');
  await expect(row).toContainText('connectorId');
  await keepScreenshot(page, 'doctor-format-refusals');

  await row.getByRole('button', { name: 'Switch SLOPPY-E2E to lenient' }).click();
  await expect(page.getByText("No station's messages were refused for their format.")).toBeVisible();
  expect((await server.api.getChargePoint('SLOPPY-E2E')).validationMode).toBe('lenient');

  // The same frame is now read for what it means.
  cp.sendRaw(`[2,"sloppy-2","StatusNotification",${SLOPPY_STATUS}]`);
  await expect.poll(async () => (await server.api.getChargePoint('SLOPPY-E2E')).connectors.find((c) => c.connectorId === 1)?.status).toBe('Charging');
});

test("the message log marks a station's schema-invalid answer as an error and lists its violations in the inspector", async ({
  consolePage: page,
  server,
  stations,
}) => {
  const cp = await stations.booted('BADANSWER-1');
  cp.answerOnce('ChangeConfiguration', { status: 'accepted' } as never);
  const answer = await server.api.call('BADANSWER-1', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' });
  expect(answer).toMatchObject({ result: { status: 'accepted' } });

  await page.getByRole('link', { name: 'Message log' }).click();
  await page.getByLabel('Errors only').check();
  const table = page.getByRole('table', { name: 'Messages' });
  const row = table.locator('tbody tr').filter({ hasText: 'ChangeConfiguration' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('invalid-result:PropertyConstraintViolation');
  await row.click();
  const inspector = page.getByRole('complementary', { name: 'Message inspector' });
  await expect(inspector).toContainText("The station's answer breaks the OCPP schema (PropertyConstraintViolation)");
  await expect(inspector.getByRole('list', { name: 'Schema violations' })).toContainText(
    '/status must be one of: Accepted, Rejected, RebootRequired, NotSupported',
  );
});

/** Opens the Operations tab of a station's page (the console is already open and live). */
async function openOperations(page: Page, chargePointId: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/stations/${encodeURIComponent(id)}/operations`), chargePointId);
  await expect(page.getByRole('heading', { name: 'Quick actions' })).toBeVisible();
}

test.describe('registration policy pending', () => {
  test.use({ serverArgs: ['--registration-policy', 'pending'] });

  test('a remote start to a Pending station is refused at once, with the reason, and never reaches it', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    await server.api.putIdTag('TAG-WAIT', { status: 'Accepted' });
    const cp = await stations.create('WAITING-E2E');
    await cp.connect();
    expect((await cp.boot()).status).toBe('Pending');

    await openOperations(page, 'WAITING-E2E');
    const start = page.getByRole('region', { name: 'Remote start' });
    await start.getByLabel('Id tag').fill('TAG-WAIT');
    await start.getByRole('button', { name: 'Start' }).click();
    const shown = start.getByRole('status', { name: 'Answer' });
    await expect(shown).toContainText('Refused by the central system:');
    await expect(shown).toContainText('WAITING-E2E is Pending');
    await expect(shown).toContainText('Accept the station first');
    const { items } = await server.api.listTransactions({ chargePointId: 'WAITING-E2E' });
    expect(items).toHaveLength(0);
    // Nothing went out: the message log has no RemoteStartTransaction for it.
    expect((await server.api.messageLog({ chargePointId: 'WAITING-E2E', action: 'RemoteStartTransaction' })).items).toHaveLength(0);
  });
});
