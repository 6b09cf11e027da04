/**
 * The wss listener (security profiles 2 and 3): the plain endpoint's twin on its own port, with the same
 * handshake pipeline (checkHandshake with `secure: true` and the client certificate), plus the CA that signs
 * station certificates.
 */
import type { AddressInfo } from 'node:net';
import type { OcppServer } from '../server/ocpp-server.js';
import { StationCertificateSigner } from './certificate-signer.js';
import { tlsListenerOptions } from './tls-listener.js';
import { loadTlsMaterial, type TlsFileOptions, type TlsMaterial } from './tls-material.js';

type SignerHost = ConstructorParameters<typeof StationCertificateSigner>[0];

export class TlsEndpoint {
  private constructor(
    readonly material: TlsMaterial,
    readonly server: OcppServer,
    readonly signer: StationCertificateSigner | undefined,
  ) {}

  static async start(options: {
    plain: OcppServer;
    port: number;
    dataDir: string;
    files?: TlsFileOptions;
    extraHosts?: readonly string[];
    host: SignerHost;
    logger: Pick<Console, 'warn'>;
  }): Promise<TlsEndpoint> {
    const material = await loadTlsMaterial({ dataDir: options.dataDir, files: options.files, extraHosts: options.extraHosts });
    const server = options.plain.withTls(options.port, tlsListenerOptions(material));
    await server.listen();
    const signer = material.signer ? new StationCertificateSigner(options.host, material.signer, options.logger) : undefined;
    return new TlsEndpoint(material, server, signer);
  }

  get address(): AddressInfo | null {
    return this.server.address;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
