import type { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { HttpAgent, HttpsAgent } from './node-http.ts';

// A request destroyed before its new socket was handed to it (a check aborted or timed out at once)
// gives that socket back as "free" (Node's agent does so): a socket that has read nothing yet, not
// even a TLS handshake, is closed instead of waiting in the pool for a server that may never answer.
class UsedSocketsHttpAgent extends HttpAgent {
  override keepSocketAlive(socket: Socket): boolean {
    if (socket.bytesRead === 0) return false;
    super.keepSocketAlive(socket);
    return true;
  }
}
class UsedSocketsHttpsAgent extends HttpsAgent {
  override keepSocketAlive(socket: Socket): boolean {
    if (socket.bytesRead === 0) return false;
    super.keepSocketAlive(socket);
    return true;
  }
}

export interface KeepAliveOptions {
  /** Sockets per origin (Infinity when the caller bounds its own requests). */
  maxSockets: number;
  /** An idle socket closes after this (or 1 s before the server's own `Keep-Alive: timeout`). */
  idleMs: number;
  /** TLS options of the https agent: a private CA, or no verification. */
  tls?: { ca?: string[]; rejectUnauthorized: boolean };
}

/**
 * A keep-alive `node:http` agent and a `node:https` one, picked by a URL's protocol. Idle sockets
 * are reused last-in first-out, so a quiet spell lets the extra ones reach their idle timeout.
 */
export class KeepAliveAgents {
  private readonly http: Agent;
  private readonly https: Agent;

  constructor(options: KeepAliveOptions) {
    const common = {
      keepAlive: true,
      maxSockets: options.maxSockets,
      timeout: options.idleMs,
      scheduling: 'lifo',
    } as const;
    this.http = new UsedSocketsHttpAgent(common);
    this.https = new UsedSocketsHttpsAgent({ ...common, ...options.tls });
  }

  for(url: URL): Agent {
    return url.protocol === 'https:' ? this.https : this.http;
  }

  /** Closes every socket, idle or carrying a request (which then fails). */
  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
