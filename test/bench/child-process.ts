/**
 * Parent side of a bench child: spawn through bash to raise the file-descriptor limit (10,000 sockets plus the
 * database need more than a default 1,024; raising the hard limit needs root, else the existing hard limit is
 * used), then talk to it over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IpcEvent, IpcMessage, IpcRequest } from './ipc.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FD_LIMIT = 65_536;

export interface SpawnOptions {
  /** Entry file, relative to test/bench/. */
  entry: string;
  /** Extra node flags (e.g. --expose-gc). */
  nodeFlags?: string[];
  /** Passed to the child as JSON in BENCH_CONFIG. */
  config?: unknown;
}

export class BenchChild {
  private seq = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private readonly listeners: Array<(event: IpcEvent) => void> = [];
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (message: IpcMessage) => {
      if (message.kind === 'res') {
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if (message.ok) waiter.resolve(message.value);
        else waiter.reject(new Error(message.error));
      } else if (message.kind === 'event') {
        for (const listener of [...this.listeners]) listener(message);
      }
    });
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        for (const waiter of this.pending.values()) waiter.reject(new Error(`child exited (${code ?? signal}) before answering`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  static spawn(options: SpawnOptions): BenchChild {
    const entry = fileURLToPath(new URL(options.entry, import.meta.url));
    const nodeArgs = [...(options.nodeFlags ?? []), '--import', 'tsx', entry];
    // `exec` keeps the pid and the inherited IPC descriptor; if the limit cannot be raised we run with what we have.
    const script = `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`;
    const proc = spawn('bash', ['-c', script, process.execPath, ...nodeArgs], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_CONFIG: JSON.stringify(options.config ?? {}) },
    });
    return new BenchChild(proc);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  request<T = unknown>(cmd: string, args?: unknown, timeoutMs = 300_000): Promise<T> {
    if (!this.alive || !this.proc.connected) return Promise.reject(new Error(`child ${this.pid} is gone; cannot ${cmd}`));
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`child ${this.pid} did not answer ${cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      this.proc.send({ kind: 'req', id, cmd, args } satisfies IpcRequest);
    });
  }

  onEvent(listener: (event: IpcEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  waitForEvent<T = unknown>(name: string, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => (off(), reject(new Error(`child ${this.pid}: no '${name}' within ${timeoutMs} ms`))), timeoutMs);
      const off = this.onEvent((event) => {
        if (event.name !== name) return;
        clearTimeout(timer);
        off();
        resolve(event.data as T);
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        off();
        reject(new Error(`child ${this.pid} exited before '${name}'`));
      });
    });
  }

  /** SIGKILL (our own child, by pid) and wait for it to be gone. */
  async kill(): Promise<void> {
    if (this.alive) this.proc.kill('SIGKILL');
    await this.exited;
  }
}
