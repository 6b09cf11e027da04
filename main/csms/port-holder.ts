/**
 * Who holds a TCP port: asked when one of our listeners cannot bind, so the operator reads "held by PID 1234
 * (node other-csms.js)" instead of guessing. Best effort and bounded in time: on Linux the kernel's socket tables
 * (/proc/net/tcp, tcp6) and each process's open files; on macOS `lsof`; on Windows `netstat -ano` and `tasklist`.
 * A holder that cannot be seen (another user's process, a container) is reported as unknown, with the command that
 * finds it.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface PortHolder {
  pid: number;
  /** Command line (Linux, Windows: image name), or the command name (macOS); null when it could not be read. */
  command: string | null;
}

const LOOKUP_TIMEOUT_MS = 3_000;
const COMMAND_SHOWN_CHARS = 200;

/** The command that lists the listener on `port` on this platform, for the operator to run (e.g. as administrator). */
export function portLookupCommand(port: number, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `netstat -ano | findstr :${port}`;
  if (platform === 'linux') return `ss -ltnp 'sport = :${port}'`;
  return `lsof -nP -iTCP:${port} -sTCP:LISTEN`;
}

/** The process listening on TCP `port`, or null when it cannot be found. Never throws. */
export async function findPortHolder(port: number): Promise<PortHolder | null> {
  try {
    const lookup = process.platform === 'linux' ? linuxHolder(port) : process.platform === 'win32' ? windowsHolder(port) : lsofHolder(port);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS)));
    const holder = await Promise.race([lookup.catch(() => null), timeout]);
    clearTimeout(timer);
    return holder;
  } catch {
    return null;
  }
}

function shorten(command: string): string {
  return command.length > COMMAND_SHOWN_CHARS ? `${command.slice(0, COMMAND_SHOWN_CHARS)}…` : command;
}

/** Inodes of the sockets listening on `port` (state 0A = TCP_LISTEN in the kernel's tables). */
async function listeningInodes(port: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local || fields[3] !== '0A') continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9] && fields[9] !== '0') inodes.add(fields[9]);
    }
  }
  return inodes;
}

async function linuxHolder(port: number): Promise<PortHolder | null> {
  const inodes = await listeningInodes(port);
  if (inodes.size === 0) return null;
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (!wanted.has(target)) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      const command = cmdline.split('\0').filter(Boolean).join(' ');
      return { pid: Number(entry), command: command ? shorten(command) : null };
    }
  }
  return null;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { timeout: LOOKUP_TIMEOUT_MS, windowsHide: true }, (err, stdout) =>
      err && !stdout ? reject(new Error(err.message, { cause: err })) : resolve(stdout),
    ),
  );
}

async function lsofHolder(port: number): Promise<PortHolder | null> {
  // -F pc: one field per line, "p<pid>" then "c<command>".
  const out = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']);
  const pid = /^p(\d+)$/m.exec(out)?.[1];
  if (!pid) return null;
  return { pid: Number(pid), command: /^c(.+)$/m.exec(out)?.[1] ?? null };
}

async function windowsHolder(port: number): Promise<PortHolder | null> {
  const out = await run('netstat', ['-ano', '-p', 'TCP']);
  const line = out.split(/\r?\n/).find((l) => new RegExp(`:${port}\\s+\\S+\\s+LISTENING\\s+\\d+\\s*$`).test(l));
  const pid = line ? /(\d+)\s*$/.exec(line)?.[1] : undefined;
  if (!pid) return null;
  const task = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']).catch(() => '');
  return { pid: Number(pid), command: /^"([^"]+)"/.exec(task.trim())?.[1] ?? null };
}
