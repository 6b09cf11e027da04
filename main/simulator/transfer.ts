/**
 * File transfers of the simulated station: firmware download (HTTP(S) GET, FTP RETR) and diagnostics/log upload
 * (HTTP(S) multipart POST or PUT, FTP STOR). Node built-ins only; each transfer is bounded by a timeout.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface TransferOptions {
  timeoutMs?: number;
  /** TLS: accept self-signed servers (tests). Default true (a station trusts its configured CA; we have none). */
  rejectUnauthorized?: boolean;
  /** Upload method for http(s) locations. */
  httpUploadMethod?: 'POST' | 'PUT';
  /** Max download size kept in memory. */
  maxBytes?: number;
  /**
   * The station cannot reach any file server (a firewall, or a mobile APN that routes only the OCPP endpoint): every
   * download and upload fails as a refused connection, so the flow reports DownloadFailed / UploadFailed.
   */
  unreachable?: boolean;
}

const DEFAULT_TIMEOUT = 30_000;

/** The refusal a station whose file server is out of reach sees (TransferOptions.unreachable). */
function refuseWhenUnreachable(url: URL, options: TransferOptions): void {
  if (options.unreachable) throw new Error(`connect ECONNREFUSED ${url.host}: the file server cannot be reached from the station`);
}

function httpModule(url: URL) {
  return url.protocol === 'https:' ? https : http;
}

function authHeader(url: URL): Record<string, string> {
  if (!url.username && !url.password) return {};
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

function requestUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Download a file over HTTP(S) (follows up to 5 redirects) or FTP. Rejects on any non-2xx status. */
export async function download(location: string, options: TransferOptions = {}): Promise<Buffer> {
  const url = new URL(location);
  refuseWhenUnreachable(url, options);
  if (url.protocol === 'ftp:') return ftpTransfer(url, 'RETR', undefined, options);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Unsupported protocol ${url.protocol}`);
  let current = url;
  for (let redirects = 0; redirects <= 5; redirects++) {
    const result = await httpRequest(current, 'GET', undefined, {}, options);
    if (result.status >= 300 && result.status < 400 && result.location) {
      current = new URL(result.location, current);
      continue;
    }
    if (result.status < 200 || result.status >= 300) throw new Error(`Download failed: HTTP ${result.status}`);
    return result.body;
  }
  throw new Error('Too many redirects');
}

/** Upload a file: multipart/form-data POST (field "file") or PUT for http(s), STOR for ftp. */
export async function upload(location: string, fileName: string, content: Buffer, options: TransferOptions = {}): Promise<void> {
  const url = new URL(location);
  refuseWhenUnreachable(url, options);
  if (url.protocol === 'ftp:') {
    // A location ending with "/" is a directory: store the file there under its own name.
    const target = new URL(url.href);
    if (target.pathname.endsWith('/')) target.pathname += encodeURIComponent(fileName);
    await ftpTransfer(target, 'STOR', content, options);
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Unsupported protocol ${url.protocol}`);
  let body: Buffer;
  let headers: Record<string, string>;
  if ((options.httpUploadMethod ?? 'POST') === 'PUT') {
    body = content;
    headers = { 'Content-Type': 'application/octet-stream' };
  } else {
    const boundary = `----ocppsim${randomUUID().replace(/-/g, '')}`;
    body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '')}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
  }
  const result = await httpRequest(url, options.httpUploadMethod ?? 'POST', body, headers, options);
  if (result.status < 200 || result.status >= 300) throw new Error(`Upload failed: HTTP ${result.status}`);
}

interface HttpResult {
  status: number;
  location?: string;
  body: Buffer;
}

function httpRequest(
  url: URL,
  method: string,
  body: Buffer | undefined,
  headers: Record<string, string>,
  options: TransferOptions,
): Promise<HttpResult> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = httpModule(url).request(
      requestUrl(url),
      {
        method,
        headers: { ...authHeader(url), ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT,
        rejectUnauthorized: options.rejectUnauthorized ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            req.destroy(new Error('Download too large'));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('Transfer timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

// ----------------------------------------------------------------------------------------------------------------
// Minimal passive-mode FTP client (RETR / STOR, binary)
// ----------------------------------------------------------------------------------------------------------------

class FtpControl {
  private buffer = '';
  private waiters: Array<(reply: { code: number; text: string }) => void> = [];
  private replies: Array<{ code: number; text: string }> = [];
  private error: Error | undefined;

  constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    const fail = (err: Error) => {
      this.error = err;
      for (const w of this.waiters.splice(0)) w({ code: 0, text: err.message });
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('FTP control connection closed')));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    // A reply ends with a line "ddd text" (multi-line replies start with "ddd-").
    for (;;) {
      const match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(this.buffer);
      if (!match) return;
      const end = match.index + match[0].length;
      const reply = { code: Number(match[1]), text: this.buffer.slice(0, end) };
      this.buffer = this.buffer.slice(end);
      const waiter = this.waiters.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }

  read(): Promise<{ code: number; text: string }> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async command(line: string): Promise<{ code: number; text: string }> {
    this.socket.write(`${line}\r\n`);
    return this.read();
  }
}

function expect(reply: { code: number; text: string }, ...ok: number[]): void {
  if (!ok.some((c) => Math.floor(reply.code / 100) === c || reply.code === c)) {
    throw new Error(`FTP error: ${reply.text.trim() || reply.code}`);
  }
}

async function ftpTransfer(url: URL, verb: 'RETR' | 'STOR', content: Buffer | undefined, options: TransferOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 21;
  const control = net.connect({ host, port });
  const sockets: net.Socket[] = [control];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('FTP transfer timed out')), timeoutMs);
    timer.unref();
  });
  const run = async (): Promise<Buffer> => {
    await new Promise<void>((resolve, reject) => {
      control.once('connect', resolve);
      control.once('error', reject);
    });
    const ftp = new FtpControl(control);
    expect(await ftp.read(), 2);
    const user = url.username ? decodeURIComponent(url.username) : 'anonymous';
    const userReply = await ftp.command(`USER ${user}`);
    if (userReply.code === 331) expect(await ftp.command(`PASS ${url.password ? decodeURIComponent(url.password) : 'anonymous@'}`), 2);
    else expect(userReply, 2);
    expect(await ftp.command('TYPE I'), 2);
    const pasv = await ftp.command('PASV');
    expect(pasv, 2);
    const m = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(pasv.text);
    if (!m) throw new Error('FTP: cannot parse PASV reply');
    // Use the control host (servers behind NAT often announce a private address).
    const dataPort = Number(m[5]) * 256 + Number(m[6]);
    const data = net.connect({ host, port: dataPort });
    sockets.push(data);
    await new Promise<void>((resolve, reject) => {
      data.once('connect', resolve);
      data.once('error', reject);
    });
    const path = decodeURIComponent(url.pathname);
    const chunks: Buffer[] = [];
    const dataDone = new Promise<void>((resolve, reject) => {
      data.on('data', (c: Buffer) => chunks.push(c));
      data.on('error', reject);
      data.on('close', () => resolve());
    });
    const start = await ftp.command(`${verb} ${path}`);
    expect(start, 1);
    if (verb === 'STOR') data.end(content ?? Buffer.alloc(0));
    await dataDone;
    expect(await ftp.read(), 2);
    control.end('QUIT\r\n');
    return Buffer.concat(chunks);
  };
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    for (const s of sockets) s.destroy();
  }
}
