import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's built files (Vite output in dist/renderer), served by the API server at `/` so a browser on the
 * depot PC (headless mode) gets the same console as the desktop window. The files hold no secret: the token reaches
 * the page in the URL fragment (`/#token=…`), which browsers never send to the server.
 */

/** Strict CSP: only our own scripts, styles and API; no framing (the console must not be clickjacked). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** dist/renderer from both the built layout (dist/main/api) and the source layout run by tsx (main/api). */
export function defaultConsoleDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // Source layout first (main/api → dist/renderer); the built layout's ../../renderer is dist/renderer, told apart
  // from the source folder renderer/ by the assets Vite wrote.
  const candidates = [resolve(here, '..', '..', 'dist', 'renderer'), resolve(here, '..', '..', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets')));
}

/** Serves `pathname` from `dir`; false when it is not a console file (the caller answers 404 as JSON). */
export function serveConsoleFile(dir: string, pathname: string, method: string, res: ServerResponse): boolean {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = resolve(dir);
  const file = resolve(root, '.' + normalize(relative));
  if (file !== root && !file.startsWith(root + sep)) return false;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    // Hashed asset names may be cached; the page itself is always fetched fresh so an upgrade takes effect.
    'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
