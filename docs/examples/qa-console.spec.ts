/**
 * An example for QA teams (docs/qa-playwright.md): start the headless server on free ports with a fresh data
 * folder, run a scenario through the operator API, and check the console shows what the scenario did. Run it with
 * the project's Playwright configuration (it is part of `npm test`):
 *
 *   npx playwright test -c test/e2e/playwright.config.ts qa-console
 *
 * Only public surfaces are used: the `serve` command and what it prints, the operator API with its token, and the
 * console's roles and accessible names.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectRoot = new URL('../../', import.meta.url).pathname;

let server: ChildProcess;
let dataDir: string;
/** The console URL as the server printed it: `http://127.0.0.1:<port>/#token=<token>`. */
let consoleUrl: string;
let apiUrl: string;
let token: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qa-example-'));
  // `serve` is the headless mode (README "Set-up"); port 0 picks free ports; CSMS_PRINT_TOKEN prints the token.
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/serve.ts',
      '--data-dir',
      dataDir,
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      '0',
      '--api-port',
      '0',
      '--ftp-port',
      'off',
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSMS_PRINT_TOKEN: '1' } },
  );
  let output = '';
  consoleUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 30_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /Console: (http:\/\/\S+)/.exec(output);
      if (printed) {
        clearTimeout(timer);
        resolve(printed[1]!);
      }
    });
  });
  const url = new URL(consoleUrl);
  apiUrl = url.origin;
  token = new URLSearchParams(url.hash.slice(1)).get('token')!;
});

test.afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** The operator API with the token (docs/api.md). */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test('a scenario boots a station and faults a connector; the console shows it', async ({ page }) => {
  await api('PUT', '/api/id-tags/QA-TAG', { status: 'Accepted' });
  // A scenario (docs/scenarios.md): one station boots, charges briefly, then reports a fault.
  const run = await api<{ runId: string }>('POST', '/api/simulators/scenarios', {
    name: 'QA example',
    stations: [{ identity: 'QA-CP-1', connectors: 2 }],
    steps: [
      { do: 'boot' },
      { do: 'startSession', connectorId: 1, idTag: 'QA-TAG', durationSec: 1 },
      { do: 'fault', connectorId: 2, errorCode: 'GroundFailure' },
    ],
    expectations: [{ expect: 'answer', action: 'StartTransaction', fields: { 'idTagInfo.status': 'Accepted' } }],
  });
  await expect
    .poll(async () => (await api<{ status: string }>('GET', `/api/simulators/scenarios/${run.runId}`)).status, { timeout: 30_000 })
    .toBe('passed');

  // The console: open it with the printed URL (the token travels in the fragment), then find things by role and name.
  await page.goto(consoleUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Stations', exact: true }).click();
  await page.getByRole('link', { name: 'QA-CP-1', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Station QA-CP-1', level: 1 })).toBeVisible();
  await expect(page.getByText('Faulted').first()).toBeVisible();
});
