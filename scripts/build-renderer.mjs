#!/usr/bin/env node
// Builds the console (renderer) into dist/renderer. Until the React console lands, the static page is copied.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/renderer', { recursive: true });
cpSync('renderer/index.html', 'dist/renderer/index.html');
console.log('renderer: dist/renderer/index.html');
