/**
 * The desktop shell: the only code that imports electron (docs/architecture.md). It hosts the same central
 * system as headless mode, in the main process, and shows the console in a window. Built only where the Electron
 * package is installed (`scripts/start.mjs`); everything it hosts is tested under plain Node.
 */
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCli } from '../csms/config/cli.js';
import { CONSOLE_CSP } from '../api/console-files.js';
import { startServices, type RunningServices } from '../services/start-services.js';
import { describeStartupFailure } from '../services/startup-failure.js';
import { serveApiOverIpc } from './api-ipc.js';
import { serveDesktopShell } from './desktop-shell-ipc.js';
import { notifyStationTrouble } from './notifications.js';
import { consoleWebPreferences, isConsoleUrl as isConsoleUrlOf } from './window-options.js';
import { loadWindowState, saveWindowState } from './window-state.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const consoleDir = join(here, '..', '..', 'renderer');
const consoleRoot = pathToFileURL(consoleDir + '/').href;

/** Only the console's own files may load: no remote content, ever (Electron security checklist items 1, 13, 14). */
const isConsoleUrl = (url: string) => isConsoleUrlOf(url, consoleRoot);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: RunningServices | undefined;
  let window: BrowserWindow | undefined;
  let dataDir = '';

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  // No new web contents of any kind may attach a webview or open a window (defence in depth; the console has none).
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isConsoleUrl(url)) event.preventDefault();
    });
  });

  app
    .whenReady()
    .then(async () => {
      // Flags after `--` reach us; the data folder defaults to Electron's userData, the same folder headless uses.
      try {
        const config = parseCli(
          process.argv.slice(process.argv.indexOf('--') + 1).filter((a) => a !== '--'),
          {
            ...process.env,
            CSMS_DATA_DIR: process.env.CSMS_DATA_DIR ?? app.getPath('userData'),
          },
        );
        dataDir = config.startup.dataDir;
        services = await startServices(config);
      } catch (err) {
        // Same words and exit code as headless mode (a port in use, the data folder held by another instance, ...).
        const failure = describeStartupFailure(err);
        console.error(failure.message);
        dialog.showErrorBox(failure.title, failure.message);
        app.exit(failure.exitCode);
        return;
      }
      console.log(services.summary().join('\n'));

      session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isConsoleUrl(details.url) }));
      session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONSOLE_CSP] } }),
      );
      session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'notifications'));

      const state = loadWindowState(dataDir);
      const win = new BrowserWindow({
        x: state.x,
        y: state.y,
        width: state.width,
        height: state.height,
        title: 'OCPP Operator Console',
        show: false,
        webPreferences: consoleWebPreferences(join(here, 'preload.cjs')),
      });
      window = win;
      if (state.maximized) win.maximize();
      win.once('ready-to-show', () => win.show());
      win.on('close', () => {
        const bounds = win.getNormalBounds();
        saveWindowState(dataDir, { ...bounds, maximized: win.isMaximized() });
      });
      serveApiOverIpc(services, () => window?.webContents);
      serveDesktopShell(services, () => window);
      notifyStationTrouble(services, (chargePointId) => {
        win.show();
        void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#/stations/${encodeURIComponent(chargePointId)}`)}`);
      });
      await win.loadFile(join(consoleDir, 'index.html'));
    })
    .catch((err: unknown) => {
      // The console's files missing or unreadable: say so and end, instead of an empty window.
      console.error('[app] the console window failed to open:', err);
      app.exit(1);
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
