#!/usr/bin/env node
// Builds the console (React, renderer/) into dist/renderer with Vite: served by the API server at `/` in headless
// mode and loaded from disk by the desktop shell.
import { build } from 'vite';

await build({ configFile: new URL('../renderer/vite.config.ts', import.meta.url).pathname });
console.log('renderer: dist/renderer');
