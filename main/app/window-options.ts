/**
 * The web preferences of our windows, kept free of the electron import so a plain-Node unit test can hold them to
 * the Electron security checklist: context isolation, sandbox, no Node in the page or its workers, web security
 * on, no webview tag.
 */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** The console window: locked down, with only our preload. */
export function consoleWebPreferences(preloadPath: string) {
  return { ...LOCKED_DOWN, preload: preloadPath } as const;
}

/** Only the console's own files (and devtools) may load: no remote content, ever. */
export function isConsoleUrl(url: string, consoleRootUrl: string): boolean {
  if (url.startsWith('devtools://')) return true;
  if (!url.startsWith(consoleRootUrl)) return false;
  // file:///…/renderer/../secret must not pass by prefix: resolve first.
  try {
    return new URL(url).href.startsWith(consoleRootUrl);
  } catch {
    return false;
  }
}

/**
 * The hidden window that prints a commissioning report to PDF: the report is data stations sent, so its page gets
 * less than the console: no JavaScript at all (the report has none, docs/api.md "Commissioning"), no preload, the
 * same sandbox and isolation, and an in-memory session of its own in which every request but the report's own file
 * is cancelled (report-pdf.ts), so nothing in it can reach the network.
 */
export function reportPrintWebPreferences(partition: string) {
  return { ...LOCKED_DOWN, javascript: false, images: false, partition } as const;
}
