/**
 * What a technician needs to know about how a station reached us, kept with its open connection: the URL it asked
 * for (scheme, the Host header it sent, the path with its identity: OCPP-J 1.6 §3.1.1), and over TLS (security
 * profiles 2 and 3, OCPP 1.6 Security white paper §2) the TLS version and cipher, the server certificate we
 * presented and the client certificate it presented. A commissioning run's connection check reports them
 * (docs/api.md "Commissioning"). Only the few strings are kept (a connection's idle memory counts: README
 * "Performance"); the certificates themselves are not.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { clientCertificateOf, type ClientCertificate } from '../security/client-certificate.js';

export interface ServerCertificateFacts {
  subject: string | null;
  /** As OpenSSL prints it, e.g. "Dec  6 02:00:00 2027 GMT". */
  validTo: string | null;
  fingerprint256: string | null;
}

export interface TlsFacts {
  /** e.g. TLSv1.2, TLSv1.3. */
  protocol: string | null;
  /** The negotiated cipher suite (OpenSSL name). */
  cipher: string | null;
  serverCertificate: ServerCertificateFacts | null;
  clientCertificate: ClientCertificate;
}

export interface HandshakeFacts {
  /** The Host header as the station sent it (what it was configured with), else the address it reached. */
  host: string;
  /** False when the station sent no Host header (RFC 7230 §5.4 requires one): `host` is then our local address. */
  hostSent: boolean;
  /** The request path and query as received. */
  path: string;
  tls: TlsFacts | null;
}

export function handshakeFactsOf(request: IncomingMessage): HandshakeFacts {
  const socket = request.socket as Partial<TLSSocket>;
  const encrypted = socket.encrypted === true;
  return {
    host: request.headers.host ?? `${socket.localAddress ?? '?'}:${socket.localPort ?? '?'}`,
    hostSent: request.headers.host !== undefined,
    path: request.url ?? '/',
    tls: encrypted ? tlsFactsOf(request, socket as TLSSocket) : null,
  };
}

function tlsFactsOf(request: IncomingMessage, socket: TLSSocket): TlsFacts {
  const own = socket.getCertificate();
  const serverCertificate =
    own && 'subject' in own
      ? {
          subject: own.subject
            ? Object.entries(own.subject)
                .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
                .join(', ')
            : null,
          validTo: own.valid_to ?? null,
          fingerprint256: own.fingerprint256 ?? null,
        }
      : null;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    serverCertificate,
    clientCertificate: clientCertificateOf(request),
  };
}

/** The URL the station connected to, as it would be configured on the station (ws:// or wss://, its Host, the path). */
export function stationUrlOf(facts: HandshakeFacts): string {
  return `${facts.tls ? 'wss' : 'ws'}://${facts.host}${facts.path}`;
}
