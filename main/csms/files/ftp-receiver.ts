/**
 * A minimal, receive-only FTP server (RFC 959 subset, passive mode only; RFC 2428 EPSV; RFC 3659 SIZE) for
 * diagnostics and logs from chargers that can only upload by FTP (README "Firmware and diagnostics files").
 *
 * Commands: USER, PASS, SYST, TYPE, PWD, CWD, MKD (accepted, nothing created), PASV, EPSV, STOR, SIZE, NOOP, QUIT,
 * FEAT, OPTS UTF8; anything else is 502. No listing, no download, no active mode.
 *
 * Login: the credential of one of the station's open upload jobs (user = the station identity, password = the job's
 * random password; upload-policy.ts). Files go only into that station's folder, under the last segment of the path;
 * a path whose first segment names another station is refused (550). `..` in a path is refused.
 *
 * Data connections: a passive listener per PASV/EPSV on the interface the control connection arrived on, port from
 * the configured range (or any free port), accepting only the client's address. Sizes and every wait are bounded.
 */
import { statSync } from 'node:fs';
import net from 'node:net';
import { posix } from 'node:path';
import { LISTENERS, listenOn } from '../network.js';
import { FileStoreError, type FileStore } from './file-store.js';
import type { StoredUpload, UploadAuthorizer } from './http-file-server.js';

export interface FtpReceiverOptions {
  store: FileStore;
  /** Default `0.0.0.0`. */
  host?: string;
  /** 0 = any free port. */
  port: number;
  /** Passive data ports `[first, last]` (inclusive); undefined = any free port. */
  passivePorts?: readonly [number, number];
  /** Checks USER/PASS: the station and the job the credential belongs to. */
  authorize: UploadAuthorizer;
  /** Called after an upload was stored, awaited before the 226 reply. */
  onUpload?: (upload: StoredUpload) => void | Promise<void>;
  /** Control connection idle timeout, default 120 s. */
  idleTimeoutMs?: number;
  /** Wait for the data connection and data socket idle timeout, default 30 s. */
  dataTimeoutMs?: number;
  /** Simultaneous control connections, default 32. */
  maxSessions?: number;
}

export interface FtpReceiver {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_LINE = 2048;
const MAX_FAILED_LOGINS = 3;

function ipv4Of(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  return /^\d+\.\d+\.\d+\.\d+$/.test(address) ? address : undefined;
}

function sameHost(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && (a === b || ipv4Of(a) === ipv4Of(b)) && (ipv4Of(a) !== undefined || a === b);
}

export async function startFtpReceiver(options: FtpReceiverOptions): Promise<FtpReceiver> {
  const sessions = new Set<Session>();
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  const dataTimeoutMs = options.dataTimeoutMs ?? 30_000;
  const portsInUse = new Set<number>();

  /** A passive listener bound to `host`, on a port from the range (or any). */
  async function listenPassive(host: string): Promise<net.Server> {
    const range = options.passivePorts;
    const candidates: number[] = [];
    if (range) {
      const [first, last] = range;
      const count = last - first + 1;
      const offset = Math.floor(Math.random() * count);
      for (let i = 0; i < count; i++) candidates.push(first + ((offset + i) % count));
    } else candidates.push(0);
    for (const port of candidates) {
      if (port !== 0 && portsInUse.has(port)) continue;
      const server = net.createServer({ pauseOnConnect: true });
      const ok = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen({ host, port, exclusive: true }, () => resolve(true));
      });
      if (ok) {
        const bound = (server.address() as net.AddressInfo).port;
        portsInUse.add(bound);
        server.once('close', () => portsInUse.delete(bound));
        return server;
      }
    }
    throw new Error('no free passive port');
  }

  class Session {
    private user: string | undefined;
    private loggedIn = false;
    /** The station and job of the credential this session logged in with. */
    private grant: { chargePointId: string; jobId: number } | undefined;
    private failedLogins = 0;
    private cwd = '/';
    private buffer = '';
    private busy = false;
    private queue: string[] = [];
    private passive: { server: net.Server; socket: Promise<net.Socket> } | undefined;
    private readonly dataSockets = new Set<net.Socket>();

    constructor(readonly control: net.Socket) {
      control.setEncoding('utf8');
      control.setTimeout(idleTimeoutMs, () => {
        this.reply(421, 'Idle timeout, closing control connection');
        this.close();
      });
      control.on('data', (chunk: string) => this.onData(chunk));
      control.on('error', () => this.close());
      control.on('close', () => this.close());
      this.reply(220, 'OCPP CSMS upload receiver ready');
    }

    reply(code: number, text: string): void {
      if (!this.control.destroyed && this.control.writable) this.control.write(`${code} ${text}\r\n`);
    }

    close(): void {
      if (!sessions.delete(this)) return;
      this.closePassive();
      for (const s of this.dataSockets) s.destroy();
      this.control.end();
      setTimeout(() => this.control.destroy(), 1000).unref();
    }

    private closePassive(): void {
      if (!this.passive) return;
      this.passive.server.close();
      this.passive.socket.catch(() => {});
      this.passive = undefined;
    }

    private onData(chunk: string): void {
      this.buffer += chunk;
      let eol: number;
      while ((eol = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, eol).replace(/\r$/, '');
        this.buffer = this.buffer.slice(eol + 1);
        this.queue.push(line);
      }
      if (this.buffer.length > MAX_LINE) {
        this.reply(500, 'Line too long');
        this.close();
        return;
      }
      void this.drain();
    }

    private async drain(): Promise<void> {
      if (this.busy) return;
      this.busy = true;
      try {
        while (this.queue.length && sessions.has(this)) await this.command(this.queue.shift()!);
      } finally {
        this.busy = false;
      }
    }

    /** Resolve a path against the working directory; undefined when it has a `..` segment. */
    private resolve(path: string): string | undefined {
      if (path.split(/[\\/]/).includes('..') || path.includes('\0')) return undefined;
      return posix.normalize(posix.isAbsolute(path) ? path : posix.join(this.cwd, path));
    }

    private async command(line: string): Promise<void> {
      const space = line.indexOf(' ');
      const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
      const arg = space < 0 ? '' : line.slice(space + 1);
      const open = ['USER', 'PASS', 'QUIT', 'FEAT', 'SYST', 'NOOP', 'OPTS'];
      if (!this.loggedIn && !open.includes(verb)) return this.reply(530, 'Please log in with USER and PASS');
      switch (verb) {
        case 'USER':
          this.user = arg;
          this.loggedIn = false;
          this.grant = undefined;
          return this.reply(331, 'Password required');
        case 'PASS': {
          if (this.user === undefined) return this.reply(503, 'Send USER first');
          const grant = options.authorize(this.user, arg);
          if (grant) {
            this.grant = grant;
            this.loggedIn = true;
            return this.reply(230, 'Logged in');
          }
          if (++this.failedLogins >= MAX_FAILED_LOGINS) {
            this.reply(530, 'Login incorrect, closing');
            return this.close();
          }
          return this.reply(530, 'Login incorrect');
        }
        case 'SYST':
          return this.reply(215, 'UNIX Type: L8');
        case 'FEAT':
          this.control.write('211-Features:\r\n EPSV\r\n PASV\r\n SIZE\r\n UTF8\r\n211 End\r\n');
          return;
        case 'OPTS':
          return /^UTF8( ON)?$/i.test(arg.trim()) ? this.reply(200, 'UTF8 always on') : this.reply(501, 'Option not understood');
        case 'NOOP':
          return this.reply(200, 'OK');
        case 'TYPE':
          return /^(I|A|L 8|A N)$/i.test(arg.trim())
            ? this.reply(200, `Type set to ${arg.trim().toUpperCase()}`)
            : this.reply(504, 'Type not supported');
        case 'PWD':
          return this.reply(257, `"${this.cwd.replace(/"/g, '""')}" is the current directory`);
        case 'CWD': {
          const target = this.resolve(arg || '/');
          if (!target) return this.reply(550, 'Path refused');
          this.cwd = target;
          return this.reply(250, 'Directory changed');
        }
        case 'MKD': {
          const target = this.resolve(arg);
          if (!target) return this.reply(550, 'Path refused');
          return this.reply(257, `"${target.replace(/"/g, '""')}" created`);
        }
        case 'PASV':
        case 'EPSV':
          return this.openPassive(verb);
        case 'STOR':
          return this.store(arg);
        case 'SIZE': {
          const target = this.resolve(arg);
          const where = target && this.destination(target);
          const path = where && typeof where !== 'string' ? options.store.uploadPath(where.chargePointId, where.fileName) : undefined;
          if (!path) return this.reply(550, 'No such file');
          return this.reply(213, String(statSync(path).size));
        }
        case 'QUIT':
          this.reply(221, 'Bye');
          return this.close();
        default:
          return this.reply(502, 'Command not implemented');
      }
    }

    private async openPassive(verb: 'PASV' | 'EPSV'): Promise<void> {
      this.closePassive();
      const local = this.control.localAddress ?? '0.0.0.0';
      const local4 = ipv4Of(local);
      if (verb === 'PASV' && !local4) return this.reply(425, 'PASV needs IPv4; use EPSV');
      let server: net.Server;
      try {
        server = await listenPassive(local);
      } catch {
        return this.reply(425, 'No passive port available');
      }
      const remote = this.control.remoteAddress;
      const socket = new Promise<net.Socket>((resolve, reject) => {
        const timer = setTimeout(() => {
          server.close();
          reject(new Error('data connection timeout'));
        }, dataTimeoutMs);
        timer.unref();
        server.on('connection', (s: net.Socket) => {
          // Only the client of this session may connect (no port theft by another host).
          if (!sameHost(s.remoteAddress, remote)) {
            s.destroy();
            return;
          }
          clearTimeout(timer);
          server.close();
          s.on('error', () => {});
          this.dataSockets.add(s);
          s.on('close', () => this.dataSockets.delete(s));
          resolve(s);
        });
        server.on('close', () => {
          clearTimeout(timer);
          reject(new Error('passive listener closed'));
        });
      });
      socket.catch(() => {});
      this.passive = { server, socket };
      const port = (server.address() as net.AddressInfo).port;
      if (verb === 'EPSV') return this.reply(229, `Entering Extended Passive Mode (|||${port}|)`);
      return this.reply(227, `Entering Passive Mode (${local4!.replace(/\./g, ',')},${port >> 8},${port & 255})`);
    }

    /** Station and file name of an upload path, or the reason it is refused. */
    private destination(path: string): { chargePointId: string; jobId: number; fileName: string } | string {
      const segments = path.split('/').filter(Boolean);
      const fileName = segments[segments.length - 1];
      if (!fileName) return 'No file name';
      const station = this.grant!.chargePointId;
      const first = segments[0];
      if (segments.length >= 2 && first !== station) return `This login uploads only into ${station}'s folder`;
      return { chargePointId: station, jobId: this.grant!.jobId, fileName };
    }

    private async store(arg: string): Promise<void> {
      const target = this.resolve(arg);
      if (!target) return this.reply(553, 'Path refused');
      const where = this.destination(target);
      if (typeof where === 'string') return this.reply(550, where);
      const passive = this.passive;
      if (!passive) return this.reply(425, 'Use PASV or EPSV first');
      this.passive = undefined;
      let sink;
      try {
        sink = options.store.beginUpload(where.chargePointId, where.fileName);
      } catch (err) {
        passive.server.close();
        return this.reply(553, err instanceof FileStoreError ? err.message : 'File name refused');
      }
      let data: net.Socket;
      try {
        data = await passive.socket;
      } catch {
        await sink.abort();
        return this.reply(425, "Can't open data connection");
      }
      this.reply(150, 'Ok to send data');
      data.setTimeout(dataTimeoutMs, () => data.destroy(new Error('data connection idle')));
      try {
        let completed = false;
        data.once('end', () => (completed = true));
        for await (const chunk of data as AsyncIterable<Buffer>) {
          this.control.setTimeout(idleTimeoutMs); // a long transfer is not an idle control connection
          await sink.write(chunk);
        }
        if (!completed) throw new Error('data connection aborted');
        const stored = await sink.commit();
        sink = undefined;
        await options.onUpload?.({ chargePointId: where.chargePointId, jobId: where.jobId, name: stored.name, size: stored.size, via: 'ftp' });
        this.reply(226, `Transfer complete, stored as ${stored.name} (${stored.size} bytes)`);
      } catch (err) {
        data.destroy();
        if (err instanceof FileStoreError && err.code === 'too-large') this.reply(552, 'Exceeded storage allocation');
        else this.reply(426, 'Connection closed; transfer aborted');
      } finally {
        await sink?.abort();
      }
    }
  }

  const server = net.createServer((socket) => {
    if (sessions.size >= (options.maxSessions ?? 32)) {
      socket.end('421 Too many connections\r\n');
      return;
    }
    sessions.add(new Session(socket));
  });
  // The Session adds itself after construction; construct first so close() can find it.
  const { port } = await listenOn(server, { port: options.port, host: options.host ?? '0.0.0.0' }, LISTENERS.ftp);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of [...sessions]) s.close();
      }),
  };
}
