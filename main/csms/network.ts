import type { AddressInfo, ListenOptions, Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { findPortHolder, portLookupCommand, type PortHolder } from './port-holder.js';

/** One of our listeners, named as the operator knows it, with the options that move it. */
export interface ListenerSpec {
  /** What listens, e.g. "OCPP listener (ws://)". */
  name: string;
  /** The flag and environment variable that choose its port. */
  portFlag: string;
  portEnv: string;
  /** The flag that chooses its bind address. */
  hostFlag: string;
  /** What else the operator may do instead, e.g. turn the listener off. */
  alternative?: string;
}

/** Every listener the central system starts (README "Settings" lists their flags). */
export const LISTENERS = {
  ocpp: { name: 'OCPP listener (ws://)', portFlag: '--ocpp-port', portEnv: 'CSMS_OCPP_PORT', hostFlag: '--ocpp-host' },
  ocppTls: {
    name: 'OCPP TLS listener (wss://)',
    portFlag: '--ocpp-tls-port',
    portEnv: 'CSMS_OCPP_TLS_PORT',
    hostFlag: '--ocpp-host',
    alternative: '--ocpp-tls-port off',
  },
  api: { name: 'operator API and console', portFlag: '--api-port', portEnv: 'CSMS_API_PORT', hostFlag: '--api-host' },
  fileHttp: { name: 'firmware/diagnostics file server (HTTP)', portFlag: '--file-port', portEnv: 'CSMS_FILE_PORT', hostFlag: '--ocpp-host' },
  ftp: { name: 'FTP receiver', portFlag: '--ftp-port', portEnv: 'CSMS_FTP_PORT', hostFlag: '--ocpp-host', alternative: '--ftp-port off' },
} as const satisfies Record<string, ListenerSpec>;

/**
 * A listener could not bind. The message says which listener, which port and address, who holds the port (when
 * that can be found) and which flag moves it, so a start never fails silently or with a bare EADDRINUSE.
 */
export class ListenError extends Error {
  constructor(
    readonly listener: ListenerSpec,
    readonly host: string,
    readonly port: number,
    /** The bind error's code: EADDRINUSE, EACCES, EADDRNOTAVAIL, ... */
    readonly code: string,
    readonly holder: PortHolder | null,
    options: { cause: unknown },
  ) {
    super(listenErrorMessage(listener, host, port, code, holder), options);
    this.name = 'ListenError';
  }
}

function listenErrorMessage(listener: ListenerSpec, host: string, port: number, code: string, holder: PortHolder | null): string {
  const where = `port ${port} on ${host}`;
  const move = `choose another port with ${listener.portFlag} (or ${listener.portEnv})${listener.alternative ? `, or turn it off with ${listener.alternative}` : ''}`;
  if (code === 'EADDRINUSE') {
    const held = holder
      ? `It is held by PID ${holder.pid}${holder.pid === process.pid ? ' (this process)' : ''}${holder.command ? `: ${holder.command}` : ''}.`
      : `The program holding it could not be identified from here (another user's or a system process?); find it with: ${portLookupCommand(port)}`;
    return `The ${listener.name} cannot listen: ${where} is already in use. ${held} Stop that program, or ${move}.`;
  }
  if (code === 'EACCES')
    return `The ${listener.name} cannot listen on ${where}: permission denied (ports below 1024 need administrator rights on most systems). ${move[0]!.toUpperCase()}${move.slice(1)}.`;
  if (code === 'EADDRNOTAVAIL')
    return `The ${listener.name} cannot listen on ${where}: ${host} is not an address of this machine. Choose another with ${listener.hostFlag}.`;
  return `The ${listener.name} cannot listen on ${where} (${code}). Check ${listener.hostFlag} and ${listener.portFlag}.`;
}

/**
 * `server.listen` as a promise: resolves with the bound address, rejects with the bind error (EADDRINUSE, ...),
 * as a ListenError naming the listener, its flag and the port's holder when `listener` is given.
 */
export function listenOn(server: Server, options: ListenOptions, listener?: ListenerSpec): Promise<AddressInfo> {
  return new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  }).catch(async (err: NodeJS.ErrnoException) => {
    if (!listener || typeof err.code !== 'string') throw err;
    const port = options.port ?? 0;
    const holder = err.code === 'EADDRINUSE' ? await findPortHolder(port) : null;
    throw new ListenError(listener, options.host ?? '0.0.0.0', port, err.code, holder, { cause: err });
  });
}

/** The URLs a charger on the LAN can use, one per IPv4 address of this machine (the connection doctor shows them). */
export function ocppUrls(host: string, port: number, scheme: 'ws' | 'wss' = 'ws'): string[] {
  const hosts: string[] = [];
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) if (address.family === 'IPv4') hosts.push(address.address);
    }
  } else {
    hosts.push(host);
  }
  return hosts.map((h) => `${scheme}://${h}:${port}/ocpp/<chargePointId>`);
}
