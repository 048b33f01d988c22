import { TLSSocket } from 'node:tls';
import { abortSafeConnector } from './abort-safe-connector.ts';
import { type PeerCertificate, readPeerCertificate } from './peer-certificate.ts';
import { type TlsOptions, tlsTrust } from './tls-trust.ts';
import { Agent, type BuildConnector } from './undici-parts.ts';

/** Distinct `tls` options with a pool of their own; past this the least recently created closes. */
const MAX_TLS_AGENTS = 32;

export interface AgentPoolOptions {
  connections: number;
  connectTimeoutMs: number;
}

/**
 * The undici Agents of one HTTP client: the default one, and one per distinct `tls` option (trust is
 * a property of the connection, so monitors that trust differently cannot share sockets). Every TLS
 * connection's peer certificate is remembered per host:port; a keep-alive socket keeps the
 * certificate of its handshake, so the last handshake with a host is what its checks talked to.
 */
export class AgentPool {
  private readonly options: AgentPoolOptions;
  private readonly shared: Agent;
  private readonly byTls = new Map<string, Agent>();
  private readonly certificates = new Map<string, PeerCertificate>();

  constructor(options: AgentPoolOptions) {
    this.options = options;
    this.shared = this.agent({});
  }

  /** The agent for these TLS options, or a readable reason why they cannot be used. */
  agentFor(tls: TlsOptions | undefined): Agent | string {
    if (tls === undefined || (tls.ca === undefined && tls.insecure !== true)) return this.shared;
    const key = `${tls.insecure === true ? 'insecure' : 'verify'}\n${tls.ca ?? ''}`;
    const known = this.byTls.get(key);
    if (known !== undefined) return known;
    const trust = tlsTrust(tls);
    if ('error' in trust) return trust.error;
    const agent = this.agent(trust);
    this.byTls.set(key, agent);
    // TLS options edited again and again must not keep every earlier pool open: the oldest closes.
    if (this.byTls.size > MAX_TLS_AGENTS) {
      const [oldestKey, oldest] = this.byTls.entries().next().value as [string, Agent];
      this.byTls.delete(oldestKey);
      void oldest.close();
    }
    return agent;
  }

  /** The certificate of the last TLS handshake with the URL's host and port. */
  certificateOf(url: URL): PeerCertificate | undefined {
    return this.certificates.get(hostKey(url.hostname, url.port));
  }

  async destroy(): Promise<void> {
    const agents = [this.shared, ...this.byTls.values()];
    this.byTls.clear();
    await Promise.all(agents.map((agent) => agent.destroy()));
  }

  private agent(tls: BuildConnector.BuildOptions): Agent {
    const connect = abortSafeConnector({ timeout: this.options.connectTimeoutMs, ...tls });
    return new Agent({
      connections: this.options.connections,
      connect: (connectOptions, callback) =>
        connect(connectOptions, (err, socket) => {
          if (socket instanceof TLSSocket) {
            const cert = readPeerCertificate(socket);
            const key = hostKey(connectOptions.hostname, connectOptions.port);
            if (cert !== null) this.certificates.set(key, cert);
          }
          if (err !== null || socket === null) callback(err ?? new Error('connection failed'), null);
          else callback(null, socket);
        }),
      // Checks repeat every few seconds to minutes: keep idle sockets longer than undici's 4 s default.
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
    });
  }
}

function hostKey(hostname: string, port: string): string {
  return `${hostname}:${port === '' ? '443' : port}`;
}
