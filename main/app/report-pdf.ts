/**
 * HTML to PDF bytes with Chromium's own printing (webContents.printToPDF), in a hidden window that runs no script
 * and reaches no network (window-options.ts reportPrintWebPreferences). The page is loaded from a file of its own
 * in a fresh temporary folder, the one URL its session lets through; the folder is removed afterwards.
 */
import { BrowserWindow, session, type Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportPrintWebPreferences } from './window-options.js';

/** In memory (no `persist:` prefix): nothing of a printed report stays on disk in Electron's profile. */
const PRINT_PARTITION = 'report-print';
const PRINT_TIMEOUT_MS = 60_000;

let sessionReady = false;

/** The print session cancels every request except one for a file the printer is loading now. */
const allowedUrls = new Set<string>();

function printSession(): Session {
  const printing = session.fromPartition(PRINT_PARTITION);
  if (!sessionReady) {
    printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !allowedUrls.has(details.url) }));
    printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    sessionReady = true;
  }
  return printing;
}

/** The page of `html` printed on A4 with its backgrounds (the checks' coloured borders) as PDF bytes. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'commissioning-report-'));
  const file = join(folder, 'report.html');
  const url = pathToFileURL(file).href;
  await writeFile(file, html, 'utf8');
  printSession();
  allowedUrls.add(url);
  const window = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: reportPrintWebPreferences(PRINT_PARTITION) });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`printing did not end within ${PRINT_TIMEOUT_MS / 1000} s`)), PRINT_TIMEOUT_MS);
    });
    const print = (async () => {
      await window.loadURL(url);
      return window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    })();
    return await Promise.race([print, timeout]);
  } finally {
    clearTimeout(timer);
    allowedUrls.delete(url);
    if (!window.isDestroyed()) window.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
