/**
 * The desktop shell: the only code that imports electron (engineering anchors §2). It hosts the same central
 * system as headless mode, in the main process, and shows the console in a window. Built only where the Electron
 * package is installed (`scripts/start.mjs`); everything it hosts is tested under plain Node.
 */
import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli } from '../csms/config/cli.js';
import { startServices, type RunningServices } from '../services/start-services.js';
import { serveApiOverIpc } from './api-ipc.js';

const here = fileURLToPath(new URL('.', import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: RunningServices | undefined;
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(async () => {
    // Flags after `--` reach us; the data folder defaults to Electron's userData, the same folder headless uses.
    const config = parseCli(process.argv.slice(process.argv.indexOf('--') + 1).filter((a) => a !== '--'), {
      ...process.env,
      CSMS_DATA_DIR: process.env.CSMS_DATA_DIR ?? app.getPath('userData'),
    });
    services = await startServices(config);
    console.log(services.summary().join('\n'));
    window = new BrowserWindow({
      width: 1280,
      height: 820,
      title: 'OCPP Operator Console',
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(here, 'preload.cjs') },
    });
    serveApiOverIpc(services, () => window?.webContents);
    // No remote content: links open in the user's browser, navigation away from the console is refused.
    window.webContents.setWindowOpenHandler(({ url }) => {
      void shell.openExternal(url);
      return { action: 'deny' };
    });
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    await window.loadFile(join(here, '..', '..', 'renderer', 'index.html'));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const stopping = services;
    services = undefined;
    void stopping.stop().finally(() => app.quit());
  });
}
