import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The console builds into dist/renderer, loaded by the desktop shell from disk (relative asset paths: `base: './'`)
// and served at `/` by the API server in headless mode.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  logLevel: 'warn',
});
