/**
 * The HTTP side of the file services (README "Firmware and diagnostics files"), on its own port, bound to all interfaces by default (chargers are
 * on the LAN):
 * - `GET|HEAD /firmware/<name>`: a firmware file from the store, with Content-Length, ETag and single `Range`
 *   requests (206 / 416) so a charger can resume an interrupted download.
 * - `POST /upload/<chargePointId>[/<fileName>]`: a diagnostics or log file, as multipart/form-data (the first file
 *   part) or as a raw body (named by the path, else generated).
 * - `PUT /upload/<chargePointId>/<fileName>`: the same as a raw body (without a file name, one is generated).
 * Everything else is 404. An upload needs HTTP Basic auth with the credential of one of the station's open upload
 * jobs (user = the station identity, upload-policy.ts), and goes only into the folder of the station the path names,
 * which must be that user (401 without a valid credential, 403 for another station's folder). Sizes are capped while
 * streaming (413) and `..` anywhere is refused (400).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LISTENERS, listenOn } from '../network.js';
import { FileStoreError, type FileSink, type FileStore } from './file-store.js';
import { MultipartError, MultipartFileReader, multipartBoundary } from './multipart.js';
import { DEFAULT_SERVER_LIMITS, httpServerLimitOptions } from '../server/limits.js';

export interface StoredUpload {
  chargePointId: string;
  /** The upload job whose credential brought the file. */
  jobId: number;
  name: string;
  size: number;
  via: 'http' | 'ftp';
}

/** Checks an upload login (user, password): the station and its job, or undefined when the credential is not valid. */
export type UploadAuthorizer = (user: string, password: string) => { chargePointId: string; jobId: number } | undefined;

export interface HttpFileServerOptions {
  store: FileStore;
  /** Default `0.0.0.0`. */
  host?: string;
  /** 0 = any free port. */
  port: number;
  /** Uploads are accepted only with a credential this accepts, into the folder of the station it names. */
  authorize: UploadAuthorizer;
  /** Called after an upload was stored, awaited before the station gets its answer. */
  onUpload?: (upload: StoredUpload) => void | Promise<void>;
  /** Longest time one request may take, default 30 minutes (a 256 MiB upload over a slow link). */
  requestTimeoutMs?: number;
  /** A socket silent this long is closed, default 60 s. */
  idleTimeoutMs?: number;
  /** Largest request head, default 16 KiB; a bigger one gets 431 (server/limits.ts `maxHeaderBytes`). */
  maxHeaderBytes?: number;
  /** Time to send the request head, default 10 s; then 408 (server/limits.ts `headersTimeoutMs`). */
  headersTimeoutMs?: number;
}

export interface HttpFileServer {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** User and password of an HTTP Basic Authorization header; undefined when absent or malformed. */
function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Path segments, percent-decoded; `..`/`.`/NUL/separators inside a segment are refused. */
function segmentsOf(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  const raw = path.split('/').slice(1);
  return raw.map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'bad percent-encoding');
    }
    if (decoded === '..' || decoded === '.' || decoded.includes('\0') || /[\\/]/.test(decoded) || decoded.split(/[\\/]/).includes('..'))
      throw new HttpError(400, 'path traversal refused');
    return decoded;
  });
}

/** Parse a single `bytes=` range against a size; undefined = serve everything, 'unsatisfiable' = 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m) return undefined; // multiple or malformed ranges: ignore (RFC 9110 allows sending the whole file)
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) return undefined;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}

export async function startHttpFileServer(options: HttpFileServerOptions): Promise<HttpFileServer> {
  const { store } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30 * 60_000;
  const limitOptions = httpServerLimitOptions({
    maxHeaderBytes: options.maxHeaderBytes ?? DEFAULT_SERVER_LIMITS.maxHeaderBytes,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_SERVER_LIMITS.headersTimeoutMs,
    requestTimeoutMs,
  });
  const server = createServer(limitOptions, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status =
        err instanceof HttpError
          ? err.status
          : err instanceof FileStoreError
            ? err.code === 'too-large'
              ? 413
              : 400
            : err instanceof MultipartError
              ? 400
              : 500;
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...(err instanceof HttpError ? err.headers : {}) });
        res.end(`${status === 500 ? 'internal error' : (err as Error).message}\n`);
      } else res.destroy();
      // Do not read the rest of a refused upload.
      if (!req.complete) req.once('end', () => {}).resume();
      setTimeout(() => req.socket.destroy(), 1000).unref();
    });
  });
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = limitOptions.headersTimeout;
  server.timeout = options.idleTimeoutMs ?? 60_000;
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const segments = segmentsOf(req.url ?? '/');
    const method = req.method ?? 'GET';
    if (segments[0] === 'firmware' && segments.length === 2 && (method === 'GET' || method === 'HEAD')) return serveFirmware(req, res, segments[1]!);
    if (segments[0] === 'upload' && segments.length >= 2 && segments[1] && (method === 'POST' || method === 'PUT')) {
      const chargePointId = segments[1];
      const fileName = segments.length > 2 ? segments[segments.length - 1] || undefined : undefined;
      return receiveUpload(req, res, chargePointId, fileName);
    }
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  }

  function serveFirmware(req: IncomingMessage, res: ServerResponse, name: string): void {
    const path = store.firmwarePath(name);
    if (!path) throw new HttpError(404, 'no such firmware file');
    const stat = statSync(path);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      'last-modified': stat.mtime.toUTCString(),
      etag,
      'cache-control': 'no-cache',
    };
    // If-Range with another validator: the file changed, send all of it.
    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag && ifRange !== headers['last-modified'] ? undefined : parseRange(req.headers.range, stat.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${stat.size}`, 'content-length': 0 }).end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? stat.size - 1;
    const length = stat.size === 0 ? 0 : end - start + 1;
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': length,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(path, { start, end });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, chargePointId: string, pathFileName: string | undefined): Promise<void> {
    const login = basicCredentials(req.headers.authorization);
    const granted = login && options.authorize(login.user, login.password);
    if (!granted)
      throw new HttpError(401, 'upload credential missing, wrong or expired (use the location the central system sent)', {
        'www-authenticate': 'Basic realm="uploads", charset="UTF-8"',
      });
    if (granted.chargePointId !== chargePointId) throw new HttpError(403, `this credential uploads only into ${granted.chargePointId}'s folder`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > store.maxUploadBytes + 64 * 1024)
      throw new HttpError(413, `upload larger than ${store.maxUploadBytes} bytes`);
    const boundary = req.method === 'POST' ? multipartBoundary(req.headers['content-type']) : undefined;
    let sink: FileSink | undefined;
    try {
      if (boundary) {
        const reader = new MultipartFileReader(boundary);
        let total = 0;
        for await (const chunk of req as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > store.maxUploadBytes + 64 * 1024) throw new HttpError(413, `upload larger than ${store.maxUploadBytes} bytes`);
          const parts = reader.push(chunk);
          if (!sink && reader.fileName !== undefined) sink = store.beginUpload(chargePointId, reader.fileName || pathFileName);
          for (const part of parts) await sink!.write(part);
          if (reader.done) break;
        }
        if (!sink || !reader.complete) throw new HttpError(400, 'no complete file part in the multipart body');
      } else {
        sink = store.beginUpload(chargePointId, pathFileName);
        for await (const chunk of req as AsyncIterable<Buffer>) await sink.write(chunk);
      }
      const stored = await sink.commit();
      sink = undefined;
      await options.onUpload?.({ chargePointId, jobId: granted.jobId, name: stored.name, size: stored.size, via: 'http' });
      res.writeHead(req.method === 'PUT' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: stored.name, size: stored.size, sha256: stored.sha256 }));
    } finally {
      await sink?.abort();
    }
  }

  const { port } = await listenOn(server, { port: options.port, host: options.host ?? '0.0.0.0' }, LISTENERS.fileHttp);
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
