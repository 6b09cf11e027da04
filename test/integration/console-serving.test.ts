/**
 * The API server serves the built console at `/` (headless mode: a browser on the depot PC) with a strict CSP,
 * without a token for the files and never anything outside the console folder; everything under /api still needs
 * the token.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startApiServer, type ApiServer } from '../../main/api/index.js';
import { createOperatorOperations } from '../../main/csms/operations/index.js';
import { startCsms, type Harness } from '../support/csms-harness.js';

let h: Harness;
let api: ApiServer;
let base: string;

before(async () => {
  h = await startCsms();
  const root = mkdtempSync(join(tmpdir(), 'console-files-'));
  const consoleDir = join(root, 'renderer');
  mkdirSync(join(consoleDir, 'assets'), { recursive: true });
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(consoleDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  api = await startApiServer({
    csms: h.csms,
    operations: createOperatorOperations(h.csms),
    host: '127.0.0.1',
    port: 0,
    token: 'console-serving-token-0123456789',
    consoleDir,
  });
  base = api.url;
});

after(async () => {
  await api.close();
  await h.close();
});

test('GET / answers the console page without a token, with the CSP and no caching of the page', async () => {
  const response = await fetch(`${base}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /text\/html/);
  assert.match(response.headers.get('content-security-policy')!, /default-src 'self'; script-src 'self'/);
  assert.match(response.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.match(await response.text(), /<title>console<\/title>/);
});

test('hashed assets are served with their type and cached', async () => {
  const response = await fetch(`${base}/assets/index-abc.js`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /text\/javascript/);
  assert.match(response.headers.get('cache-control')!, /immutable/);
  assert.equal(await response.text(), 'console.log(1)');
});

test('nothing outside the console folder is served, encoded or not', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
    const response = await fetch(`${base}${path}`);
    const text = await response.text();
    assert.notEqual(text, 'do not serve', path);
    assert.equal(response.status, 404, path);
  }
});

test('the API itself still needs the token', async () => {
  assert.equal((await fetch(`${base}/api/status`)).status, 401);
  const ok = await fetch(`${base}/api/status`, { headers: { authorization: 'Bearer console-serving-token-0123456789' } });
  assert.equal(ok.status, 200);
});
