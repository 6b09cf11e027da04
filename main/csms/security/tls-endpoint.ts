/**
 * The wss listener (security profiles 2 and 3): the plain endpoint's twin on its own port, with the same
 * handshake pipeline (checkHandshake with `secure: true` and the client certificate), plus the CA that signs
 * station certificates.
 */
import type { AddressInfo } from 'node:net';
import type { OcppServer } from '../server/ocpp-server.js';
import { StationCertificateSigner, type SignerHost } from './certificate-signer.js';
import { tlsListenerOptions } from './tls-listener.js';
import type { TlsMaterial } from './tls-material.js';

export class TlsEndpoint {
  private constructor(
    readonly material: TlsMaterial,
    readonly server: OcppServer,
    readonly signer: StationCertificateSigner | undefined,
  ) {}

  /** The listener over `material` (loaded with loadTlsMaterial), not yet listening: see listen(). */
  static create(options: { plain: OcppServer; port: number; material: TlsMaterial; host: SignerHost; logger: Pick<Console, 'warn'> }): TlsEndpoint {
    const { material } = options;
    const server = options.plain.withTls(options.port, tlsListenerOptions(material));
    const signer = material.signer ? new StationCertificateSigner(options.host, material.signer, options.logger) : undefined;
    return new TlsEndpoint(material, server, signer);
  }

  async listen(): Promise<void> {
    await this.server.listen();
  }

  get address(): AddressInfo | null {
    return this.server.address;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
