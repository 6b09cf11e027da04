/**
 * The desktop shell's security settings, checked under plain Node (the Electron binary is not available in CI;
 * test/e2e/electron-shell.spec.ts checks the running window where it is).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_IPC_EVENTS_CHANNEL, API_IPC_REQUEST_CHANNEL, DESKTOP_SAVE_REPORT_PDF_CHANNEL } from '../../shared/api/ipc.js';
import { CONSOLE_CSP } from '../../main/api/console-files.js';
import { checkIpcApiRequest } from '../../main/api/ipc-request.js';
import { checkSaveReportPdfRequest, reportPdfFileName } from '../../main/app/report-pdf-source.js';
import { consoleWebPreferences, isConsoleUrl, reportPrintWebPreferences } from '../../main/app/window-options.js';

test('the console window: context isolation and sandbox on, no Node integration anywhere, no webview, only our preload', () => {
  const prefs = consoleWebPreferences('/app/dist/main/app/preload.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/dist/main/app/preload.cjs');
});

test('the shell uses those preferences and the CSP, and refuses navigation and new windows', () => {
  const main = readFileSync(new URL('../../main/app/electron-main.ts', import.meta.url), 'utf8');
  assert.match(main, /webPreferences: consoleWebPreferences\(/);
  assert.match(main, /'Content-Security-Policy': \[CONSOLE_CSP\]/);
  assert.match(main, /setWindowOpenHandler\(/);
  assert.match(main, /will-navigate/);
  assert.match(main, /requestSingleInstanceLock\(\)/);
  assert.match(main, /onBeforeRequest\(/);
});

test('no remote content: only the console folder and devtools pass the URL filter', () => {
  const root = 'file:///opt/console/renderer/';
  assert.equal(isConsoleUrl('file:///opt/console/renderer/index.html', root), true);
  assert.equal(isConsoleUrl('file:///opt/console/renderer/assets/index-1.js', root), true);
  assert.equal(isConsoleUrl('devtools://devtools/bundled/inspector.html', root), true);
  assert.equal(isConsoleUrl('https://example.com/', root), false);
  assert.equal(isConsoleUrl('http://127.0.0.1:8181/api/status', root), false);
  assert.equal(isConsoleUrl('file:///etc/passwd', root), false);
  assert.equal(isConsoleUrl('file:///opt/console/renderer/../../../etc/passwd', root), false);
});

test('the CSP allows only our own scripts, styles and connections, and no framing', () => {
  const directives = Object.fromEntries(
    CONSOLE_CSP.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...values]): [string, string] => [name, values.join(' ')]),
  );
  assert.equal(directives['default-src'], "'self'");
  assert.equal(directives['script-src'], "'self'");
  assert.equal(directives['style-src'], "'self'");
  assert.equal(directives['connect-src'], "'self'");
  assert.equal(directives['object-src'], "'none'");
  assert.equal(directives['frame-ancestors'], "'none'");
  assert.doesNotMatch(CONSOLE_CSP, /unsafe-inline|unsafe-eval|\*/);
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  // Attributes may sit on lines of their own (Prettier breaks the long meta element).
  assert.match(html, /http-equiv="Content-Security-Policy"\s+content="default-src 'self'; script-src 'self'; style-src 'self'/);
});

test('the preload exposes operatorApi and desktopShell on the shared channels and never ipcRenderer itself', () => {
  const preload = readFileSync(new URL('../../main/app/preload.cts', import.meta.url), 'utf8');
  assert.ok(preload.includes(`'${API_IPC_REQUEST_CHANNEL}'`), 'request channel matches shared/api/ipc.ts');
  assert.ok(preload.includes(`'${API_IPC_EVENTS_CHANNEL}'`), 'events channel matches shared/api/ipc.ts');
  assert.ok(preload.includes(`'${DESKTOP_SAVE_REPORT_PDF_CHANNEL}'`), 'save-report-PDF channel matches shared/api/ipc.ts');
  assert.deepEqual(
    [...preload.matchAll(/exposeInMainWorld\('([^']+)'/g)].map((m) => m[1]),
    ['operatorApi', 'desktopShell'],
  );
  assert.doesNotMatch(preload, /exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
});

test('the report printing window: no JavaScript, no preload, sandboxed and isolated, in a session of its own', () => {
  const prefs = reportPrintWebPreferences('report-print');
  assert.equal(prefs.javascript, false);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal('preload' in prefs, false);
  assert.equal(prefs.partition, 'report-print', 'in memory: not a persist: partition');
  const printing = readFileSync(new URL('../../main/app/report-pdf.ts', import.meta.url), 'utf8');
  assert.match(printing, /onBeforeRequest\(\(details, callback\) => callback\(\{ cancel: !allowedUrls\.has\(details\.url\) \}\)\)/);
  assert.match(printing, /printToPDF\(\{ pageSize: 'A4', printBackground: true \}\)/);
  const main = readFileSync(new URL('../../main/app/electron-main.ts', import.meta.url), 'utf8');
  assert.match(main, /serveDesktopShell\(services, /);
});

test('saving a report as PDF: the request is checked, the file is named after the station and run', () => {
  assert.deepEqual(checkSaveReportPdfRequest({ chargePointId: 'CP-1', runId: 7 }), { chargePointId: 'CP-1', runId: 7 });
  assert.deepEqual(checkSaveReportPdfRequest({ chargePointId: 'CP-1', runId: 7, extra: 'dropped' }), { chargePointId: 'CP-1', runId: 7 });
  for (const [bad, reason] of [
    [null, /no station and run/],
    ['CP-1', /no station and run/],
    [{ runId: 7 }, /no station/],
    [{ chargePointId: '', runId: 7 }, /no station/],
    [{ chargePointId: 'CP-1' }, /no run/],
    [{ chargePointId: 'CP-1', runId: '7' }, /no run/],
    [{ chargePointId: 'CP-1', runId: 1.5 }, /no run/],
    [{ chargePointId: 'CP-1', runId: 0 }, /no run/],
  ] as const) {
    const checked = checkSaveReportPdfRequest(bad);
    assert.ok('refused' in checked, JSON.stringify(bad));
    assert.match(checked.refused, reason);
  }
  assert.equal(reportPdfFileName({ chargePointId: 'CP-1', runId: 7 }), 'commissioning-CP-1-run-7.pdf');
  assert.equal(reportPdfFileName({ chargePointId: 'Depot/Bay 3:A', runId: 12 }), 'commissioning-Depot_Bay_3_A-run-12.pdf');
});

test('IPC requests: only /api/ paths of this server, known methods and content types', () => {
  assert.deepEqual(checkIpcApiRequest({ method: 'GET', path: '/api/status' }), {
    method: 'GET',
    path: '/api/status',
    body: undefined,
    contentType: undefined,
    accept: undefined,
  });
  const bytes = new Uint8Array([1, 2, 3]);
  assert.equal(checkIpcApiRequest({ method: 'PUT', path: '/api/firmware/a.bin', body: bytes, contentType: 'application/octet-stream' }).body, bytes);
  for (const bad of [
    { method: 'GET', path: 'http://evil.example/api/status' },
    { method: 'GET', path: '//evil.example/api/status' },
    { method: 'GET', path: '/api/../secret' },
    { method: 'GET', path: '/other' },
    { method: 'GET', path: '/api/status\r\nX-Injected: 1' },
    { method: 'TRACE', path: '/api/status' },
    { method: 'POST', path: '/api/x', body: { not: 'a string' } },
    { method: 'POST', path: '/api/x', body: 'x', contentType: 'text/html' },
    null,
  ]) {
    assert.throws(() => checkIpcApiRequest(bad), /Refused/, JSON.stringify(bad));
  }
});
