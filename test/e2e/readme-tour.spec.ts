import { readFileSync } from 'node:fs';
import { SimulatedChargePoint } from '../../main/simulator/index.js';
import { expect, test } from './support/fixtures.js';

/** README.md's "A two-minute tour", whitespace folded: each step below checks the words it follows are there. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const TOUR = /\*\*A two-minute tour\*\*([\s\S]*?)\n\n!\[/.exec(README)?.[1]?.replace(/\s+/g, ' ') ?? '';

function says(phrase: string): void {
  expect(TOUR, `the README tour says ${phrase}`).toContain(phrase);
}

// The server as `npm run serve` starts it: default settings (registration policy `pending`), an empty database.
test.use({ serverArgs: [] });

test('the README tour, step by step, on an empty database', async ({ page, server }) => {
  // Simulated stations send meter values every 10 s by default: watching energy rise takes a few of them.
  test.setTimeout(180_000);
  const views = page.getByRole('navigation', { name: 'Views' });
  const cps: SimulatedChargePoint[] = [];
  try {
    // 1. `npm run serve` and open the console.
    says('1. `npm start` (or `npm run serve`) and open the console.');
    expect((await server.api.listIdTags()).total).toBe(0);
    expect((await server.api.listChargePoints()).items).toEqual([]);
    await page.goto(server.consoleUrl);
    await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');

    // 2. Connect a charger to the URL the Connection doctor lists for this PC.
    says(
      '**Connect a charger**: point it at `ws://<this-pc>:8180/ocpp/<chargePointId>` (the **Connection doctor** lists the exact URLs of this PC, with copy buttons',
    );
    await views.getByRole('link', { name: 'Connection doctor', exact: true }).click();
    await page.getByLabel('Charge point id').fill('CP-TOUR');
    const url = (await page
      .getByRole('list', { name: 'OCPP URLs (ws)' })
      .getByText(/^ws:\/\/127\.0\.0\.1:\d+\/ocpp\/CP-TOUR$/)
      .textContent())!;
    await expect(page.getByRole('button', { name: `Copy ${url}` })).toBeVisible();
    const charger = new SimulatedChargePoint({ url: url.slice(0, -'/CP-TOUR'.length), identity: 'CP-TOUR' });
    cps.push(charger);
    await charger.connect();
    expect((await charger.boot()).status).toBe('Pending');

    //    No charger at hand? Simulated stations → Start stations.
    says('No charger at hand? **Simulated stations** → *Start stations*: real simulated charge points connect over real sockets.');
    await views.getByRole('link', { name: 'Simulated stations', exact: true }).click();
    await page.getByRole('button', { name: 'Start stations' }).click();
    await expect(page.getByRole('article', { name: 'SIM-1' }).getByText('Online')).toBeVisible();

    // 3. The stations appear on the Overview as live tiles; the pending one is accepted in one click from the alert.
    says(
      '3. The station appears on the **Overview** as a live tile; if the registration policy is `pending`, accept it in one click from the alert.',
    );
    await views.getByRole('link', { name: /^Overview/ }).click();
    await expect(page.getByRole('article', { name: 'Station SIM-1' })).toContainText('Online');
    await expect(page.getByRole('article', { name: 'Station CP-TOUR' })).toBeVisible();
    const accepted = new Promise<string>((resolve) => charger.on('boot', (conf) => conf.status === 'Accepted' && resolve(conf.status)));
    // One click: the console accepts it and asks it to boot again (TriggerMessage BootNotification).
    await page.getByRole('list', { name: 'Alerts' }).getByRole('button', { name: 'Accept CP-TOUR' }).click();
    expect(await accepted).toBe('Accepted');
    await expect(page.getByRole('list', { name: 'Alerts' }).getByRole('listitem', { name: 'Pending CP-TOUR' })).toHaveCount(0);

    // 4. Start a session: the empty database has no id tag; Simulated stations offers a test tag.
    says(
      '4. Start a session. It needs an id tag the central system accepts, and an empty database has none: **Simulated stations** offers *Create test tag* (or add your own in **Id tags** → *New id tag*).',
    );
    await views.getByRole('link', { name: 'Simulated stations', exact: true }).click();
    await page.getByRole('button', { name: 'Create test tag' }).click();
    await expect(page.getByRole('button', { name: 'Create test tag' })).toHaveCount(0);
    const [testTag] = (await server.api.listIdTags()).items;
    expect(testTag).toMatchObject({ status: 'Accepted' });

    says('Then on a simulated station *Plug in* + *Start* (the test tag is filled in)');
    const sim = page.getByRole('article', { name: 'SIM-1' });
    await expect(sim.getByLabel('Id tag for SIM-1')).toHaveValue(testTag!.idTag);
    await sim.getByRole('button', { name: 'Plug in SIM-1 connector 1' }).click();
    await expect(sim.getByRole('row', { name: 'SIM-1 connector 1' })).toContainText('Preparing');
    await sim.getByRole('button', { name: 'Start session on SIM-1 connector 1' }).click();
    await expect(sim.getByRole('status', { name: 'Answer for SIM-1' })).toContainText(/Done: Transaction \d+ started on connector 1/);

    says(
      'or on any station **Stations** → the station → **Operations** → *Remote start*: the id tag, then *Start*. The answer of the station shows under the button.',
    );
    await views.getByRole('link', { name: 'Stations', exact: true }).click();
    await page.getByRole('table', { name: 'Stations' }).getByRole('link', { name: 'CP-TOUR' }).click();
    await page.getByRole('tablist', { name: 'Station sections' }).getByRole('tab', { name: 'Operations' }).click();
    const remoteStart = page.getByRole('region', { name: 'Remote start' });
    await remoteStart.getByLabel('Id tag').fill(testTag!.idTag);
    await remoteStart.getByRole('button', { name: 'Start' }).click();
    await expect(remoteStart.getByRole('status', { name: 'Answer' })).toContainText('Accepted');

    // 5. Watch it: Transactions, the transaction's page with its charts and Stop, the Message log.
    says(
      "5. Watch it: **Transactions** shows energy, power and duration rising; the transaction's page charts energy, power, current and SoC from the meter values, and has *Stop*. Every frame is in the **Message log**",
    );
    await views.getByRole('link', { name: 'Transactions', exact: true }).click();
    const simTx = (await server.api.listTransactions({ chargePointId: 'SIM-1', active: true })).items[0]!;
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Transaction ${simTx.id}` }) });
    await expect(row).toContainText('Active');
    const energy = row.getByTestId('energy');
    const kWh = async () => Number.parseFloat((await energy.textContent()) ?? '') || 0;
    await expect.poll(kWh, { timeout: 40_000 }).toBeGreaterThan(0);
    const first = await kWh();
    await expect.poll(kWh, { timeout: 40_000 }).toBeGreaterThan(first);

    await page.getByRole('link', { name: `Transaction ${simTx.id}` }).click();
    await expect(page.getByRole('region', { name: 'Energy chart' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Power chart' })).toBeVisible();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Answer' })).toContainText('Accepted');
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Finished');

    await views.getByRole('link', { name: 'Message log', exact: true }).click();
    const messages = page.getByRole('table', { name: 'Messages' });
    await expect(messages.getByRole('row').filter({ hasText: 'MeterValues' }).first()).toBeVisible();
    // Searchable: the remote start sent to CP-TOUR, found by the text of its frame.
    await page.getByLabel('Search frames').fill(testTag!.idTag);
    await expect(messages.getByRole('row').filter({ hasText: 'RemoteStartTransaction' }).filter({ hasText: 'CP-TOUR' }).first()).toBeVisible();
  } finally {
    await Promise.all(cps.map((cp) => cp.close().catch(() => {})));
  }
});
