import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the window was and how big, remembered across runs (a small JSON file in the data folder). */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { width: 1360, height: 860, maximized: false };

export function loadWindowState(dataDir: string): WindowState {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    if (!ok(parsed.width) || !ok(parsed.height)) return DEFAULT_STATE;
    return {
      x: ok(parsed.x) ? parsed.x : undefined,
      y: ok(parsed.y) ? parsed.y : undefined,
      width: Math.max(800, parsed.width!),
      height: Math.max(560, parsed.height!),
      maximized: parsed.maximized === true,
    };
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(dataDir: string, state: WindowState): void {
  try {
    writeFileSync(join(dataDir, 'window-state.json'), JSON.stringify(state));
  } catch {
    // Losing the window position is harmless; never fail the quit for it.
  }
}
