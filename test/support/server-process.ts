/**
 * The headless central system as a real child process (main/headless/serve.ts), for tests and the soak that kill
 * it (SIGKILL) or stop it (SIGTERM) and start it again on the same data folder and ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout the server's sources are taken from (this file's repository). */
export const SERVER_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The tail of the server's output kept for messages: a soak runs for an hour. */
const OUTPUT_KEPT_CHARS = 64 * 1024;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerPorts {
  ocppPort: number;
  apiPort: number;
  filePort: number;
}

export async function freeServerPorts(): Promise<ServerPorts> {
  return { ocppPort: await freePort(), apiPort: await freePort(), filePort: await freePort() };
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed (stdout and stderr), for failure messages and the crash warning. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGKILL: no chance to close connections or flush anything. */
  kill(): Promise<number | string>;
  /** SIGTERM: the headless mode's clean stop. */
  stop(): Promise<number | string>;
}

/** Resolves true once something accepts TCP connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * Starts serve.ts and resolves once its OCPP and API ports accept connections (watching the ports rather than the
 * start-up text, which is meant for people).
 */
export function startServerProcess(options: {
  dataDir: string;
  ports: ServerPorts;
  extraArgs?: string[];
  nodeFlags?: string[];
}): Promise<ServerProcess> {
  const { dataDir, ports } = options;
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      '--import',
      'tsx',
      'main/headless/serve.ts',
      ...['--ocpp-host', '127.0.0.1', '--ocpp-port', String(ports.ocppPort)],
      ...['--api-port', String(ports.apiPort), '--file-port', String(ports.filePort), '--ftp-port', 'off'],
      ...['--data-dir', dataDir, '--registration-policy', 'accept'],
      ...(options.extraArgs ?? []),
    ],
    { cwd: SERVER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (output = (output + d).slice(-OUTPUT_KEPT_CHARS)));
  child.stderr.on('data', (d: string) => (output = (output + d).slice(-OUTPUT_KEPT_CHARS)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const handle: ServerProcess = {
    child,
    output: () => output,
    exited,
    kill: () => (child.kill('SIGKILL'), exited),
    stop: () => (child.kill('SIGTERM'), exited),
  };
  return (async () => {
    let gone: number | string | undefined;
    void exited.then((code) => (gone = code));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (gone !== undefined) throw new Error(`server exited (${gone}) before listening:\n${output}`);
      if ((await accepts(ports.ocppPort)) && (await accepts(ports.apiPort))) return handle;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`server not listening within 120 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
}
