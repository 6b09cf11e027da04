/**
 * The tiny request/response protocol between the bench orchestrator and its child processes (servers and load
 * generator), over Node's IPC channel. Child side here; parent side in child-process.ts.
 */

export interface IpcRequest {
  kind: 'req';
  id: number;
  cmd: string;
  args?: unknown;
}

export interface IpcResponse {
  kind: 'res';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Something the child reports without being asked (ready, a measurement mark). */
export interface IpcEvent {
  kind: 'event';
  name: string;
  data?: unknown;
}

export type IpcMessage = IpcRequest | IpcResponse | IpcEvent;

/**
 * A command of a child: it declares the arguments it takes, and gets what the parent sent (child-process.ts holds the
 * other end). Declared as a method so that TypeScript accepts a handler of any argument type here (method parameters
 * are compared both ways): the IPC channel carries no types.
 */
type Handler = { run(args: unknown): unknown }['run'];

export type Handlers = Record<string, Handler>;

function send(message: IpcMessage): void {
  if (process.send && process.connected) process.send(message);
}

export function emitEvent(name: string, data?: unknown): void {
  send({ kind: 'event', name, data });
}

/**
 * Answer the parent's requests with `handlers`. The child exits when the parent goes away, so a crashed
 * orchestrator never leaves servers or 10,000 sockets behind.
 */
export function serveIpc(handlers: Handlers): void {
  if (!process.send) throw new Error('bench child started without an IPC channel');
  process.on('message', (raw: IpcMessage) => {
    if (raw?.kind !== 'req') return;
    const handler = handlers[raw.cmd];
    if (!handler) return send({ kind: 'res', id: raw.id, ok: false, error: `unknown command ${raw.cmd}` });
    Promise.resolve()
      .then(() => handler(raw.args))
      .then(
        (value) => send({ kind: 'res', id: raw.id, ok: true, value }),
        (err: unknown) => send({ kind: 'res', id: raw.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}
