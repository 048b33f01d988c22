import type { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { KeepAliveAgents } from './keep-alive-agents.ts';
import { type PeerCertificate, readPeerCertificate } from './peer-certificate.ts';
import { type TlsOptions, tlsTrust } from './tls-trust.ts';

/** Distinct `tls` options with a pool of their own; past this the least recently created closes. */
const MAX_TLS_AGENTS = 32;
/** Checks repeat every few seconds to minutes: idle sockets are kept a minute (servers often close theirs sooner). */
const IDLE_MS = 60_000;

/**
 * The agents of one HTTP client: the default ones, and one pair per distinct `tls` option (trust is
 * a property of the connection, so monitors that trust differently cannot share sockets). A socket's
 * peer certificate is read once, from its handshake, and kept with the socket.
 */
export class AgentPool {
  private readonly shared: KeepAliveAgents;
  private readonly byTls = new Map<string, KeepAliveAgents>();
  private readonly certificates = new WeakMap<Socket, PeerCertificate | null>();

  constructor() {
    this.shared = new KeepAliveAgents({ maxSockets: Number.POSITIVE_INFINITY, idleMs: IDLE_MS });
  }

  /**
   * The agent for this URL and these TLS options, with the key of the sockets it shares (its trust
   * and the origin), or a readable reason why the options cannot be used.
   */
  agentFor(url: URL, tls: TlsOptions | undefined): { agent: Agent; key: string } | string {
    if (tls === undefined || (tls.ca === undefined && tls.insecure !== true)) {
      return { agent: this.shared.for(url), key: url.origin };
    }
    const key = `${tls.insecure === true ? 'insecure' : 'verify'}\n${tls.ca ?? ''}`;
    const known = this.byTls.get(key);
    if (known !== undefined) return { agent: known.for(url), key: `${key}\n${url.origin}` };
    const trust = tlsTrust(tls);
    if ('error' in trust) return trust.error;
    const agents = new KeepAliveAgents({ maxSockets: Number.POSITIVE_INFINITY, idleMs: IDLE_MS, tls: trust });
    this.byTls.set(key, agents);
    // TLS options edited again and again must not keep every earlier pool open: the oldest closes.
    if (this.byTls.size > MAX_TLS_AGENTS) {
      const [oldestKey, oldest] = this.byTls.entries().next().value as [string, KeepAliveAgents];
      this.byTls.delete(oldestKey);
      oldest.destroy();
    }
    return { agent: agents.for(url), key: `${key}\n${url.origin}` };
  }

  /** The certificate the server presented on this socket's handshake; undefined for plain TCP. */
  certificateOf(socket: Socket): PeerCertificate | undefined {
    if (!(socket instanceof TLSSocket)) return undefined;
    let cert = this.certificates.get(socket);
    if (cert === undefined) {
      cert = readPeerCertificate(socket);
      this.certificates.set(socket, cert);
    }
    return cert ?? undefined;
  }

  destroy(): void {
    this.shared.destroy();
    for (const agents of this.byTls.values()) agents.destroy();
    this.byTls.clear();
  }
}
