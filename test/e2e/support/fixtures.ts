import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SimulatedChargePoint, type SimulatedChargePointOptions } from '../../../main/simulator/index.js';
import { startConsoleServer, type ConsoleServer } from './server.js';

export interface StationFactory {
  /** A simulated station connected to this test's server (not booted). */
  create(identity: string, options?: Partial<SimulatedChargePointOptions>): Promise<SimulatedChargePoint>;
  /** Connected and booted (the server must accept it: the e2e server admits unknown stations as Accepted). */
  booted(identity: string, options?: Partial<SimulatedChargePointOptions>): Promise<SimulatedChargePoint>;
}

interface Fixtures {
  server: ConsoleServer;
  /** Extra flags for the server of this test (e.g. `test.use({ serverArgs: ['--registration-policy', 'pending'] })`). */
  serverArgs: string[];
  stations: StationFactory;
  /** The page with the console open and live. */
  consolePage: Page;
}

export const SCREENSHOT_DIR = new URL('../../../test-results/screenshots/', import.meta.url).pathname;

/** Keeps a screenshot of a view as a test artifact (test-results/screenshots/<name>.png). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

export const test = base.extend<Fixtures>({
  serverArgs: [['--registration-policy', 'accept'], { option: true }],
  server: async ({ serverArgs }, use) => {
    const server = await startConsoleServer(serverArgs);
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
  stations: async ({ server }, use) => {
    const created: SimulatedChargePoint[] = [];
    const factory: StationFactory = {
      create(identity, options = {}) {
        const cp = new SimulatedChargePoint({ url: server.ocppBaseUrl, identity, ...options });
        created.push(cp);
        return Promise.resolve(cp);
      },
      async booted(identity, options = {}) {
        const cp = await factory.create(identity, options);
        await cp.connect();
        const conf = await cp.boot();
        if (conf.status !== 'Accepted') throw new Error(`boot of ${identity} not accepted: ${conf.status}`);
        return cp;
      },
    };
    await use(factory);
    await Promise.all(created.map((cp) => cp.close().catch(() => {})));
  },
  consolePage: async ({ page, server }, use) => {
    await page.goto(server.consoleUrl);
    await expect(page.getByRole('status', { name: 'Live updates' })).toContainText('Live');
    await use(page);
  },
});

export { expect };
