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
  /** The request path up to its last segment, e.g. `/ocpp/`. */
  pathPrefix: string;
  /**
   * The last segment (the identity, OCPP-J 1.6 §3.1.1) as the station wrote it, with any query; null when it is
   * the identity as encodeURIComponent writes it, which is nearly always: then it costs no memory of its own.
   */
  pathTail: string | null;
  tls: TlsFacts | null;
}

/**
 * Hosts and path prefixes are the same for almost every station (the address they were all configured with), so
 * each connection points to one shared string instead of its own copy (~160 → ~70 bytes a connection, measured
 * for 10,000). Bounded: past this many distinct values a connection keeps its own.
 */
const MAX_SHARED_STRINGS = 64;
const sharedStrings = new Map<string, string>();

function shared(value: string): string {
  const known = sharedStrings.get(value);
  if (known !== undefined) return known;
  if (sharedStrings.size < MAX_SHARED_STRINGS) sharedStrings.set(value, value);
  return value;
}

export function handshakeFactsOf(request: IncomingMessage, identity: string): HandshakeFacts {
  const socket = request.socket as Partial<TLSSocket>;
  const encrypted = socket.encrypted === true;
  const path = request.url ?? '/';
  const slash = path.lastIndexOf('/');
  const tail = path.slice(slash + 1);
  return {
    host: shared(request.headers.host ?? `${socket.localAddress ?? '?'}:${socket.localPort ?? '?'}`),
    hostSent: request.headers.host !== undefined,
    pathPrefix: shared(path.slice(0, slash + 1)),
    pathTail: tail === encodeURIComponent(identity) ? null : tail,
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
export function stationUrlOf(facts: HandshakeFacts, identity: string): string {
  return `${facts.tls ? 'wss' : 'ws'}://${facts.host}${facts.pathPrefix}${facts.pathTail ?? encodeURIComponent(identity)}`;
}
