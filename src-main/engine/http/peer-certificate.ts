import type { PeerCertificate as NodePeerCertificate, TLSSocket } from 'node:tls';

/** The certificate a TLS server presented, as a check reports it. */
export interface PeerCertificate {
  /** Epoch ms of `valid_to`. */
  validTo: number;
  issuer: string;
  subject: string;
}

/** The leaf certificate of a connected TLS socket; null when it sent none or its dates cannot be read. */
export function readPeerCertificate(socket: TLSSocket): PeerCertificate | null {
  const cert = socket.getPeerCertificate();
  if (cert === null || typeof cert.valid_to !== 'string') return null;
  const validTo = Date.parse(cert.valid_to);
  if (!Number.isFinite(validTo)) return null;
  return { validTo, issuer: distinguishedName(cert.issuer), subject: distinguishedName(cert.subject) };
}

/** `CN=Test CA, O=Example` from Node's `{ CN: 'Test CA', O: 'Example' }`. */
function distinguishedName(name: NodePeerCertificate['subject'] | undefined): string {
  if (name === undefined || name === null) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}
