import WebSocket from 'ws';
import { expect, keepScreenshot, test } from './support/fixtures.js';

/** Opens a raw WebSocket to the OCPP URL and resolves with the HTTP status of the refused upgrade. */
function refusedHandshake(url: string, protocols?: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error(`${url} was admitted`));
    });
    ws.once('error', () => {});
  });
}

test.describe('registration policy reject', () => {
  test.use({ serverArgs: ['--registration-policy', 'reject'] });

  test('refused handshakes show with their reason and fix; the URLs carry the port and can be copied', async ({
    consolePage: page,
    server,
    stations,
  }) => {
    const port = new URL(server.ocppBaseUrl.replace('ws:', 'http:')).port;
    // A known station that connects and leaves: its connection history shows the close code.
    await server.api.putChargePoint('CP-KNOWN', { registrationStatus: 'Accepted', description: 'bay 1' });
    const known = await stations.booted('CP-KNOWN');

    await page.goto(`${server.apiUrl}/#/doctor`);
    await expect(page.getByRole('heading', { name: 'Connection doctor', level: 1 })).toBeVisible();

    const wsUrls = page.getByRole('list', { name: 'OCPP URLs (ws)' });
    await expect(wsUrls).toContainText(`ws://127.0.0.1:${port}/ocpp/<chargePointId>`);
    await expect(page.getByRole('button', { name: `Copy ws://127.0.0.1:${port}/ocpp/<chargePointId>` })).toBeVisible();
    await page.getByLabel('Charge point id').fill('CP-9');
    await expect(wsUrls).toContainText(`ws://127.0.0.1:${port}/ocpp/CP-9`);
    await expect(page.getByRole('button', { name: `Copy ws://127.0.0.1:${port}/ocpp/CP-9` })).toBeVisible();
    await expect(page.getByText('Registration policy:')).toContainText('reject');

    expect(await refusedHandshake(`${server.ocppBaseUrl}NO-PROTOCOL-1`)).toBe(400);
    expect(await refusedHandshake(`${server.ocppBaseUrl}GHOST-1`, ['ocpp1.6'])).toBe(404);

    const noProtocol = page.getByRole('row', { name: /Refused NO-PROTOCOL-1: The ocpp1\.6 subprotocol was not offered/ });
    await expect(noProtocol).toBeVisible();
    await expect(noProtocol).toContainText('subprotocol-missing · HTTP 400');
    await expect(noProtocol).toContainText('Fix: Select OCPP 1.6 JSON');
    const ghost = page.getByRole('row', { name: /Refused GHOST-1: Unknown charger/ });
    await expect(ghost).toBeVisible();
    await expect(ghost).toContainText('unknown-identity · HTTP 404');
    await expect(ghost).toContainText('Fix: Add the station');

    await known.close();
    const history = page.getByRole('table', { name: 'Connection events of CP-KNOWN' });
    await expect(history.getByRole('row').nth(1)).toContainText('disconnected');
    await expect(history.getByRole('row').nth(1)).toContainText('1000 normal close');
    await expect(history.getByRole('row').nth(2)).toContainText('connected');
    await keepScreenshot(page, 'doctor');
  });
});

test.describe('registration policy pending', () => {
  test.use({ serverArgs: ['--registration-policy', 'pending'] });

  test('a pending station is accepted with one click', async ({ consolePage: page, server, stations }) => {
    const cp = await stations.create('PENDING-1');
    await cp.connect();
    expect((await cp.boot()).status).toBe('Pending');

    await page.goto(`${server.apiUrl}/#/doctor`);
    const waiting = page.getByRole('table', { name: /Waiting for registration/ });
    await expect(waiting.getByRole('row', { name: /PENDING-1/ })).toContainText('Pending');
    await page.getByRole('button', { name: 'Accept PENDING-1' }).click();
    await expect(page.getByText('No Pending or Rejected station.')).toBeVisible();
    // TriggerMessage made it boot again at once, and this boot was Accepted.
    await expect.poll(() => cp.state.registrationStatus).toBe('Accepted');
    expect((await server.api.getChargePoint('PENDING-1')).registrationStatus).toBe('Accepted');
  });
});
