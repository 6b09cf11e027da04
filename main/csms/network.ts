import type { AddressInfo, ListenOptions, Server } from 'node:net';
import { networkInterfaces } from 'node:os';

/** `server.listen` as a promise: resolves with the bound address, rejects with the bind error (EADDRINUSE, ...). */
export function listenOn(server: Server, options: ListenOptions): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
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
